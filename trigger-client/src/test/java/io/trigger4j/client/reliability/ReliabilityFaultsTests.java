package io.trigger4j.client.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.trigger4j.client.TriggerClient;
import io.trigger4j.client.TriggerOperations;
import io.trigger4j.client.TriggerRetrySettings;
import io.trigger4j.client.error.RateLimitException;
import io.trigger4j.client.error.ServerException;
import io.trigger4j.client.error.TriggerDecodingException;
import io.trigger4j.client.error.TriggerTimeoutException;
import io.trigger4j.client.error.TriggerTransportException;
import io.trigger4j.client.model.runs.ListRunsRequest;
import io.trigger4j.client.model.runs.Run;
import io.trigger4j.client.model.tasks.TriggerOptions;
import io.trigger4j.client.model.tasks.TriggeredRun;
import io.trigger4j.emulator.EmulatedTask;
import io.trigger4j.emulator.TriggerEmulator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Faults a user's service meets, one row each, against WireMock (transport faults, slow
 * answers, error statuses with and without {@code x-should-retry}, 429 storms) and the
 * emulator (faults before the route runs and after it acted): each row's expected
 * outcome, a value or an exception with a message fragment, within the client's bounds
 * (300 ms per attempt, 3 s per call, 4 attempts, 3 s of rate-limit waits). Only the
 * public API.
 */
class ReliabilityFaultsTests {

	static final String KEY = "tr_dev_reliabilityFaults0000";

	static final Duration RESPONSE_TIMEOUT = Duration.ofMillis(300);

	static final Duration DEADLINE = Duration.ofSeconds(3);

	static final TriggerRetrySettings RETRY = TriggerRetrySettings.defaults()
		.withMaxAttempts(4)
		.withBackoff(Duration.ofMillis(10), Duration.ofMillis(50))
		.withMaxRateLimitWait(Duration.ofSeconds(3));

	/**
	 * The longest any row may take: the deadline plus the rate-limit waits, and slack.
	 */
	static final Duration BOUND = DEADLINE.plus(RETRY.maxRateLimitWait()).plusSeconds(4);

	static final String RUN_PATH = "/api/v3/runs/run_1";

	static final String TRIGGER_PATH = "/api/v1/tasks/t/trigger";

	static final String TRIGGERED = "{\"id\":\"run_triggered1\"}";

	private static final List<String> results = new ArrayList<>();

	private static WireMockServer wireMock;

	@BeforeAll
	static void startWireMock() {
		wireMock = new WireMockServer(options().dynamicPort());
		wireMock.start();
	}

	@AfterAll
	static void stopAndReport() {
		wireMock.stop();
		StringBuilder md = new StringBuilder();
		md.append("## Faults\n\n")
			.append("One parameterised table (`ReliabilityFaultsTests`), ")
			.append(results.size())
			.append(" rows: each fault injected into one call (by WireMock or by the emulator), ")
			.append("with a client of 300 ms per attempt, 3 s per call, 4 attempts, ")
			.append("backoff 10-50 ms, 3 s of rate-limit waits at most.\n\n")
			.append("| Fault | Against | Call | Expected | Outcome | Requests or runs | Elapsed |\n")
			.append("|---|---|---|---|---|---|---|\n");
		results.forEach(md::append);
		ReliabilityReport.write("faults", md.toString());
	}

