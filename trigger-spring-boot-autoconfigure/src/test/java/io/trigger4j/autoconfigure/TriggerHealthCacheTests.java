package io.trigger4j.autoconfigure;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.trigger4j.client.TriggerClient;
import io.trigger4j.client.TriggerOperations;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import reactor.core.publisher.Mono;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code trigger} health indicator reuses its result for
 * {@code trigger.health.cache-ttl} and never holds a probe longer than
 * {@code trigger.health.timeout}, even against a server that accepts connections and
 * never answers.
 */
@WireMockTest
class TriggerHealthCacheTests {

	static final String KEY = TriggerAutoConfigurationTests.KEY;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, TriggerAutoConfiguration.class,
				TriggerHealthContributorAutoConfiguration.class));

	@Test
	void againstAServerThatNeverAnswersProbesAreBoundedAndMakeOneRequest() throws Exception {
		List<Socket> accepted = new CopyOnWriteArrayList<>();
		try (ServerSocket silent = new ServerSocket(0)) {
			Thread acceptor = new Thread(() -> {
				try {
					while (true) {
						accepted.add(silent.accept());
					}
				}
				catch (IOException closed) {
					// the test is over
				}
			}, "silent-server");
			acceptor.setDaemon(true);
			acceptor.start();
			this.runner
				.withPropertyValues("trigger.secret-key=" + KEY,
						"trigger.base-url=http://127.0.0.1:" + silent.getLocalPort(), "trigger.health.timeout=2s",
						"trigger.shutdown-grace=0s")
				.run((context) -> {
					TriggerHealthIndicator indicator = context.getBean(TriggerHealthIndicator.class);
					long start = System.nanoTime();
					// two probes at once, as a load balancer and a platform probe
					List<Health> first = Mono.zip(indicator.health(), indicator.health())
						.map((both) -> List.of(both.getT1(), both.getT2()))
						.block(Duration.ofSeconds(15));
					Duration firstTook = Duration.ofNanos(System.nanoTime() - start);
					start = System.nanoTime();
					Health second = indicator.health().block(Duration.ofSeconds(15));
					Duration secondTook = Duration.ofNanos(System.nanoTime() - start);

					assertThat(first).allSatisfy((health) -> {
						assertThat(health.getStatus()).isEqualTo(Status.DOWN);
						assertThat(health.getDetails()).containsEntry("reason", "No answer within PT2S");
					});
					assertThat(second.getStatus()).isEqualTo(Status.DOWN);
					// bounded by the 2 s timeout (the upper bound leaves room for a
					// loaded
					// machine); the second probe reuses the result instead of waiting
					// again
					assertThat(firstTook).isGreaterThanOrEqualTo(Duration.ofMillis(1900))
						.isLessThan(Duration.ofMillis(10_000));
					assertThat(secondTook).isLessThan(Duration.ofMillis(1500));
					assertThat(accepted).hasSize(1);
				});
		}
		for (Socket socket : accepted) {
			socket.close();
		}
	}

	@Test
	void aResultIsReusedUntilItsTimeToLiveEnds(WireMockRuntimeInfo wm) {
		stubFor(get(urlPathEqualTo("/api/v1/runs")).willReturn(okJson("{\"data\":[],\"pagination\":{}}")));
		MutableClock clock = new MutableClock();
		TriggerOperations operations = TriggerClient.builder().secretKey(KEY).baseUrl(wm.getHttpBaseUrl()).build();
		TriggerHealthIndicator indicator = new TriggerHealthIndicator(operations, Duration.ofSeconds(5),
				Duration.ofSeconds(10), clock);

		assertThat(indicator.health().block().getStatus()).isEqualTo(Status.UP);
		clock.advance(Duration.ofSeconds(9));
		assertThat(indicator.health().block().getStatus()).isEqualTo(Status.UP);
		verify(1, getRequestedFor(urlPathEqualTo("/api/v1/runs")));

		clock.advance(Duration.ofSeconds(1));
		assertThat(indicator.health().block().getStatus()).isEqualTo(Status.UP);
		verify(2, getRequestedFor(urlPathEqualTo("/api/v1/runs")));
	}

	@Test
	void aZeroTimeToLiveAsksOnEveryProbe(WireMockRuntimeInfo wm) {
		stubFor(get(urlPathEqualTo("/api/v1/runs")).willReturn(okJson("{\"data\":[],\"pagination\":{}}")));
		this.runner
			.withPropertyValues("trigger.secret-key=" + KEY, "trigger.base-url=" + wm.getHttpBaseUrl(),
					"trigger.health.cache-ttl=0s")
			.run((context) -> {
				TriggerHealthIndicator indicator = context.getBean(TriggerHealthIndicator.class);
				indicator.health().block();
				indicator.health().block();
				verify(2, getRequestedFor(urlPathEqualTo("/api/v1/runs")));
			});
	}

	@Test
	void theCacheTimeToLiveDefaultsToTenSeconds() {
		this.runner.withPropertyValues("trigger.secret-key=" + KEY)
			.run((context) -> assertThat(context.getBean(TriggerProperties.class).health().cacheTtl())
				.isEqualTo(Duration.ofSeconds(10)));
	}

	static final class MutableClock extends Clock {

		private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
