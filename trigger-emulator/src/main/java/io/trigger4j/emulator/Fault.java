package io.trigger4j.emulator;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A fault the emulator injects into the next matching requests, to test an application's
 * resilience: an error status, added latency, or a dropped connection. Immutable; inject
 * with {@link TriggerEmulator#inject(Fault)}.
 * <p>
 * By default a fault hits before the route runs, so the server has done nothing: no run
 * was created. {@link #afterServed()} makes it hit the answer instead, after the route
 * ran (a trigger has created its run): the ambiguous case where the server acted but the
 * client never learns of it, as when a proxy loses or replaces the answer.
 *
 * @param status the status to answer instead of the real one, or 0
 * @param latency extra time before the answer (real time), or zero
 * @param dropConnection whether to close the connection without answering
 * @param times how many matching requests it applies to
 * @param pathPrefix only requests whose path starts with this, or {@code null} for all
 * @param onAnswer whether the fault hits the answer after the route ran
 * ({@link #afterServed()}) rather than the request before it
 */
public record Fault(int status, Duration latency, boolean dropConnection, int times, @Nullable String pathPrefix,
		boolean onAnswer) {

	public Fault {
		Objects.requireNonNull(latency, "latency must not be null");
		if (latency.isNegative()) {
			throw new IllegalArgumentException("latency must not be negative but was " + latency);
		}
		if (times < 1) {
			throw new IllegalArgumentException("times must be at least 1 but was " + times);
		}
		if (status != 0 && (status < 400 || status > 599)) {
			throw new IllegalArgumentException("status must be an error status (400-599) but was " + status);
		}
	}

	/** A fault hitting requests before the route runs. */
	public Fault(int status, Duration latency, boolean dropConnection, int times, @Nullable String pathPrefix) {
		this(status, latency, dropConnection, times, pathPrefix, false);
	}

	/** Answers the next request with this error status (500, 503, 429, ...). */
	public static Fault status(int status) {
		return new Fault(status, Duration.ZERO, false, 1, null);
	}

	/** Delays the next request's answer. */
	public static Fault latency(Duration latency) {
		return new Fault(0, latency, false, 1, null);
	}

	/** Closes the next request's connection without answering. */
	public static Fault drop() {
		return new Fault(0, Duration.ZERO, true, 1, null);
	}

	/**
	 * A copy hitting the answer after the route ran, so the server has acted (a trigger
	 * created its run, a cancel cancelled): {@code drop().afterServed()} closes the
	 * connection instead of sending the answer; {@code status(502).afterServed()} sends
	 * that status (with {@code Connection: close}) instead of the answer;
	 * {@code latency(d).afterServed()} sends the answer {@code d} later (real time), so a
	 * client with a shorter timeout gives up on a request that succeeded.
	 */
	public Fault afterServed() {
		return new Fault(this.status, this.latency, this.dropConnection, this.times, this.pathPrefix, true);
	}

	/** A copy applying to this many matching requests. */
	public Fault times(int times) {
		return new Fault(this.status, this.latency, this.dropConnection, times, this.pathPrefix, this.onAnswer);
	}

	/**
	 * A copy applying only to paths starting with the prefix, such as
	 * {@code /api/v1/tasks}.
	 */
	public Fault onPath(String pathPrefix) {
		return new Fault(this.status, this.latency, this.dropConnection, this.times, Objects.requireNonNull(pathPrefix),
				this.onAnswer);
	}

}
