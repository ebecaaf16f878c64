package io.trigger4j.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.trigger4j.client.error.ServerException;
import io.trigger4j.client.model.batches.BatchItem;
import io.trigger4j.client.model.batches.BatchOptions;
import io.trigger4j.client.model.runs.ListRunsRequest;
import io.trigger4j.client.model.runs.Run;
import io.trigger4j.client.model.tasks.TriggerOptions;
import io.trigger4j.client.model.tasks.TriggeredRun;
import io.trigger4j.emulator.ManualClock;
import io.trigger4j.emulator.TriggerEmulator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.findAll;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A retried trigger never makes a second run, with or without the user's idempotency key:
 * the request idempotency header per logical call, and a generated key in the body.
 */
class KeylessTriggerTests {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final String TRIGGER = "/api/v1/tasks/send-email/trigger";

	private static final String REQUEST_KEY = "x-trigger-request-idempotency-key";

	@Nested
	@WireMockTest
	class OnTheWire {

		private void failOnceThenAnswer(String path, int status) {
			stubFor(post(path).inScenario("flaky")
				.whenScenarioStateIs(Scenario.STARTED)
				.willReturn(aResponse().withStatus(status).withBody("{\"error\":\"Bad gateway\"}"))
				.willSetStateTo("answered"));
			stubFor(post(path).inScenario("flaky")
				.whenScenarioStateIs("answered")
				.willReturn(okJson("{\"id\":\"run_1\",\"isCached\":true}")));
		}

		@Test
		void aKeylessTriggerIsRetriedAfterA502WithTheSameHeaderAndGeneratedKey(WireMockRuntimeInfo wm) {
			failOnceThenAnswer(TRIGGER, 502);
			TriggerOperations client = TestClients.client(wm);

			TriggeredRun run = client.tasks().trigger("send-email", Map.of()).block();

			// The server answered the repeat from the generated key: the run is this
			// call's own, not one found for the user's key.
			assertThat(run).isEqualTo(new TriggeredRun("run_1", false, null));
			List<LoggedRequest> attempts = findAll(postRequestedFor(urlPathEqualTo(TRIGGER)));
			assertThat(attempts).hasSize(2);
			assertThat(attempts.get(0).getHeader(REQUEST_KEY)).matches(uuid())
				.isEqualTo(attempts.get(1).getHeader(REQUEST_KEY));
			String key = options(attempts.get(0)).path("idempotencyKey").asString();
			assertThat(key).startsWith("trigger4j-").matches("trigger4j-" + uuid());
			assertThat(options(attempts.get(1)).path("idempotencyKey").asString()).isEqualTo(key);
			assertThat(options(attempts.get(0)).path("idempotencyKeyTTL").asString()).isEqualTo("1h");
			assertThat(options(attempts.get(0)).has("idempotencyKeyOptions")).isFalse();
		}

		@Test
		void aKeylessTriggerIsRetriedAfterTheConnectionClosedBeforeTheAnswer(WireMockRuntimeInfo wm) {
			stubFor(post(TRIGGER).inScenario("reset")
				.whenScenarioStateIs(Scenario.STARTED)
				.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
				.willSetStateTo("answered"));
			stubFor(post(TRIGGER).inScenario("reset")
				.whenScenarioStateIs("answered")
				.willReturn(okJson("{\"id\":\"run_1\",\"isCached\":false}")));

			TriggeredRun run = TestClients.client(wm).tasks().trigger("send-email", Map.of()).block();

			assertThat(run.id()).isEqualTo("run_1");
			assertThat(findAll(postRequestedFor(urlPathEqualTo(TRIGGER)))).hasSize(2);
		}

		@Test
		void eachLogicalCallHasItsOwnHeaderAndKey(WireMockRuntimeInfo wm) {
			stubFor(post(TRIGGER).willReturn(okJson("{\"id\":\"run_1\",\"isCached\":false}")));
			TriggerOperations client = TestClients.client(wm);
			var call = client.tasks().trigger("send-email", Map.of());

			call.block();
			call.block();

			List<LoggedRequest> calls = findAll(postRequestedFor(urlPathEqualTo(TRIGGER)));
			assertThat(calls).hasSize(2);
			assertThat(calls.get(0).getHeader(REQUEST_KEY)).isNotEqualTo(calls.get(1).getHeader(REQUEST_KEY));
			assertThat(options(calls.get(0)).path("idempotencyKey").asString())
				.isNotEqualTo(options(calls.get(1)).path("idempotencyKey").asString());
		}

		@Test
		void theUsersKeyIsSentAloneAndItsCachedFlagKept(WireMockRuntimeInfo wm) {
			stubFor(post(TRIGGER).willReturn(okJson("{\"id\":\"run_1\",\"isCached\":true}")));

			TriggeredRun run = TestClients.client(wm)
				.tasks()
				.trigger("send-email", Map.of(), TriggerOptions.builder().idempotencyKey("order-1").build())
				.block();

			assertThat(run.isCached()).isTrue();
			JsonNode options = options(findAll(postRequestedFor(urlPathEqualTo(TRIGGER))).get(0));
			assertThat(options.path("idempotencyKey").asString()).hasSize(64).doesNotStartWith("trigger4j-");
			assertThat(options.path("idempotencyKeyOptions").path("key").asString()).isEqualTo("order-1");
		}

