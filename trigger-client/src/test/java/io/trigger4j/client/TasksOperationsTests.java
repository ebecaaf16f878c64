package io.trigger4j.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.trigger4j.client.model.MachinePreset;
import io.trigger4j.client.model.batches.BatchItem;
import io.trigger4j.client.model.batches.BatchOptions;
import io.trigger4j.client.model.batches.BatchTriggerResult;
import io.trigger4j.client.model.batches.BatchTriggered;
import io.trigger4j.client.model.tasks.IdempotencyKey;
import io.trigger4j.client.model.tasks.TriggerOptions;
import io.trigger4j.client.model.tasks.TriggeredRun;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.findAll;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

@WireMockTest
class TasksOperationsTests {

	record Welcome(String email, int attempt) {
	}

	@Test
	void triggerSendsEveryOptionAndTheCommonHeaders(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/tasks/send-welcome-email/trigger").willReturn(okJson("""
				{"id":"run_06g27kcm0cv5e0ojs9ovnvj7e1","isCached":false,"someNewField":1}""")
			.withHeader("x-trigger-jwt", "eyJhbGciOiJIUzI1NiJ9.e30.sig")));
		TriggerOperations client = TestClients.builder(wm).branch("feature-x").build();

		TriggerOptions options = TriggerOptions.builder()
			.queue("emails", 5)
			.concurrencyKey("user-42")
			.idempotencyKey("signup-4711")
			.idempotencyKeyTtl(Duration.ofHours(2))
			.delay(Duration.ofMinutes(90))
			.ttl("1h42m")
			.tags("tenant:acme", "user:42")
			.metadata(Map.of("progress", 0))
			.maxAttempts(3)
			.maxDuration(Duration.ofMinutes(5))
			.machine(MachinePreset.SMALL_2X)
			.test(true)
			.priority(Duration.ofSeconds(30))
			.region("us-east-1")
			.lockToVersion("20260820.3")
			.context(Map.of("source", "signup"))
			.build();
		TriggeredRun run = client.tasks().trigger("send-welcome-email", new Welcome("a@b.c", 1), options).block();

		assertThat(run.id()).isEqualTo("run_06g27kcm0cv5e0ojs9ovnvj7e1");
		assertThat(run.isCached()).isFalse();
		assertThat(run.publicAccessToken()).isEqualTo("eyJhbGciOiJIUzI1NiJ9.e30.sig");
		assertThat(run.toString()).doesNotContain("eyJ");
		verify(postRequestedFor(urlEqualTo("/api/v1/tasks/send-welcome-email/trigger"))
			.withHeader("Authorization", equalTo("Bearer " + TestClients.SECRET_KEY))
			.withHeader("Content-Type", equalTo("application/json"))
			.withHeader("Content-Length", matching("\\d+"))
			.withHeader("Transfer-Encoding", absent())
			.withHeader("Accept", equalTo("application/json"))
			.withHeader("User-Agent", matching("trigger4j/\\S+ \\(Java .+\\)"))
			.withHeader("x-trigger-api-version", equalTo("2025-07-16"))
			.withHeader("x-trigger-branch", equalTo("feature-x"))
			.withHeader("x-trigger-request-idempotency-key", matching("[0-9a-f-]{36}"))
			.withRequestBody(equalToJson("""
					{
					  "payload": {"email": "a@b.c", "attempt": 1},
					  "context": {"source": "signup"},
					  "options": {
					    "queue": {"name": "emails", "concurrencyLimit": 5},
					    "concurrencyKey": "user-42",
					    "idempotencyKey": "%s",
					    "idempotencyKeyTTL": "2h",
					    "idempotencyKeyOptions": {"key": "signup-4711", "scope": "run"},
					    "delay": "1h30m",
					    "ttl": "1h42m",
					    "tags": ["tenant:acme", "user:42"],
					    "metadata": {"progress": 0},
					    "maxAttempts": 3,
					    "maxDuration": 300,
					    "machine": "small-2x",
					    "test": true,
					    "priority": 30,
					    "region": "us-east-1",
					    "lockToVersion": "20260820.3"
					  }
					}""".formatted(IdempotencyKey.of("signup-4711").hash()), false, false)));
	}

	@Test
	void triggerWithoutOptionsSendsOnlyThePayloadAndNoBranch(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/tasks/hello/trigger").willReturn(okJson("{\"id\":\"run_1\",\"isCached\":true}")));
		TriggerOperations client = TestClients.builder(wm)
			.retry(TestClients.FAST_RETRY.withGeneratedIdempotencyKeys(false))
			.build();

		TriggeredRun run = client.tasks().trigger("hello", "plain text").block();

		assertThat(run).isEqualTo(new TriggeredRun("run_1", true, null));
		verify(postRequestedFor(urlEqualTo("/api/v1/tasks/hello/trigger")).withHeader("x-trigger-branch", absent())
			.withRequestBody(equalToJson("{\"payload\":\"plain text\"}", false, false)));
	}

	@Test
	void delayUntilAnInstantIsSentAsIsoDateTime(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/tasks/hello/trigger").willReturn(okJson("{\"id\":\"run_1\"}")));

		TestClients.client(wm)
			.tasks()
			.trigger("hello", Map.of(),
					TriggerOptions.builder().delayUntil(java.time.Instant.parse("2026-12-01T10:00:00Z")).build())
			.block();

		verify(postRequestedFor(urlEqualTo("/api/v1/tasks/hello/trigger")).withRequestBody(
				equalToJson("{\"payload\":{},\"options\":{\"delay\":\"2026-12-01T10:00:00Z\"}}", false, true)));
	}

	@Test
	void taskIdentifierIsEncodedAsOnePathSegment(WireMockRuntimeInfo wm) {
		stubFor(post(urlPathEqualTo("/api/v1/tasks/reports%20daily%20run/trigger"))
			.willReturn(okJson("{\"id\":\"run_2\"}")));

		TriggeredRun run = TestClients.client(wm).tasks().trigger("reports daily run", Map.of()).block();

		assertThat(run.id()).isEqualTo("run_2");
	}

	@Test
	void taskIdentifierWithASlashIsRefusedBeforeSending(WireMockRuntimeInfo wm) {
		// the official SDK puts the identifier into the path unencoded, so no task with a
		// '/' in its id can be triggered through the API
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TestClients.client(wm).tasks().trigger("reports/daily", Map.of()))
			.withMessageContaining("taskIdentifier")
			.withMessageContaining("reports/daily");
		assertThat(findAll(anyRequestedFor(anyUrl()))).isEmpty();
	}

	@Test
	void batchTriggerOfOneTaskSendsItemsAndTheBatchIdempotencyHeaders(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/tasks/resize/batch").willReturn(okJson("""
				{"batchId":"batch_abc","runs":["run_a","run_b"],"someNewField":1}""").withHeader("x-trigger-jwt",
				"jwt-value")));

		BatchTriggerResult result = TestClients.client(wm)
			.tasks()
			.batchTrigger("resize",
					List.of(BatchItem.of("ignored", Map.of("image", 1)),
							BatchItem.of("ignored", Map.of("image", 2), TriggerOptions.builder().tags("big").build())),
					BatchOptions.idempotent("nightly-2026-11-22").withIdempotencyKeyTtl(Duration.ofDays(1)))
			.block();

		assertThat(result.batchId()).isEqualTo("batch_abc");
		assertThat(result.runs()).containsExactly("run_a", "run_b");
		assertThat(result.publicAccessToken()).isEqualTo("jwt-value");
		assertThat(result.toString()).doesNotContain("jwt-value");
		verify(postRequestedFor(urlEqualTo("/api/v1/tasks/resize/batch"))
			.withHeader("idempotency-key", equalTo(IdempotencyKey.of("nightly-2026-11-22").hash()))
			.withHeader("idempotency-key-ttl", equalTo("1d"))
			.withHeader("Content-Length", matching("\\d+"))
			.withRequestBody(equalToJson(
					"""
							{"items":[{"payload":{"image":1},"options":{"idempotencyKey":"%s","idempotencyKeyTTL":"1d"}},
							 {"payload":{"image":2},"options":{"tags":["big"],"idempotencyKey":"%s","idempotencyKeyTTL":"1d"}}]}"""
						.formatted(IdempotencyKey.of("nightly-2026-11-22").item(0).hash(),
								IdempotencyKey.of("nightly-2026-11-22").item(1).hash()))));
	}

	@Test
	void batchTriggerOfManyTasksReadsTheServers202Body(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/tasks/batch").willReturn(
				aResponse().withStatus(202).withHeader("Content-Type", "application/json; charset=utf-8").withBody("""
						{"id":"batch_xyz","isCached":false,"idempotencyKey":"k1","someNewField":1,"runs":[
						  {"id":"run_1","taskIdentifier":"a","isCached":false},
						  {"id":"run_2","taskIdentifier":"b","isCached":true,"idempotencyKey":"item-2"}]}""")));

		BatchTriggered batch = TestClients.client(wm)
			.tasks()
			.batchTrigger(List.of(BatchItem.of("a", Map.of("n", 1)), BatchItem.of("b", Map.of("n", 2))),
					BatchOptions.idempotent("k1").withProcessingStrategy(BatchOptions.ProcessingStrategy.PARALLEL))
			.block();

		assertThat(batch.id()).isEqualTo("batch_xyz");
		assertThat(batch.isCached()).isFalse();
		assertThat(batch.idempotencyKey()).isEqualTo("k1");
		assertThat(batch.runs()).containsExactly(new BatchTriggered.BatchRun("run_1", "a", false, null),
				new BatchTriggered.BatchRun("run_2", "b", true, "item-2"));
		verify(postRequestedFor(urlEqualTo("/api/v1/tasks/batch"))
			.withHeader("idempotency-key", equalTo(IdempotencyKey.of("k1").hash()))
			.withHeader("batch-processing-strategy", equalTo("parallel"))
			.withRequestBody(equalToJson("""
					{"items":[{"task":"a","payload":{"n":1},"options":{"idempotencyKey":"%s"}},
					 {"task":"b","payload":{"n":2},"options":{"idempotencyKey":"%s"}}]}"""
				.formatted(IdempotencyKey.of("k1").item(0).hash(), IdempotencyKey.of("k1").item(1).hash()))));
	}

	@Test
	void batchTriggerOfManyTasksAlsoReadsTheContractsShape(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/tasks/batch").willReturn(okJson("{\"batchId\":\"batch_1\",\"runs\":[\"run_9\"]}")));

		BatchTriggered batch = TestClients.client(wm)
			.tasks()
			.batchTrigger(List.of(BatchItem.of("a", 1)), BatchOptions.none())
			.block();

		assertThat(batch.id()).isEqualTo("batch_1");
		assertThat(batch.runs()).extracting(BatchTriggered.BatchRun::id).containsExactly("run_9");
		verify(postRequestedFor(urlEqualTo("/api/v1/tasks/batch")).withHeader("idempotency-key", absent()));
	}

	record Signup(String userId, int attemptCount) {
	}

	@Test
	void theApplicationsMapperWritesThePayloadAndTheWireKeepsTheServersNames(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/tasks/signup/trigger").willReturn(okJson("{\"id\":\"run_1\"}")));
		JsonMapper snakeCase = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
		TriggerOperations client = TestClients.builder(wm).jsonMapper(snakeCase).build();

		client.tasks()
			.trigger("signup", new Signup("u1", 2),
					TriggerOptions.builder()
						.idempotencyKeyTtl("1h")
						.metadata(new Signup("u2", 3))
						.context(new Signup("u3", 4))
						.build())
			.block();

		verify(postRequestedFor(urlEqualTo("/api/v1/tasks/signup/trigger")).withRequestBody(equalToJson("""
				{
				  "payload": {"user_id": "u1", "attempt_count": 2},
				  "context": {"user_id": "u3", "attempt_count": 4},
				  "options": {"idempotencyKeyTTL": "1h", "metadata": {"user_id": "u2", "attempt_count": 3}}
				}""", false, true)));
	}

}
