package io.trigger4j.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import java.util.stream.Stream;

import io.trigger4j.client.error.BadRequestException;
import io.trigger4j.client.error.NotFoundException;
import io.trigger4j.client.error.RateLimitException;
import io.trigger4j.client.error.ServerException;
import io.trigger4j.client.error.TriggerApiException;
import io.trigger4j.client.error.TriggerTimeoutException;
import io.trigger4j.client.error.TriggerTransportException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;
import reactor.netty.internal.shaded.reactor.pool.PoolAcquirePendingLimitException;
import reactor.netty.internal.shaded.reactor.pool.PoolAcquireTimeoutException;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/** Retry decisions and waits, in virtual time: no test here waits for real. */
class RetryStrategyTests {

	private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

	private static final TriggerRetrySettings SETTINGS = new TriggerRetrySettings(5, Duration.ofSeconds(1),
			Duration.ofSeconds(30), 2.0, 0.0, Duration.ofMinutes(1));

	/** Rate-limit jitter pinned to none, so waits are exact. */
	private static final RetryStrategy STRATEGY = strategy(SETTINGS, () -> 0.0);

	/** A read: safe to repeat. */
	private static final ApiCall<String> READ = ApiCall.to(Operation.RUNS_RETRIEVE, "run_1")
		.reading((json, body, headers) -> "ok");

	/** A batch without an idempotency key: repeating it could create second runs. */
	private static final ApiCall<String> UNKEYED_BATCH = ApiCall.to(Operation.TASKS_BATCH_TRIGGER_MANY)
		.reading((json, body, headers) -> "ok");

	private static final ApiCall<String> KEYED_TRIGGER = ApiCall.to(Operation.TASKS_TRIGGER, "t")
		.idempotencyKey("order-1")
		.reading((json, body, headers) -> "ok");

	/** Replay: every call creates a run. */
	private static final ApiCall<String> REPLAY = ApiCall.to(Operation.RUNS_REPLAY, "run_1")
		.reading((json, body, headers) -> "ok");

	private static TriggerApiException error(int status, String... headerPairs) {
		Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
		for (int i = 0; i < headerPairs.length; i += 2) {
			headers.put(headerPairs[i], List.of(headerPairs[i + 1]));
		}
		return TriggerApiException.of("op", status, headers, "{\"error\":\"e\"}");
	}

	private static TriggerTransportException connectFailure() {
		return new TriggerTransportException("op", "refused", true, new ConnectException());
	}

	private static TriggerTransportException readTimeout() {
		return new TriggerTimeoutException("op", Duration.ofSeconds(30), new TimeoutException());
	}

	private static String resetIn(Duration wait) {
		return Long.toString(NOW.plus(wait).toEpochMilli());
	}