	static Stream<Row> rows() {
		return Stream.of(
				// Transport faults on a read (safe to repeat).
				wm("connection reset on every attempt", get(RUN_PATH), reset(), RETRIEVE)
					.fails(TriggerTransportException.class, "(4 attempts in")
					.requests(4),
				wm("connection reset once, then the answer", get(RUN_PATH), reset(), RETRIEVE).thenAnswer(okJson(run()))
					.returns()
					.requests(2),
				wm("empty response on every attempt", get(RUN_PATH), aResponse().withFault(Fault.EMPTY_RESPONSE),
						RETRIEVE)
					.fails(TriggerTransportException.class, "(4 attempts in")
					.requests(4),
				wm("truncated body (malformed chunk), then the answer", get(RUN_PATH),
						aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK), RETRIEVE)
					.thenAnswer(okJson(run()))
					.returns()
					.requests(2),
				wm("random data then close on every attempt", get(RUN_PATH),
						aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE), RETRIEVE)
					.fails(TriggerTransportException.class, "runs.retrieve failed")
					.requests(4),
				wm("malformed JSON in a 200", get(RUN_PATH), okJson("{\"id\":\"run_1\",\"status\":"), RETRIEVE)
					.fails(TriggerDecodingException.class, "runs.retrieve")
					.requests(1),
				wm("slow headers (2 s) on every attempt", get(RUN_PATH), okJson(run()).withFixedDelay(2000), RETRIEVE)
					.fails(TriggerTimeoutException.class, "runs.retrieve failed")
					.requests(4),
				wm("slow headers once, then the answer", get(RUN_PATH), okJson(run()).withFixedDelay(2000), RETRIEVE)
					.thenAnswer(okJson(run()))
					.returns()
					.requests(2),
				wm("slow body (dribbled over 3 s) on every attempt", get(RUN_PATH),
						okJson(run()).withChunkedDribbleDelay(6, 3000), RETRIEVE)
					.fails(TriggerTimeoutException.class, "runs.retrieve failed")
					.requests(4),
				// Error statuses.
				wm("500 without x-should-retry, then the answer", get(RUN_PATH), status(500), RETRIEVE)
					.thenAnswer(okJson(run()))
					.returns()
					.requests(2),
				wm("500 on every attempt", get(RUN_PATH), status(500), RETRIEVE)
					.fails(ServerException.class, "HTTP 500")
					.requests(4),
				wm("502 with x-should-retry: false", get(RUN_PATH), status(502).withHeader("x-should-retry", "false"),
						RETRIEVE)
					.fails(ServerException.class, "HTTP 502")
					.requests(1),
				wm("503 with x-should-retry: true, then the answer", get(RUN_PATH),
						status(503).withHeader("x-should-retry", "true"), RETRIEVE)
					.thenAnswer(okJson(run()))
					.returns()
					.requests(2),
				wm("502 on a keyed trigger, then the answer", post(TRIGGER_PATH), status(502), KEYED_TRIGGER)
					.thenAnswer(okJson(TRIGGERED))
					.returns()
					.requests(2),
				wm("503 with x-should-retry: false on a keyed trigger", post(TRIGGER_PATH),
						status(503).withHeader("x-should-retry", "false"), KEYED_TRIGGER)
					.fails(ServerException.class, "HTTP 503")
					.requests(1),
				// 429 storms: the reset time in epoch seconds and in epoch milliseconds.
				wm("429 twice, reset in epoch seconds, then the answer", post(TRIGGER_PATH),
						() -> rateLimited(String.valueOf(Instant.now().getEpochSecond() + 1)), KEYLESS_TRIGGER)
					.times(2)
					.thenAnswer(okJson(TRIGGERED))
					.returns()
					.requests(3),
				wm("429 three times, reset in epoch milliseconds, then the answer", post(TRIGGER_PATH),
						() -> rateLimited(String.valueOf(Instant.now().toEpochMilli() + 200)), KEYLESS_TRIGGER)
					.times(3)
					.thenAnswer(okJson(TRIGGERED))
					.returns()
					.requests(4),
				wm("429 whose reset is beyond the rate-limit wait", post(TRIGGER_PATH),
						() -> rateLimited(String.valueOf(Instant.now().plusSeconds(60).toEpochMilli())),
						KEYLESS_TRIGGER)
					.fails(RateLimitException.class, "HTTP 429")
					.requests(1),
				// The emulator: faults before the route runs (nothing done) ...
				emulator("503 twice before the route, keyed trigger", EmulatorFaults.before(503, 2), KEYED_TRIGGER)
					.returns()
					.runs(1),
				emulator("connection dropped before the route, keyed trigger", EmulatorFaults.dropBefore(),
						KEYED_TRIGGER)
					.returns()
					.runs(1),
				emulator("429 three times before the route, keyless trigger", EmulatorFaults.before(429, 3),
						KEYLESS_TRIGGER)
					.returns()
					.runs(1),
				emulator("500 on every attempt, retrieve", EmulatorFaults.before(500, 10), RETRIEVE)
					.fails(ServerException.class, "HTTP 500")
					.runs(0),
				// ... and after it acted (the run exists, the answer is lost).
				emulator("answer lost after the run was made, keyed trigger", EmulatorFaults.lostAnswer(),
						KEYED_TRIGGER)
					.returns()
					.runs(1),
				emulator("502 after the run was made, keyed trigger", EmulatorFaults.after(502), KEYED_TRIGGER)
					.returns()
					.runs(1),
				emulator("answer 1 s late (after the 300 ms timeout), keyed trigger", EmulatorFaults.lateAnswer(),
						KEYED_TRIGGER)
					.returns()
					.runs(1),
				emulator("answer lost after the run was made, keyless trigger", EmulatorFaults.lostAnswer(),
						KEYLESS_TRIGGER)
					.returns()
					.runs(1),
				emulator("502 after the run was made, keyless trigger", EmulatorFaults.after(502), KEYLESS_TRIGGER)
					.returns()
					.runs(1));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("rows")
	void eachFaultHasItsExpectedOutcome(Row row) {
		if (row.emulator != null) {
			runAgainstEmulator(row);
		}
		else {
			runAgainstWireMock(row);
		}
	}

	private void runAgainstWireMock(Row row) {
		wireMock.resetAll();
		if (row.then == null) {
			// The fault answers every attempt.
			wireMock.stubFor(row.request.get().willReturn(row.fault.get()));
		}
		else {
			// The fault answers the first attempts, then the answer comes.
			String state = Scenario.STARTED;
			for (int i = 0; i < row.times; i++) {
				String next = "after-" + i;
				wireMock.stubFor(row.request.get()
					.inScenario("row")
					.whenScenarioStateIs(state)
					.willReturn(row.fault.get())
					.willSetStateTo(next));
				state = next;
			}
			wireMock.stubFor(row.request.get().inScenario("row").whenScenarioStateIs(state).willReturn(row.then));
		}
		TriggerOperations client = client(wireMock.baseUrl());
		Outcome outcome = call(row, client);
		int requests = wireMock.findAll(anyRequestedFor(anyUrl())).size();
		record(row, "WireMock", outcome, requests + " requests");
		outcome.check(row);
		if (row.requests != null) {
			assertThat(requests).as("requests WireMock received").isEqualTo(row.requests);
		}
	}

	private void runAgainstEmulator(Row row) {
		try (TriggerEmulator emulator = TriggerEmulator.builder()
			.task(EmulatedTask.of("t", (run) -> Map.of("ok", true)))
			.start()) {
			row.emulator.accept(emulator);
			TriggerOperations client = client(emulator.baseUrl());
			Outcome outcome = call(row, client);
			emulator.clearFaults();
			List<Run> runs = client.runs().list(ListRunsRequest.all()).collectList().block(BOUND);
			record(row, "emulator", outcome, runs.size() + " runs");
			outcome.check(row);
			assertThat(runs).as("runs the emulator made").hasSize(row.runs);
			if (outcome.value instanceof TriggeredRun triggered) {
				assertThat(runs).extracting(Run::id).containsExactly(triggered.id());
			}
		}
	}

	private static Outcome call(Row row, TriggerOperations client) {
		long start = System.nanoTime();
		Object[] value = new Object[1];
		Throwable failure = catchThrowable(() -> value[0] = row.call.apply(client).block(BOUND));
		return new Outcome(value[0], failure, Duration.ofNanos(System.nanoTime() - start));
	}

	private static void record(Row row, String against, Outcome outcome, String counted) {
		String expected = (row.failure != null) ? row.failure.getSimpleName() + " \"" + row.fragment + "\"" : "value";
		String happened = (outcome.failure != null)
				? outcome.failure.getClass().getSimpleName() + ": " + outcome.failure.getMessage()
				: "value " + outcome.value.getClass().getSimpleName();
		synchronized (results) {
			results.add("| " + ReliabilityReport.cell(row.name) + " | " + against + " | " + row.callName + " | "
					+ ReliabilityReport.cell(expected) + " | " + ReliabilityReport.cell(happened) + " | " + counted
					+ " | " + outcome.elapsed.toMillis() + " ms |\n");
		}
	}

	static TriggerOperations client(String baseUrl) {
		return TriggerClient.builder()
			.secretKey(KEY)
			.baseUrl(baseUrl)
			.responseTimeout(RESPONSE_TIMEOUT)
			.deadline(DEADLINE)
			.retry(RETRY)
			.build();
	}

	static final NamedCall RETRIEVE = new NamedCall("runs.retrieve", (trigger) -> trigger.runs().retrieve("run_1"));

	static final NamedCall KEYED_TRIGGER = new NamedCall("tasks.trigger (idempotency key)", (trigger) -> trigger.tasks()
		.trigger("t", Map.of("n", 1), TriggerOptions.builder().idempotencyKey("order-42").build()));

	static final NamedCall KEYLESS_TRIGGER = new NamedCall("tasks.trigger (no key)",
			(trigger) -> trigger.tasks().trigger("t", Map.of("n", 1)));

	record NamedCall(String name, Function<TriggerOperations, Mono<?>> call) {
	}

	record Outcome(@Nullable Object value, @Nullable Throwable failure, Duration elapsed) {

		void check(Row row) {
			if (row.failure == null) {
				assertThat(this.failure).as("failure of " + row.name).isNull();
				assertThat(this.value).isNotNull();
			}
			else {
				assertThat(this.failure).as(row.name).isInstanceOf(row.failure).hasMessageContaining(row.fragment);
			}
		}

	}

	private static ResponseDefinitionBuilder reset() {
		return aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER);
	}

	private static ResponseDefinitionBuilder status(int status) {
		return aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"injected " + status + "\"}");
	}

	private static ResponseDefinitionBuilder rateLimited(String reset) {
		return aResponse().withStatus(429)
			.withHeader("Content-Type", "application/json")
			.withHeader("x-ratelimit-limit", "750")
			.withHeader("x-ratelimit-remaining", "0")
			.withHeader("x-ratelimit-reset", reset)
			.withBody("{\"title\":\"Rate limit exceeded\"}");
	}

	private static String run() {
		try (InputStream in = ReliabilityFaultsTests.class
			.getResourceAsStream("/io/trigger4j/client/retrieve-run.json")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Row wm(String name, MappingBuilder request, ResponseDefinitionBuilder fault, NamedCall call) {
		return wm(name, request, () -> fault, call);
	}

	static Row wm(String name, MappingBuilder request, java.util.function.Supplier<ResponseDefinitionBuilder> fault,
			NamedCall call) {
		// A mapping builder is single use: rebuild it for each stub from its method and
		// path.
		String method = request.build().getRequest().getMethod().getName();
		String path = request.build().getRequest().getUrl();
		java.util.function.Supplier<MappingBuilder> fresh = () -> method.equals("GET") ? get(path) : post(path);
		Row row = new Row(name, call.name(), call.call());
		row.request = fresh;
		row.fault = fault;
		return row;
	}

	static Row emulator(String name, Consumer<TriggerEmulator> faults, NamedCall call) {
		Row row = new Row(name, call.name(), call.call());
		row.emulator = faults;
		return row;
	}

	/** The emulator's faults used by the table, all on the task and run routes. */
	static final class EmulatorFaults {

		static Consumer<TriggerEmulator> before(int status, int times) {
			return (emulator) -> emulator
				.inject(io.trigger4j.emulator.Fault.status(status).times(times).onPath("/api/"));
		}

		static Consumer<TriggerEmulator> dropBefore() {
			return (emulator) -> emulator.inject(io.trigger4j.emulator.Fault.drop().onPath("/api/v1/tasks"));
		}

		static Consumer<TriggerEmulator> lostAnswer() {
			return (emulator) -> emulator
				.inject(io.trigger4j.emulator.Fault.drop().afterServed().onPath("/api/v1/tasks"));
		}

		static Consumer<TriggerEmulator> after(int status) {
			return (emulator) -> emulator
				.inject(io.trigger4j.emulator.Fault.status(status).afterServed().onPath("/api/v1/tasks"));
		}

		static Consumer<TriggerEmulator> lateAnswer() {
			return (emulator) -> emulator.inject(
					io.trigger4j.emulator.Fault.latency(Duration.ofSeconds(1)).afterServed().onPath("/api/v1/tasks"));
		}

	}

	/** One row of the table. */
	static final class Row {

		final String name;

		final String callName;

		final Function<TriggerOperations, Mono<?>> call;

		java.util.function.@Nullable Supplier<MappingBuilder> request;

		java.util.function.@Nullable Supplier<ResponseDefinitionBuilder> fault;

		int times = 1;

		@Nullable ResponseDefinitionBuilder then;

		@Nullable Consumer<TriggerEmulator> emulator;

		@Nullable Class<? extends Throwable> failure;

		String fragment = "";

		@Nullable Integer requests;

		int runs;

		Row(String name, String callName, Function<TriggerOperations, Mono<?>> call) {
			this.name = name;
			this.callName = callName;
			this.call = call;
		}

		Row times(int times) {
			this.times = times;
			return this;
		}

		Row thenAnswer(ResponseDefinitionBuilder then) {
			this.then = then;
			return this;
		}

		Row returns() {
			this.failure = null;
			return this;
		}

		Row fails(Class<? extends Throwable> failure, String fragment) {
			this.failure = failure;
			this.fragment = fragment;
			return this;
		}

		Row requests(int requests) {
			this.requests = requests;
			return this;
		}

		Row runs(int runs) {
			this.runs = runs;
			return this;
		}

		@Override
		public String toString() {
			return this.name;
		}

	}

}
