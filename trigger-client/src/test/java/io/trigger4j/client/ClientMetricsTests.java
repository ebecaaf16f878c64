package io.trigger4j.client;

import java.net.URL;
import java.net.URLClassLoader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.trigger4j.client.error.TriggerApiException;
import io.trigger4j.client.error.TriggerException;
import io.trigger4j.client.error.TriggerTimeoutException;
import io.trigger4j.client.error.TriggerTransportException;
import io.trigger4j.client.observation.TriggerClientMeters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The meters a client records in the {@link MeterRegistry} it was given: through its
 * signals directly, and end to end against WireMock.
 */
@WireMockTest
class ClientMetricsTests {

	private static final String RUN_JSON = "{\"id\":\"run_1\",\"status\":\"QUEUED\",\"taskIdentifier\":\"t\"}";

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private ClientSignals signalsOf(TriggerOperations client) {
		return ((DefaultTriggerOperations) client).lifecycle();
	}

	private TriggerOperations client(String secretKey) {
		return TriggerClient.builder().secretKey(secretKey).meterRegistry(this.registry).build();
	}

	@Test
	void theRemainingBudgetIsAGaugePerEnvironmentUnknownUntilAnAnswerTellsIt() {
		ClientSignals signals = signalsOf(client("tr_prod_Zz12Yy34Xx56Ww78Vv90Uu12"));
		assertThat(
				this.registry.get(TriggerClientMeters.RATE_LIMIT_REMAINING).tag("environment", "prod").gauge().value())
			.isNaN();
		signals.rateLimitRemaining(742);
		assertThat(
				this.registry.get(TriggerClientMeters.RATE_LIMIT_REMAINING).tag("environment", "prod").gauge().value())
			.isEqualTo(742);
	}

	@Test
	void anAccessTokenOnlyClientReportsTheUnknownEnvironment() {
		TriggerClient.builder().accessToken(TestClients.ACCESS_TOKEN).meterRegistry(this.registry).build();
		assertThat(this.registry.get(TriggerClientMeters.RATE_LIMIT_REMAINING).gauge().getId().getTag("environment"))
			.isEqualTo("unknown");
	}

	@Test
	void retriesAreCountedByOperationAndCause() {
		ClientSignals signals = signalsOf(client(TestClients.SECRET_KEY));
		signals.retrying(Operation.RUNS_RETRIEVE, apiFailure(503));
		signals.retrying(Operation.RUNS_RETRIEVE, apiFailure(502));
		signals.retrying(Operation.TASKS_TRIGGER, apiFailure(429));
		assertThat(this.registry.get(TriggerClientMeters.RETRIES)
			.tags("operation", "runs.retrieve", "cause", "server_error")
			.counter()
			.count()).isEqualTo(2);
		assertThat(this.registry.get(TriggerClientMeters.RETRIES)
			.tags("operation", "tasks.trigger", "cause", "rate_limited")
			.counter()
			.count()).isEqualTo(1);
	}

	@Test
	void rateLimitWaitsAreTimedByOperation() {
		ClientSignals signals = signalsOf(client(TestClients.SECRET_KEY));
		signals.rateLimitWaited(Operation.TASKS_TRIGGER, Duration.ofMillis(1500));
		signals.rateLimitWaited(Operation.TASKS_TRIGGER, Duration.ofMillis(500));
		var timer = this.registry.get(TriggerClientMeters.RATE_LIMIT_WAITS).tag("operation", "tasks.trigger").timer();
		assertThat(timer.count()).isEqualTo(2);
		assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(2000);
	}

	@Test
	void deadlineExpiriesAreCountedByOperation() {
		ClientSignals signals = signalsOf(client(TestClients.SECRET_KEY));
		signals.deadlineExpired(Operation.RUNS_LIST);
		assertThat(this.registry.get(TriggerClientMeters.DEADLINE_EXPIRATIONS)
			.tag("operation", "runs.list")
			.counter()
			.count()).isEqualTo(1);
	}

	@Test
	void everyTagValueComesFromASmallFixedSet() {
		ClientSignals signals = signalsOf(client(TestClients.SECRET_KEY));
		for (Arguments arguments : causes().toList()) {
			signals.retrying(Operation.RUNS_RETRIEVE, (Throwable) arguments.get()[0]);
		}
		signals.rateLimitWaited(Operation.RUNS_RETRIEVE, Duration.ofSeconds(1));
		signals.deadlineExpired(Operation.RUNS_RETRIEVE);
		signals.rateLimitRemaining(3);
		List<String> allowed = List.of("dev", "runs.retrieve", "rate_limited", "server_error", "not_found",
				"connect_failure", "timeout", "transport", "other");
		assertThat(this.registry.getMeters()).hasSize(10);
		for (Meter meter : this.registry.getMeters()) {
			assertThat(meter.getId().getTags()).extracting(Tag::getValue).isSubsetOf(allowed);
			assertThat(meter.getId().getTags().toString()).doesNotContain(TestClients.SECRET_KEY, "run_1");
		}
	}

	static Stream<Arguments> causes() {
		return Stream.of(Arguments.of(apiFailure(429), "rate_limited"), Arguments.of(apiFailure(500), "server_error"),
				Arguments.of(apiFailure(503), "server_error"), Arguments.of(apiFailure(404), "not_found"),
				Arguments.of(new TriggerTransportException("runs.retrieve", "connection refused", true, null),
						"connect_failure"),
				Arguments.of(new TriggerTimeoutException("runs.retrieve", Duration.ofSeconds(10), null), "timeout"),
				Arguments.of(new TimeoutException("deadline"), "timeout"), Arguments.of(apiFailure(408), "timeout"),
				Arguments.of(new TriggerTransportException("runs.retrieve", "connection reset", false, null),
						"transport"),
				Arguments.of(apiFailure(409), "other"), Arguments.of(new TriggerException("odd", null), "other"),
				Arguments.of(new IllegalStateException("odd"), "other"));
	}