	/**
	 * Each case: the failures before success, the call, the retry settings, and what the
	 * caller sees: "ok" after the given virtual time with that many attempts, or the last
	 * failure's type.
	 */
	static Stream<Arguments> cases() {
		return Stream.of(
				Arguments.of("5xx on a read: exponential backoff, 1 s then 2 s", List.of(error(503), error(500)), READ,
						SETTINGS, "ok", Duration.ofSeconds(3), 3),
				Arguments.of("exhausted retries signal the last error itself",
						List.of(error(500), error(500), error(500), error(500), error(502)), READ, SETTINGS,
						ServerException.class, Duration.ofMinutes(5), 5),
				Arguments.of("client errors are not retried", List.of(error(400)), READ, SETTINGS,
						BadRequestException.class, Duration.ZERO, 1),
				Arguments.of("x-should-retry: true retries a 404 after a short backoff",
						List.of(error(404, "x-should-retry", "true")), READ, SETTINGS, "ok", Duration.ofMillis(250), 2),
				Arguments.of("404s the server advises to retry get a budget of 2 s: 250 ms, 500 ms, 1 s",
						List.of(error(404, "x-should-retry", "true"), error(404, "x-should-retry", "true"),
								error(404, "x-should-retry", "true"), error(404, "x-should-retry", "true")),
						READ, SETTINGS.withMaxAttempts(10), NotFoundException.class, Duration.ofMillis(1750), 4),
				Arguments.of("x-should-retry: false stops even a 500", List.of(error(500, "x-should-retry", "false")),
						READ, SETTINGS, ServerException.class, Duration.ZERO, 1),
				Arguments.of("a 500 is not repeated for a batch without key", List.of(error(500)), UNKEYED_BATCH,
						SETTINGS, ServerException.class, Duration.ZERO, 1),
				Arguments.of("a 503 is not repeated for a batch without key", List.of(error(503)), UNKEYED_BATCH,
						SETTINGS, ServerException.class, Duration.ZERO, 1),
				Arguments.of("a 408 is not repeated for a batch without key", List.of(error(408)), UNKEYED_BATCH,
						SETTINGS, TriggerApiException.class, Duration.ZERO, 1),
				Arguments.of("a read timeout is not repeated for a batch without key", List.of(readTimeout()),
						UNKEYED_BATCH, SETTINGS, TriggerTimeoutException.class, Duration.ZERO, 1),
				Arguments.of("429 waits do not use up the attempts: 2 attempts allowed, 6 made",
						List.of(error(429, "x-ratelimit-reset", resetIn(Duration.ofSeconds(7))),
								error(429, "x-ratelimit-reset", resetIn(Duration.ofSeconds(7))),
								error(429, "x-ratelimit-reset", resetIn(Duration.ofSeconds(7))),
								error(429, "x-ratelimit-reset", resetIn(Duration.ofSeconds(7))), error(503)),
						READ, SETTINGS.withMaxAttempts(2), "ok", Duration.ofSeconds(29), 6),
				Arguments.of("429 waits are bounded by the maximum rate-limit wait in all",
						List.of(error(429, "x-ratelimit-reset", resetIn(Duration.ofSeconds(25))),
								error(429, "x-ratelimit-reset", resetIn(Duration.ofSeconds(25))),
								error(429, "x-ratelimit-reset", resetIn(Duration.ofSeconds(25)))),
						READ, SETTINGS, RateLimitException.class, Duration.ofSeconds(50), 3),
				Arguments.of("a batch without key is retried after 429s without using its attempts",
						List.of(error(429), error(429), error(429)), UNKEYED_BATCH, SETTINGS.withMaxAttempts(1 + 1),
						"ok", Duration.ofSeconds(1 + 2 + 4), 4),
				Arguments.of("a batch without key is retried when the server certainly did nothing",
						List.of(connectFailure(), error(429)), UNKEYED_BATCH, SETTINGS, "ok", Duration.ofSeconds(2), 3),
				Arguments.of("a keyed trigger is retried after a timeout and a 503", List.of(readTimeout(), error(503)),
						KEYED_TRIGGER, SETTINGS, "ok", Duration.ofSeconds(3), 3),
				Arguments.of("replay is never repeated after a 500", List.of(error(500)), REPLAY, SETTINGS,
						ServerException.class, Duration.ZERO, 1),
				Arguments.of("replay is retried after a refused connection", List.of(connectFailure()), REPLAY,
						SETTINGS, "ok", Duration.ofSeconds(1), 2),
				Arguments.of("a 429 waits until the server's reset time",
						List.of(error(429, "x-ratelimit-reset", resetIn(Duration.ofSeconds(7)))), READ, SETTINGS, "ok",
						Duration.ofSeconds(7), 2),
				Arguments.of("a 429 reset beyond the maximum wait fails at once",
						List.of(error(429, "x-ratelimit-reset", resetIn(Duration.ofMinutes(10)))), READ, SETTINGS,
						RateLimitException.class, Duration.ZERO, 1),
				Arguments.of("a 429 without reset uses the backoff", List.of(error(429)), READ, SETTINGS, "ok",
						Duration.ofSeconds(1), 2),
				Arguments.of("one attempt disables retries", List.of(error(503)), READ, TriggerRetrySettings.none(),
						ServerException.class, Duration.ZERO, 1),
				Arguments.of("x-should-retry: true on a 404 does not repeat a batch without key",
						List.of(error(404, "x-should-retry", "true")), UNKEYED_BATCH, SETTINGS, NotFoundException.class,
						Duration.ZERO, 1));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void retries(String description, List<Throwable> failures, ApiCall<String> call, TriggerRetrySettings settings,
			Object outcome, Duration elapsed, int expectedAttempts) {
		AtomicInteger attempts = new AtomicInteger();
		RetryStrategy strategy = (settings == SETTINGS) ? STRATEGY : strategy(settings, () -> 0.0);
		StepVerifier.Step<String> step = StepVerifier
			.withVirtualTime(() -> failingThenOk(failures, attempts).retryWhen(strategy.forCall(call)))
			.expectSubscription();
		if (outcome instanceof Class<?> type) {
			Throwable last = failures.get(expectedAttempts - 1);
			step.thenAwait(elapsed)
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(type).isSameAs(last))
				.verify();
		}
		else {
			if (!elapsed.isZero()) {
				step = step.expectNoEvent(elapsed.minusMillis(1)).thenAwait(Duration.ofMillis(1));
			}
			step.expectNext("ok").verifyComplete();
		}
		assertThat(attempts).as("attempts").hasValue(expectedAttempts);
	}

