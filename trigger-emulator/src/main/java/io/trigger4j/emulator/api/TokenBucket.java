package io.trigger4j.emulator.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The server's rate limiter: one token bucket per bearer token, refilled by
 * {@code refill} tokens every {@code interval} up to {@code capacity} (the real figures
 * are 750, 250 and 10 s).
 */
final class TokenBucket {

	/** What one request was told. */
	record Decision(boolean allowed, long limit, long remaining, Instant reset) {
	}

	private final Clock clock;

	private final long capacity;

	private final long refill;

	private final Duration interval;

	private final Map<String, long[]> buckets = new HashMap<>();

	TokenBucket(Clock clock, long capacity, long refill, Duration interval) {
		this.clock = clock;
		this.capacity = capacity;
		this.refill = refill;
		this.interval = interval;
	}

	/**
	 * Takes a token for the key; {@code bucket[0]} = tokens, {@code bucket[1]} = last
	 * refill (ms).
	 */
	synchronized Decision take(String key) {
		long now = this.clock.millis();
		long[] bucket = this.buckets.computeIfAbsent(key, (k) -> new long[] { this.capacity, now });
		long intervals = (now - bucket[1]) / this.interval.toMillis();
		if (intervals > 0) {
			bucket[0] = Math.min(this.capacity, bucket[0] + intervals * this.refill);
			bucket[1] += intervals * this.interval.toMillis();
		}
		Instant reset = Instant.ofEpochMilli(bucket[1] + this.interval.toMillis());
		if (bucket[0] <= 0) {
			return new Decision(false, this.capacity, 0, reset);
		}
		bucket[0]--;
		return new Decision(true, this.capacity, bucket[0], reset);
	}

}
