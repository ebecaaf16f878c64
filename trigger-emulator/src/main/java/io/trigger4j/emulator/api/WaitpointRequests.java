package io.trigger4j.emulator.api;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.trigger4j.emulator.engine.WaitpointQuery;
import io.trigger4j.emulator.engine.WaitpointSpec;
import io.trigger4j.emulator.engine.WaitpointStatus;
import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Reads the waitpoint routes' requests as the server does (api-semantics.md 4.11): the
 * create body's zod schema and the route's rules (the timeout read as a trigger's delay,
 * the key's TTL as {@code <n>s|m|h|d}), the list query's schema with its "Query Error"
 * details, and the bodies of complete and callback.
 */
final class WaitpointRequests {

	/** The create route's body limit. */
	static final int MAX_CREATE_BYTES = 10_240;

	/** The complete and callback routes' body limit. */
	static final int MAX_COMPLETE_BYTES = 3_145_728;

	static final int MAX_KEY_LENGTH = 2048;

	static final int MAX_TAG_LENGTH = 128;

	private static final Pattern KEY_TTL = Pattern.compile("^(\\d+)([smhd])$");

	private static final Pattern DECIMAL = Pattern.compile("^[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?$");

	private WaitpointRequests() {
	}

	// ---- bodies

	/**
	 * The body's bytes. Without {@code Content-Length}: 413 "Request body too large"
	 * (builder routes) or 411 "Content-Length header is required" (the callback); over
	 * the limit: 413.
	 */
	static Mono<byte[]> bytes(ServerRequest request, int limit, boolean callback) {
		if (callback && request.headers().firstHeader("Content-Length") == null) {
			return Mono.error(ApiError.of(411, "Content-Length header is required"));
		}
		return Bodies.bytes(request, limit, false);
	}

	/**
	 * The callback's data: the body as JSON, or {@code {}} when it is empty or not JSON,
	 * as the server reads it.
	 */
	static JsonNode callbackData(byte[] bytes) {
		JsonNode json = (bytes.length > 0) ? Bodies.json(bytes) : null;
		return (json != null) ? json : JsonNodeFactory.instance.objectNode();
	}

	/**
	 * The complete body's {@code data}: {@code null} when absent (the token completes
	 * without output); a JSON {@code null} is a value.
	 */
	static @Nullable JsonNode completionData(JsonNode body) {
		return body.get("data");
	}

	// ---- create

	/**
	 * The create body as the server's schema and route read it. 400 "Validation error:
	 * ..." naming each bad field; 500 "Something went wrong" for a timeout or key TTL
	 * beyond what a date can hold (the server's database refuses it).
	 */
	static WaitpointSpec create(JsonNode body, Instant now) {
		List<String> issues = new ArrayList<>();
		JsonNode key = body.get("idempotencyKey");
		if (key != null) {
			if (!key.isString()) {
				issues.add("Expected string, received " + Bodies.typeName(key) + " at \"idempotencyKey\"");
			}
			else if (key.asString().length() > MAX_KEY_LENGTH) {
				issues.add("idempotencyKey must be " + MAX_KEY_LENGTH + " characters or less at \"idempotencyKey\"");
			}
		}
		JsonNode ttl = body.get("idempotencyKeyTTL");
		if (ttl != null && !ttl.isString()) {
			issues.add("Expected string, received " + Bodies.typeName(ttl) + " at \"idempotencyKeyTTL\"");
		}
		JsonNode timeout = body.get("timeout");
		Instant timeoutAt = null;
		if (timeout != null && !timeout.isString()) {
			// z.string().or(z.coerce.date()): new Date(value)
			timeoutAt = Bodies.coercedDate(timeout);
			if (timeoutAt == null) {
				issues.add("Expected string, received " + Bodies.typeName(timeout)
						+ " at \"timeout\", or Invalid date at \"timeout\"");
			}
		}
		List<String> tags = new ArrayList<>();
		JsonNode tagsNode = body.get("tags");
		if (tagsNode != null) {
			tags(tagsNode, tags, issues);
		}
		if (!issues.isEmpty()) {
			throw ApiError.of(400, "Validation error: " + String.join("; ", issues));
		}
		if (timeout != null && timeout.isString()) {
			timeoutAt = delay(timeout.asString(), now);
		}
		Duration keyTtl = (ttl != null && !ttl.asString().isEmpty()) ? keyTtl(ttl.asString()) : null;
		String keyText = (key != null && !key.asString().isEmpty()) ? key.asString() : null;
		return new WaitpointSpec(keyText, keyTtl, timeoutAt, tags);
	}

	/**
	 * RunTags: a string or an array of strings, each under 129 characters; kept as sent.
	 */
	private static void tags(JsonNode node, List<String> tags, List<String> issues) {
		if (node.isString()) {
			if (node.asString().length() > MAX_TAG_LENGTH) {
				issues.add("Tags must be less than 128 characters at \"tags\"");
			}
			tags.add(node.asString());
			return;
		}
		if (!node.isArray()) {
			String type = Bodies.typeName(node);
			issues.add("Expected string, received " + type + " at \"tags\", or Expected array, received " + type
					+ " at \"tags\"");
			return;
		}
		List<String> itemIssues = new ArrayList<>();
		boolean invalid = false;
		for (int i = 0; i < node.size(); i++) {
			JsonNode tag = node.get(i);
			if (!tag.isString()) {
				invalid = true;
				itemIssues.add("Expected string, received " + Bodies.typeName(tag) + " at \"tags[" + i + "]\"");
			}
			else {
				if (tag.asString().length() > MAX_TAG_LENGTH) {
					itemIssues.add("Tags must be less than 128 characters at \"tags[" + i + "]\"");
				}
				tags.add(tag.asString());
			}
		}
		if (invalid) {
			issues.add("Expected string, received array at \"tags\", or " + String.join("; ", itemIssues));
		}
		else {
			issues.addAll(itemIssues);
		}
	}

	/**
	 * The server's {@code parseDelay}: a date in the future, or a duration from now;
	 * anything else (a past date, unparseable text) is no timeout.
	 */
	private static @Nullable Instant delay(String text, Instant now) {
		Instant at;
		try {
			at = Durations.parseDelay(text, now);
		}
		catch (Durations.TooLong ex) {
			throw ApiError.of(500, "Something went wrong");
		}
		return (at != null && at.isAfter(now)) ? at : null;
	}

	/** The server's {@code resolveIdempotencyKeyTTL}: {@code <n>s|m|h|d}, else none. */
	private static @Nullable Duration keyTtl(String text) {
		Matcher match = KEY_TTL.matcher(text);
		if (!match.matches()) {
			return null;
		}
		long unit = switch (match.group(2)) {
			case "s" -> 1;
			case "m" -> 60;
			case "h" -> 3_600;
			default -> 86_400;
		};
		BigDecimal seconds = new BigDecimal(match.group(1)).multiply(BigDecimal.valueOf(unit));
		if (seconds.compareTo(BigDecimal.valueOf(Durations.MAX_SECONDS)) > 0) {
			throw ApiError.of(500, "Something went wrong");
		}
		return Duration.ofSeconds(seconds.longValueExact());
	}

	// ---- list

	/**
	 * The list query as {@code ApiWaitpointListSearchParams} reads it; every invalid
	 * parameter is a detail of one 400 "Query Error".
	 */
	static WaitpointQuery list(Map<String, String> query, Instant now) {
		List<Map<String, Object>> issues = new ArrayList<>();
		int pageSize = pageSize(query.get("page[size]"), issues);
		Set<WaitpointStatus> statuses = statuses(query.get("filter[status]"), issues);
		String key = query.get("filter[idempotencyKey]");
		String tagText = query.get("filter[tags]");
		List<String> tags = (tagText != null && !tagText.isEmpty()) ? Arrays.asList(tagText.split(",", -1)) : null;
		String periodText = query.get("filter[createdAt][period]");
		Instant from = date(query.get("filter[createdAt][from]"), "filter[createdAt][from]", issues);
		Instant to = date(query.get("filter[createdAt][to]"), "filter[createdAt][to]", issues);
		if (!issues.isEmpty()) {
			throw ApiError.queryError(issues);
		}
		Duration period = null;
		if (periodText != null && !periodText.isEmpty()) {
			try {
				period = Durations.parse(periodText);
			}
			catch (Durations.TooLong ex) {
				// Longer than any date can go back: every token.
				period = null;
			}
		}
		return new WaitpointQuery(statuses, (key != null && !key.isEmpty()) ? key : null, tags, period, from, to,
				pageSize, nonEmpty(query.get("page[after]")), nonEmpty(query.get("page[before]")));
	}

	private static @Nullable String nonEmpty(@Nullable String text) {
		return (text != null && !text.isEmpty()) ? text : null;
	}

	/** {@code z.coerce.number().int().positive().min(1).max(100)}, 25 when absent. */
	private static int pageSize(@Nullable String text, List<Map<String, Object>> issues) {
		if (text == null) {
			return 25;
		}
		BigDecimal value = jsNumber(text);
		String path = "page[size]";
		if (value == null) {
			issues.add(ApiError.invalidType("number", "nan", "Expected number, received nan", path));
			return 25;
		}
		int before = issues.size();
		if (value.stripTrailingZeros().scale() > 0) {
			issues.add(ApiError.invalidType("integer", "float", "Expected integer, received float", path));
		}
		if (value.signum() <= 0) {
			issues.add(bound("too_small", "minimum", 0, false, "Number must be greater than 0", path));
		}
		if (value.compareTo(BigDecimal.ONE) < 0) {
			issues.add(bound("too_small", "minimum", 1, true, "Number must be greater than or equal to 1", path));
		}
		if (value.compareTo(BigDecimal.valueOf(100)) > 0) {
			issues.add(bound("too_big", "maximum", 100, true, "Number must be less than or equal to 100", path));
		}
		return (issues.size() == before) ? value.intValueExact() : 25;
	}

	private static Map<String, Object> bound(String code, String boundName, int bound, boolean inclusive,
			String message, String path) {
		Map<String, Object> issue = new LinkedHashMap<>();
		issue.put("code", code);
		issue.put(boundName, bound);
		issue.put("type", "number");
		issue.put("inclusive", inclusive);
		issue.put("exact", false);
		issue.put("message", message);
		issue.put("path", List.of(path));
		return issue;
	}

	/**
	 * JavaScript's {@code Number(text)} for the decimal forms, or {@code null} for NaN;
	 * blank text is 0.
	 */
	private static @Nullable BigDecimal jsNumber(String text) {
		String trimmed = text.strip();
		if (trimmed.isEmpty()) {
			return BigDecimal.ZERO;
		}
		if (trimmed.length() > 400 || !DECIMAL.matcher(trimmed).matches()) {
			return null;
		}
		try {
			return new BigDecimal(trimmed);
		}
		catch (NumberFormatException | ArithmeticException ex) {
			return null;
		}
	}

	/**
	 * The status filter: a CSV of WAITING, COMPLETED, TIMED_OUT (exact names, no
	 * trimming); any other value is refused naming them all.
	 */
	private static @Nullable Set<WaitpointStatus> statuses(@Nullable String text, List<Map<String, Object>> issues) {
		if (text == null || text.isEmpty()) {
			return null;
		}
		Set<WaitpointStatus> statuses = EnumSet.noneOf(WaitpointStatus.class);
		List<String> invalid = new ArrayList<>();
		for (String name : text.split(",", -1)) {
			WaitpointStatus status = switch (name) {
				case "WAITING" -> WaitpointStatus.WAITING;
				case "COMPLETED" -> WaitpointStatus.COMPLETED;
				case "TIMED_OUT" -> WaitpointStatus.TIMED_OUT;
				default -> null;
			};
			if (status == null) {
				invalid.add(name);
			}
			else {
				statuses.add(status);
			}
		}
		if (!invalid.isEmpty()) {
			issues.add(
					ApiError.issue("custom", "Invalid status values: " + String.join(", ", invalid), "filter[status]"));
			return null;
		}
		return statuses;
	}

	/**
	 * The server's {@code CoercedDate}: a number is epoch milliseconds (blank is 0),
	 * anything else a date; an invalid one is refused.
	 */
	private static @Nullable Instant date(@Nullable String text, String path, List<Map<String, Object>> issues) {
		if (text == null) {
			return null;
		}
		BigDecimal number = jsNumber(text);
		Instant instant = (number != null) ? Bodies.dateOfMillis(number) : parseDate(text.strip());
		if (instant == null) {
			Map<String, Object> issue = new LinkedHashMap<>();
			issue.put("code", "invalid_date");
			issue.put("path", List.of(path));
			issue.put("message", "Invalid date");
			issues.add(issue);
		}
		return instant;
	}

	private static @Nullable Instant parseDate(String text) {
		Instant instant;
		try {
			instant = Durations.parseDate(text);
		}
		catch (Durations.TooLong ex) {
			return null;
		}
		if (instant != null || text.length() > 100) {
			return instant;
		}
		try {
			// A date or a date-time without offset, read as UTC.
			return text.contains("T") ? LocalDateTime.parse(text).toInstant(ZoneOffset.UTC)
					: LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