	@ParameterizedTest
	@MethodSource("causes")
	void theCauseTagIsDerivedFromTheFailure(Throwable failure, String cause) {
		assertThat(MicrometerClientSignals.cause(failure)).isEqualTo(cause);
	}

	@Test
	void withoutARegistryNothingIsRecordedAndClosingWorks() {
		TriggerOperations client = TriggerClient.builder().secretKey(TestClients.SECRET_KEY).build();
		signalsOf(client).retrying(Operation.RUNS_RETRIEVE, apiFailure(503));
		client.close();
		assertThat(this.registry.getMeters()).isEmpty();
	}

	@Test
	void withoutMicrometerCoreOnTheClassPathTheClientWorks() throws Exception {
		try (URLClassLoader withoutCore = new WithoutMicrometerCore(getClass().getClassLoader())) {
			assertThatExceptionOfType(ClassNotFoundException.class)
				.isThrownBy(() -> withoutCore.loadClass("io.micrometer.core.instrument.MeterRegistry"));
			Class<?> probe = withoutCore.loadClass(NoMicrometerCoreProbe.class.getName());
			assertThat(probe.getClassLoader()).isSameAs(withoutCore);
			@SuppressWarnings("unchecked")
			Supplier<String> run = (Supplier<String>) probe.getConstructor().newInstance();
			assertThat(run.get()).isEqualTo("DEV");
		}
	}

	/** Loads the client's own classes itself, and no class of Micrometer's core. */
	private static final class WithoutMicrometerCore extends URLClassLoader {

		WithoutMicrometerCore(ClassLoader parent) {
			super(new URL[] { TriggerClient.class.getProtectionDomain().getCodeSource().getLocation(),
					NoMicrometerCoreProbe.class.getProtectionDomain().getCodeSource().getLocation() }, parent);
		}

		@Override
		protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
			if (name.startsWith("io.micrometer.core.")) {
				throw new ClassNotFoundException(name);
			}
			if (name.startsWith("io.trigger4j.client.")) {
				synchronized (getClassLoadingLock(name)) {
					Class<?> loaded = findLoadedClass(name);
					return (loaded != null) ? loaded : findClass(name);
				}
			}
			return super.loadClass(name, resolve);
		}

	}

	@Test
	void closingTheClientRemovesItsGauge() {
		TriggerOperations client = client(TestClients.SECRET_KEY);
		client.close();
		assertThat(this.registry.find(TriggerClientMeters.RATE_LIMIT_REMAINING).gauge()).isNull();
	}

	private static TriggerApiException apiFailure(int status) {
		return TriggerApiException.of("runs.retrieve", status, Map.of(), "{\"error\":\"x\"}");
	}

	// End to end: the transport reports to the signals.

	@Test
	void aRetriedServerErrorIsCountedWithItsCause(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v3/runs/run_1").inScenario("flaky")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503).withHeader("x-should-retry", "true"))
			.willSetStateTo("up"));
		stubFor(get("/api/v3/runs/run_1").inScenario("flaky").whenScenarioStateIs("up").willReturn(okJson(RUN_JSON)));
		TriggerOperations client = TestClients.builder(wm).meterRegistry(this.registry).build();
		assertThat(client.runs().retrieve("run_1").block(Duration.ofSeconds(10)).id()).isEqualTo("run_1");
		assertThat(this.registry.get(TriggerClientMeters.RETRIES)
			.tags("operation", "runs.retrieve", "cause", "server_error")
			.counter()
			.count()).isEqualTo(1);
	}

	@Test
	void aRateLimitWaitIsTimed(WireMockRuntimeInfo wm) {
		Instant now = Instant.parse("2026-11-28T12:00:00Z");
		stubFor(get("/api/v3/runs/run_1").inScenario("limited")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(429)
				.withHeader("x-ratelimit-remaining", "0")
				.withHeader("x-ratelimit-reset", String.valueOf(now.plusMillis(20).toEpochMilli()))
				.withBody("{\"error\":\"Rate limit exceeded\"}"))
			.willSetStateTo("open"));
		stubFor(get("/api/v3/runs/run_1").inScenario("limited")
			.whenScenarioStateIs("open")
			.willReturn(okJson(RUN_JSON)));
		TriggerOperations client = TestClients.builder(wm)
			.clock(Clock.fixed(now, ZoneOffset.UTC))
			.meterRegistry(this.registry)
			.build();
		assertThat(client.runs().retrieve("run_1").block(Duration.ofSeconds(10)).id()).isEqualTo("run_1");
		assertThat(this.registry.get(TriggerClientMeters.RATE_LIMIT_WAITS)
			.tag("operation", "runs.retrieve")
			.timer()
			.count()).isEqualTo(1);
	}

	@Test
	void theRemainingBudgetFollowsTheAnswers(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v3/runs/run_1").willReturn(okJson(RUN_JSON).withHeader("x-ratelimit-remaining", "42")));
		TriggerOperations client = TestClients.builder(wm).meterRegistry(this.registry).build();
		client.runs().retrieve("run_1").block(Duration.ofSeconds(10));
		assertThat(
				this.registry.get(TriggerClientMeters.RATE_LIMIT_REMAINING).tag("environment", "dev").gauge().value())
			.isEqualTo(42);
	}

}
