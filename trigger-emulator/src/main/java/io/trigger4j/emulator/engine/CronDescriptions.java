package io.trigger4j.emulator.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cron expression in plain English, as the server describes it in a schedule's
 * {@code generator.description}: cronstrue 2.21 with its defaults (English, 12-hour
 * times, not verbose), such as {@code Every hour} or {@code At 09:30 AM, only on Monday}.
 */
final class CronDescriptions {

	private static final String[] SPECIAL = { "/", "-", ",", "*" };

	private static final String[] DAYS = { "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
			"Saturday" };

	private static final String[] MONTHS = { "January", "February", "March", "April", "May", "June", "July", "August",
			"September", "October", "November", "December" };

	private static final String[] DAY_NAMES = { "SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT" };

	private static final String[] MONTH_NAMES = { "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT",
			"NOV", "DEC" };

	private static final Pattern DAY_OF_WEEK_DIGIT = Pattern.compile("(^\\d)|([^#/" + JsText.SPACE_CLASS + "]\\d)");

	private static final Pattern INVALID_CHARACTERS = Pattern.compile("[A-KM-VX-Z]+", Pattern.CASE_INSENSITIVE);

	private static final String COMMA_EVERY_DAY = ", every day";

	private static final String COMMA_X0_THROUGH_X1 = ", %s through %s";

	private final String[] parts;

	private CronDescriptions(String[] parts) {
		this.parts = parts;
	}

	/**
	 * The description of an expression cron-parser accepted.
	 * @throws IllegalArgumentException where cronstrue throws (fewer than 5 parts, a
	 * value out of its ranges)
	 */
	static String describe(String expression) {
		String[] parts = extractParts(expression);
		normalize(parts);
		validate(parts);
		CronDescriptions descriptions = new CronDescriptions(parts);
		String description = descriptions.timeOfDay() + descriptions.dayOfMonth() + descriptions.dayOfWeek()
				+ descriptions.month() + descriptions.year();
		description = description.replace(", every minute", "")
			.replace(", every hour", "")
			.replace(COMMA_EVERY_DAY, "")
			.replaceFirst(", ?\\z", "");
		if (description.isEmpty()) {
			return description;
		}
		return description.substring(0, 1).toUpperCase(Locale.ROOT) + description.substring(1);
	}

	// ---- cronParser.ts

	private static String[] extractParts(String expression) {
		if (expression.isEmpty()) {
			throw new IllegalArgumentException("Expression is empty");
		}
		String[] parsed = JsText.trim(expression).split("[ ]+");
		if (parsed.length < 5) {
			throw new IllegalArgumentException("Expression has only " + parsed.length + " part"
					+ ((parsed.length == 1) ? "" : "s") + ". At least 5 parts are required.");
		}
		if (parsed.length > 7) {
			throw new IllegalArgumentException("Expression has " + parsed.length + " parts; too many!");
		}
		String[] parts = new String[7];
		if (parsed.length == 5) {
			parts[0] = "";
			System.arraycopy(parsed, 0, parts, 1, 5);
			parts[6] = "";
		}
		else if (parsed.length == 6) {
			boolean year = Pattern.compile("\\d{4}\\z").matcher(parsed[5]).find() || "?".equals(parsed[4])
					|| "?".equals(parsed[2]);
			if (year) {
				parts[0] = "";
				System.arraycopy(parsed, 0, parts, 1, 6);
			}
			else {
				System.arraycopy(parsed, 0, parts, 0, 6);
				parts[6] = "";
			}
		}
		else {
			System.arraycopy(parsed, 0, parts, 0, 7);
		}
		return parts;
	}

