package io.trigger4j.client.model.schedules;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import io.trigger4j.client.internal.Checks;

/**
 * The checks of a schedule's cron expression, timezone and window, done before anything
 * is sent, each naming the argument and what was expected.
 */
final class ScheduleChecks {

	/** The longest window the server accepts: 24 hours. */
	static final Duration MAX_WINDOW = Duration.ofHours(24);

	/**
	 * Unix cron as cron-utils' {@code CronType.UNIX} defines it (minute, hour,
	 * day-of-month, month, day-of-week 0-7 where 0 and 7 are Sunday, names such as
	 * {@code JAN} and {@code MON}, a day matching when either day field matches), plus
	 * the extensions the server's cron-parser accepts: {@code L} (last day of the month;
	 * {@code 5L} last Friday) and {@code #} ({@code 1#2} second Monday).
	 */
	private static final CronParser CRON = new CronParser(CronDefinitionBuilder.defineCron()
		.withMinutes()
		.withStrictRange()
		.and()
		.withHours()
		.withStrictRange()
		.and()
		.withDayOfMonth()
		.supportsL()
		.withStrictRange()
		.and()
		.withMonth()
		.withStrictRange()
		.and()
		.withDayOfWeek()
		.withValidRange(0, 7)
		.withMondayDoWValue(1)
		.withIntMapping(7, 0)
		.supportsL()
		.supportsHash()
		.withStrictRange()
		.and()
		.instance());

	private static final String CRON_FORMAT = "a Unix cron expression of exactly 5 fields separated by single spaces "
			+ "(minute hour day-of-month month day-of-week), such as '0 * * * *',";

	/** A window in minutes or hours: {@code 0m}, {@code 30m}, {@code 2h}. */
	private static final Pattern DURATION_WINDOW = Pattern.compile("^(0|[1-9]\\d{0,5})([mh])$");

	/** A window as a percentage of the interval: {@code 0%} to {@code 100%}. */
	private static final Pattern PERCENTAGE_WINDOW = Pattern.compile("^(0|[1-9]\\d?|100)%$");

	private static final String WINDOW_FORMAT = "a whole number of minutes or hours up to 24 hours (like 30m or 2h) "
			+ "or a whole percentage up to 100% (like 50%)";

	private ScheduleChecks() {
	}

	/**
	 * A task identifier: not blank, no surrounding whitespace.
	 */
	static String task(String task) {
		return Checks.requireId("task", task);
	}

	/**
	 * A Unix cron expression of exactly 5 fields. Spring's {@code CronExpression} is not
	 * this: it takes 6 fields (with seconds), and matches a day only when both day fields
	 * do.
	 */
	static String cron(String cron) {
		Objects.requireNonNull(cron, "cron must not be null");
		String[] fields = cron.split(" ", -1);
		for (String field : fields) {
			if (field.isEmpty() || field.chars().anyMatch(Character::isWhitespace)) {
				throw new IllegalArgumentException("cron must be " + CRON_FORMAT + " but was '" + cron + "'");
			}
		}
		if (fields.length != 5) {
			throw new IllegalArgumentException("cron must be " + CRON_FORMAT + " but was '" + cron + "' ("
					+ fields.length + ((fields.length == 1) ? " field" : " fields")
					+ ((fields.length == 6) ? "; seconds are not allowed" : "") + ")");
		}
		try {
			CRON.parse(cron).validate();
		}
		catch (RuntimeException ex) {
			String reason = String.valueOf(ex.getMessage()).replace("Failed to parse cron expression. ", "");
			throw new IllegalArgumentException("cron must be a valid Unix cron expression "
					+ "(minute hour day-of-month month day-of-week) but was '" + cron + "': " + reason, ex);
		}
		return cron;
	}

	/**
	 * An IANA timezone the JDK knows, such as {@code Europe/Paris} or {@code UTC};
	 * offsets such as {@code +02:00} are not timezones.
	 */
	static String timezone(String timezone) {
		Objects.requireNonNull(timezone, "timezone must not be null");
		if (!ZoneId.getAvailableZoneIds().contains(timezone)) {
			throw new IllegalArgumentException(
					"timezone must be an IANA timezone such as Europe/Paris or UTC (see schedules().timezones()) but was '"
							+ timezone + "'");
		}
		return timezone;
	}

	/** A window in the server's syntax: {@code 30m}, {@code 2h} or {@code 50%}. */
	static String window(String window) {
		Objects.requireNonNull(window, "window must not be null");
		Matcher duration = DURATION_WINDOW.matcher(window);
		if (duration.matches()) {
			long amount = Long.parseLong(duration.group(1));
			long minutes = "h".equals(duration.group(2)) ? amount * 60 : amount;
			if (minutes > MAX_WINDOW.toMinutes()) {
				throw new IllegalArgumentException(
						"window must be at most 24 hours (1440m or 24h) but was '" + window + "'");
			}
			return window;
		}
		if (PERCENTAGE_WINDOW.matcher(window).matches()) {
			return window;
		}
		throw new IllegalArgumentException("window must be " + WINDOW_FORMAT + " but was '" + window + "'");
	}

	/** A window given as a duration: whole minutes from 0 to 24 hours. */
	static String window(Duration window) {
		Objects.requireNonNull(window, "window must not be null");
		if (window.isNegative() || window.compareTo(MAX_WINDOW) > 0 || window.toSecondsPart() != 0
				|| window.toNanosPart() != 0) {
			throw new IllegalArgumentException(
					"window must be a whole number of minutes from 0 to 24 hours but was " + window);
		}
		long minutes = window.toMinutes();
		return (minutes != 0 && minutes % 60 == 0) ? (minutes / 60) + "h" : minutes + "m";
	}

	/** A window as a whole percentage of the interval between runs, 0 to 100. */
	static String windowPercentage(int percentage) {
		return Checks.requireRange("windowPercentage", percentage, 0, 100) + "%";
	}

}
