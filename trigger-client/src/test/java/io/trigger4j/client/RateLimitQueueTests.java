package io.trigger4j.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.observation.ObservationRegistry;
import io.trigger4j.client.model.tasks.TriggeredRun;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls wait locally while the client knows its rate-limit bucket is empty, and are
 * released with jitter and no more than the bucket takes: in virtual time, against a
 * scripted bucket shaped like the server's (750, refilled by 250 every 10 s).
 */
class RateLimitQueueTests {

	private static final Instant START = Instant.parse("2026-11-22T10:00:00Z");

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	/** The client's clock follows virtual time. */
	private final Clock clock = new Clock() {

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
			return START.plusMillis(RateLimitQueueTests.this.time.now(TimeUnit.MILLISECONDS));
		}

	};

	@Test
	void aBurstFourTimesTheBucketAllSucceedsWithSpreadSendsAndFew429s() {
		Bucket bucket = new Bucket(750, 250, Duration.ofSeconds(10));
		Ops client = client(bucket, TestClients.FAST_RETRY.withMaxRateLimitWait(Duration.ofMinutes(2)),
				new ClientSignals());

		StepVerifier
			.withVirtualTime(() -> Flux.range(0, 3000)
				.flatMap((i) -> client.tasks().trigger("t", Map.of("i", i)), 3000)
				.collectList(), () -> this.time, Long.MAX_VALUE)
			.thenAwait(Duration.ofMinutes(2))
			.assertNext((runs) -> assertThat(runs).hasSize(3000).extracting(TriggeredRun::id).doesNotHaveDuplicates())
			.verifyComplete();

		assertThat(bucket.accepted.get()).isEqualTo(3000);
		// Without the gate every waiting call is sent at each reset: thousands of 429s.
		assertThat(bucket.rejected.get()).isLessThanOrEqualTo(20);
		// After each refill the sends spread over the jitter window, not one instant.
		TreeMap<Long, List<Long>> byRefill = new TreeMap<>();
		for (long sent : bucket.sentAt) {
			long refill = sent / 10_000;
			if (refill > 0) {
				byRefill.computeIfAbsent(refill, (key) -> new CopyOnWriteArrayList<>()).add(sent % 10_000);
			}
		}
		assertThat(byRefill).hasSizeGreaterThanOrEqualTo(9);
		byRefill.forEach((refill, offsets) -> {
			long first = offsets.stream().mapToLong(Long::longValue).min().getAsLong();
			long last = offsets.stream().mapToLong(Long::longValue).max().getAsLong();
			assertThat(last - first).as("spread after refill %d", refill).isBetween(500L, 2000L);
			assertThat(offsets.stream().distinct().count()).as("distinct send times after refill %d", refill)
				.isGreaterThan(offsets.size() / 4);
		});
	}

	@Test
	void aCallQueuedLongerThanItsRateLimitWaitIsSentAndFailsWithTheServers429() {
		Bucket bucket = new Bucket(1, 1, Duration.ofMinutes(10));
		Ops client = client(bucket, TestClients.FAST_RETRY.withMaxRateLimitWait(Duration.ofSeconds(5)),
				new ClientSignals());

		StepVerifier.create(client.tasks().trigger("t", Map.of())).expectNextCount(1).verifyComplete();
		StepVerifier.create(client.tasks().trigger("t", Map.of()))
			.then(() -> this.time.advanceTimeBy(Duration.ofSeconds(5)))
			.expectErrorSatisfies(
					(failure) -> assertThat(failure).isInstanceOf(io.trigger4j.client.error.RateLimitException.class)
						.hasMessageContaining("waiting for the rate limit"))
			.verify();
		// Queued for its 5 s (the bucket was known empty), then sent once.
		assertThat(bucket.sentAt).containsExactly(0L, 5000L);
	}

	@Test
	void aCallAfterAnAnswerWithNothingLeftWhoseResetHasPassedGoesAtOnce() {
		List<Long> sentAt = new CopyOnWriteArrayList<>();
		// Every answer says the bucket is empty, with a reset that has already passed.
		ExchangeFunction server = (request) -> {
			sentAt.add(this.time.now(TimeUnit.MILLISECONDS));
			return Mono.just(ClientResponse.create(HttpStatus.OK)
				.header(HttpHeaders.CONTENT_TYPE, "application/json")
				.header("x-ratelimit-remaining", "0")
				.header("x-ratelimit-reset", Long.toString(START.toEpochMilli()))
				.body("{\"id\":\"run_1\",\"isCached\":false}")
				.build());
		};
		Ops client = client(server, TestClients.FAST_RETRY.withMaxRateLimitWait(Duration.ofMinutes(2)),
				new ClientSignals());

		StepVerifier.create(client.tasks().trigger("t", Map.of())).expectNextCount(1).verifyComplete();
		StepVerifier.create(client.tasks().trigger("t", Map.of()))
			.then(() -> this.time.advanceTimeBy(RetryStrategy.RATE_LIMIT_JITTER))
			.expectNextCount(1)
			.verifyComplete();
		// Sent within its jitter, not after its 2 minutes of rate-limit wait.
		assertThat(sentAt).hasSize(2);
		assertThat(sentAt.get(1)).isLessThanOrEqualTo(RetryStrategy.RATE_LIMIT_JITTER.toMillis());
	}

	@Test
	void everyHookOfTheSignalsFires() {
		Bucket bucket = new Bucket(1, 1, Duration.ofSeconds(10));
		RecordingSignals signals = new RecordingSignals();
		Ops client = client(bucket, TestClients.FAST_RETRY, signals);

		StepVerifier.create(Flux.merge(client.tasks().trigger("t", Map.of()), client.tasks().trigger("t", Map.of())))
			.then(() -> this.time.advanceTimeBy(Duration.ofSeconds(12)))
			.expectNextCount(2)
			.verifyComplete();

		assertThat(signals.events).contains("call tasks.trigger", "remaining 0");
		assertThat(signals.events).filteredOn((event) -> event.startsWith("waited tasks.trigger PT")).isNotEmpty();

		bucket.answer = 503;
		StepVerifier.create(client.runs().retrieve("run_1"))
			.then(() -> this.time.advanceTimeBy(Duration.ofMinutes(1)))
			.expectError()
			.verify();
		assertThat(signals.events).contains("retrying runs.retrieve ServerException");

		bucket.answer = 0;
		Ops hanging = client(bucket, TestClients.FAST_RETRY, signals, Duration.ofSeconds(3));
		StepVerifier.create(hanging.runs().retrieve("run_1"))
			.then(() -> this.time.advanceTimeBy(Duration.ofSeconds(3)))
			.expectError()
			.verify();
		assertThat(signals.events).contains("deadline runs.retrieve");
	}

	/** The operations the tests call, on one transport. */
	record Ops(TasksOperations tasks, RunsOperations runs) {
	}

	private Ops client(ExchangeFunction bucket, TriggerRetrySettings retry, ClientSignals signals) {
		return client(bucket, retry, signals, Duration.ofSeconds(30));
	}

	private Ops client(ExchangeFunction bucket, TriggerRetrySettings retry, ClientSignals signals, Duration deadline) {
		WebClient webClient = WebClient.builder()
			.exchangeFunction(bucket)
			.defaultHeaders((headers) -> TriggerHttp.defaultHeaders(headers, null))
			.build();
		RequestOptions defaults = RequestOptions.builder()
			.responseTimeout(Duration.ofSeconds(10))
			.deadline(deadline)
			.retry(retry)
			.build();
		TriggerHttp http = new TriggerHttp(new TriggerHttp.Shared(webClient, webClient, "http://trigger.test",
				new Credentials(TestClients.SECRET_KEY, null), TestClients.JSON, defaults, this.clock, this.time,
				ObservationRegistry.NOOP, null, TriggerHttp.Shared.storageWebClient(null),
				new TriggerHttp.ClientState(signals)));
		RunsOperations runs = new DefaultRunsOperations(http);
		return new Ops(new DefaultTasksOperations(http, runs), runs);
	}

	/**
	 * The server's limiter: a token bucket refilled every interval, answering
	 * {@code x-ratelimit-remaining} and {@code x-ratelimit-reset} (the next refill, epoch
	 * ms) on every request, 429 when empty. Answers at once, recording when each request
	 * was sent (virtual ms). {@link #answer} 503 answers that status, -1 never answers.
	 */
	final class Bucket implements ExchangeFunction {

		final List<Long> sentAt = new CopyOnWriteArrayList<>();

		final AtomicInteger accepted = new AtomicInteger();

		final AtomicInteger rejected = new AtomicInteger();

		private final long capacity;

		private final long refill;

		private final long interval;

		private long tokens;

		private long lastRefill;

		volatile int answer = 200;

		Bucket(long capacity, long refill, Duration interval) {
			this.capacity = capacity;
			this.refill = refill;
			this.interval = interval.toMillis();
			this.tokens = capacity;
		}

		@Override
		public Mono<ClientResponse> exchange(ClientRequest request) {
			if (this.answer == 0) {
				return Mono.never();
			}
			long now = RateLimitQueueTests.this.time.now(TimeUnit.MILLISECONDS);
			this.sentAt.add(now);
			boolean allowed;
			long remaining;
			long reset;
			synchronized (this) {
				long intervals = (now - this.lastRefill) / this.interval;
				if (intervals > 0) {
					this.tokens = Math.min(this.capacity, this.tokens + intervals * this.refill);
					this.lastRefill += intervals * this.interval;
				}
				reset = START.toEpochMilli() + this.lastRefill + this.interval;
				allowed = this.tokens > 0;
				if (allowed) {
					this.tokens--;
				}
				remaining = this.tokens;
			}
			HttpStatus status = !allowed ? HttpStatus.TOO_MANY_REQUESTS : HttpStatus.valueOf(this.answer);
			String body = (status == HttpStatus.OK)
					? "{\"id\":\"run_" + this.accepted.incrementAndGet() + "\",\"isCached\":false}"
					: "{\"error\":\"" + status.getReasonPhrase() + "\"}";
			if (!allowed) {
				this.rejected.incrementAndGet();
			}
			return Mono.just(ClientResponse.create(status)
				.header(HttpHeaders.CONTENT_TYPE, "application/json")
				.header("x-ratelimit-limit", Long.toString(this.capacity))
				.header("x-ratelimit-remaining", Long.toString(remaining))
				.header("x-ratelimit-reset", Long.toString(reset))
				.body(body)
				.build());
		}

	}

	/** Records what the transport reports. */
	static final class RecordingSignals extends ClientSignals {

		final List<String> events = new CopyOnWriteArrayList<>();

		@Override
		<T> Mono<T> call(Operation operation, Mono<T> call) {
			return call.doOnSubscribe((subscription) -> this.events.add("call " + operation.observationName()));
		}

		@Override
		void retrying(Operation operation, Throwable failure) {
			this.events.add("retrying " + operation.observationName() + " " + failure.getClass().getSimpleName());
		}

		@Override
		void rateLimitWaited(Operation operation, Duration waited) {
			this.events.add("waited " + operation.observationName() + " " + waited);
		}

		@Override
		void deadlineExpired(Operation operation) {
			this.events.add("deadline " + operation.observationName());
		}

		@Override
		void rateLimitRemaining(long remaining) {
			this.events.add("remaining " + remaining);
		}

	}

}
