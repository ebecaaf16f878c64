package io.trigger4j.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
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

	RetryStrategy(TriggerRetrySettings settings, Clock clock) {
		this.settings = settings;
		this.clock = clock;
	}

	/** The same clock with other settings. */
	RetryStrategy withSettings(TriggerRetrySettings settings) {
		return new RetryStrategy(settings, this.clock);
	}

	Retry forCall(ApiCall<?> call) {
		long maxRetries = this.settings.maxAttempts() - 1L;
		RetryBackoffSpec backoff = Retry.backoff(maxRetries, this.settings.minBackoff())
			.maxBackoff(this.settings.maxBackoff())
			.multiplier(this.settings.multiplier())
			.jitter(this.settings.jitter())
			.filter((failure) -> isRetryable(call, failure))
			.onRetryExhaustedThrow((spec, signal) -> signal.failure());
		return Retry.from((signals) -> signals.concatMap((signal) -> {
			Throwable failure = signal.failure();
			Duration wait = rateLimitWait(failure);
			if (wait == null || !isRetryable(call, failure)) {
				return backoff.generateCompanion(Flux.just(signal.copy()));
			}
			if (signal.totalRetries() >= maxRetries || wait.compareTo(this.settings.maxRateLimitWait()) > 0) {
				return Mono.error(failure);
			}
			return Mono.delay(wait);
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

	static boolean isRetryable(ApiCall<?> call, Throwable failure) {
		if (failure instanceof TriggerApiException api) {
			Boolean shouldRetry = api.shouldRetryHeader();
			if (Boolean.FALSE.equals(shouldRetry)) {
				return false;
			}
			int status = api.statusCode();
			if (status == 429) {
				// The rate limiter answers before the route runs: nothing was done.
				return true;
			}
			if (Boolean.TRUE.equals(shouldRetry) || status == 408 || status == 409 || status >= 500) {
				return call.idempotent();
			}
			return false;
		}
		if (failure instanceof TriggerTransportException transport) {
			return transport.isConnectFailure() || call.idempotent();
		}
		return false;
	}

}
