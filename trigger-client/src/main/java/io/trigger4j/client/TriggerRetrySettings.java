package io.trigger4j.client;

import java.time.Duration;
import java.util.Objects;

import io.trigger4j.client.error.RateLimitException;
import io.trigger4j.client.internal.Checks;

/**
 * How trigger4j retries a failed call: exponential backoff with jitter, implemented with
 * Reactor's {@link reactor.util.retry.Retry#backoff(long, Duration) Retry.backoff}.
 *
 * <p>
 * <strong>What is retried.</strong> The server's {@code x-should-retry: false} always
 * stops retrying. A 429 waits until the {@code x-ratelimit-reset} time the server gave
 * (when that is within {@link #maxRateLimitWait()}; otherwise the
 * {@link RateLimitException} is signalled at once so the caller can decide). Failures
 * where the server certainly did not act (connection refused, 429) are retried for every
 * call. Failures where it may have acted (timeouts, connection resets, 408, 409, 5xx) are
 * retried only for calls that are safe to repeat: reads, cancel, tags, metadata and
 * reschedule, and trigger or batch calls that carry an idempotency key. Replay and
 * triggers without a key are never repeated after such a failure, because a repeat could
 * create a duplicate run.
 *
 * @param maxAttempts attempts in all, including the first (1 disables retries)
 * @param minBackoff the first backoff
 * @param maxBackoff the longest backoff
 * @param multiplier the factor between consecutive backoffs
 * @param jitter the jitter factor, 0 (none) to 1
 * @param maxRateLimitWait the longest trigger4j waits for a rate-limit reset before
 * giving up
 */
public record TriggerRetrySettings(int maxAttempts, Duration minBackoff, Duration maxBackoff, double multiplier,
		double jitter, Duration maxRateLimitWait) {

	private static final TriggerRetrySettings DEFAULTS = new TriggerRetrySettings(5, Duration.ofSeconds(1),
			Duration.ofSeconds(30), 1.6, 0.5, Duration.ofMinutes(1));

	public TriggerRetrySettings {
		Checks.requireRange("maxAttempts", maxAttempts, 1, 100);
		Checks.requirePositive("minBackoff", minBackoff);
		Checks.requirePositive("maxBackoff", maxBackoff);
		Objects.requireNonNull(maxRateLimitWait, "maxRateLimitWait must not be null");
		if (maxRateLimitWait.isNegative()) {
			throw new IllegalArgumentException("maxRateLimitWait must not be negative but was " + maxRateLimitWait);
		}
		if (maxBackoff.compareTo(minBackoff) < 0) {
			throw new IllegalArgumentException(
					"maxBackoff must not be less than minBackoff but was " + maxBackoff + " < " + minBackoff);
		}
		if (!(multiplier >= 1.0)) {
			throw new IllegalArgumentException("multiplier must be at least 1 but was " + multiplier);
		}
		if (!(jitter >= 0.0 && jitter <= 1.0)) {
			throw new IllegalArgumentException("jitter must be between 0 and 1 but was " + jitter);
		}
	}

	/**
	 * The defaults: 5 attempts, backoff from 1 s growing by 1.6 up to 30 s with 50%
	 * jitter (as the official SDK, plus jitter), and at most 1 minute of waiting for a
	 * rate-limit reset.
	 */
	public static TriggerRetrySettings defaults() {
		return DEFAULTS;
	}

	/** No retries. */
	public static TriggerRetrySettings none() {
		return DEFAULTS.withMaxAttempts(1);
	}

	/** A copy with another number of attempts. */
	public TriggerRetrySettings withMaxAttempts(int maxAttempts) {
		return new TriggerRetrySettings(maxAttempts, this.minBackoff, this.maxBackoff, this.multiplier, this.jitter,
				this.maxRateLimitWait);
	}

	/** A copy with other backoff bounds. */
	public TriggerRetrySettings withBackoff(Duration minBackoff, Duration maxBackoff) {
		return new TriggerRetrySettings(this.maxAttempts, minBackoff, maxBackoff, this.multiplier, this.jitter,
				this.maxRateLimitWait);
	}

	/** A copy with another jitter factor. */
	public TriggerRetrySettings withJitter(double jitter) {
		return new TriggerRetrySettings(this.maxAttempts, this.minBackoff, this.maxBackoff, this.multiplier, jitter,
				this.maxRateLimitWait);
	}

	/** A copy with another maximum rate-limit wait. */
	public TriggerRetrySettings withMaxRateLimitWait(Duration maxRateLimitWait) {
		return new TriggerRetrySettings(this.maxAttempts, this.minBackoff, this.maxBackoff, this.multiplier,
				this.jitter, maxRateLimitWait);
	}

}