	@Test
	void a429WaitIsSpreadByUpToOneSecond() {
		List<Throwable> failures = List.of(error(429, "x-ratelimit-reset", resetIn(Duration.ofSeconds(7))));
		for (double random : new double[] { 0.0, 0.25, 0.999 }) {
			RetryStrategy strategy = strategy(SETTINGS, () -> random);
			Duration wait = Duration.ofSeconds(7).plusMillis((long) (random * 1000));
			StepVerifier
				.withVirtualTime(() -> failingThenOk(failures, new AtomicInteger()).retryWhen(strategy.forCall(READ)))
				.expectSubscription()
				.expectNoEvent(wait.minusMillis(1))
				.thenAwait(Duration.ofMillis(1))
				.expectNext("ok")
				.verifyComplete();
		}
	}

	@Test
	void noAttemptIsMadeAfterTheDeadline() {
		AtomicInteger attempts = new AtomicInteger();
		// Backoffs of 1 s and 2 s fit in a deadline of 4 s; the next one, 4 s, does not:
		// the call ends at the deadline, with the last failure as the cause.
		List<Throwable> failures = List.of(error(503), error(503), error(503), error(503));
		StepVerifier.withVirtualTime(() -> {
			RetryStrategy.Budget budget = STRATEGY.begin(READ, Duration.ofSeconds(4));
			return failingThenOk(failures, attempts).retryWhen(budget.retry());
		})
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(3999))
			.thenAwait(Duration.ofMillis(1))
			.expectErrorSatisfies(
					(ex) -> assertThat(ex).isInstanceOf(TimeoutException.class).cause().isSameAs(failures.get(2)))
			.verify();
		assertThat(attempts).hasValue(3);
	}

	@Test
	void rateLimitWaitsDoNotCountAgainstTheDeadline() {
		AtomicInteger attempts = new AtomicInteger();
		List<Throwable> failures = List.of(error(429, "x-ratelimit-reset", resetIn(Duration.ofSeconds(30))),
				error(503));
		StepVerifier.withVirtualTime(() -> {
			RetryStrategy.Budget budget = STRATEGY.begin(READ, Duration.ofSeconds(4));
			return failingThenOk(failures, attempts).retryWhen(budget.retry());
		})
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(30_999))
			.thenAwait(Duration.ofMillis(1))
			.expectNext("ok")
			.verifyComplete();
		assertThat(attempts).hasValue(3);
	}

	@Test
	void aRequestThatNeverLeftTheClientIsRecognisedThroughWebClientsWrapping() {
		HttpHeaders headers = new HttpHeaders();
		assertThat(TriggerHttp.notSent(new WebClientRequestException(new PoolAcquirePendingLimitException(10),
				HttpMethod.POST, URI.create("http://localhost/"), headers)))
			.isNotNull();
		assertThat(TriggerHttp
			.notSent(new WebClientRequestException(new PoolAcquireTimeoutException(Duration.ofSeconds(45)),
					HttpMethod.POST, URI.create("http://localhost/"), headers)))
			.isNotNull();
		assertThat(TriggerHttp.notSent(new WebClientRequestException(new UnknownHostException("api.example"),
				HttpMethod.POST, URI.create("http://localhost/"), headers)))
			.isNotNull();
		assertThat(TriggerHttp.notSent(new WebClientRequestException(new ConnectException("refused"), HttpMethod.POST,
				URI.create("http://localhost/"), headers)))
			.isNotNull();
		assertThat(TriggerHttp.notSent(new WebClientRequestException(new IOException("Connection reset by peer"),
				HttpMethod.POST, URI.create("http://localhost/"), headers)))
			.as("a reset may come after the request was sent")
			.isNull();
		assertThat(TriggerHttp.notSent(new WebClientRequestException(new TimeoutException(), HttpMethod.POST,
				URI.create("http://localhost/"), headers)))
			.isNull();
	}

	private static RetryStrategy strategy(TriggerRetrySettings settings, DoubleSupplier random) {
		return new RetryStrategy(settings, Clock.fixed(NOW, ZoneOffset.UTC), null, random);
	}

	/** Fails with each given error in turn, then succeeds. */
	private static Mono<String> failingThenOk(List<Throwable> failures, AtomicInteger attempts) {
		Deque<Throwable> queue = new ArrayDeque<>(failures);
		return Mono.defer(() -> {
			attempts.incrementAndGet();
			Throwable next = queue.poll();
			return (next != null) ? Mono.error(next) : Mono.just("ok");
		});
	}

}
