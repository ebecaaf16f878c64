package io.trigger4j.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.trigger4j.client.model.auth.PublicTokenRequest;
import io.trigger4j.client.model.auth.ScopeResource;
import io.trigger4j.client.model.auth.Scopes;
import io.trigger4j.client.model.batches.BatchItem;
import io.trigger4j.client.model.batches.BatchOptions;
import io.trigger4j.client.model.envvars.ImportEnvVarsRequest;
import io.trigger4j.client.model.query.QueryRequest;
import io.trigger4j.client.model.queues.QueueRef;
import io.trigger4j.client.model.runs.ListRunsRequest;
import io.trigger4j.client.model.schedules.CreateScheduleRequest;
import io.trigger4j.client.model.schedules.UpdateScheduleRequest;
import io.trigger4j.client.model.waitpoints.CreateWaitpointTokenRequest;
import io.trigger4j.client.model.waitpoints.ListWaitpointTokensRequest;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * One call of each operation of the table, with sample arguments: tests that must reach
 * every operation go through here, and a row without a public method to call fails here.
 */
final class OperationInvocations {

	private static final String PROJECT = "proj_yubjwjsfkxnylobaqvqz";

	/** A token's callback URL on the test server's origin (the client uses its path). */
	private static final String CALLBACK_URL = "https://api.trigger.dev/api/v1/waitpoints/tokens/waitpoint_1/callback/"
			+ "a".repeat(64);

	private OperationInvocations() {
	}

