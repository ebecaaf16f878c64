package io.trigger4j.client;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/** Retry decisions and waits, in virtual time: no test here waits for real. */
class RetryStrategyTests {

	private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

	private static final TriggerRetrySettings SETTINGS = new TriggerRetrySettings(5, Duration.ofSeconds(1),
			Duration.ofSeconds(30), 2.0, 0.0, Duration.ofMinutes(1));

	private final RetryStrategy strategy = new RetryStrategy(SETTINGS, Clock.fixed(NOW, ZoneOffset.UTC));

	private final AtomicInteger attempts = new AtomicInteger();

	private static final ApiCall<String> GET = ApiCall.builder("runs.retrieve", HttpMethod.GET, "/x")
		.reading((body, headers) -> "ok");

	private static final ApiCall<String> UNSAFE_POST = ApiCall.builder("tasks.trigger", HttpMethod.POST, "/x")
		.idempotent(false)
		.reading((body, headers) -> "ok");

	private static TriggerApiException error(int status, String... headerPairs) {
		HttpHeaders headers = new HttpHeaders();
		for (int i = 0; i < headerPairs.length; i += 2) {
			headers.add(headerPairs[i], headerPairs[i + 1]);
		}
		return ErrorResponses.exception("op", status, headers, "{\"error\":\"e\"}".getBytes(StandardCharsets.UTF_8));
	}

	private static TriggerTransportException connectFailure() {
		return new TriggerTransportException("op", "refused", true, new java.net.ConnectException());
	}

	private static TriggerTransportException readTimeout() {
		return new TriggerTimeoutException("op", Duration.ofSeconds(30), new java.util.concurrent.TimeoutException());
	}

	/** Fails with each given error in turn, then succeeds. */
	private Mono<String> source(Throwable... failures) {
		Deque<Throwable> queue = new ArrayDeque<>(List.of(failures));
		return Mono.defer(() -> {
			this.attempts.incrementAndGet();
			Throwable next = queue.poll();
			return (next != null) ? Mono.error(next) : Mono.just("ok");
		});
	}

	@Test
	void serverErrorsOnAReadAreRetriedWithExponentialBackoff() {
		StepVerifier.withVirtualTime(() -> source(error(503), error(500)).retryWhen(this.strategy.forCall(GET)))
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(2999)) // 1 s, then 2 s
			.thenAwait(Duration.ofMillis(1))
			.expectNext("ok")
			.verifyComplete();
		assertThat(this.attempts).hasValue(3);
	}

	@Test
	void exhaustedRetriesSignalTheLastErrorItself() {
		StepVerifier
			.withVirtualTime(() -> source(error(500), error(500), error(500), error(500), error(502))
				.retryWhen(this.strategy.forCall(GET)))
			.expectSubscription()
			.thenAwait(Duration.ofMinutes(5))
			.expectErrorSatisfies(
					(ex) -> assertThat(ex).isInstanceOf(ServerException.class).extracting("statusCode").isEqualTo(502))
			.verify();
		assertThat(this.attempts).hasValue(5);
	}

	@Test
	void clientErrorsAreNotRetried() {
		StepVerifier.withVirtualTime(() -> source(error(400)).retryWhen(this.strategy.forCall(GET)))
			.expectError(BadRequestException.class)
			.verify();
		assertThat(this.attempts).hasValue(1);
	}

	@Test
	void shouldRetryHeaderTrueRetriesA404() {
		StepVerifier
			.withVirtualTime(() -> source(error(404, "x-should-retry", "true")).retryWhen(this.strategy.forCall(GET)))
			.expectSubscription()
			.thenAwait(Duration.ofSeconds(1))
			.expectNext("ok")
			.verifyComplete();
		assertThat(this.attempts).hasValue(2);
	}

	@Test
	void shouldRetryHeaderFalseStopsEvenA500() {
		StepVerifier
			.withVirtualTime(() -> source(error(500, "x-should-retry", "false")).retryWhen(this.strategy.forCall(GET)))
			.expectError(ServerException.class)
			.verify();
		assertThat(this.attempts).hasValue(1);
	}

	@Test
	void aTriggerWithoutIdempotencyKeyIsNotRepeatedAfterAmbiguousFailures() {
		for (Throwable failure : List.of(error(500), error(503), error(408), readTimeout())) {
			this.attempts.set(0);
			StepVerifier.withVirtualTime(() -> source(failure).retryWhen(this.strategy.forCall(UNSAFE_POST)))
				.expectError(failure.getClass())
				.verify();
			assertThat(this.attempts).as("attempts after %s", failure).hasValue(1);
		}
	}

	@Test
	void aTriggerWithoutIdempotencyKeyIsRetriedWhenTheServerCertainlyDidNothing() {
		StepVerifier
			.withVirtualTime(() -> source(connectFailure(), error(429)).retryWhen(this.strategy.forCall(UNSAFE_POST)))
			.expectSubscription()
			.thenAwait(Duration.ofSeconds(3))
			.expectNext("ok")
			.verifyComplete();
		assertThat(this.attempts).hasValue(3);
	}

	@Test
	void aKeyedTriggerIsRetriedAfterATimeout() {
		ApiCall<String> keyed = ApiCall.builder("tasks.trigger", HttpMethod.POST, "/x")
			.idempotent(true)
			.reading((body, headers) -> "ok");
		StepVerifier.withVirtualTime(() -> source(readTimeout(), error(503)).retryWhen(this.strategy.forCall(keyed)))
			.expectSubscription()
			.thenAwait(Duration.ofSeconds(3))
			.expectNext("ok")
			.verifyComplete();
		assertThat(this.attempts).hasValue(3);
	}

	@Test
	void rateLimitWaitsUntilTheServersResetTime() {
		String reset = Long.toString(NOW.plusSeconds(7).toEpochMilli());
		StepVerifier
			.withVirtualTime(() -> source(error(429, "x-ratelimit-reset", reset)).retryWhen(this.strategy.forCall(GET)))
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(6999))
			.thenAwait(Duration.ofMillis(1))
			.expectNext("ok")
			.verifyComplete();
	}

	@Test
	void rateLimitResetBeyondTheMaximumWaitFailsAtOnce() {
		String reset = Long.toString(NOW.plus(Duration.ofMinutes(10)).toEpochMilli());
		StepVerifier
			.withVirtualTime(() -> source(error(429, "x-ratelimit-reset", reset)).retryWhen(this.strategy.forCall(GET)))
			.expectError(RateLimitException.class)
			.verify();
		assertThat(this.attempts).hasValue(1);
	}

	@Test
	void rateLimitWithoutResetUsesTheBackoff() {
		StepVerifier.withVirtualTime(() -> source(error(429)).retryWhen(this.strategy.forCall(GET)))
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(999))
			.thenAwait(Duration.ofMillis(1))
			.expectNext("ok")
			.verifyComplete();
	}

	@Test
	void maxAttemptsOfOneDisablesRetries() {
		RetryStrategy none = new RetryStrategy(TriggerRetrySettings.none(), Clock.systemUTC());
		StepVerifier.withVirtualTime(() -> source(error(503)).retryWhen(none.forCall(GET)))
			.expectError(ServerException.class)
			.verify();
		assertThat(this.attempts).hasValue(1);
	}

}
