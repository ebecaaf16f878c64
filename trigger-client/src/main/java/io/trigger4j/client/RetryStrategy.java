package io.trigger4j.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleSupplier;

import io.trigger4j.client.error.NotFoundException;
import io.trigger4j.client.error.RateLimitException;
import io.trigger4j.client.error.TriggerApiException;
import io.trigger4j.client.error.TriggerTransportException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * Builds the Reactor {@link Retry} of a call from {@link TriggerRetrySettings}, with the
 * state of one logical call in a {@link Budget}: exponential backoff with jitter (as
 * Reactor's {@code Retry.backoff}) for failures that count against
 * {@link TriggerRetrySettings#maxAttempts()}; the server's wait plus up to
 * {@link #RATE_LIMIT_JITTER} for a 429 (else the backoff; for a call whose attempts pass
 * a {@link RateLimitGate}, no wait of its own when the 429 says when the bucket refills,
 * as the gate holds the next attempt), which counts against
 * {@link TriggerRetrySettings#maxRateLimitWait()} instead; a short budget of its own,
 * {@link #NOT_FOUND_BUDGET}, for a 404 the server advises to retry; and no attempt after
 * the call's deadline (a back-off that would reach it ends the call there with a
 * {@link TimeoutException} whose cause is the last failure). See
 * {@link TriggerRetrySettings} for what is retried.
 */
final class RetryStrategy {

	/** The first wait before repeating a 404 the server advised to retry. */
	static final Duration NOT_FOUND_MIN_BACKOFF = Duration.ofMillis(250);

	/**
	 * The longest one call waits in all to repeat 404s the server advised to retry (a run
	 * just triggered, not yet readable): 250 ms, 500 ms and 1 s, so at most 4 attempts.
	 */
	static final Duration NOT_FOUND_BUDGET = Duration.ofSeconds(2);

	/**
	 * The most random time added to a 429's wait, so that calls waiting for the same
	 * reset do not all come back at once (the official SDK adds up to 1 s as well).
	 */
	static final Duration RATE_LIMIT_JITTER = Duration.ofSeconds(1);

	private final TriggerRetrySettings settings;

	private final Clock clock;

	private final @Nullable Scheduler scheduler;

	private final DoubleSupplier random;

	/**
	 * @param scheduler where back-offs and rate-limit waits run; {@code null} for
	 * Reactor's parallel scheduler at the time of the call
	 */
	RetryStrategy(TriggerRetrySettings settings, Clock clock, @Nullable Scheduler scheduler) {
		this(settings, clock, scheduler, () -> ThreadLocalRandom.current().nextDouble());
	}

	/**
	 * @param random random numbers from 0 (inclusive) to 1 (exclusive) for jitter
	 */
	RetryStrategy(TriggerRetrySettings settings, Clock clock, @Nullable Scheduler scheduler, DoubleSupplier random) {
		this.settings = settings;
		this.clock = clock;
		this.scheduler = scheduler;
		this.random = random;
	}

	/**
	 * The retry of a call without a deadline (the caller bounds the call); each
	 * subscription has a budget of its own.
	 */
	Retry forCall(ApiCall<?> call) {
		boolean repeatable = call.isRepeatable();
		return Retry
			.from((signals) -> new Budget(call.operation(), repeatable, null, timer(), ClientSignals.NONE, false)
				.companion(signals));
	}

	/**
	 * The budget of one logical call, from now.
	 * @param deadline the longest the call may take, not counting rate-limit waits
	 */
	Budget begin(ApiCall<?> call, Duration deadline) {
		return new Budget(call.operation(), call.isRepeatable(), deadline, timer(), ClientSignals.NONE, false);
	}

	/**
	 * The budget of one logical call whose attempts pass a {@link RateLimitGate}, from
	 * now: a 429 that says when the bucket refills is retried at once, as the gate holds
	 * the attempt until then (with jitter); retries and waits are reported to the
	 * signals.
	 * @param deadline the longest the call may take, not counting rate-limit waits
	 */
	Budget begin(ApiCall<?> call, Duration deadline, ClientSignals signals) {
		return new Budget(call.operation(), call.isRepeatable(), deadline, timer(), signals, true);
	}

	private Scheduler timer() {
		return (this.scheduler != null) ? this.scheduler : Schedulers.parallel();
	}

	/**
	 * Whether a failure is worth another attempt. The one place where this is decided:
	 * the server's advice ({@link TriggerApiException#isRetryAdvised()}: its
	 * {@code x-should-retry}, else the status), whether the server certainly did nothing
	 * (429, a request that never left the client), and whether the call may be repeated.
	 * @param repeatable whether repeating the call cannot duplicate anything
	 */
	static boolean isRetryable(boolean repeatable, Throwable failure) {
		if (failure instanceof TriggerApiException api) {
			if (!api.isRetryAdvised()) {
				return false;
			}
			// The rate limiter answers before the route runs: nothing was done.
			return api.statusCode() == 429 || repeatable;
		}
		if (failure instanceof TriggerTransportException transport) {
			return transport.isConnectFailure() || repeatable;
		}
		return false;
	}

	private static long millis(Duration duration) {
		try {
			return duration.toMillis();
		}
		catch (ArithmeticException ex) {
			return Long.MAX_VALUE;
		}
	}

	/**
	 * What one logical call has used: its attempts, the time since it began, the time
	 * spent waiting for rate limits. Used by one call at a time: attempts and retry
	 * decisions follow one another.
	 */
	final class Budget {

		private final Operation operation;

		private final boolean repeatable;

		private final ClientSignals signals;

		private final boolean gated;

		private final long deadlineMillis;

		private final Scheduler timer;

		private final long start;

		private volatile int attempts;

		private volatile int retries;

		private volatile int rateLimitWaits;

		private volatile long rateLimitWaited;

		private volatile int notFoundRetries;

		private volatile long notFoundWaited;

		private Budget(Operation operation, boolean repeatable, @Nullable Duration deadline, Scheduler timer,
				ClientSignals signals, boolean gated) {
			this.operation = operation;
			this.repeatable = repeatable;
			this.signals = signals;
			this.gated = gated;
			this.deadlineMillis = (deadline != null) ? millis(deadline) : Long.MAX_VALUE;
			this.timer = timer;
			this.start = timer.now(TimeUnit.MILLISECONDS);
		}

		/** Counts an attempt about to be made. */
		void attempted() {
			this.attempts++;
		}

		/** The attempts made so far. */
		int attempts() {
			return this.attempts;
		}

		/** The time since the call began, rate-limit waits included. */
		Duration elapsed() {
			return Duration.ofMillis(this.timer.now(TimeUnit.MILLISECONDS) - this.start);
		}

		/** The time spent waiting for rate-limit resets. */
		Duration rateLimitWaited() {
			return Duration.ofMillis(this.rateLimitWaited);
		}

		/**
		 * What is left of the maximum rate-limit wait, in milliseconds: how long the next
		 * attempt may be queued at the gate (0 with a single attempt: nothing is retried
		 * or queued).
		 */
		long rateLimitWaitLeft() {
			TriggerRetrySettings settings = RetryStrategy.this.settings;
			return (settings.maxAttempts() == 1) ? 0
					: Math.max(0, millis(settings.maxRateLimitWait()) - this.rateLimitWaited);
		}

		/** Counts time an attempt was queued at the gate as rate-limit wait. */
		void queued(long millis) {
			this.rateLimitWaited += millis;
		}

		/**
		 * The time left before the deadline, not counting rate-limit waits; at least 1
		 * ms.
		 */
		Duration remaining() {
			long used = this.timer.now(TimeUnit.MILLISECONDS) - this.start - this.rateLimitWaited;
			return Duration.ofMillis(Math.max(1, this.deadlineMillis - Math.max(0, used)));
		}

		/** The retry of this call: every decision updates this budget. */
		Retry retry() {
			return Retry.from(this::companion);
		}

		private Flux<Long> companion(Flux<Retry.RetrySignal> signals) {
			return signals.concatMap((signal) -> next(signal.failure()));
		}

		private Mono<Long> next(Throwable failure) {
			TriggerRetrySettings settings = RetryStrategy.this.settings;
			if (settings.maxAttempts() == 1 || !isRetryable(this.repeatable, failure)) {
				return Mono.error(failure);
			}
			if (failure instanceof RateLimitException rateLimited) {
				return rateLimitWait(rateLimited);
			}
			if (this.retries >= settings.maxAttempts() - 1) {
				return Mono.error(failure);
			}
			long wait;
			if (failure instanceof NotFoundException) {
				wait = backoff(millis(NOT_FOUND_MIN_BACKOFF), this.notFoundRetries);
				if (this.notFoundWaited + wait > millis(NOT_FOUND_BUDGET)) {
					return Mono.error(failure);
				}
				this.notFoundRetries++;
				this.notFoundWaited += wait;
			}
			else {
				wait = backoff(millis(settings.minBackoff()), this.retries);
			}
			long used = this.timer.now(TimeUnit.MILLISECONDS) - this.start - this.rateLimitWaited;
			if (used + wait >= this.deadlineMillis) {
				// The next attempt could not begin before the deadline: the call ends
				// there, with the last failure as the cause.
				TimeoutException deadlinePassed = new TimeoutException("deadline");
				deadlinePassed.initCause(failure);
				return Mono.delay(Duration.ofMillis(Math.max(0, this.deadlineMillis - used)), this.timer)
					.then(Mono.error(deadlinePassed));
			}
			this.retries++;
			this.signals.retrying(this.operation, failure);
			return Mono.delay(Duration.ofMillis(wait), this.timer);
		}

		/**
		 * A 429: the server's wait plus up to {@link #RATE_LIMIT_JITTER} (else the
		 * backoff), within what is left of the maximum rate-limit wait. Not an attempt of
		 * the budget.
		 */
		private Mono<Long> rateLimitWait(RateLimitException failure) {
			Duration untilReset = untilReset(failure);
			long base = (untilReset != null) ? millis(untilReset)
					: backoff(millis(RetryStrategy.this.settings.minBackoff()), this.rateLimitWaits);
			long left = millis(RetryStrategy.this.settings.maxRateLimitWait()) - this.rateLimitWaited;
			if (base > left) {
				return Mono.error(failure);
			}
			this.rateLimitWaits++;
			this.signals.retrying(this.operation, failure);
			if (this.gated && untilReset != null) {
				// The gate knows the reset too and holds the next attempt until then,
				// with jitter; its wait is counted when it ends.
				return Mono.just(0L);
			}
			// Calls told the same reset time would all come back at once: spread them.
			// The backoff without one has the settings' jitter already.
			long jitter = (untilReset == null) ? 0 : Math
				.min((long) (RetryStrategy.this.random.getAsDouble() * millis(RATE_LIMIT_JITTER)), left - base);
			long wait = base + jitter;
			this.rateLimitWaited += wait;
			this.signals.rateLimitWaited(this.operation, Duration.ofMillis(wait));
			return Mono.delay(Duration.ofMillis(wait), this.timer);
		}

		/** How long a 429 asks to wait, or {@code null} when it does not say. */
		private @Nullable Duration untilReset(RateLimitException failure) {
			Instant resetAt = failure.resetAt();
			if (resetAt != null) {
				Duration wait = Duration.between(RetryStrategy.this.clock.instant(), resetAt);
				return (wait.isNegative() || wait.isZero()) ? null : wait;
			}
			return null;
		}

		/**
		 * The wait before retry {@code iteration} (from 0): {@code first} times the
		 * multiplier to the iteration, at most the maximum backoff, with jitter as
		 * Reactor's {@code Retry.backoff} applies it.
		 */
		private long backoff(long first, int iteration) {
			TriggerRetrySettings settings = RetryStrategy.this.settings;
			long max = Math.max(first, millis(settings.maxBackoff()));
			double exact = first * Math.pow(settings.multiplier(), iteration);
			long next = (exact >= max) ? max : (long) exact;
			long offset = (long) (next * settings.jitter());
			if (offset == 0) {
				return next;
			}
			long low = Math.max(first - next, -offset);
			long high = Math.min(max - next, offset);
			return next + low + (long) (RetryStrategy.this.random.getAsDouble() * (high - low));
		}

	}

}