	private static void normalize(String[] parts) {
		parts[3] = replaceFirst(parts[3], "?", "*");
		parts[5] = replaceFirst(parts[5], "?", "*");
		parts[2] = replaceFirst(parts[2], "?", "*");
		if (parts[0].startsWith("0/")) {
			parts[0] = replaceFirst(parts[0], "0/", "*/");
		}
		if (parts[1].startsWith("0/")) {
			parts[1] = replaceFirst(parts[1], "0/", "*/");
		}
		if (parts[2].startsWith("0/")) {
			parts[2] = replaceFirst(parts[2], "0/", "*/");
		}
		if (parts[3].startsWith("1/")) {
			parts[3] = replaceFirst(parts[3], "1/", "*/");
		}
		if (parts[4].startsWith("1/")) {
			parts[4] = replaceFirst(parts[4], "1/", "*/");
		}
		if (parts[6].startsWith("1/")) {
			parts[6] = replaceFirst(parts[6], "1/", "*/");
		}
		Matcher digits = DAY_OF_WEEK_DIGIT.matcher(parts[5]);
		StringBuilder dayOfWeek = new StringBuilder();
		while (digits.find()) {
			String match = digits.group();
			String number = match.replaceFirst("\\D", "");
			String adjusted = "7".equals(number) ? "0" : number;
			digits.appendReplacement(dayOfWeek, Matcher.quoteReplacement(replaceFirst(match, number, adjusted)));
		}
		digits.appendTail(dayOfWeek);
		parts[5] = dayOfWeek.toString();
		if ("L".equals(parts[5])) {
			parts[5] = "6";
		}
		if ("?".equals(parts[3])) {
			parts[3] = "*";
		}
		if (parts[3].contains("W") && (parts[3].contains(",") || parts[3].contains("-"))) {
			throw new IllegalArgumentException(
					"The 'W' character can be specified only when the day-of-month is a single day, not a range or list of days.");
		}
		for (int day = 0; day < DAY_NAMES.length; day++) {
			parts[5] = Pattern.compile(DAY_NAMES[day], Pattern.CASE_INSENSITIVE)
				.matcher(parts[5])
				.replaceAll(Integer.toString(day));
		}
		for (int month = 0; month < MONTH_NAMES.length; month++) {
			parts[4] = Pattern.compile(MONTH_NAMES[month], Pattern.CASE_INSENSITIVE)
				.matcher(parts[4])
				.replaceAll(Integer.toString(month + 1));
		}
		if ("0".equals(parts[0])) {
			parts[0] = "";
		}
		if (!Pattern.compile("\\*|-|,|/").matcher(parts[2]).find() && (Pattern.compile("\\*|/").matcher(parts[1]).find()
				|| Pattern.compile("\\*|/").matcher(parts[0]).find())) {
			parts[2] += "-" + parts[2];
		}
		for (int i = 0; i < parts.length; i++) {
			if (parts[i].contains(",")) {
				List<String> kept = new ArrayList<>();
				for (String item : parts[i].split(",", -1)) {
					if (!item.isEmpty()) {
						kept.add(item);
					}
				}
				parts[i] = kept.isEmpty() ? "*" : String.join(",", kept);
			}
			if ("*/1".equals(parts[i])) {
				parts[i] = "*";
			}
			if (parts[i].contains("/")
					&& !(parts[i].startsWith("*") || parts[i].contains("-") || parts[i].contains(","))) {
				String through = switch (i) {
					case 4 -> "12";
					case 5 -> "6";
					case 6 -> "9999";
					default -> null;
				};
				if (through != null) {
					String[] step = parts[i].split("/", -1);
					parts[i] = step[0] + "-" + through + "/" + step[1];
				}
			}
		}
	}

	private static void validate(String[] parts) {
		invalidCharacters("DOW", parts[5]);
		invalidCharacters("DOM", parts[3]);
		range(parts[0], 0, 59, "seconds part must be >= 0 and <= 59");
		range(parts[1], 0, 59, "minutes part must be >= 0 and <= 59");
		range(parts[2], 0, 23, "hours part must be >= 0 and <= 23");
		range(parts[3], 1, 31, "DOM part must be >= 1 and <= 31");
		range(parts[4], 1, 12, "month part must be >= 1 and <= 12");
		range(parts[5], 0, 6, "DOW part must be >= 0 and <= 6");
	}

	private static void invalidCharacters(String part, String expression) {
		Matcher matcher = INVALID_CHARACTERS.matcher(expression);
		List<String> invalid = new ArrayList<>();
		while (matcher.find()) {
			invalid.add(matcher.group());
		}
		if (!invalid.isEmpty()) {
			throw new IllegalArgumentException(
					part + " part contains invalid values: '" + String.join(",", invalid) + "'");
		}
	}

	private static void range(String expression, int min, int max, String message) {
		for (String item : expression.split(",", -1)) {
			double value = JsText.parseInt(item);
			if (!Double.isNaN(value) && (value < min || value > max)) {
				throw new IllegalArgumentException(message);
			}
		}
	}

	// ---- expressionDescriptor.ts

	private String timeOfDay() {
		String seconds = this.parts[0];
		String minutes = this.parts[1];
		String hours = this.parts[2];
		StringBuilder description = new StringBuilder();
		if (!containsAny(minutes) && !containsAny(hours) && !containsAny(seconds)) {
			description.append("At ").append(formatTime(hours, minutes, seconds));
		}
		else if (seconds.isEmpty() && minutes.contains("-") && !minutes.contains(",") && !minutes.contains("/")
				&& !containsAny(hours)) {
			String[] range = minutes.split("-", -1);
			description.append(format("Every minute between %s and %s", formatTime(hours, range[0], ""),
					formatTime(hours, range[1], "")));
		}
		else if (seconds.isEmpty() && hours.contains(",") && !hours.contains("-") && !hours.contains("/")
				&& !containsAny(minutes)) {
			String[] hourParts = hours.split(",", -1);
			description.append("At");
			for (int i = 0; i < hourParts.length; i++) {
				description.append(' ').append(formatTime(hourParts[i], minutes, ""));
				if (i < hourParts.length - 2) {
					description.append(',');
				}
				if (i == hourParts.length - 2) {
					description.append(" and");
				}
			}
		}
		else {
			String secondsDescription = secondsDescription();
			String minutesDescription = minutesDescription();
			String hoursDescription = hoursDescription();
			description.append(secondsDescription);
			if (description.length() > 0 && !minutesDescription.isEmpty()) {
				description.append(", ");
			}
			description.append(minutesDescription);
			if (minutesDescription.equals(hoursDescription)) {
				return description.toString();
			}
			if (description.length() > 0 && !hoursDescription.isEmpty()) {
				description.append(", ");
			}
			description.append(hoursDescription);
		}
		return description.toString();
	}

