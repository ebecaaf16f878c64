package io.trigger4j.emulator.engine;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import org.jspecify.annotations.Nullable;

/**
 * A schedule's cron expression: validated as the server does (Trigger.dev's
 * {@code CronPattern}, then cron-parser 4.9, with their messages), and its fire instants
 * in a timezone computed by cron-utils with the Unix definition (plus {@code L} and
 * {@code #}, which cron-parser accepts).
 *
 * <p>
 * The expression cron-parser accepted is handed to cron-utils as the value lists
 * cron-parser resolved, so both read it the same way. What cron-utils cannot express
 * (seconds other than 0 given with a tab, {@code #} beside a day of month, a weekday
 * {@code L} without a weekday) is refused with a 422 where the server would store it.
 */
final class CronPattern {

	private static final String REFUSED = "Invalid cron expression: ";

	private static final CronParser UTILS = new CronParser(definition());

	private static final Map<String, String> PREDEFINED = Map.of("@yearly", "0 0 1 1 *", "@monthly", "0 0 1 * *",
			"@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@hourly", "0 * * * *");

	private static final int SECOND = 0;

	private static final int MINUTE = 1;

	private static final int HOUR = 2;

	private static final int DAY_OF_MONTH = 3;

	private static final int MONTH = 4;

	private static final int DAY_OF_WEEK = 5;

	private static final int[][] CONSTRAINTS = { { 0, 59 }, { 0, 59 }, { 0, 23 }, { 1, 31 }, { 1, 12 }, { 0, 7 } };

	private static final String[] DEFAULTS = { "0", "*", "*", "*", "*", "*" };

	private static final Pattern STANDARD_CHARACTERS = Pattern.compile("[,*\\d/-]+");

	private static final Pattern[] VALID_CHARACTERS = { STANDARD_CHARACTERS, STANDARD_CHARACTERS, STANDARD_CHARACTERS,
			Pattern.compile("[?,*\\dL/-]+"), STANDARD_CHARACTERS, Pattern.compile("[?,*\\dL#/-]+") };

	private static final int[] DAYS_IN_MONTH = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	private static final Pattern ALIAS = Pattern.compile("[a-z]{3}", Pattern.CASE_INSENSITIVE);

