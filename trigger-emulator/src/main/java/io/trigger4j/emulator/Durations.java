package io.trigger4j.emulator;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/** The server's duration grammar and the date formats it accepts. */
final class Durations {

	/**
	 * {@code <int><unit>} parts, units w, d, h/hr, m, s
	 * (packages/core/src/v3/isomorphic/duration.ts).
	 */
	private static final Pattern WHOLE = Pattern.compile("^(\\d+(w|d|hr|h|m|s))+$");

	private static final Pattern PART = Pattern.compile("(\\d+)(w|d|hr|h|m|s)");

	private Durations() {
	}

	/** Parses {@code 1h30m}-style text, or returns {@code null}. */
	static @Nullable Duration parse(@Nullable String text) {
		if (text == null || text.length() > 100 || !WHOLE.matcher(text).matches()) {
			return null;
		}
		Duration total = Duration.ZERO;
		Matcher part = PART.matcher(text);
		while (part.find()) {
			long amount = Long.parseLong(part.group(1));
			total = total.plus(switch (part.group(2)) {
				case "w" -> Duration.ofDays(7 * amount);
				case "d" -> Duration.ofDays(amount);
				case "h", "hr" -> Duration.ofHours(amount);
				case "m" -> Duration.ofMinutes(amount);
				default -> Duration.ofSeconds(amount);
			});
		}
		return total;
	}

	/** A duration or a date: the instant it means, or {@code null} when unparseable. */
	static @Nullable Instant parseDelay(@Nullable String text, Instant now) {
		Duration duration = parse(text);
		if (duration != null) {
			return now.plus(duration);
		}
		return parseDate(text);
	}

	/** An ISO-8601 date-time or an epoch-millisecond number, or {@code null}. */
	static @Nullable Instant parseDate(@Nullable String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeParseException ex) {
			// not ISO with offset
		}
		try {
			return Instant.parse(text);
		}
		catch (DateTimeParseException ex) {
			// not an instant
		}
		if (text.matches("^\\d{1,15}$")) {
			return Instant.ofEpochMilli(Long.parseLong(text));
		}
		return null;
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
