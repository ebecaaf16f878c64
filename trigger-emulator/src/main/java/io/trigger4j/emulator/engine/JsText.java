package io.trigger4j.emulator.engine;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * JavaScript's string and number conversions, for the server's texts that come from
 * JavaScript libraries (cron-parser, cronstrue): what {@code String.prototype.trim},
 * {@code /\s+/}, {@code +text}, {@code parseInt} and {@code String(number)} do.
 */
final class JsText {

	/** The characters JavaScript's {@code \s} matches. */
	static final String SPACE_CLASS = "\\t\\n\\x0B\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff";

	/** JavaScript's {@code /\s+/}. */
	static final Pattern SPACES = Pattern.compile("[" + SPACE_CLASS + "]+");

	private static final Pattern LEADING = Pattern.compile("\\A[" + SPACE_CLASS + "]+");

	private static final Pattern TRAILING = Pattern.compile("[" + SPACE_CLASS + "]+\\z");

	private static final Pattern DECIMAL_INTEGER = Pattern.compile("[+-]?\\d+");

	private static final Pattern LEADING_INTEGER = Pattern.compile("\\A[+-]?\\d+");

	private JsText() {
	}

	/** {@code text.trim()}. */
	static String trim(String text) {
		return TRAILING.matcher(LEADING.matcher(text).replaceFirst("")).replaceFirst("");
	}

	/**
	 * {@code +text} for the texts a cron field can hold: an optionally signed decimal
	 * integer (the empty text is 0), anything else NaN.
	 */
	static double number(String text) {
		String trimmed = trim(text);
		if (trimmed.isEmpty()) {
			return 0;
		}
		if (!DECIMAL_INTEGER.matcher(trimmed).matches()) {
			return Double.NaN;
		}
		return new BigDecimal(trimmed).doubleValue();
	}

	/** {@code parseInt(text, 10)}: the leading integer, or NaN. */
	static double parseInt(String text) {
		java.util.regex.Matcher matcher = LEADING_INTEGER.matcher(trimLeading(text));
		if (!matcher.find()) {
			return Double.NaN;
		}
		String digits = matcher.group();
		return new BigDecimal(digits).doubleValue();
	}

	private static String trimLeading(String text) {
		return LEADING.matcher(text).replaceFirst("");
	}

	/** {@code String(value)} for a number. */
	static String toString(double value) {
		if (Double.isNaN(value)) {
			return "NaN";
		}
		if (Double.isInfinite(value)) {
			return (value > 0) ? "Infinity" : "-Infinity";
		}
		if (value == 0) {
			return "0";
		}
		if (value == Math.rint(value) && Math.abs(value) < 1e21) {
			return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
		}
		String java = Double.toString(value);
		int exponent = java.indexOf('E');
		if (exponent < 0) {
			return java;
		}
		String mantissa = java.substring(0, exponent);
		if (mantissa.endsWith(".0")) {
			mantissa = mantissa.substring(0, mantissa.length() - 2);
		}
		String power = java.substring(exponent + 1);
		return mantissa + "e" + (power.startsWith("-") ? power : "+" + power).toLowerCase(Locale.ROOT);
	}

}
