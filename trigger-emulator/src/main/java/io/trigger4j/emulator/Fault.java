package io.trigger4j.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A fault the emulator injects into the next matching requests, to test an application's
 * resilience: an error status (with headers of its choice, such as
 * {@code x-should-retry}), a 429 of either rate limiter, added latency, a dropped
 * connection, or a broken body. Immutable; inject with
 * {@link TriggerEmulator#inject(Fault)}.
 * <p>
 * By default a fault hits before the route runs, so the server has done nothing: no run
 * was created. {@link #afterServed()} makes it hit the answer instead, after the route
 * ran (a trigger has created its run): the ambiguous case where the server acted but the
 * client never learns of it, as when a proxy loses or replaces the answer.
 *
 * @param status the status to answer instead of the real one, or 0
 * @param latency extra time before the answer (real time), or zero; for a
 * {@link Body#SLOW slow body}, the time its body takes
 * @param dropConnection whether to close the connection without answering
 * @param times how many matching requests it applies to
 * @param pathPrefix only requests whose path starts with this, or {@code null} for all
 * @param onAnswer whether the fault hits the answer after the route ran
 * ({@link #afterServed()}) rather than the request before it
 * @param headers headers set on the answer (the fault's or the real one)
 * @param body what becomes of the answer's body
 * @param reset for a 429, when the bucket refills and how the server writes it, or
 * {@code null}
 */
public record Fault(int status, Duration latency, boolean dropConnection, int times, @Nullable String pathPrefix,
		boolean onAnswer, Map<String, String> headers, Body body, @Nullable Reset reset) {

	/**
	 * Checks the values and copies the headers.
	 * @throws IllegalArgumentException if the latency is negative, {@code times} is below
	 * 1 or the status is neither 0 nor an error status (400-599)
	 * @param status the status to answer instead of the real one, or 0
	 * @param latency extra time before the answer (real time), or zero; for a
	 * {@link Body#SLOW slow body}, the time its body takes
	 * @param dropConnection whether to close the connection without answering
	 * @param times how many matching requests it applies to
	 * @param pathPrefix only requests whose path starts with this, or {@code null} for
	 * all
	 * @param onAnswer whether the fault hits the answer after the route ran
	 * ({@link #afterServed()}) rather than the request before it
	 * @param headers headers set on the answer (the fault's or the real one)
	 * @param body what becomes of the answer's body
	 * @param reset for a 429, when the bucket refills and how the server writes it, or
	 * {@code null}
	 */
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
		headers = Map.copyOf(Objects.requireNonNull(headers, "headers must not be null"));
		Objects.requireNonNull(body, "body must not be null");
	}

	/**
	 * A fault hitting requests before the route runs, with no headers of its own and the
	 * answer's body as it is.
	 * @param status the status to answer instead of the real one (400-599), or 0
	 * @param latency extra time before the answer (real time), or zero
	 * @param dropConnection whether to close the connection without answering
	 * @param times how many matching requests it applies to, at least 1
	 * @param pathPrefix only requests whose path starts with this, or {@code null} for
	 * all
	 */
	public Fault(int status, Duration latency, boolean dropConnection, int times, @Nullable String pathPrefix) {
		this(status, latency, dropConnection, times, pathPrefix, false);
	}

	/**
	 * A fault with no headers of its own and the answer's body as it is.
	 * @param status the status to answer instead of the real one (400-599), or 0
	 * @param latency extra time before the answer (real time), or zero
	 * @param dropConnection whether to close the connection without answering
	 * @param times how many matching requests it applies to, at least 1
	 * @param pathPrefix only requests whose path starts with this, or {@code null} for
	 * all
	 * @param onAnswer whether the fault hits the answer after the route ran rather than
	 * the request before it
	 */
	public Fault(int status, Duration latency, boolean dropConnection, int times, @Nullable String pathPrefix,
			boolean onAnswer) {
		this(status, latency, dropConnection, times, pathPrefix, onAnswer, Map.of(), Body.AS_IS, null);
	}

	/** What a fault does to the body of the answer. */
	public enum Body {

		/** The body is sent as it is. */
		AS_IS,

		/**
		 * The body stops half-way: its {@code Content-Length} is the whole body's, half
		 * of it is sent, and the connection is closed.
		 */
		TRUNCATED,

		/** The body is replaced by JSON that does not parse (same status and framing). */
		MALFORMED_JSON,

		/**
		 * The status line and headers are sent at once, the body in ten pieces spread
		 * over the fault's latency.
		 */
		SLOW

	}

	/**
	 * When a 429's bucket refills, as its {@code x-ratelimit-reset} header says.
	 *
	 * @param after how long after the answer (on the emulator's clock)
	 * @param inSeconds whether the header is in epoch seconds with a {@code Retry-After}
	 * in seconds (the batch limiter of {@code POST /api/v3/batches}) rather than in epoch
	 * milliseconds (the server's general limiter)
	 */
	public record Reset(Duration after, boolean inSeconds) {

		/**
		 * Checks that the delay is not negative.
		 * @param after how long after the answer (on the emulator's clock)
		 * @param inSeconds whether the header is in epoch seconds with a
		 * {@code Retry-After} in seconds (the batch limiter of
		 * {@code POST /api/v3/batches}) rather than in epoch milliseconds (the server's
		 * general limiter)
		 */
		public Reset {
			Objects.requireNonNull(after, "after must not be null");
			if (after.isNegative()) {
				throw new IllegalArgumentException("after must not be negative but was " + after);
			}
		}

	}

	/**
	 * Answers the next request with this error status (500, 503, 429, ...).
	 * @param status the status, 400-599
	 * @return the fault
	 */
	public static Fault status(int status) {
		return new Fault(status, Duration.ZERO, false, 1, null);
	}

	/**
	 * Delays the next request's answer.
	 * @param latency how long (real time), not negative
	 * @return the fault
	 */
	public static Fault latency(Duration latency) {
		return new Fault(0, latency, false, 1, null);
	}

	/**
	 * Closes the next request's connection without answering.
	 * @return the fault
	 */
	public static Fault drop() {
		return new Fault(0, Duration.ZERO, true, 1, null);
	}

	/**
	 * Answers the next request {@code 429} as the server's general limiter does:
	 * {@code x-ratelimit-limit}, {@code x-ratelimit-remaining: 0} and
	 * {@code x-ratelimit-reset} in epoch milliseconds, {@code resetAfter} after the
	 * answer on the emulator's clock.
	 * @param resetAfter how long after the answer the bucket refills, not negative
	 * @return the fault
	 */
	public static Fault rateLimited(Duration resetAfter) {
		return new Fault(429, Duration.ZERO, false, 1, null, false, Map.of(), Body.AS_IS, new Reset(resetAfter, false));
	}

	/**
	 * Answers the next request {@code 429} as the server's batch limiter of
	 * {@code POST /api/v3/batches} does: {@code x-ratelimit-reset} in epoch seconds and
	 * {@code Retry-After} in seconds, {@code resetAfter} after the answer on the
	 * emulator's clock.
	 * @param resetAfter how long after the answer the bucket refills, not negative
	 * @return the fault
	 */
	public static Fault batchRateLimited(Duration resetAfter) {
		return new Fault(429, Duration.ZERO, false, 1, null, false, Map.of(), Body.AS_IS, new Reset(resetAfter, true));
	}

	/**
	 * Answers the next request {@code 200} with a JSON body that stops half-way (its
	 * {@code Content-Length} promises more) and closes the connection; the route does not
	 * run. With {@link #afterServed()}, the route's own answer is cut so.
	 * @return the fault
	 */
	public static Fault truncatedBody() {
		return new Fault(0, Duration.ZERO, false, 1, null, false, Map.of(), Body.TRUNCATED, null);
	}

	/**
	 * Answers the next request {@code 200} with a body that is not JSON although it says
	 * so; the route does not run. With {@link #afterServed()}, the route's own answer
	 * keeps its status and gets such a body.
	 * @return the fault
	 */
	public static Fault malformedJson() {
		return new Fault(0, Duration.ZERO, false, 1, null, false, Map.of(), Body.MALFORMED_JSON, null);
	}

	/**
	 * Sends the route's answer (the server has acted) with its status line and headers at
	 * once and its body spread over {@code duration} (real time), so that a client timing
	 * the whole answer gives up half-way.
	 * @param duration how long the body takes (real time), not negative
	 * @return the fault
	 */
	public static Fault slowBody(Duration duration) {
		return new Fault(0, duration, false, 1, null, true, Map.of(), Body.SLOW, null);
	}

	/**
	 * A copy hitting the answer after the route ran, so the server has acted (a trigger
	 * created its run, a cancel cancelled): {@code drop().afterServed()} closes the
	 * connection instead of sending the answer; {@code status(502).afterServed()} sends
	 * that status (with {@code Connection: close}) instead of the answer;
	 * {@code latency(d).afterServed()} sends the answer {@code d} later (real time), so a
	 * client with a shorter timeout gives up on a request that succeeded.
	 * @return the copy
	 */
	public Fault afterServed() {
		return new Fault(this.status, this.latency, this.dropConnection, this.times, this.pathPrefix, true,
				this.headers, this.body, this.reset);
	}

	/**
	 * A copy applying to this many matching requests.
	 * @param times how many, at least 1
	 * @return the copy
	 */
	public Fault times(int times) {
		return new Fault(this.status, this.latency, this.dropConnection, times, this.pathPrefix, this.onAnswer,
				this.headers, this.body, this.reset);
	}

	/**
	 * A copy applying only to paths starting with the prefix, such as
	 * {@code /api/v1/tasks}.
	 * @param pathPrefix the start of the request path, matched against the raw target
	 * (still percent-encoded) without its query
	 * @return the copy
	 */
	public Fault onPath(String pathPrefix) {
		return new Fault(this.status, this.latency, this.dropConnection, this.times,
				Objects.requireNonNull(pathPrefix, "pathPrefix must not be null"), this.onAnswer, this.headers,
				this.body, this.reset);
	}

	/**
	 * A copy whose answer carries this header too, such as
	 * {@code status(503).withHeader("x-should-retry", "false")}.
	 * @param name the header's name, a token (sent in lower case)
	 * @param value the header's value, printable ASCII
	 * @return the copy
	 * @throws IllegalArgumentException if the name is not a token or the value not
	 * printable ASCII
	 */
	public Fault withHeader(String name, String value) {
		Objects.requireNonNull(name, "name must not be null");
		Objects.requireNonNull(value, "value must not be null");
		if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+") || !value.matches("[\\x20-\\x7e\\t]*")) {
			throw new IllegalArgumentException(
					"header must be a token name and a printable ASCII value but was '" + name + "'");
		}
		Map<String, String> headers = new LinkedHashMap<>(this.headers);
		headers.put(name.toLowerCase(Locale.ROOT), value);
		return new Fault(this.status, this.latency, this.dropConnection, this.times, this.pathPrefix, this.onAnswer,
				headers, this.body, this.reset);
	}

	/** The headers to send, the rate limit's resolved on the clock at the answer. */
	Map<String, String> answerHeaders(Clock clock) {
		Reset limit = this.reset;
		if (limit == null) {
			return this.headers;
		}
		Map<String, String> headers = new LinkedHashMap<>();
		Instant at = clock.instant().plus(limit.after());
		if (limit.inSeconds()) {
			headers.put("x-ratelimit-reset", Long.toString((at.toEpochMilli() + 999) / 1000));
			headers.put("retry-after", Long.toString(Math.max(0, (limit.after().toMillis() + 999) / 1000)));
		}
		else {
			headers.put("x-ratelimit-limit", "750");
			headers.put("x-ratelimit-remaining", "0");
			headers.put("x-ratelimit-reset", Long.toString(at.toEpochMilli()));
		}
		headers.putAll(this.headers);
		return headers;
	}

}
