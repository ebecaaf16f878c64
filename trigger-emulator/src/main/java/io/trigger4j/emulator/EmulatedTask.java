package io.trigger4j.emulator;

import java.time.Duration;
import java.util.Objects;

/**
 * A task the emulator knows: its id, its handler, how long an attempt takes, how many
 * attempts a run makes unless the trigger says otherwise, and the pause before a retry.
 * Immutable.
 *
 * @param id the task identifier
 * @param handler the task's body
 * @param duration how long each attempt executes (emulator time)
 * @param maxAttempts default attempts per run
 * @param retryDelay pause between a failed attempt and the next
 * @param concurrencyLimit how many runs of the task execute at once (0 for no limit); the
 * others wait QUEUED, oldest first, and expire if their TTL passes before a slot frees
 */
public record EmulatedTask(String id, TaskHandler handler, Duration duration, int maxAttempts, Duration retryDelay,
		int concurrencyLimit) {

	public EmulatedTask {
		Objects.requireNonNull(id, "id must not be null");
		if (id.isBlank()) {
			throw new IllegalArgumentException("id must not be blank");
		}
		Objects.requireNonNull(handler, "handler must not be null");
		requireNotNegative("duration", duration);
		requireNotNegative("retryDelay", retryDelay);
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("maxAttempts must be at least 1 but was " + maxAttempts);
		}
		if (concurrencyLimit < 0) {
			throw new IllegalArgumentException("concurrencyLimit must not be negative but was " + concurrencyLimit);
		}
	}

	/** A task that completes at once, with 3 attempts and a 1 s retry delay. */
	public static EmulatedTask of(String id, TaskHandler handler) {
		return new EmulatedTask(id, handler, Duration.ZERO, 3, Duration.ofSeconds(1), 0);
	}

	/** A copy whose attempts each take this long. */
	public EmulatedTask withDuration(Duration duration) {
		return new EmulatedTask(this.id, this.handler, duration, this.maxAttempts, this.retryDelay,
				this.concurrencyLimit);
	}

	/** A copy with another default number of attempts. */
	public EmulatedTask withMaxAttempts(int maxAttempts) {
		return new EmulatedTask(this.id, this.handler, this.duration, maxAttempts, this.retryDelay,
				this.concurrencyLimit);
	}

	/** A copy with another pause before retries. */
	public EmulatedTask withRetryDelay(Duration retryDelay) {
		return new EmulatedTask(this.id, this.handler, this.duration, this.maxAttempts, retryDelay,
				this.concurrencyLimit);
	}

	/** A copy that executes at most this many runs at once (0 for no limit). */
	public EmulatedTask withConcurrencyLimit(int concurrencyLimit) {
		return new EmulatedTask(this.id, this.handler, this.duration, this.maxAttempts, this.retryDelay,
				concurrencyLimit);
	}

	private static void requireNotNegative(String name, Duration value) {
		Objects.requireNonNull(value, () -> name + " must not be null");
		if (value.isNegative()) {
			throw new IllegalArgumentException(name + " must not be negative but was " + value);
		}
	}

}