	private String secondsDescription() {
		return segment(this.parts[0], "every second", (s, form) -> s, (s) -> format("every %s seconds", s),
				(s) -> "seconds %s through %s past the minute",
				(s) -> "0".equals(s) ? "" : "at %s seconds past the minute");
	}

	private String minutesDescription() {
		String seconds = this.parts[0];
		String hours = this.parts[2];
		return segment(this.parts[1], "every minute", (s, form) -> s, (s) -> format("every %s minutes", s),
				(s) -> "minutes %s through %s past the hour",
				(s) -> ("0".equals(s) && !hours.contains("/") && seconds.isEmpty()) ? "every hour"
						: "at %s minutes past the hour");
	}

	private String hoursDescription() {
		String expression = this.parts[2];
		String description = segment(expression, "every hour", (s, form) -> formatTime(s, "0", ""),
				(s) -> format("every %s hours", s), (s) -> "between %s and %s", (s) -> "at %s");
		if (!description.isEmpty() && expression.contains("-") && !"0".equals(this.parts[1])) {
			int last = description.lastIndexOf(":00");
			if (last >= 0 && description.indexOf(":00") != last) {
				description = description.substring(0, last) + ":59" + description.substring(last + 3);
			}
		}
		return description;
	}

	private String dayOfWeek() {
		if ("*".equals(this.parts[5])) {
			return "";
		}
		boolean daysOfMonth = !"*".equals(this.parts[3]);
		return segment(this.parts[5], COMMA_EVERY_DAY, (s, form) -> {
			String day = s;
			if (s.contains("#")) {
				day = s.substring(0, s.indexOf('#'));
			}
			else if (s.contains("L")) {
				day = replaceFirst(day, "L", "");
			}
			return element(DAYS, JsText.parseInt(day));
		}, (s) -> (JsText.parseInt(s) == 1) ? "" : format(", every %s days of the week", s), (s) -> COMMA_X0_THROUGH_X1,
				(s) -> {
					if (s.contains("#")) {
						String occurrence = s.substring(s.indexOf('#') + 1);
						String ordinal = switch (occurrence) {
							case "1" -> "first";
							case "2" -> "second";
							case "3" -> "third";
							case "4" -> "fourth";
							case "5" -> "fifth";
							default -> "null";
						};
						return ", on the " + ordinal + " %s of the month";
					}
					if (s.contains("L")) {
						return ", on the last %s of the month";
					}
					return daysOfMonth ? ", and on %s" : ", only on %s";
				});
	}

	private String month() {
		return segment(this.parts[4], "", (s, form) -> element(MONTHS, JsText.parseInt(s) - 1),
				(s) -> (JsText.parseInt(s) == 1) ? "" : format(", every %s months", s), (s) -> COMMA_X0_THROUGH_X1,
				(s) -> ", only in %s");
	}

	private String dayOfMonth() {
		String expression = this.parts[3];
		switch (expression) {
			case "L":
				return ", on the last day of the month";
			case "WL", "LW":
				return ", on the last weekday of the month";
			default:
				Matcher weekday = Pattern.compile("(\\d{1,2}W)|(W\\d{1,2})").matcher(expression);
				if (weekday.find()) {
					int day = (int) JsText.parseInt(weekday.group().replaceFirst("W", ""));
					String dayText = (day == 1) ? "first weekday"
							: format("weekday nearest day %s", Integer.toString(day));
					return format(", on the %s of the month", dayText);
				}
				Matcher offset = Pattern.compile("L-(\\d{1,2})").matcher(expression);
				if (offset.find()) {
					return format(", %s days before the last day of the month", offset.group(1));
				}
				if ("*".equals(expression) && !"*".equals(this.parts[5])) {
					return "";
				}
				return segment(expression, COMMA_EVERY_DAY, (s, form) -> "L".equals(s) ? "the last day" : s,
						(s) -> "1".equals(s) ? COMMA_EVERY_DAY : ", every %s days",
						(s) -> ", between day %s and %s of the month", (s) -> ", on day %s of the month");
		}
	}

