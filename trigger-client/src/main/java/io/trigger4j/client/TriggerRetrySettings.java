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
 * metadata and reschedule, every trigger (see below), and batches that carry an
 * idempotency key. Replay and batches without a key are never repeated after such a
 * failure, because a repeat could create duplicate runs.
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
 * included, and does not queue calls either.
 *
 * <p>
 * <strong>Local queueing.</strong> When the client knows its rate-limit bucket is empty
 * (a 429 told it when the bucket refills, or an answer said
 * {@code x-ratelimit-remaining: 0}), its calls wait locally until the refill instead of
 * collecting 429s, and are then released a few at a time (no more than the budget the
 * server reports), each after up to 1 s of random jitter. Time queued counts against
 * {@link #maxRateLimitWait()}, not against the attempts or the deadline; a call that
 * cannot be released within it is sent anyway and fails with the server's 429.
 *
 * <p>
 * <strong>Triggers without a key.</strong> Every trigger and batch creation carries
 * {@code x-trigger-request-idempotency-key}, a random UUID per logical call kept on its
 * retries, with which the server answers a repeated attempt with the first attempt's run.
 * Because some server versions ignore that header, a trigger without an idempotency key
 * also carries a generated one ({@code trigger4j-<uuid>}, one per logical call, kept for
 * at least 1 h) when it may be retried and {@link #generatedIdempotencyKeys()} is on (the
 * default), so that a retry after an answer was lost returns the run the first attempt
 * made. Either way a trigger is retried after a failure where the server may have acted;
 * with generated keys off only the header protects it.
 *
 * @param maxAttempts attempts in all, including the first (1 disables retries)
 * @param minBackoff the first backoff
 * @param maxBackoff the longest backoff
 * @param multiplier the factor between consecutive backoffs
 * @param jitter the jitter factor, 0 (none) to 1
 * @param maxRateLimitWait the longest one call waits in all for rate-limit resets before
 * giving up, queued locally or after 429s (0 signals every 429 at once and queues
 * nothing)
 * @param generatedIdempotencyKeys whether a trigger without an idempotency key that may
 * be retried is sent with a generated one
 */
public record TriggerRetrySettings(int maxAttempts, Duration minBackoff, Duration maxBackoff, double multiplier,
		double jitter, Duration maxRateLimitWait, boolean generatedIdempotencyKeys) {

	private static final TriggerRetrySettings DEFAULTS = new TriggerRetrySettings(5, Duration.ofSeconds(1),
			Duration.ofSeconds(30), 1.6, 0.5, Duration.ofMinutes(2), true);

	/**
	 * Checks the settings.
	 * @param maxAttempts attempts in all, including the first (1 disables retries)
	 * @param minBackoff the first backoff
	 * @param maxBackoff the longest backoff
	 * @param multiplier the factor between consecutive backoffs
	 * @param jitter the jitter factor, 0 (none) to 1
	 * @param maxRateLimitWait the longest one call waits in all for rate-limit resets
	 * before giving up, queued locally or after 429s (0 signals every 429 at once and
	 * queues nothing)
	 * @param generatedIdempotencyKeys whether a trigger without an idempotency key that
	 * may be retried is sent with a generated one
	 * @throws IllegalArgumentException if a value is out of its range
	 */
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
	 * Settings that generate idempotency keys for triggers without one.
	 * @param maxAttempts attempts in all, including the first (1 disables retries)
	 * @param minBackoff the first backoff
	 * @param maxBackoff the longest backoff
	 * @param multiplier the factor between consecutive backoffs
	 * @param jitter the jitter factor, 0 (none) to 1
	 * @param maxRateLimitWait the longest one call waits in all for rate-limit resets
	 */
	public TriggerRetrySettings(int maxAttempts, Duration minBackoff, Duration maxBackoff, double multiplier,
			double jitter, Duration maxRateLimitWait) {
		this(maxAttempts, minBackoff, maxBackoff, multiplier, jitter, maxRateLimitWait, true);
	}

	/**
	 * The defaults: 5 attempts, backoff from 1 s growing by 1.6 up to 30 s with 50%
	 * jitter (as the official SDK, plus jitter), and at most 2 minutes of waiting for
	 * rate-limit resets in one call (enough for a burst of 3,000 calls against the
	 * server's bucket of 750 refilled by 250 every 10 s); keys generated for triggers
	 * without one.
	 * @return the default settings
	 */
	public static TriggerRetrySettings defaults() {
		return DEFAULTS;
	}

	/**
	 * No retries, and no local queueing: one attempt, whose failure (a 429 included) is
	 * signalled at once. No key is generated, as there is no retry to protect.
	 * @return settings of one attempt
	 */
	public static TriggerRetrySettings none() {
		return DEFAULTS.withMaxAttempts(1);
	}

	/**
	 * {@return a copy with another number of attempts}
	 * @param maxAttempts attempts in all, including the first (1 disables retries)
	 */
	public TriggerRetrySettings withMaxAttempts(int maxAttempts) {
		return new TriggerRetrySettings(maxAttempts, this.minBackoff, this.maxBackoff, this.multiplier, this.jitter,
				this.maxRateLimitWait, this.generatedIdempotencyKeys);
	}

	/**
	 * {@return a copy with other backoff bounds}
	 * @param minBackoff the first backoff
	 * @param maxBackoff the longest backoff
	 */
	public TriggerRetrySettings withBackoff(Duration minBackoff, Duration maxBackoff) {
		return new TriggerRetrySettings(this.maxAttempts, minBackoff, maxBackoff, this.multiplier, this.jitter,
				this.maxRateLimitWait, this.generatedIdempotencyKeys);
	}

	/**
	 * {@return a copy with another jitter factor}
	 * @param jitter the jitter factor, 0 (none) to 1
	 */
	public TriggerRetrySettings withJitter(double jitter) {
		return new TriggerRetrySettings(this.maxAttempts, this.minBackoff, this.maxBackoff, this.multiplier, jitter,
				this.maxRateLimitWait, this.generatedIdempotencyKeys);
	}

	/**
	 * {@return a copy with another maximum rate-limit wait}
	 * @param maxRateLimitWait the longest one call waits in all for rate-limit resets
	 */
	public TriggerRetrySettings withMaxRateLimitWait(Duration maxRateLimitWait) {
		return new TriggerRetrySettings(this.maxAttempts, this.minBackoff, this.maxBackoff, this.multiplier,
				this.jitter, maxRateLimitWait, this.generatedIdempotencyKeys);
	}

	/**
	 * A copy that does or does not generate an idempotency key for a trigger without one.
	 * Off, such a trigger is still retried after a failure where the server may have
	 * acted, protected only by {@code x-trigger-request-idempotency-key}, which some
	 * server versions ignore (a retry there can create a second run).
	 * @param generatedIdempotencyKeys whether to generate a key for a trigger without one
	 * @return a copy with the setting
	 */
	public TriggerRetrySettings withGeneratedIdempotencyKeys(boolean generatedIdempotencyKeys) {
		return new TriggerRetrySettings(this.maxAttempts, this.minBackoff, this.maxBackoff, this.multiplier,
				this.jitter, this.maxRateLimitWait, generatedIdempotencyKeys);
	}

}
