package io.trigger4j.autoconfigure;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.trigger4j.client.TriggerOperations;
import io.trigger4j.client.error.TriggerException;
import io.trigger4j.client.observation.TriggerClientMeters;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The client's meters in the context's registry, and its closing with the context. */
@WireMockTest
class TriggerLifecycleTests {

	static final String KEY = TriggerAutoConfigurationTests.KEY;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, TriggerAutoConfiguration.class));

	private final ApplicationContextRunner withMetrics = this.runner
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class));

	@Test
	void theContextsMeterRegistryRecordsTheClientsMeters(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v3/runs/run_1")
			.willReturn(okJson(TriggerAutoConfigurationTests.RUN_JSON).withHeader("x-ratelimit-remaining", "42")));
		this.withMetrics.withPropertyValues("trigger.secret-key=" + KEY, "trigger.base-url=" + wm.getHttpBaseUrl())
			.run((context) -> {
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				context.getBean(TriggerOperations.class).runs().retrieve("run_1").block(Duration.ofSeconds(10));
				assertThat(
						meters.get(TriggerClientMeters.RATE_LIMIT_REMAINING).tag("environment", "dev").gauge().value())
					.isEqualTo(42);
			});
	}

	@Test
	void withoutMicrometerCoreStartUpWorks(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v3/runs/run_1").willReturn(okJson(TriggerAutoConfigurationTests.RUN_JSON)));
		this.runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.withPropertyValues("trigger.secret-key=" + KEY, "trigger.base-url=" + wm.getHttpBaseUrl())
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean("triggerMeterRegistryCustomizer");
				assertThat(context.getBean(TriggerOperations.class).runs().retrieve("run_1").block().id())
					.isEqualTo("run_1");
			});
	}

	@Test
	void theShutdownGraceDefaultsToTenSeconds() {
		this.runner.withPropertyValues("trigger.secret-key=" + KEY)
			.run((context) -> assertThat(context.getBean(TriggerProperties.class).shutdownGrace())
				.isEqualTo(Duration.ofSeconds(10)));
	}

	@Test
	void closingTheContextClosesTheClient(WireMockRuntimeInfo wm) {
		this.runner.withPropertyValues("trigger.secret-key=" + KEY, "trigger.base-url=" + wm.getHttpBaseUrl())
			.run((context) -> {
				TriggerOperations operations = context.getBean(TriggerOperations.class);
				context.close();
				assertThatIllegalStateException().isThrownBy(() -> operations.runs().retrieve("run_1").block())
					.withMessageStartingWith("the Trigger.dev client is closed");
			});
	}

	@Test
	void aCallInFlightAgainstAServerThatNeverAnswersFailsWithinTheGraceAtContextClose() throws IOException {
		try (ServerSocket silent = new ServerSocket(0, 50)) {
			silent.setSoTimeout(10_000);
			this.runner
				.withPropertyValues("trigger.secret-key=" + KEY,
						"trigger.base-url=http://127.0.0.1:" + silent.getLocalPort(), "trigger.response-timeout=10m",
						"trigger.deadline=10m", "trigger.shutdown-grace=200ms")
				.run((context) -> {
					TriggerOperations operations = context.getBean(TriggerOperations.class);
					CompletableFuture<Object> call = operations.tasks()
						.trigger("t", Map.of())
						.cast(Object.class)
						.toFuture();
					try (Socket accepted = silent.accept()) {
						long start = System.nanoTime();
						context.close();
						Duration closing = Duration.ofNanos(System.nanoTime() - start);
						assertThat(closing).isGreaterThanOrEqualTo(Duration.ofMillis(200))
							.isLessThan(Duration.ofSeconds(5));
						// Failed by the time close returned: nobody is left waiting.
						assertThat(call).isCompletedExceptionally();
						assertThat(call).failsWithin(0, TimeUnit.SECONDS)
							.withThrowableOfType(java.util.concurrent.ExecutionException.class)
							.havingCause()
							.isInstanceOf(TriggerException.class)
							.withMessage("tasks.trigger failed: the Trigger.dev client was closed during the call "
									+ "and its shutdown grace of PT0.2S passed");
					}
				});
		}
	}

}
