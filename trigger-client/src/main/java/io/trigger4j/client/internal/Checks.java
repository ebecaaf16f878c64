package io.trigger4j.client.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Argument checks done before any network call. Each message names the argument and what
 * was expected.
 *
 * <p>
 * Internal to trigger4j: not API, and it may change in any release.
 */
public final class Checks {

	/** The most tags a run, token or batch item may have. */
	public static final int MAX_TAGS = 10;

	/** The longest tag, in characters. */
	public static final int MAX_TAG_LENGTH = 128;

	/** The longest idempotency key, in characters. */
	public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 2048;

	/**
	 * The longest free-text value (a task identifier, a schedule's deduplication key, a
	 * stream key) sent as a path segment.
	 */
	public static final int MAX_PATH_VALUE_LENGTH = 1024;

	/** The longest id of a known format ({@code run_...}, {@code batch_...}) accepted. */
	public static final int MAX_ID_LENGTH = 128;

	/** How much of a refused value a message shows. */
	private static final int MAX_SHOWN_LENGTH = 64;

	/** The largest metadata the server accepts, in bytes of JSON. */
	public static final int MAX_METADATA_BYTES = 262_144;

	/**
	 * The server's duration grammar: one or more {@code <int><unit>} parts, units w, d,
	 * h/hr, m, s.
	 */
	private static final Pattern DURATION = Pattern.compile("^(\\d+(w|d|hr|h|m|s))+$");

	/** Idempotency-key TTL grammar. */
	private static final Pattern KEY_TTL = Pattern.compile("^\\d+[smhd]$");

	/** What follows the prefix of an id. */
	private static final Pattern ID_BODY = Pattern.compile("[A-Za-z0-9_-]+");

	/** A duration whose every number is zero, such as {@code 0s} or {@code 0h00m}. */
	private static final Pattern ZERO_DURATION = Pattern.compile("^(0+(w|d|hr|h|m|s))+$");

	private Checks() {
	}

	/**
	 * A value that is not null or blank.
	 * @param argument the argument's name, for the error message
	 * @param value the value
	 * @return the value
	 */
	public static String requireText(String argument, String value) {
		Objects.requireNonNull(value, () -> argument + " must not be null");
		if (value.isBlank()) {
			throw new IllegalArgumentException(argument + " must not be blank");
		}
		return value;
	}

	/**
	 * An id or name used as a path segment: not blank, no surrounding whitespace.
	 * @param argument the argument's name, for the error message
	 * @param value the value
	 * @return the value
	 */
	public static String requireId(String argument, String value) {
		requireText(argument, value);
		if (!value.strip().equals(value)) {
			throw new IllegalArgumentException(
					argument + " must not start or end with whitespace but was '" + value + "'");
		}
		return value;
	}