		@Test
		void withGeneratedKeysOffOnlyTheHeaderIsSentAndTheTriggerIsStillRetried(WireMockRuntimeInfo wm) {
			failOnceThenAnswer(TRIGGER, 502);
			TriggerOperations client = TestClients.builder(wm)
				.retry(TestClients.FAST_RETRY.withGeneratedIdempotencyKeys(false))
				.build();

			assertThat(client.tasks().trigger("send-email", Map.of()).block().id()).isEqualTo("run_1");

			List<LoggedRequest> attempts = findAll(postRequestedFor(urlPathEqualTo(TRIGGER)));
			assertThat(attempts).hasSize(2);
			assertThat(attempts.get(0).getHeader(REQUEST_KEY)).isEqualTo(attempts.get(1).getHeader(REQUEST_KEY));
			assertThat(attempts.get(0).getBodyAsString()).doesNotContain("idempotencyKey");
		}

		@Test
		void withoutRetriesNoKeyIsGenerated(WireMockRuntimeInfo wm) {
			stubFor(post(TRIGGER).willReturn(aResponse().withStatus(502)));
			TriggerOperations client = TestClients.builder(wm).retry(TriggerRetrySettings.none()).build();

			assertThatExceptionOfType(ServerException.class)
				.isThrownBy(() -> client.tasks().trigger("send-email", Map.of()).block());

			LoggedRequest only = findAll(postRequestedFor(urlPathEqualTo(TRIGGER))).get(0);
			assertThat(only.getHeader(REQUEST_KEY)).matches(uuid());
			assertThat(only.getBodyAsString()).doesNotContain("idempotencyKey");
		}

		@Test
		void batchCreationsCarryTheHeaderOnEveryRouteKeptOnRetries(WireMockRuntimeInfo wm) {
			failOnceThenAnswer("/api/v1/tasks/batch", 503);
			TriggerOperations client = TestClients.client(wm);
			String keyed = "{\"id\":\"batch_1\",\"isCached\":false,\"runs\":[]}";
			stubFor(post("/api/v1/tasks/batch").inScenario("flaky")
				.whenScenarioStateIs("answered")
				.willReturn(okJson(keyed)));

			client.tasks()
				.batchTrigger(List.of(BatchItem.of("send-email", Map.of())), BatchOptions.idempotent("b-1"))
				.block();

			List<LoggedRequest> attempts = findAll(postRequestedFor(urlPathEqualTo("/api/v1/tasks/batch")));
			assertThat(attempts).hasSize(2);
			assertThat(attempts.get(0).getHeader(REQUEST_KEY)).matches(uuid())
				.isEqualTo(attempts.get(1).getHeader(REQUEST_KEY));
		}

		@Test
		void aRetriedApiErrorSaysHowManyAttemptsOverHowLong(WireMockRuntimeInfo wm) {
			stubFor(post(TRIGGER).willReturn(aResponse().withStatus(503).withBody("{\"error\":\"Unavailable\"}")));

			assertThatExceptionOfType(ServerException.class)
				.isThrownBy(() -> TestClients.client(wm).tasks().trigger("send-email", Map.of()).block())
				.withMessageMatching(
						"tasks\\.trigger failed with HTTP 503: Unavailable \\(5 attempts in \\d+\\.\\d{3} s\\)")
				.satisfies((failure) -> assertThat(failure.attempts()).isEqualTo(5));
		}

	}

	private static JsonNode options(LoggedRequest request) {
		return MAPPER.readTree(request.getBodyAsString()).path("options");
	}

	private static String uuid() {
		return "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
	}

	@Nested
	class AgainstTheEmulator {

		private final ManualClock clock = new ManualClock(Instant.parse("2026-11-22T10:00:00Z"));

		@Test
		void aKeylessTriggerWhoseAnswerWasLostAfterTheRunWasMadeLeavesOneRun() {
			for (io.trigger4j.emulator.Fault fault : List.of(io.trigger4j.emulator.Fault.drop().afterServed(),
					io.trigger4j.emulator.Fault.status(502).afterServed())) {
				TriggerEmulator emulator = TriggerEmulator.builder()
					.clock(this.clock)
					.task("send-email", (run) -> Map.of())
					.start();
				try {
					TriggerOperations client = TriggerClient.builder()
						.secretKey(emulator.secretKey())
						.baseUrl(emulator.baseUrl())
						.retry(TestClients.FAST_RETRY)
						.build();
					emulator.inject(fault.onPath("/api/v1/tasks"));

					TriggeredRun run = client.tasks().trigger("send-email", Map.of("to", "a@b.c")).block();

					List<Run> runs = client.runs().list(ListRunsRequest.builder().build()).collectList().block();
					assertThat(runs).as("runs after %s", fault).extracting(Run::id).containsExactly(run.id());
				}
				finally {
					emulator.stop();
				}
			}
		}

		@Test
		void withGeneratedKeysOffTheHeaderAloneKeepsItToOneRun() {
			TriggerEmulator emulator = TriggerEmulator.builder()
				.clock(this.clock)
				.task("send-email", (run) -> Map.of())
				.start();
			try {
				TriggerOperations client = TriggerClient.builder()
					.secretKey(emulator.secretKey())
					.baseUrl(emulator.baseUrl())
					.retry(TestClients.FAST_RETRY.withGeneratedIdempotencyKeys(false))
					.build();
				emulator.inject(io.trigger4j.emulator.Fault.drop().afterServed().onPath("/api/v1/tasks"));

				TriggeredRun run = client.tasks().trigger("send-email", Map.of()).block();

				assertThat(client.runs().list(ListRunsRequest.builder().build()).collectList().block())
					.extracting(Run::id)
					.containsExactly(run.id());
			}
			finally {
				emulator.stop();
			}
		}

	}

}