	private static final Map<String, Integer> MONTH_ALIASES = Map.ofEntries(Map.entry("jan", 1), Map.entry("feb", 2),
			Map.entry("mar", 3), Map.entry("apr", 4), Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7),
			Map.entry("aug", 8), Map.entry("sep", 9), Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12));

	private static final Map<String, Integer> DAY_ALIASES = Map.of("sun", 0, "mon", 1, "tue", 2, "wed", 3, "thu", 4,
			"fri", 5, "sat", 6);

	private final String expression;

	/** The fire instants are those of any of these (a day of month list with L). */
	private final List<ExecutionTime> executions;

	/** Whether the hour field names hours: then an overlap's repeated hour is skipped. */
	private final boolean hoursNamed;

	private CronPattern(String expression, List<ExecutionTime> executions, boolean hoursNamed) {
		this.expression = expression;
		this.executions = executions;
		this.hoursNamed = hoursNamed;
	}

	/**
	 * The expression, or 422 "Invalid cron expression: {reason}" with the server's
	 * reasons.
	 */
	static CronPattern parse(String expression) {
		if (expression.split(" ", -1).length > 5) {
			throw refused("CRON expressions with seconds are not allowed");
		}
		if (expression.isEmpty()) {
			throw refused("CRON expression is required");
		}
		Fields fields;
		try {
			fields = fields(expression);
		}
		catch (CronError ex) {
			throw refused(ex.getMessage());
		}
		return new CronPattern(expression, compile(fields), fields.get(HOUR).size() != 24);
	}

	String expression() {
		return this.expression;
	}

	/**
	 * The first fire strictly after an instant, or {@code null} if it never fires. A
	 * local time that a daylight-saving gap skips fires as cron-parser fires it: at the
	 * instant it has with the offset before the gap (02:30 becomes 03:30).
	 */
	@Nullable Instant next(Instant after, ZoneId zone) {
		Instant from = after;
		// With named hours, a local time that an overlap repeats fires once, at its first
		// occurrence, as cron-parser fires it; a repeated hour has at most 60 fires.
		for (int skipped = 0; skipped <= 3600; skipped++) {
			Instant next = nextIncludingRepeats(from, zone);
			if (next == null || !this.hoursNamed || !isRepeat(next, zone)) {
				return next;
			}
			from = next;
		}
		return null;
	}

	/** Whether an instant is the second occurrence of its local time. */
	private static boolean isRepeat(Instant at, ZoneId zone) {
		ZoneRules rules = zone.getRules();
		List<ZoneOffset> offsets = rules.getValidOffsets(LocalDateTime.ofInstant(at, zone));
		return offsets.size() > 1 && rules.getOffset(at).equals(offsets.get(offsets.size() - 1));
	}

	private @Nullable Instant nextIncludingRepeats(Instant after, ZoneId zone) {
		Instant next = null;
		for (ExecutionTime execution : this.executions) {
			Instant candidate = next(execution, ZonedDateTime.ofInstant(after, zone));
			if (candidate != null && (next == null || candidate.isBefore(next))) {
				next = candidate;
			}
		}
		if (next == null) {
			return null;
		}
		ZoneRules rules = zone.getRules();
		ZoneOffsetTransition transition = rules.previousTransition(after.plusNanos(1));
		if (transition == null || !transition.getInstant().plus(transition.getDuration()).isAfter(after)) {
			transition = rules.nextTransition(after);
		}
		while (transition != null && transition.getInstant().isBefore(next)) {
			// cron-parser moves skipped times by whole hours only (Lord Howe's 30 minutes
			// are skipped)
			if (transition.isGap() && transition.getDuration().toSeconds() % 3600 == 0) {
				next = gapFire(transition, after, next);
			}
			transition = rules.nextTransition(transition.getInstant());
		}
		return next;
	}

	/**
	 * The earliest fire among the local times a gap skips, read with the offset before
	 * it, if earlier than {@code next}.
	 */
	private Instant gapFire(ZoneOffsetTransition gap, Instant after, Instant next) {
		Instant gapEnd = gap.getInstant().plus(gap.getDuration());
		Instant from = gap.getInstant().minusNanos(1);
		if (from.isBefore(after)) {
			from = after;
		}
		Instant earliest = next;
		for (ExecutionTime execution : this.executions) {
			Instant candidate = next(execution, from.atZone(gap.getOffsetBefore()));
			if (candidate != null && candidate.isBefore(gapEnd) && candidate.isBefore(earliest)) {
				earliest = candidate;
			}
		}
		return earliest;
	}

	private static @Nullable Instant next(ExecutionTime execution, ZonedDateTime from) {
		try {
			Optional<ZonedDateTime> candidate = execution.nextExecution(from);
			return candidate.map(ZonedDateTime::toInstant).orElse(null);
		}
		catch (RuntimeException ex) {
			// beyond what java.time holds: never
			return null;
		}
	}

	/** The next {@code count} fires strictly after an instant (fewer if it stops). */
	List<Instant> next(Instant after, ZoneId zone, int count) {
		List<Instant> instants = new ArrayList<>(count);
		Instant at = after;
		while (instants.size() < count) {
			at = next(at, zone);
			if (at == null) {
				break;
			}
			instants.add(at);
		}
		return instants;
	}

	private static EngineException refused(String reason) {
		return new EngineException(422, REFUSED + reason);
	}

	// ---- cron-parser 4.9: CronExpression.parse

	/**
	 * The values of each field, as cron-parser resolves them: numbers ({@link Double})
	 * and, in the day fields, texts holding {@code L}.
	 */
	private record Fields(List<List<Object>> values, int nthDayOfWeek) {

		List<Object> get(int field) {
			return this.values.get(field);
		}

	}

	/** A refusal of cron-parser, with its message. */
	private static final class CronError extends RuntimeException {

		private static final long serialVersionUID = 1L;

		CronError(String message) {
			super(message, null, false, false);
		}

	}

	private static Fields fields(String text) {
		String expression = PREDEFINED.getOrDefault(text, text);
		String[] atoms = JsText.SPACES.split(JsText.trim(expression), -1);
		if (atoms.length > 6) {
			throw new CronError("Invalid cron expression");
		}
		int start = 6 - atoms.length;
		int[] nth = { 0 };
		List<List<Object>> values = new ArrayList<>();
		for (int field = 0; field < 6; field++) {
			String value = (field < start) ? "" : atoms[field - start];
			if (value.isEmpty()) {
				values.add(field(field, DEFAULTS[field]));
			}
			else {
				values.add(field(field, (field == DAY_OF_WEEK) ? nthDay(value, nth) : value));
			}
		}
		List<Object> months = values.get(MONTH);
		if (months.size() == 1 && months.get(0) instanceof Double month) {
			int days = DAYS_IN_MONTH[(int) (double) month - 1];
			List<Object> daysOfMonth = values.get(DAY_OF_MONTH);
			if (!daysOfMonth.isEmpty() && daysOfMonth.get(0) instanceof Double first && first > days) {
				throw new CronError("Invalid explicit day of month definition");
			}
			List<Object> kept = new ArrayList<>();
			for (Object day : daysOfMonth) {
				if (!(day instanceof Double number) || number <= days) {
					kept.add(day);
				}
			}
			values.set(DAY_OF_MONTH, kept);
		}
		return new Fields(values, nth[0]);
	}

	private static String nthDay(String value, int[] nth) {
		String[] atoms = value.split("#", -1);
		if (atoms.length > 1) {
			double occurrence = JsText.number(atoms[atoms.length - 1]);
			if (value.contains(",")) {
				throw new CronError(
						"Constraint error, invalid dayOfWeek `#` and `,` special characters are incompatible");
			}
			if (value.contains("/")) {
				throw new CronError(
						"Constraint error, invalid dayOfWeek `#` and `/` special characters are incompatible");
			}
			if (value.contains("-")) {
				throw new CronError(
						"Constraint error, invalid dayOfWeek `#` and `-` special characters are incompatible");
			}
			if (atoms.length > 2 || Double.isNaN(occurrence) || occurrence < 1 || occurrence > 5) {
				throw new CronError("Constraint error, invalid dayOfWeek occurrence number (#)");
			}
			nth[0] = (int) occurrence;
			return atoms[0];
		}
		return value;
	}

	private static List<Object> field(int field, String text) {
		int min = CONSTRAINTS[field][0];
		int max = CONSTRAINTS[field][1];
		String value = text;
		if (field == MONTH || field == DAY_OF_WEEK) {
			Map<String, Integer> aliases = (field == MONTH) ? MONTH_ALIASES : DAY_ALIASES;
			Matcher matcher = ALIAS.matcher(value);
			StringBuilder replaced = new StringBuilder();
			while (matcher.find()) {
				String alias = matcher.group().toLowerCase(Locale.ROOT);
				Integer number = aliases.get(alias);
				if (number == null) {
					throw new CronError("Validation error, cannot resolve alias \"" + alias + "\"");
				}
				matcher.appendReplacement(replaced, number.toString());
			}
			matcher.appendTail(replaced);
			value = replaced.toString();
		}
		if (!VALID_CHARACTERS[field].matcher(value).matches()) {
			throw new CronError("Invalid characters, got value: " + value);
		}
		if (value.indexOf('*') != -1) {
			value = value.replace("*", min + "-" + max);
		}
		else if (value.indexOf('?') != -1) {
			value = value.replace("?", min + "-" + max);
		}
		return sequence(field, value);
	}

	private static List<Object> sequence(int field, String value) {
		String[] atoms = value.split(",", -1);
		for (String atom : atoms) {
			if (atom.isEmpty()) {
				throw new CronError("Invalid list value format");
			}
		}
		List<Object> stack = new ArrayList<>();
		for (String atom : atoms) {
			result(field, repeat(field, atom), stack);
		}
		stack.sort(CronPattern::compare);
		return stack;
	}

	private static void result(int field, Object result, List<Object> stack) {
		int min = CONSTRAINTS[field][0];
		int max = CONSTRAINTS[field][1];
		if (result instanceof List<?> values) {
			for (Object value : values) {
				double number = (Double) value;
				if (Double.isNaN(number) || number < min || number > max) {
					throw new CronError("Constraint error, got value " + JsText.toString(number) + " expected range "
							+ min + "-" + max);
				}
				stack.add(number);
			}
			return;
		}
		if (result instanceof String text && (field == DAY_OF_MONTH || field == DAY_OF_WEEK) && text.contains("L")) {
			stack.add(text);
			return;
		}
		double number = (result instanceof String text) ? JsText.number(text) : (Double) result;
		if (Double.isNaN(number) || number < min || number > max) {
			String shown = (result instanceof String text) ? text : JsText.toString(number);
			throw new CronError("Constraint error, got value " + shown + " expected range " + min + "-" + max);
		}
		if (field == DAY_OF_WEEK) {
			number = number % 7;
		}
		stack.add(number);
	}

	private static Object repeat(int field, String value) {
		String[] atoms = value.split("/", -1);
		if (atoms.length > 2) {
			throw new CronError("Invalid repeat: " + value);
		}
		if (atoms.length > 1) {
			String from = atoms[0];
			if (!Double.isNaN(JsText.number(from))) {
				from = from + "-" + CONSTRAINTS[field][1];
			}
			return range(field, from, JsText.number(atoms[1]));
		}
		return range(field, value, 1);
	}

	private static Object range(int field, String value, double interval) {
		int low = CONSTRAINTS[field][0];
		int high = CONSTRAINTS[field][1];
		String[] atoms = value.split("-", -1);
		if (atoms.length > 1) {
			if (atoms[0].isEmpty()) {
				if (atoms[1].isEmpty()) {
					throw new CronError("Invalid range: " + value);
				}
				return JsText.number(value);
			}
			double min = JsText.number(atoms[0]);
			double max = JsText.number(atoms[1]);
			if (Double.isNaN(min) || Double.isNaN(max) || min < low || max > high) {
				throw new CronError("Constraint error, got range " + JsText.toString(min) + "-" + JsText.toString(max)
						+ " expected range " + low + "-" + high);
			}
			if (min > max) {
				throw new CronError("Invalid range: " + value);
			}
			double repeatIndex = interval;
			if (Double.isNaN(repeatIndex) || repeatIndex <= 0) {
				throw new CronError(
						"Constraint error, cannot repeat at every " + JsText.toString(repeatIndex) + " time.");
			}
			List<Double> stack = new ArrayList<>();
			if (field == DAY_OF_WEEK && max % 7 == 0) {
				stack.add(0.0);
			}
			for (double index = min; index <= max; index++) {
				boolean exists = contains(stack, index);
				if (!exists && repeatIndex > 0 && repeatIndex % interval == 0) {
					repeatIndex = 1;
					stack.add(index);
				}
				else {
					repeatIndex++;
				}
			}
			return stack;
		}
		double number = JsText.number(value);
		return Double.isNaN(number) ? value : (Object) number;
	}

	private static boolean contains(List<Double> values, double value) {
		for (double candidate : values) {
			if (candidate == value) {
				return true;
			}
		}
		return false;
	}

	/** Numbers first, ascending, then texts. */
	private static int compare(Object a, Object b) {
		if (a instanceof Double x && b instanceof Double y) {
			return Double.compare(x + 0.0, y + 0.0);
		}
		if (a instanceof Double) {
			return -1;
		}
		if (b instanceof Double) {
			return 1;
		}
		return ((String) a).compareTo((String) b);
	}

	// ---- to cron-utils

	/** Unix cron, with L in the day fields and # in the day of week (as Quartz has). */
	private static CronDefinition definition() {
		return CronDefinitionBuilder.defineCron()
			.withMinutes()
			.withValidRange(0, 59)
			.withStrictRange()
			.and()
			.withHours()
			.withValidRange(0, 23)
			.withStrictRange()
			.and()
			.withDayOfMonth()
			.withValidRange(1, 31)
			.supportsL()
			.withStrictRange()
			.and()
			.withMonth()
			.withValidRange(1, 12)
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
			.instance();
	}

	private static List<ExecutionTime> compile(Fields fields) {
		List<Object> seconds = fields.get(SECOND);
		if (seconds.size() != 1 || !Double.valueOf(0).equals(seconds.get(0))) {
			throw refused("CRON expressions with seconds are not allowed");
		}
		String minutes = numbers(fields.get(MINUTE), 0, 59);
		String hours = numbers(fields.get(HOUR), 0, 23);
		String months = numbers(fields.get(MONTH), 1, 12);
		if (minutes == null || hours == null || months == null) {
			// a field without values (a step beyond any number): it never fires
			return List.of();
		}
		TreeSet<Integer> days = new TreeSet<>();
		boolean lastDay = false;
		for (Object day : fields.get(DAY_OF_MONTH)) {
			if (day instanceof Double number) {
				days.add((int) (double) number);
			}
			else {
				lastDay = true;
			}
		}
		int longestMonth = 0;
		for (Object month : fields.get(MONTH)) {
			longestMonth = Math.max(longestMonth, DAYS_IN_MONTH[(int) (double) (Double) month - 1]);
		}
		// cron-parser takes a day of month list as long as the month for "every day"
		boolean everyDay = fields.get(DAY_OF_MONTH).size() >= longestMonth;
		List<Object> weekdayValues = fields.get(DAY_OF_WEEK);
		boolean everyWeekday = weekdayValues.size() == 8;
		TreeSet<Integer> weekdays = new TreeSet<>();
		List<String> lastWeekdays = new ArrayList<>();
		for (Object weekday : weekdayValues) {
			if (weekday instanceof Double number) {
				weekdays.add((int) (double) number % 7);
			}
			else {
				String text = (String) weekday;
				if (text.charAt(0) < '0' || text.charAt(0) > '9') {
					throw refused("Invalid last weekday of the month expression: " + text);
				}
				lastWeekdays.add(((text.charAt(0) - '0') % 7) + "L");
			}
		}
		String weekdayField;
		if (everyWeekday) {
			weekdayField = "*";
		}
		else {
			List<String> items = new ArrayList<>();
			weekdays.forEach((day) -> items.add(day.toString()));
			items.addAll(lastWeekdays);
			if (items.isEmpty()) {
				return List.of();
			}
			weekdayField = String.join(",", items);
		}
		int nth = fields.nthDayOfWeek();
		if (nth > 0) {
			return nthWeek(minutes, hours, months, nth, everyDay ? null : days, lastDay, everyWeekday ? null : weekdays,
					lastWeekdays);
		}
		List<String> dayFields = new ArrayList<>();
		if (everyDay) {
			dayFields.add("*");
		}
		else {
			if (!days.isEmpty()) {
				List<String> items = new ArrayList<>();
				days.forEach((day) -> items.add(day.toString()));
				dayFields.add(String.join(",", items));
			}
			if (lastDay) {
				dayFields.add("L");
			}
		}
		if (dayFields.isEmpty()) {
			// no day of month: only the days of week, or never
			if (everyWeekday) {
				return List.of();
			}
			dayFields.add("*");
		}
		List<ExecutionTime> executions = new ArrayList<>();
		for (String dayField : dayFields) {
			String unix = minutes + " " + hours + " " + dayField + " " + months + " " + weekdayField;
			try {
				executions.add(ExecutionTime.forCron(UTILS.parse(unix)));
			}
			catch (IllegalArgumentException ex) {
				throw refused(String.valueOf(ex.getMessage()));
			}
		}
		return Collections.unmodifiableList(executions);
	}

	/**
	 * With {@code #n}, cron-parser keeps the days its day fields match (either field when
	 * both are restricted) that fall in the month's n-th week (days 7n-6 to 7n): those
	 * days of month, and the n-th occurrence of each day of week.
	 * @param days the days of month, {@code null} when every day
	 * @param weekdays the days of week, {@code null} when every day
	 */
	private static List<ExecutionTime> nthWeek(String minutes, String hours, String months, int nth,
			@Nullable TreeSet<Integer> days, boolean lastDay, @Nullable TreeSet<Integer> weekdays,
			List<String> lastWeekdays) {
		if (lastDay || !lastWeekdays.isEmpty()) {
			throw refused("the trigger4j emulator does not compute # with L");
		}
		List<String> expressions = new ArrayList<>();
		boolean daysCount = weekdays == null || days != null;
		if (daysCount) {
			List<String> inWeek = new ArrayList<>();
			for (int day = 7 * nth - 6; day <= 7 * nth; day++) {
				if (days == null || days.contains(day)) {
					inWeek.add(Integer.toString(day));
				}
			}
			if (!inWeek.isEmpty()) {
				expressions.add(minutes + " " + hours + " " + String.join(",", inWeek) + " " + months + " *");
			}
		}
		if (weekdays != null) {
			for (int weekday : weekdays) {
				expressions.add(minutes + " " + hours + " * " + months + " " + weekday + "#" + nth);
			}
		}
		List<ExecutionTime> executions = new ArrayList<>();
		for (String unix : expressions) {
			executions.add(ExecutionTime.forCron(UTILS.parse(unix)));
		}
		return Collections.unmodifiableList(executions);
	}

	/** A field's numbers as a Unix list, {@code *} when all; {@code null} when none. */
	private static @Nullable String numbers(List<Object> values, int min, int max) {
		TreeSet<Integer> numbers = new TreeSet<>();
		for (Object value : values) {
			numbers.add((int) (double) (Double) value);
		}
		if (numbers.isEmpty()) {
			return null;
		}
		if (numbers.size() == max - min + 1) {
			return "*";
		}
		List<String> items = new ArrayList<>();
		numbers.forEach((number) -> items.add(number.toString()));
		return String.join(",", items);
	}

}
