package io.trigger4j.client;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.trigger4j.client.error.ServerException;
import io.trigger4j.client.error.TriggerDecodingException;
import io.trigger4j.client.error.TriggerTimeoutException;
import io.trigger4j.client.error.TriggerTransportException;
import io.trigger4j.client.model.query.QueryRequest;
import io.trigger4j.client.model.runs.Run;
import io.trigger4j.client.model.runs.RunStatus;
import io.trigger4j.client.model.tasks.TriggerOptions;
import io.trigger4j.client.model.tasks.TriggeredRun;
import org.junit.jupiter.api.Test;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.findAll;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Retries, timeouts and connection failures over real HTTP. */
@WireMockTest
class TransportTests {

	@Test
	void anAnswerOfSeveralMegabytesIsRead(WireMockRuntimeInfo wm) {
		String value = "x".repeat(1024);
		String rows = String.join(",", java.util.Collections.nCopies(3 * 1024, "{\"v\":\"" + value + "\"}"));
		stubFor(post("/api/v1/query").willReturn(okJson("{\"format\":\"json\",\"results\":[" + rows + "]}")));

		var result = TestClients.client(wm).query().execute(QueryRequest.of("SELECT v FROM runs")).block();

		assertThat(result.rows()).hasSize(3 * 1024).allSatisfy((row) -> assertThat(row).containsEntry("v", value));
	}

	@Test
	void anAnswerLargerThanTheLimitFailsAsDecodingWithoutRetrying(WireMockRuntimeInfo wm) {
		byte[] huge = new byte[TriggerHttp.MAX_RESPONSE_BYTES + 1024];
		java.util.Arrays.fill(huge, (byte) ' ');
		stubFor(get("/api/v1/runs/run_1/trace")
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(huge)));

		TriggerDecodingException ex = catchThrowableOfType(TriggerDecodingException.class,
				() -> TestClients.client(wm).runs().trace("run_1").block());

