package io.trigger4j.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock that moves only when told to. Give it to
 * {@link TriggerEmulator.Builder#clock(Clock)} and call
 * {@link TriggerEmulator#advance(Duration)}: delays, task durations, retries and TTLs
 * then pass without any test sleeping. Thread-safe.
 */
public final class ManualClock extends Clock {

	private volatile Instant now;

	/**
	 * A clock standing at the given instant.
	 * @param start the instant the clock shows until it is advanced
	 */
	public ManualClock(Instant start) {
		this.now = Objects.requireNonNull(start, "start must not be null");
	}

	/**
	 * Moves the clock forward.
	 * @param duration how far to move it, not negative
	 */
	public synchronized void advance(Duration duration) {
		Objects.requireNonNull(duration, "duration must not be null");
		if (duration.isNegative()) {
			throw new IllegalArgumentException("duration must not be negative but was " + duration);
		}
		this.now = this.now.plus(duration);
	}

	@Override
	public Instant instant() {
		return this.now;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

}
