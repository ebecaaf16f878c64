package io.trigger4j.emulator.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.trigger4j.emulator.engine.ScheduleSpec;
import io.trigger4j.emulator.engine.Schedules;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads the schedule routes' bodies and queries as the server's zod schemas do
 * ({@code CreateScheduleOptions}, {@code UpdateScheduleOptions}, the list's
 * {@code page}/{@code perPage}), collecting every issue in zod's order and shape: the
 * legacy answers {@code {"error":"Invalid request body","issues":[...]}} and
 * {@code {"error":"Invalid request parameters","issues":[...]}}. Unknown keys are
 * ignored.
 */
final class ScheduleRequests {

	/**
	 * The longest cron expression, deduplication key or external id the emulator stores
	 * (the server has no such limit but fails on keys too long for its unique index).
	 */
	static final int MAX_TEXT_LENGTH = 2048;

	/** The list's default page size. */
	static final int DEFAULT_PER_PAGE = 20;

	/** The list's largest page size; larger ones are cut to it. */
	static final int MAX_PER_PAGE = 100;

	private static final String WHITESPACE = "[\\t\\n\\x0B\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]*";

	private static final Pattern JS_DECIMAL = Pattern
		.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?|[+-]?Infinity");

	private static final Pattern JS_RADIX = Pattern.compile("0([xX][0-9a-fA-F]+|[oO][0-7]+|[bB][01]+)");

	private ScheduleRequests() {
	}

	/** A create's body: {@code task}, {@code cron}, {@code deduplicationKey} required. */
	static ScheduleSpec create(JsonNode body) {
		return spec(body, true);
	}

	/** An update's body: {@code task}, {@code cron} required; no deduplication key. */
	static ScheduleSpec update(JsonNode body) {
		return spec(body, false);
	}

	private static ScheduleSpec spec(JsonNode body, boolean create) {
		List<Map<String, Object>> issues = new ArrayList<>();
		String task = string(body, "task", true, false, issues);
		String cron = string(body, "cron", true, true, issues);
		String key = create ? string(body, "deduplicationKey", true, true, issues) : null;
		String externalId = string(body, "externalId", false, true, issues);
		String timezone = string(body, "timezone", false, false, issues);
		String window = string(body, "window", false, false, issues);
		if (window != null) {
			String problem = Schedules.windowProblem(window);
			if (problem != null) {
				Map<String, Object> issue = new LinkedHashMap<>();
				issue.put("code", "custom");
				issue.put("message", problem);
				issue.put("path", List.of("window"));
				issues.add(issue);
			}
		}
		if (!issues.isEmpty() || task == null || cron == null) {
			throw ApiError.invalidBody(issues);
		}
		return new ScheduleSpec(task, cron, key, externalId, timezone, window);
	}

	/**
	 * A string field as {@code z.string()} reads it, with the emulator's length bound.
	 */
	private static @Nullable String string(JsonNode body, String name, boolean required, boolean bounded,
			List<Map<String, Object>> issues) {
		JsonNode value = body.get(name);
		if (value == null) {
			if (required) {
				issues.add(ApiError.invalidType("string", "undefined", "Required", name));
			}
			return null;
		}
		if (!value.isString()) {
			String received = Bodies.typeName(value);
			issues.add(ApiError.invalidType("string", received, "Expected string, received " + received, name));
			return null;
		}
		String text = value.asString();
		if (bounded && text.length() > MAX_TEXT_LENGTH) {
			Map<String, Object> issue = new LinkedHashMap<>();
			issue.put("code", "too_big");
			issue.put("maximum", MAX_TEXT_LENGTH);
			issue.put("type", "string");
			issue.put("inclusive", true);
			issue.put("exact", false);
			issue.put("message", "String must contain at most " + MAX_TEXT_LENGTH + " character(s)");
			issue.put("path", List.of(name));
			issues.add(issue);
			return null;
		}
		return text;
	}

	/**
	 * The list's page.
	 *
	 * @param page the 1-based page, as the answer shows it
	 * @param perPage the page size, at most 100
	 */
	record ListPage(BigInteger page, int perPage) {

		/**
		 * The page for the engine: beyond the largest long, simply far beyond the end.
		 */
		long engineFirst() {
			return (this.page.bitLength() < 63) ? this.page.longValue() : Long.MAX_VALUE;
		}

	}

	/**
	 * {@code page} and {@code perPage} as {@code z.coerce.number().int().positive()}
	 * reads them, or the issues.
	 */
	static ListPage listPage(@Nullable String page, @Nullable String perPage, List<Map<String, Object>> issues) {
		BigInteger pageNumber = positiveInteger(page, "page", issues);
		BigInteger size = positiveInteger(perPage, "perPage", issues);
		int perPageValue = (size == null) ? DEFAULT_PER_PAGE
				: (int) Math.min(MAX_PER_PAGE, size.min(BigInteger.valueOf(MAX_PER_PAGE)).longValue());
		return new ListPage((pageNumber != null) ? pageNumber : BigInteger.ONE, perPageValue);
	}

	private static @Nullable BigInteger positiveInteger(@Nullable String text, String name,
			List<Map<String, Object>> issues) {
		if (text == null) {
			return null;
		}
		double number = jsNumber(text);
		if (Double.isNaN(number)) {
			issues.add(ApiError.invalidType("number", "nan", "Expected number, received nan", name));
			return null;
		}
		boolean valid = true;
		if (Double.isInfinite(number) || number != Math.rint(number)) {
			Map<String, Object> issue = new LinkedHashMap<>();
			issue.put("code", "invalid_type");
			issue.put("expected", "integer");
			issue.put("received", "float");
			issue.put("message", "Expected integer, received float");
			issue.put("path", List.of(name));
			issues.add(issue);
			valid = false;
		}
		if (!(number > 0)) {
			Map<String, Object> issue = new LinkedHashMap<>();
			issue.put("code", "too_small");
			issue.put("minimum", 0);
			issue.put("type", "number");
			issue.put("inclusive", false);
			issue.put("exact", false);
			issue.put("message", "Number must be greater than 0");
			issue.put("path", List.of(name));
			issues.add(issue);
			valid = false;
		}
		return valid ? new BigDecimal(number).toBigInteger() : null;
	}

	/** JavaScript's {@code Number(text)}. */
	static double jsNumber(String text) {
		String trimmed = text.replaceFirst("\\A" + WHITESPACE, "").replaceFirst(WHITESPACE + "\\z", "");
		if (trimmed.isEmpty()) {
			return 0;
		}
		if (JS_RADIX.matcher(trimmed).matches()) {
			int radix = switch (Character.toLowerCase(trimmed.charAt(1))) {
				case 'x' -> 16;
				case 'o' -> 8;
				default -> 2;
			};
			return new BigInteger(trimmed.substring(2), radix).doubleValue();
		}
		if (!JS_DECIMAL.matcher(trimmed).matches()) {
			return Double.NaN;
		}
		if (trimmed.endsWith("Infinity")) {
			return trimmed.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
		}
		return Double.parseDouble(trimmed);
	}

}
