package io.trigger4j.emulator.engine;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Saturating time arithmetic: an instant beyond {@link #FAR} (the largest JavaScript
 * date) means "never", so no stored value can overflow later.
 */
final class Times {

	/** {@code +275760-09-13T00:00:00Z}, the largest date the server can store. */
	static final Instant FAR = Instant.ofEpochMilli(8_640_000_000_000_000L);

	/** What a sum beyond {@link #FAR} becomes. */
	static final Instant NEVER = Instant.MAX;

	/** What follows the year in {@link #iso(Instant)}. */
	private static final DateTimeFormatter AFTER_YEAR = DateTimeFormatter.ofPattern("-MM-dd'T'HH:mm:ss.SSS'Z'",
			Locale.ROOT);

	private Times() {
	}

	/**
	 * An instant as JavaScript's {@code Date.toISOString()} writes it, which the server's
	 * JSON shows: {@code 2026-11-22T10:00:00.000Z}, with a signed six-digit year outside
	 * 0000-9999 ({@code +275760-09-13T00:00:00.000Z}). The engine's one formatter.
	 */
	static String iso(Instant instant) {
		OffsetDateTime time = instant.atOffset(ZoneOffset.UTC);
		int year = time.getYear();
		String yearText = (year >= 0 && year <= 9999) ? String.format(Locale.ROOT, "%04d", year)
				: String.format(Locale.ROOT, "%s%06d", (year < 0) ? "-" : "+", Math.abs((long) year));
		return yearText + AFTER_YEAR.format(time);
	}

	/** {@code at + duration}, or {@link #NEVER} beyond {@link #FAR}. */
	static Instant plus(Instant at, Duration duration) {
		if (isNever(at)) {
			return NEVER;
		}
		Instant sum;
		try {
			sum = at.plus(duration);
		}
		catch (DateTimeException | ArithmeticException ex) {
			return duration.isNegative() ? Instant.MIN : NEVER;
		}
		return isNever(sum) ? NEVER : sum;
	}

	static boolean isNever(Instant at) {
		return at.isAfter(FAR);
	}

	static Instant max(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

	/** Milliseconds from {@code from} to {@code to}, saturated to a {@code long}. */
	static long millisBetween(Instant from, Instant to) {
		try {
			return Duration.between(from, to).toMillis();
		}
		catch (ArithmeticException ex) {
			return from.isBefore(to) ? Long.MAX_VALUE : Long.MIN_VALUE;
		}
	}

	/** Epoch milliseconds, saturated to a {@code long}. */
	static long epochMillis(Instant at) {
		try {
			return at.toEpochMilli();
		}
		catch (ArithmeticException ex) {
			return at.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
		}
	}

	static long addSaturated(long a, long b) {
		long sum = a + b;
		if (((a ^ sum) & (b ^ sum)) < 0) {
			return (a < 0) ? Long.MIN_VALUE : Long.MAX_VALUE;
		}
		return sum;
	}

	/** A duration's nanoseconds, saturated to a {@code long}. */
	static long nanos(Duration duration) {
		try {
			return duration.toNanos();
		}
		catch (ArithmeticException ex) {
			return duration.isNegative() ? 0 : Long.MAX_VALUE;
		}
	}

	/** Seconds as the server shows a numeric TTL, such as {@code 1h42m}. */
	static String format(Duration duration) {
		long seconds = Math.max(0, duration.getSeconds());
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
