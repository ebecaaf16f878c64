package io.trigger4j.emulator.engine;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A schedule's {@code window} as the server reads and shows it (core
 * {@code parseScheduleWindow}, webapp {@code formatScheduleWindow}): whole minutes or
 * hours up to 24 hours, or a whole percentage up to 100%; {@code 60m} is shown as
 * {@code 1h}.
 */
final class ScheduleWindows {

	private static final Pattern DURATION = Pattern.compile("(0|[1-9]\\d*)([mh])");

	private static final Pattern PERCENTAGE = Pattern.compile("(0|[1-9]\\d*)%");

	private static final long MAX_SECONDS = 86_400;

	private ScheduleWindows() {
	}

	/** Why a window is refused (the server's message), or {@code null} when it is one. */
	static @Nullable String problem(String window) {
		try {
			format(window);
			return null;
		}
		catch (IllegalArgumentException ex) {
			return ex.getMessage();
		}
	}

	/**
	 * The window as the server shows it.
	 * @throws IllegalArgumentException with the server's message when it is none
	 */
	static String format(String window) {
		Matcher duration = DURATION.matcher(window);
		if (duration.matches()) {
			BigDecimal amount = new BigDecimal(duration.group(1));
			BigDecimal seconds = amount.multiply(BigDecimal.valueOf("m".equals(duration.group(2)) ? 60 : 3600));
			if (seconds.compareTo(BigDecimal.valueOf(MAX_SECONDS)) > 0) {
				throw new IllegalArgumentException("Schedule window duration cannot exceed 24 hours");
			}
			long value = seconds.longValueExact();
			if (value == 0) {
				return "0m";
			}
			return (value % 3600 == 0) ? (value / 3600) + "h" : (value / 60) + "m";
		}
		Matcher percentage = PERCENTAGE.matcher(window);
		if (percentage.matches()) {
			BigDecimal amount = new BigDecimal(percentage.group(1));
			if (amount.compareTo(BigDecimal.valueOf(100)) > 0) {
				throw new IllegalArgumentException("Schedule window percentage cannot exceed 100%");
			}
			return amount.intValueExact() + "%";
		}
		throw new IllegalArgumentException(
				"Schedule window must be a whole duration such as \"30m\" or \"2h\", or a percentage such as \"30%\"");
	}

}
