package io.trigger4j.client;

import java.time.Duration;
import java.util.Objects;

import io.trigger4j.client.error.RateLimitException;
import io.trigger4j.client.internal.Checks;

/**
 * How trigger4j retries a failed call: exponential backoff with jitter, computed as
 * Reactor's {@link reactor.util.retry.Retry#backoff(long, Duration) Retry.backoff} does.
 *
 * <p>
 * <strong>What is retried.</strong> The server's {@code x-should-retry: false} always
 * stops retrying. Failures where the server certainly did not act are retried for every
 * call: a 429, and a request that never left the client (no connection free in the pool,
 * a host name that did not resolve, a refused connection, a connect timeout, a failed TLS
 * handshake). Failures where it may have acted (response timeouts, connection resets,
 * 408, 409, 5xx) are retried only for calls that are safe to repeat: reads, cancel, tags,
 * metadata and reschedule, and trigger or batch calls that carry an idempotency key.
 * Replay and triggers without a key are never repeated after such a failure, because a
 * repeat could create a duplicate run.
 *
 * <p>
 * <strong>How long.</strong> A 429 waits until the {@code x-ratelimit-reset} time the
 * server gave plus up to 1 s of random jitter, so that calls waiting for the same reset
 * do not all return at once (without a reset time, for the backoff). These waits do not
 * use up {@link #maxAttempts()} and do not count against the call's deadline: together
 * they are bounded by {@link #maxRateLimitWait()}, and a 429 whose wait does not fit in
 * what is left of it is signalled at once as a {@link RateLimitException} so the caller
 * can decide. A 404 the server advises to retry (a run just triggered and not yet
 * readable) is retried after 250 ms, 500 ms and 1 s at most: 2 s in all. No attempt
 * starts after the call's deadline. {@link #none()} (one attempt) retries nothing, 429s
 * included.
 *
 * @param maxAttempts attempts in all, including the first (1 disables retries)
 * @param minBackoff the first backoff
 * @param maxBackoff the longest backoff
 * @param multiplier the factor between consecutive backoffs
 * @param jitter the jitter factor, 0 (none) to 1
 * @param maxRateLimitWait the longest one call waits in all for rate-limit resets before
 * giving up (0 signals every 429 at once)
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
	 * jitter (as the official SDK, plus jitter), and at most 1 minute of waiting for
	 * rate-limit resets in one call.
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