	/**
	 * A value sent as one path segment: {@linkplain #requireId an id}, at most
	 * {@code maxLength} characters, no control characters or unpaired surrogates, none of
	 * {@code /}, {@code ?}, {@code #} and a backslash, and not {@code .} or {@code ..}
	 * (which a URL resolves away).
	 * @param argument the argument's name, for the error message
	 * @param value the value
	 * @param maxLength the most characters allowed
	 * @param slashes whether {@code /} is allowed (a path sent as one segment)
	 * @return the value
	 */
	public static String requirePathSegment(String argument, String value, int maxLength, boolean slashes) {
		requireId(argument, value);
		requireMaxLength(argument, value, maxLength);
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
				throw new IllegalArgumentException(
						argument + " must not contain control characters but was " + quote(value));
			}
			if (Character.isSurrogate(c)) {
				if (Character.isHighSurrogate(c) && i + 1 < value.length()
						&& Character.isLowSurrogate(value.charAt(i + 1))) {
					i++;
					continue;
				}
				throw new IllegalArgumentException(
						argument + " must be valid Unicode text but has an unpaired surrogate at index " + i);
			}
			if ((c == '/' && !slashes) || c == '?' || c == '#' || c == '\\') {
				throw new IllegalArgumentException(argument + " must not contain '" + c + "' but was " + quote(value));
			}
		}
		for (String segment : (slashes ? value.split("/", -1) : new String[] { value })) {
			if (segment.equals(".") || segment.equals("..")) {
				throw new IllegalArgumentException(argument + " must not be '.' or '..'"
						+ (slashes ? " between slashes" : "") + " but was " + quote(value));
			}
			if (slashes && segment.isEmpty()) {
				throw new IllegalArgumentException(
						argument + " must not start or end with '/' or hold '//' but was " + quote(value));
			}
		}
		return value;
	}

	/**
	 * An id of a known format sent as a path segment: it starts with {@code prefix} and
	 * goes on with letters, digits, {@code _} or {@code -}; at most
	 * {@value #MAX_ID_LENGTH} characters.
	 * @param argument the argument's name, for the error message
	 * @param value the value
	 * @param prefix the prefix the id starts with, such as {@code run_}
	 * @param what what the value is, such as {@code run id}
	 * @return the value
	 */
	public static String requirePrefixedId(String argument, String value, String prefix, String what) {
		requireId(argument, value);
		requireMaxLength(argument, value, MAX_ID_LENGTH);
		if (!value.startsWith(prefix) || value.length() == prefix.length()
				|| !ID_BODY.matcher(value).region(prefix.length(), value.length()).matches()) {
			throw new IllegalArgumentException(
					argument + " must be a " + what + " starting with " + prefix + " but was " + quote(value));
		}
		return value;
	}

	/**
	 * A value of at most {@code maxLength} characters.
	 * @param argument the argument's name, for the error message
	 * @param value the value
	 * @param maxLength the most characters allowed
	 * @return the value
	 */
	public static String requireMaxLength(String argument, String value, int maxLength) {
		if (value.length() > maxLength) {
			throw new IllegalArgumentException(
					argument + " must be at most " + maxLength + " characters but was " + value.length());
		}
		return value;
	}

	/**
	 * A refused value as messages show it: quoted, control characters escaped, cut to
	 * {@value #MAX_SHOWN_LENGTH} characters. Never for secrets.
	 * @param value the refused value
	 * @return the value as a message shows it
	 */
	public static String quote(String value) {
		StringBuilder text = new StringBuilder("'");
		int shown = Math.min(value.length(), MAX_SHOWN_LENGTH);
		for (int i = 0; i < shown; i++) {
			char c = value.charAt(i);
			if (Character.isISOControl(c) || Character.isSurrogate(c) || c == 0x2028 || c == 0x2029) {
				text.append(String.format("\\u%04x", (int) c));
			}
			else {
				text.append(c);
			}
		}
		text.append('\'');
		if (shown < value.length()) {
			text.append("... (").append(value.length()).append(" characters)");
		}
		return text.toString();
	}

	/**
	 * Run tags: at most {@value #MAX_TAGS}, each not blank and at most
	 * {@value #MAX_TAG_LENGTH} characters.
	 * @param argument the argument's name, for the error message
	 * @param tags the tags
	 * @return an unmodifiable copy of the tags
	 */
	public static List<String> requireTags(String argument, Collection<String> tags) {
		Objects.requireNonNull(tags, () -> argument + " must not be null");
		if (tags.size() > MAX_TAGS) {
			throw new IllegalArgumentException(
					argument + " must have at most " + MAX_TAGS + " tags but had " + tags.size());
		}
		List<String> result = new ArrayList<>(tags.size());
		int index = 0;
		for (String tag : tags) {
			String element = argument + "[" + index++ + "]";
			requireText(element, tag);
			if (tag.length() > MAX_TAG_LENGTH) {
				throw new IllegalArgumentException(
						element + " must be at most " + MAX_TAG_LENGTH + " characters but was " + tag.length());
			}
			result.add(tag);
		}
		return List.copyOf(result);
	}

	/**
	 * Run metadata, as JSON text: a JSON object of at most 256 KiB.
	 * @param argument the argument's name, for the error message
	 * @param json the metadata's JSON text
	 * @return the JSON text
	 */
	public static String requireMetadata(String argument, String json) {
		if (!json.stripLeading().startsWith("{")) {
			throw new IllegalArgumentException(argument + " must serialise to a JSON object but was " + json);
		}
		int size = json.getBytes(StandardCharsets.UTF_8).length;
		if (size > MAX_METADATA_BYTES) {
			throw new IllegalArgumentException(
					argument + " must be at most " + MAX_METADATA_BYTES + " bytes of JSON but was " + size + " bytes");
		}
		return json;
	}

	/**
	 * An idempotency key: not blank, at most {@value #MAX_IDEMPOTENCY_KEY_LENGTH}
	 * characters.
	 * @param argument the argument's name, for the error message
	 * @param key the idempotency key
	 * @return the key
	 */
	public static String requireIdempotencyKey(String argument, String key) {
		requireText(argument, key);
		if (key.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
			throw new IllegalArgumentException(argument + " must be at most " + MAX_IDEMPOTENCY_KEY_LENGTH
					+ " characters but was " + key.length());
		}
		return key;
	}

	/**
	 * An idempotency key TTL such as {@code 30s}, {@code 10m}, {@code 2h} or {@code 7d}.
	 * @param argument the argument's name, for the error message
	 * @param ttl the TTL
	 * @return the TTL
	 */
	public static String requireKeyTtl(String argument, String ttl) {
		Objects.requireNonNull(ttl, () -> argument + " must not be null");
		if (!KEY_TTL.matcher(ttl).matches()) {
			throw new IllegalArgumentException(argument
					+ " must be a number followed by s, m, h or d (like 30s, 10m, 2h, 7d) but was '" + ttl + "'");
		}
		return requireNotZero(argument, ttl);
	}

	/**
	 * Formats an idempotency key TTL in the largest whole unit, such as {@code 2h}.
	 * @param argument the argument's name, for the error message
	 * @param ttl a positive whole number of seconds
	 * @return the TTL in the server's grammar
	 */
	public static String keyTtl(String argument, Duration ttl) {
		requirePositiveWholeSeconds(argument, ttl);
		long seconds = ttl.getSeconds();
		if (seconds % 86400 == 0) {
			return (seconds / 86400) + "d";
		}
		if (seconds % 3600 == 0) {
			return (seconds / 3600) + "h";
		}
		if (seconds % 60 == 0) {
			return (seconds / 60) + "m";
		}
		return seconds + "s";
	}

	/**
	 * A duration in the server's grammar ({@code 90s}, {@code 1h30m}, {@code 2w}).
	 * @param argument the argument's name, for the error message
	 * @param duration the duration
	 * @return the duration
	 */
	public static String requireDuration(String argument, String duration) {
		Objects.requireNonNull(duration, () -> argument + " must not be null");
		if (duration.length() > 100 || !DURATION.matcher(duration).matches()) {
			throw new IllegalArgumentException(argument
					+ " must be a duration like 90s, 15m, 1h30m or 2w (whole numbers, units w, d, h, m, s) but was '"
					+ duration + "'");
		}
		return requireNotZero(argument, duration);
	}

	/**
	 * Refuses a duration in the server's grammar that adds up to zero, such as
	 * {@code 0s}, as {@link Duration#ZERO} is refused: the server drops a zero TTL given
	 * as a number and expires the run at once for one given as text.
	 */
	private static String requireNotZero(String argument, String duration) {
		if (ZERO_DURATION.matcher(duration).matches()) {
			throw new IllegalArgumentException(argument + " must be above zero but was '" + duration + "'");
		}
		return duration;
	}

	/**
	 * A delay: a duration in the server's grammar or an ISO-8601 date-time with offset.
	 * @param argument the argument's name, for the error message
	 * @param delay the delay
	 * @return the delay
	 */
	public static String requireDelay(String argument, String delay) {
		Objects.requireNonNull(delay, () -> argument + " must not be null");
		if (DURATION.matcher(delay).matches() && delay.length() <= 100) {
			return requireNotZero(argument, delay);
		}
		try {
			OffsetDateTime.parse(delay);
			return delay;
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException(argument
					+ " must be a duration like 90s, 15m, 1h30m or an ISO-8601 date-time like 2026-01-01T10:00:00Z but was '"
					+ delay + "'");
		}
	}

	/**
	 * A duration above zero.
	 * @param argument the argument's name, for the error message
	 * @param duration the duration
	 * @return the duration
	 */
	public static Duration requirePositive(String argument, Duration duration) {
		Objects.requireNonNull(duration, () -> argument + " must not be null");
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException(argument + " must be positive but was " + duration);
		}
		return duration;
	}

	/**
	 * A duration above zero with no fraction of a second.
	 * @param argument the argument's name, for the error message
	 * @param duration the duration
	 * @return the duration
	 */
	public static Duration requirePositiveWholeSeconds(String argument, Duration duration) {
		Objects.requireNonNull(duration, () -> argument + " must not be null");
		if (duration.isNegative() || duration.isZero() || duration.getNano() != 0) {
			throw new IllegalArgumentException(
					argument + " must be a positive whole number of seconds but was " + duration);
		}
		return duration;
	}

	/**
	 * Formats a positive whole-second duration in the server's grammar, e.g.
	 * {@code 1h2m3s}.
	 * @param argument the argument's name, for the error message
	 * @param duration a positive whole number of seconds
	 * @return the duration in the server's grammar
	 */
	public static String duration(String argument, Duration duration) {
		requirePositiveWholeSeconds(argument, duration);
		long seconds = duration.getSeconds();
		StringBuilder text = new StringBuilder();
		long days = seconds / 86400;
		long hours = (seconds % 86400) / 3600;
		long minutes = (seconds % 3600) / 60;
		long rest = seconds % 60;
		if (days > 0) {
			text.append(days).append('d');
		}
		if (hours > 0) {
			text.append(hours).append('h');
		}
		if (minutes > 0) {
			text.append(minutes).append('m');
		}
		if (rest > 0) {
			text.append(rest).append('s');
		}
		return text.toString();
	}

	/**
	 * Formats an instant as ISO-8601 text.
	 * @param argument the argument's name, for the error message
	 * @param instant the instant
	 * @return the instant's ISO-8601 text
	 */
	public static String instant(String argument, Instant instant) {
		Objects.requireNonNull(instant, () -> argument + " must not be null");
		return instant.toString();
	}

	/**
	 * A value between {@code min} and {@code max}, both included.
	 * @param argument the argument's name, for the error message
	 * @param value the value
	 * @param min the smallest value allowed
	 * @param max the largest value allowed
	 * @return the value
	 */
	public static int requireRange(String argument, int value, int min, int max) {
		if (value < min || value > max) {
			throw new IllegalArgumentException(
					argument + " must be between " + min + " and " + max + " but was " + value);
		}
		return value;
	}

}
