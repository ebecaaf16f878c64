package io.trigger4j.client;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;

/**
 * Reads the server's timestamps without {@code DateTimeFormatter}, which made up most of
 * the cost of decoding a run. The server writes UTC instants such as
 * {@code 2026-08-21T10:15:30.123Z} (JavaScript's {@code toISOString()}); those are read
 * by hand. Anything else (another offset, a number of epoch milliseconds) takes the
 * general path.
 */
final class WireInstantDeserializer extends StdScalarDeserializer<Instant> {

	private static final int[] POWERS_OF_TEN = { 1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
			1_000_000_000 };

	WireInstantDeserializer() {
		super(Instant.class);
	}

	@Override
	public @Nullable Instant deserialize(JsonParser parser, DeserializationContext context) {
		JsonToken token = parser.currentToken();
		if (token == JsonToken.VALUE_STRING) {
			String text = parser.getString().trim();
			if (text.isEmpty()) {
				return null;
			}
			Instant instant = parseUtc(text);
			if (instant != null) {
				return instant;
			}
			try {
				return OffsetDateTime.parse(text).toInstant();
			}
			catch (DateTimeParseException ex) {
				return (Instant) context.handleWeirdStringValue(Instant.class, text,
						"not an ISO-8601 date-time with offset");
			}
		}
		if (token == JsonToken.VALUE_NUMBER_INT) {
			return Instant.ofEpochMilli(parser.getLongValue());
		}
		return (Instant) context.handleUnexpectedToken(Instant.class, parser);
	}

	/**
	 * {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z} read by position, or {@code null} for any
	 * other shape (then the general parser decides).
	 */
	static @Nullable Instant parseUtc(String text) {
		int length = text.length();
		if (length < 20 || length > 30 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-'
				|| text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':'
				|| text.charAt(16) != ':') {
			return null;
		}
		int year = digits(text, 0, 4);
		int month = digits(text, 5, 2);
		int day = digits(text, 8, 2);
		int hour = digits(text, 11, 2);
		int minute = digits(text, 14, 2);
		int second = digits(text, 17, 2);
		if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysIn(month, year) || hour < 0 || hour > 23
				|| minute < 0 || minute > 59 || second < 0 || second > 59) {
			return null;
		}
		int nanos = 0;
		if (length > 20) {
			int fractionDigits = length - 21;
			if (text.charAt(19) != '.' || fractionDigits < 1 || fractionDigits > 9) {
				return null;
			}
			int fraction = digits(text, 20, fractionDigits);
			if (fraction < 0) {
				return null;
			}
			nanos = fraction * POWERS_OF_TEN[9 - fractionDigits];
		}
		else if (text.charAt(19) != 'Z') {
			return null;
		}
		long seconds = epochDay(year, month, day) * 86_400L + hour * 3_600L + minute * 60L + second;
		return Instant.ofEpochSecond(seconds, nanos);
	}

	/**
	 * The value of {@code count} ASCII digits at {@code start}, or -1 if one is not a
	 * digit.
	 */
	private static int digits(String text, int start, int count) {
		int value = 0;
		for (int i = start; i < start + count; i++) {
			int digit = text.charAt(i) - '0';
			if (digit < 0 || digit > 9) {
				return -1;
			}
			value = value * 10 + digit;
		}
		return value;
	}

	private static int daysIn(int month, int year) {
		return switch (month) {
			case 2 -> ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0) ? 29 : 28;
			case 4, 6, 9, 11 -> 30;
			default -> 31;
		};
	}

	/**
	 * Days since 1970-01-01 of a proleptic Gregorian date (the civil-from-days inverse).
	 */
	private static long epochDay(int year, int month, int day) {
		long y = (month <= 2) ? year - 1 : year;
		long era = Math.floorDiv(y, 400);
		long yearOfEra = y - era * 400;
		long dayOfYear = (153L * (month + ((month > 2) ? -3 : 9)) + 2) / 5 + day - 1;
		long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
		return era * 146_097 + dayOfEra - 719_468;
	}

}