	static Flux<?> invoke(TriggerOperations trigger, Operation operation) {
		Publisher<?> call = switch (operation) {
			case TASKS_TRIGGER -> trigger.tasks().trigger("t", Map.of("n", 1));
			case TASKS_BATCH_TRIGGER ->
				trigger.tasks().batchTrigger("t", List.of(BatchItem.of("t", 1)), BatchOptions.none());
			case TASKS_BATCH_TRIGGER_MANY ->
				trigger.tasks().batchTrigger(List.of(BatchItem.of("t", 1)), BatchOptions.none());
			case RUNS_RETRIEVE -> trigger.runs().retrieve("run_1");
			case RUNS_LIST -> trigger.runs().listPage(ListRunsRequest.all(), null);
			case RUNS_CANCEL -> trigger.runs().cancel("run_1");
			case RUNS_REPLAY -> trigger.runs().replay("run_1");
			case RUNS_RESCHEDULE -> trigger.runs().reschedule("run_1", Duration.ofMinutes(1));
			case RUNS_ADD_TAGS -> trigger.runs().addTags("run_1", List.of("a"));
			case RUNS_UPDATE_METADATA -> trigger.runs().updateMetadata("run_1", Map.of("a", 1));
			case RUNS_RESULT -> trigger.runs().result("run_1");
			case RUNS_LIST_FOR_PROJECT ->
				trigger.runs().listPageForProject(PROJECT, List.of("prod"), ListRunsRequest.all(), null);
			case SCHEDULES_TIMEZONES -> trigger.schedules().timezones(false);
			case ENV_VARS_LIST -> trigger.envVars().list(PROJECT, "prod");
			case ENV_VARS_CREATE -> trigger.envVars().create(PROJECT, "prod", "A", "1");
			case ENV_VARS_IMPORT -> trigger.envVars()
				.importVariables(PROJECT, "prod", ImportEnvVarsRequest.builder().variable("A", "1").build());
			case ENV_VARS_RETRIEVE -> trigger.envVars().retrieve(PROJECT, "prod", "A");
			case ENV_VARS_UPDATE -> trigger.envVars().update(PROJECT, "prod", "A", "2");
			case ENV_VARS_DELETE -> trigger.envVars().delete(PROJECT, "prod", "A");
			case SCHEDULES_CREATE -> trigger.schedules()
				.create(CreateScheduleRequest.builder().task("t").cron("0 * * * *").deduplicationKey("k").build());
			case SCHEDULES_LIST -> trigger.schedules().listPage(1, 20);
			case SCHEDULES_RETRIEVE -> trigger.schedules().retrieve("sched_1");
			case SCHEDULES_UPDATE -> trigger.schedules()
				.update("sched_1", UpdateScheduleRequest.builder().task("t").cron("0 * * * *").build());
			case SCHEDULES_DELETE -> trigger.schedules().delete("sched_1");
			case SCHEDULES_DEACTIVATE -> trigger.schedules().deactivate("sched_1");
			case SCHEDULES_ACTIVATE -> trigger.schedules().activate("sched_1");
			case QUEUES_LIST -> trigger.queues().listPage(1, 25);
			case QUEUES_RETRIEVE -> trigger.queues().retrieve(QueueRef.id("queue_1"));
			case QUEUES_PAUSE -> trigger.queues().pause(QueueRef.task("t"));
			case QUEUES_OVERRIDE_CONCURRENCY -> trigger.queues().overrideConcurrencyLimit(QueueRef.task("t"), 1);
			case QUEUES_RESET_CONCURRENCY -> trigger.queues().resetConcurrencyLimit(QueueRef.task("t"));
			case DEPLOYMENTS_RETRIEVE -> trigger.deployments().retrieve("deployment_1");
			case DEPLOYMENTS_LATEST -> trigger.deployments().latest();
			case DEPLOYMENTS_PROMOTE -> trigger.deployments().promote("20260820.3");
			case WAITPOINTS_CREATE_TOKEN -> trigger.waitpoints().createToken(CreateWaitpointTokenRequest.none());
			case WAITPOINTS_LIST_TOKENS -> trigger.waitpoints().listTokensPage(ListWaitpointTokensRequest.all(), null);
			case WAITPOINTS_RETRIEVE_TOKEN -> trigger.waitpoints().retrieveToken("waitpoint_1");
			case WAITPOINTS_COMPLETE_TOKEN -> trigger.waitpoints().completeToken("waitpoint_1", Map.of());
			case WAITPOINTS_COMPLETE_VIA_CALLBACK ->
				trigger.waitpoints().completeViaCallbackUrl(CALLBACK_URL, Map.of());
			case BATCHES_RETRIEVE -> trigger.batches().retrieve("batch_1");
			case BATCHES_RESULTS -> trigger.batches().results("batch_1");
			case RUNS_TRACE -> trigger.runs().trace("run_1");
			case RUNS_EVENTS -> trigger.runs().events("run_1");
			case QUERY_EXECUTE -> trigger.query().execute(QueryRequest.of("SELECT count() FROM runs"));
			case IDEMPOTENCY_KEYS_RESET -> trigger.idempotencyKeys().reset("t", "order-42");
			// Phase 1 answered with an id is followed by phase 2.
			case BATCHES_CREATE, BATCHES_STREAM_ITEMS ->
				trigger.tasks().batchTrigger(Flux.just(BatchItem.of("t", 1)), BatchOptions.none());
			case REALTIME_RUN -> trigger.runs().subscribeToRun("run_1");
			case REALTIME_RUNS_WITH_TAG -> trigger.runs().subscribeToRunsWithTag(List.of("a"), Duration.ofHours(1));
			case REALTIME_BATCH -> trigger.runs().subscribeToBatch("batch_1");
			case REALTIME_STREAM -> trigger.runs().streamOf("run_1", "openai", String.class);
			// A payload of 128 KiB or more is uploaded before the trigger.
			case PACKETS_UPLOAD -> trigger.tasks().trigger("t", Map.of("text", "x".repeat(128 * 1024)));
			// Only a realtime run's packet stored apart is downloaded by its path.
			case PACKETS_DOWNLOAD -> new Packets(((DefaultTriggerOperations) trigger).http()).importPacket("packets/p");
			// A secret key signs locally with the environment's claims; an additional key
			// (tr_<env>_sk_...) has the server mint the token.
			case AUTH_JWT_CLAIMS, AUTH_PUBLIC_TOKENS -> trigger.auth()
				.createPublicToken(PublicTokenRequest.of(Scopes.builder().read(ScopeResource.RUNS, "run_1").build()));
		};
		return Flux.from(call);
	}

}