	private String year() {
		return segment(this.parts[6], "", (s, form) -> s.matches("\\d+") ? s.replaceFirst("^0+(?=\\d)", "") : s,
				(s) -> format(", every %s years", s), (s) -> COMMA_X0_THROUGH_X1, (s) -> ", only in %s");
	}

	private String segment(String expression, String all, BiFunction<String, Integer, String> single,
			Function<String, String> increment, Function<String, String> range, Function<String, String> plain) {
		boolean hasIncrement = expression.contains("/");
		boolean hasRange = expression.contains("-");
		boolean hasList = expression.contains(",");
		if (expression.isEmpty()) {
			return "";
		}
		if ("*".equals(expression)) {
			return all;
		}
		if (!hasIncrement && !hasRange && !hasList) {
			return format(plain.apply(expression), single.apply(expression, null));
		}
		if (hasList) {
			String[] segments = expression.split(",", -1);
			StringBuilder content = new StringBuilder();
			for (int i = 0; i < segments.length; i++) {
				if (i > 0 && segments.length > 2) {
					content.append(',');
					if (i < segments.length - 1) {
						content.append(' ');
					}
				}
				if (i > 0 && segments.length > 1 && (i == segments.length - 1 || segments.length == 2)) {
					content.append(" and ");
				}
				if (segments[i].contains("/") || segments[i].contains("-")) {
					boolean rangeWithoutIncrement = segments[i].contains("-") && !segments[i].contains("/");
					String current = segment(segments[i], all, single, increment,
							rangeWithoutIncrement ? (s) -> COMMA_X0_THROUGH_X1 : range, plain);
					if (rangeWithoutIncrement) {
						current = replaceFirst(current, ", ", "");
					}
					content.append(current);
				}
				else if (!hasIncrement) {
					content.append(single.apply(segments[i], null));
				}
				else {
					content.append(segment(segments[i], all, single, increment, range, plain));
				}
			}
			return hasIncrement ? content.toString() : format(plain.apply(expression), content.toString());
		}
		if (hasIncrement) {
			String[] segments = expression.split("/", -1);
			String description = format(increment.apply(segments[1]), segments[1]);
			if (segments[0].contains("-")) {
				String rangeDescription = rangeSegment(segments[0], range, single);
				if (!rangeDescription.startsWith(", ")) {
					description += ", ";
				}
				description += rangeDescription;
			}
			else if (!segments[0].contains("*")) {
				String item = format(plain.apply(segments[0]), single.apply(segments[0], null));
				item = replaceFirst(item, ", ", "");
				description += format(", starting %s", item);
			}
			return description;
		}
		return rangeSegment(expression, range, single);
	}

	private static String rangeSegment(String expression, Function<String, String> range,
			BiFunction<String, Integer, String> single) {
		String[] segments = expression.split("-", -1);
		String first = single.apply(segments[0], 1);
		String second = single.apply((segments.length > 1) ? segments[1] : "undefined", 2);
		return format(range.apply(expression), first, second);
	}

	private String formatTime(String hourExpression, String minuteExpression, String secondExpression) {
		double hour = JsText.parseInt(hourExpression);
		String period = " " + ((hour >= 12) ? "PM" : "AM");
		if (hour > 12) {
			hour -= 12;
		}
		if (hour == 0) {
			hour = 12;
		}
		String second = "";
		if (!secondExpression.isEmpty()) {
			second = ":" + pad(secondExpression);
		}
		return pad(JsText.toString(hour)) + ":" + pad(minuteExpression) + second + period;
	}

	/** {@code ("00" + text).substring(text.length)}. */
	private static String pad(String text) {
		return ("00" + text).substring(text.length());
	}

	private static boolean containsAny(String text) {
		for (String special : SPECIAL) {
			if (text.contains(special)) {
				return true;
			}
		}
		return false;
	}

	private static String element(String[] names, double index) {
		if (Double.isNaN(index) || index < 0 || index >= names.length) {
			return "undefined";
		}
		return names[(int) index];
	}

	/** StringUtilities.format: each {@code %s} takes the next value. */
	private static String format(String template, String... values) {
		StringBuilder text = new StringBuilder();
		int next = 0;
		int from = 0;
		int at = template.indexOf("%s");
		while (at >= 0) {
			text.append(template, from, at).append((next < values.length) ? values[next++] : "undefined");
			from = at + 2;
			at = template.indexOf("%s", from);
		}
		return text.append(template.substring(from)).toString();
	}

	/** JavaScript's {@code text.replace(target, replacement)} with a string target. */
	private static String replaceFirst(String text, String target, String replacement) {
		int at = text.indexOf(target);
		return (at < 0) ? text : text.substring(0, at) + replacement + text.substring(at + target.length());
	}

}
