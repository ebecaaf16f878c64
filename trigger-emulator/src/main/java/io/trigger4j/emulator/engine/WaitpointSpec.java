package io.trigger4j.emulator.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A waitpoint token to create, every value already read by the api layer.
 *
 * @param idempotencyKey the caller's key, sent raw; a live one returns its token
 * @param idempotencyKeyTtl how long the key stays live, or {@code null} for ever (the
 * server's {@code <n>s|m|h|d}; anything else is none)
 * @param timeout when the token times out, or {@code null} for never; an instant already
 * past times it out at once
 * @param tags the tags as sent (a string is one tag); more than 10 are refused
 */
public record WaitpointSpec(@Nullable String idempotencyKey, @Nullable Duration idempotencyKeyTtl,
		@Nullable Instant timeout, List<String> tags) {

	/**
	 * Copies the tags.
	 * @param idempotencyKey the caller's key, sent raw; a live one returns its token
	 * @param idempotencyKeyTtl how long the key stays live, or {@code null} for ever (the
	 * server's {@code <n>s|m|h|d}; anything else is none)
	 * @param timeout when the token times out, or {@code null} for never; an instant
	 * already past times it out at once
	 * @param tags the tags as sent (a string is one tag); more than 10 are refused
	 */
	public WaitpointSpec {
		tags = List.copyOf(tags);
	}

	/**
	 * {@return the spec of a token without key, timeout or tags}
	 */
	public static WaitpointSpec plain() {
		return new WaitpointSpec(null, null, null, List.of());
	}

}
