package io.trigger4j.emulator.api;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The server's duration grammar and the date formats it accepts, bounded by what a
 * JavaScript {@code Date} can hold: a value beyond it is {@link TooLong}, which the
 * routes answer with a 4xx, so nothing out of range is ever stored.
 */
final class Durations {

	/**
	 * {@code <int><unit>} parts, units w, d, h/hr, m, s
	 * (packages/core/src/v3/isomorphic/duration.ts).
	 */
	private static final Pattern WHOLE = Pattern.compile("^(\\d+(w|d|hr|h|m|s))+$");

	private static final Pattern PART = Pattern.compile("(\\d+)(w|d|hr|h|m|s)");

	/**
	 * The largest span a JavaScript {@code Date} holds: 8.64e15 ms either side of 1970.
	 */
	static final long MAX_SECONDS = 8_640_000_000_000L;

	/** The latest instant a JavaScript {@code Date} holds. */
	static final Instant MAX_INSTANT = Instant.ofEpochSecond(MAX_SECONDS);

	/** A duration or date beyond what the server can hold. */
	static final class TooLong extends RuntimeException {

		private static final long serialVersionUID = 1L;

		TooLong() {
			super(null, null, false, false);
		}

	}

	private Durations() {
	}

	/**
	 * Parses {@code 1h30m}-style text, or returns {@code null} when it is not in the
	 * grammar.
	 * @throws TooLong when it is in the grammar but beyond what the server can hold
	 */
	static @Nullable Duration parse(@Nullable String text) {
		if (text == null || text.length() > 100 || !WHOLE.matcher(text).matches()) {
			return null;
		}
		long total = 0;
		Matcher part = PART.matcher(text);
		while (part.find()) {
			long unit = switch (part.group(2)) {
				case "w" -> 604_800;
				case "d" -> 86_400;
				case "h", "hr" -> 3_600;
				case "m" -> 60;
				default -> 1;
			};
			String digits = part.group(1);
			long amount = (digits.length() > 15) ? Long.MAX_VALUE : Long.parseLong(digits);
			if (amount > (MAX_SECONDS - total) / unit) {
				throw new TooLong();
			}
			total += amount * unit;
		}
		return Duration.ofSeconds(total);
	}

	/**
	 * Whole seconds as a duration.
	 * @throws TooLong beyond what the server can hold
	 */
	static Duration seconds(long seconds) {
		if (seconds > MAX_SECONDS) {
			throw new TooLong();
		}
		return Duration.ofSeconds(seconds);
	}

	/**
	 * A duration or a date: the instant it means, or {@code null} when unparseable.
	 * @throws TooLong when the instant is beyond what the server can hold
	 */
	static @Nullable Instant parseDelay(@Nullable String text, Instant now) {
		Duration duration = parse(text);
		if (duration != null) {
			return bounded(now.plus(duration));
		}
		return parseDate(text);
	}

	/**
	 * An ISO-8601 date-time or an epoch-millisecond number, or {@code null}.
	 * @throws TooLong when the instant is beyond what the server can hold
	 */
	static @Nullable Instant parseDate(@Nullable String text) {
		if (text == null || text.isBlank() || text.length() > 100) {
			return null;
		}
		Instant instant = null;
		try {
			instant = OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeParseException ex) {
			// not ISO with offset
		}
		if (instant == null) {
			try {
				instant = Instant.parse(text);
			}
			catch (DateTimeParseException ex) {
				// not an instant
			}
		}
		if (instant == null && text.matches("^\\d{1,15}$")) {
			instant = Instant.ofEpochMilli(Long.parseLong(text));
		}
		return (instant != null) ? bounded(instant) : null;
	}

	private static Instant bounded(Instant instant) {
		if (instant.isAfter(MAX_INSTANT) || instant.isBefore(MAX_INSTANT.minusSeconds(2 * MAX_SECONDS))) {
			throw new TooLong();
		}
		return instant;
	}

	/** Formats seconds as the server does for a numeric TTL, e.g. {@code 1h42m}. */
	static String format(long seconds) {
		StringBuilder text = new StringBuilder();
		long hours = seconds / 3600;
		long minutes = (seconds % 3600) / 60;
		long rest = seconds % 60;
		if (hours > 0) {
			text.append(hours).append('h');
		}
		if (minutes > 0) {
			text.append(minutes).append('m');
		}
		if (rest > 0 || text.isEmpty()) {
			text.append(rest).append('s');
		}
		return text.toString();
	}

}