		assertThat(ex).hasMessage("runs.trace failed: the answer (status 200) is larger than 32 MiB");
		verify(1, getRequestedFor(urlEqualTo("/api/v1/runs/run_1/trace")));
	}

	@Test
	void anErrorAnswerLargerThanTheLimitIsStillItsStatusesErrorAndRetried(WireMockRuntimeInfo wm) {
		byte[] huge = new byte[TriggerHttp.MAX_RESPONSE_BYTES + 1024];
		java.util.Arrays.fill(huge, (byte) 'x');
		stubFor(get("/api/v3/runs/run_1").willReturn(aResponse().withStatus(503).withBody(huge)));

		ServerException ex = catchThrowableOfType(ServerException.class,
				() -> TestClients.builder(wm)
					.retry(TestClients.FAST_RETRY.withMaxAttempts(2))
					.build()
					.runs()
					.retrieve("run_1")
					.block());

		assertThat(ex.statusCode()).isEqualTo(503);
		assertThat(ex.responseBody()).isEqualTo("(answer larger than 32 MiB)");
		verify(2, getRequestedFor(urlEqualTo("/api/v3/runs/run_1")));
	}

	@Test
	void aReadIsRetriedAfterA503AndSucceeds(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v3/runs/run_1").inScenario("flaky")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503).withBody("{\"error\":\"Run materialisation timed out\"}"))
			.willSetStateTo("ok"));
		stubFor(get("/api/v3/runs/run_1").inScenario("flaky")
			.whenScenarioStateIs("ok")
			.willReturn(okJson("{\"id\":\"run_1\",\"status\":\"EXECUTING\",\"taskIdentifier\":\"t\"}")));

		Run run = TestClients.client(wm).runs().retrieve("run_1").block();

		assertThat(run.status()).isEqualTo(RunStatus.EXECUTING);
		verify(2, getRequestedFor(urlEqualTo("/api/v3/runs/run_1")));
	}

	@Test
	void aKeyedTriggerIsRetriedUnderOneRequestIdempotencyKey(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/tasks/t/trigger").inScenario("flaky")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(500).withBody("{\"error\":\"Something went wrong\"}"))
			.willSetStateTo("ok"));
		stubFor(post("/api/v1/tasks/t/trigger").inScenario("flaky")
			.whenScenarioStateIs("ok")
			.willReturn(okJson("{\"id\":\"run_1\",\"isCached\":false}")));

		TestClients.client(wm)
			.tasks()
			.trigger("t", Map.of(), TriggerOptions.builder().idempotencyKey("order-1").build())
			.block();

		List<LoggedRequest> requests = findAll(postRequestedFor(urlEqualTo("/api/v1/tasks/t/trigger")));
		assertThat(requests).hasSize(2);
		assertThat(requests.get(0).getHeader("x-trigger-request-idempotency-key"))
			.isEqualTo(requests.get(1).getHeader("x-trigger-request-idempotency-key"));
	}

	@Test
	void eachSubscriptionIsANewLogicalCallWithItsOwnRequestKey(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/tasks/t/trigger").willReturn(okJson("{\"id\":\"run_1\"}")));
		var trigger = TestClients.client(wm).tasks().trigger("t", Map.of());

		trigger.block();
		trigger.block();

		List<LoggedRequest> requests = findAll(postRequestedFor(urlEqualTo("/api/v1/tasks/t/trigger")));
		assertThat(requests).hasSize(2);
		assertThat(requests.get(0).getHeader("x-trigger-request-idempotency-key"))
			.isNotEqualTo(requests.get(1).getHeader("x-trigger-request-idempotency-key"));
	}

	@Test
	void aTriggerWithoutKeyIsRepeatedAfterA500UnderOneRequestKey(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/tasks/t/trigger").willReturn(aResponse().withStatus(500).withBody("{\"error\":\"x\"}")));

		catchThrowableOfType(ServerException.class,
				() -> TestClients.client(wm).tasks().trigger("t", Map.of()).block());

		List<LoggedRequest> attempts = findAll(postRequestedFor(urlEqualTo("/api/v1/tasks/t/trigger")));
		assertThat(attempts).hasSize(5)
			.extracting((request) -> request.getHeader("x-trigger-request-idempotency-key"))
			.containsOnly(attempts.get(0).getHeader("x-trigger-request-idempotency-key"));
	}

	@Test
	void replayIsNotRepeatedAfterA500(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/runs/run_1/replay")
			.willReturn(aResponse().withStatus(500).withBody("{\"error\":\"x\"}")));

		catchThrowableOfType(ServerException.class, () -> TestClients.client(wm).runs().replay("run_1").block());

		verify(1, postRequestedFor(urlEqualTo("/api/v1/runs/run_1/replay")));
	}

	@Test
	void withRetryDerivesOperationsThatRetryDifferently(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v3/runs/run_1").willReturn(aResponse().withStatus(503).withBody("{\"error\":\"busy\"}")));
		TriggerOperations client = TestClients.client(wm);

		catchThrowableOfType(ServerException.class,
				() -> client.withRetry(TriggerRetrySettings.none()).runs().retrieve("run_1").block());
		verify(1, getRequestedFor(urlEqualTo("/api/v3/runs/run_1")));

		catchThrowableOfType(ServerException.class, () -> client.runs().retrieve("run_1").block());
		verify(1 + 5, getRequestedFor(urlEqualTo("/api/v3/runs/run_1")));
	}

	@Test
	void aSlowResponseTimesOut(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v3/runs/run_1").willReturn(okJson("{}").withFixedDelay(2000)));
		TriggerOperations client = TestClients.builder(wm)
			.responseTimeout(Duration.ofMillis(200))
			.retry(TriggerRetrySettings.none())
			.build();

		TriggerTimeoutException ex = catchThrowableOfType(TriggerTimeoutException.class,
				() -> client.runs().retrieve("run_1").block());

		assertThat(ex.timeout()).isEqualTo(Duration.ofMillis(200));
		assertThat(ex.isConnectFailure()).isFalse();
		assertThat(ex).hasMessageContaining("runs.retrieve");
	}

	@Test
	void aRequestStillWaitingForAConnectionWhenTheResponseTimeoutPassesWasNotSent(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v3/runs/run_1").willReturn(okJson("{}")));
		// a filter that holds the request longer than the response timeout, as a full
		// pool or a slow connect would: the request is never written
		TriggerOperations client = TestClients.builder(wm)
			.webClientBuilder(WebClient.builder()
				.filter((request, next) -> Mono.delay(Duration.ofSeconds(2)).then(next.exchange(request))))
			.responseTimeout(Duration.ofMillis(200))
			.retry(TriggerRetrySettings.none())
			.build();

		TriggerTransportException ex = catchThrowableOfType(TriggerTransportException.class,
				() -> client.runs().retrieve("run_1").block(Duration.ofSeconds(10)));

		assertThat(ex).isNotInstanceOf(TriggerTimeoutException.class);
		assertThat(ex.isConnectFailure()).isTrue();
		assertThat(ex).hasMessageContaining("no connection to the Trigger.dev API within the response timeout");
		verify(0, getRequestedFor(urlPathEqualTo("/api/v3/runs/run_1")));
	}

	@Test
	void aRefusedConnectionIsATransportFailureAndIsRetriedEvenForATrigger() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		AtomicInteger attempts = new AtomicInteger();
		TriggerOperations client = TriggerClient.builder()
			.secretKey(TestClients.SECRET_KEY)
			.baseUrl("http://127.0.0.1:" + port)
			.webClientBuilder(WebClient.builder().filter((request, next) -> {
				attempts.incrementAndGet();
				return next.exchange(request);
			}))
			.retry(TestClients.FAST_RETRY.withMaxAttempts(3))
			.build();

		TriggerTransportException ex = catchThrowableOfType(TriggerTransportException.class,
				() -> client.tasks().trigger("t", Map.of()).block());

		// Nothing reached the server, so even a trigger without idempotency key is
		// retried.
		assertThat(attempts).hasValue(3);
		assertThat(ex.isConnectFailure()).isTrue();
		assertThat(ex).hasMessageStartingWith("tasks.trigger failed: could not connect to the Trigger.dev API");
		assertThat(ex.getMessage()).doesNotContain(TestClients.SECRET_KEY);
	}

	@Test
	void aTriggerWithoutKeyIsRetriedWhenNoConnectionWasFreeInThePool(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/tasks/t/trigger").willReturn(okJson("{\"id\":\"run_1\"}").withFixedDelay(300)));
		// One connection and one call waiting for it: a third call at the same time
		// fails to acquire one, before any byte is written.
		ConnectionProvider pool = ConnectionProvider.builder("one").maxConnections(1).pendingAcquireMaxCount(1).build();
		try {
			TriggerOperations client = TestClients.builder(wm)
				.connectTimeout(null)
				.webClientBuilder(
						WebClient.builder().clientConnector(new ReactorClientHttpConnector(HttpClient.create(pool))))
				.retry(TestClients.FAST_RETRY.withBackoff(Duration.ofMillis(200), Duration.ofSeconds(1)))
				.build();

			List<String> ids = Flux.range(0, 3)
				.flatMap((i) -> client.tasks().trigger("t", Map.of()))
				.map(TriggeredRun::id)
				.collectList()
				.block(Duration.ofSeconds(30));

			assertThat(ids).containsExactly("run_1", "run_1", "run_1");
			verify(3, postRequestedFor(urlEqualTo("/api/v1/tasks/t/trigger")));
		}
		finally {
			pool.dispose();
		}
	}

}
