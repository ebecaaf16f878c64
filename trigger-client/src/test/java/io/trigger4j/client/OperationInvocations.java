package io.trigger4j.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.trigger4j.client.model.batches.BatchItem;
import io.trigger4j.client.model.batches.BatchOptions;
import io.trigger4j.client.model.runs.ListRunsRequest;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * One call of each operation of the table, with sample arguments: tests that must reach
 * every operation go through here, and a row without a public method to call fails here.
 */
final class OperationInvocations {

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
			case RUNS_LIST_FOR_PROJECT -> trigger.runs()
				.listPageForProject("proj_yubjwjsfkxnylobaqvqz", List.of("prod"), ListRunsRequest.all(), null);
			case SCHEDULES_TIMEZONES -> trigger.schedules().timezones(false);
			case ENV_VARS_LIST -> trigger.envVars().list("proj_yubjwjsfkxnylobaqvqz", "prod");
			// TODO(issue 11): each row below gets its call as its method lands.
			case ENV_VARS_CREATE, ENV_VARS_IMPORT, ENV_VARS_RETRIEVE, ENV_VARS_UPDATE, ENV_VARS_DELETE,
					SCHEDULES_CREATE, SCHEDULES_LIST, SCHEDULES_RETRIEVE, SCHEDULES_UPDATE, SCHEDULES_DELETE,
					SCHEDULES_DEACTIVATE, SCHEDULES_ACTIVATE, QUEUES_LIST, QUEUES_RETRIEVE, QUEUES_PAUSE,
					QUEUES_OVERRIDE_CONCURRENCY, QUEUES_RESET_CONCURRENCY, DEPLOYMENTS_RETRIEVE, DEPLOYMENTS_LATEST,
					DEPLOYMENTS_PROMOTE ->
				throw new UnsupportedOperationException(operation + " has no method yet");
		};
		return Flux.from(call);
	}

}
