package io.trigger4j.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.trigger4j.client.error.RateLimitException;
import io.trigger4j.client.error.TriggerApiException;
import io.trigger4j.client.error.TriggerTransportException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.util.retry.Retry;
import reactor.util.retry.RetryBackoffSpec;

/**
 * Builds the Reactor {@link Retry} for a call from {@link TriggerRetrySettings}. The
 * backoff is Reactor's {@link RetryBackoffSpec}; the only addition is the server-supplied
 * wait of a 429, which the spec cannot express, wrapped around it with
 * {@link Retry#from}. See {@link TriggerRetrySettings} for what is retried.
 */
final class RetryStrategy {

	private final TriggerRetrySettings settings;

	private final Clock clock;

	private final @Nullable Scheduler scheduler;

	private final Retry repeatable;

	private final Retry unrepeatable;

	/**
	 * @param scheduler where back-offs and rate-limit waits run; {@code null} for
	 * Reactor's parallel scheduler at the time of the wait
	 */
	RetryStrategy(TriggerRetrySettings settings, Clock clock, @Nullable Scheduler scheduler) {
		this.settings = settings;
		this.clock = clock;
		this.scheduler = scheduler;
		this.repeatable = retry(true);
		this.unrepeatable = retry(false);
	}

	/** The retry of a call: what it allows depends on whether the call is repeatable. */
	Retry forCall(ApiCall<?> call) {
		return call.isRepeatable() ? this.repeatable : this.unrepeatable;
	}

	private Retry retry(boolean repeatable) {
		long maxRetries = this.settings.maxAttempts() - 1L;
		RetryBackoffSpec spec = Retry.backoff(maxRetries, this.settings.minBackoff())
			.maxBackoff(this.settings.maxBackoff())
			.multiplier(this.settings.multiplier())
			.jitter(this.settings.jitter())
			.filter((failure) -> isRetryable(repeatable, failure))
			.onRetryExhaustedThrow((backoffSpec, signal) -> signal.failure());
		RetryBackoffSpec backoff = (this.scheduler != null) ? spec.scheduler(this.scheduler) : spec;
		return Retry.from((signals) -> signals.concatMap((signal) -> {
			Throwable failure = signal.failure();
			Duration wait = rateLimitWait(failure);
			if (wait == null || !isRetryable(repeatable, failure)) {
				return backoff.generateCompanion(Flux.just(signal.copy()));
			}
			if (signal.totalRetries() >= maxRetries || wait.compareTo(this.settings.maxRateLimitWait()) > 0) {
				return Mono.error(failure);
			}
			return (this.scheduler != null) ? Mono.delay(wait, this.scheduler) : Mono.delay(wait);
		}));
	}

	/** How long a 429 asks to wait, or {@code null} to use the normal backoff. */
	private @Nullable Duration rateLimitWait(Throwable failure) {
		if (failure instanceof RateLimitException rateLimited) {
			Instant resetAt = rateLimited.resetAt();
			if (resetAt != null) {
				Duration wait = Duration.between(this.clock.instant(), resetAt);
				return (wait.isNegative() || wait.isZero()) ? null : wait;
			}
		}
		return null;
	}

	/**
	 * Whether a failure is worth another attempt. The one place where this is decided:
	 * the server's advice ({@link TriggerApiException#isRetryAdvised()}: its
	 * {@code x-should-retry}, else the status), whether the server certainly did nothing
	 * (429, a refused connection), and whether the call may be repeated.
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

}
