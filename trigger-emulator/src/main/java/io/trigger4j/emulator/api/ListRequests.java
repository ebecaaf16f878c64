package io.trigger4j.emulator.api;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.trigger4j.emulator.engine.ListQuery;
import io.trigger4j.emulator.engine.RunSnapshot;
import io.trigger4j.emulator.engine.RunState;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Parses the query of {@code GET /api/v1/runs} into a {@link ListQuery}, with the
 * server's "Query Error" answers (api-semantics.md section 4.1), and encodes its opaque
 * cursors.
 */
final class ListRequests {

	/** The list's default window without a created-at filter. */
	static final Duration DEFAULT_WINDOW = Duration.ofDays(7);

	private ListRequests() {
	}

	static ListQuery parse(Map<String, String> query, Instant now) {
		Set<RunState> states = null;
		String statuses = query.get("filter[status]");
		if (statuses != null) {
			states = new HashSet<>();
			List<String> invalid = new ArrayList<>();
			for (String name : csv(statuses)) {
				Set<RunState> matching = RunState.matching(name);
				if (matching == null) {
					invalid.add(name);
				}
				else {
					states.addAll(matching);
				}
			}
			if (!invalid.isEmpty()) {
				throw ApiError.queryError(List.of(ApiError.issue("custom",
						"Invalid status values: " + String.join(", ", invalid), "filter[status]")));
			}
		}
		List<String> machines = csvOrNull(query.get("filter[machine]"));
		if (machines != null) {
			List<String> invalid = machines.stream().filter((m) -> !TriggerRequests.MACHINES.contains(m)).toList();
			if (!invalid.isEmpty()) {
				throw ApiError.queryError(List.of(ApiError.issue("invalid_enum_value", "Invalid enum value. Expected "
						+ TriggerRequests.MACHINES + ", received '" + invalid.get(0) + "'", "filter[machine]")));
			}
		}
		Boolean test = null;
		String isTest = query.get("filter[isTest]");
		if (isTest != null) {
			if (!isTest.equals("true") && !isTest.equals("false")) {
				throw ApiError.queryError(List.of(ApiError.issue("invalid_enum_value",
						"Invalid enum value. Expected 'true' | 'false', received '" + isTest + "'", "filter[isTest]")));
			}
			test = Boolean.valueOf(isTest);
		}
		// The emulator has no bulk actions: nothing matches them.
		boolean matchNothing = query.containsKey("filter[bulkAction]");
		// An empty schedule filter is no filter, as on the server.
		String schedule = query.get("filter[schedule]");
		Instant from;
		Instant to;
		String fromText = query.get("filter[createdAt][from]");
		String toText = query.get("filter[createdAt][to]");
		String period = query.get("filter[createdAt][period]");
		if (fromText == null && toText == null && period == null) {
			from = now.minus(DEFAULT_WINDOW);
			to = null;
		}
		else {
			from = date(fromText, "filter[createdAt][from]");
			to = date(toText, "filter[createdAt][to]");
			if (to != null && to.isAfter(now)) {
				to = now;
			}
			Duration periodDuration;
			try {
				periodDuration = Durations.parse(period);
			}
			catch (Durations.TooLong ex) {
				throw ApiError.queryError(List.of(ApiError.issue("custom",
						"Period must be at most " + Durations.MAX_SECONDS + " seconds", "filter[createdAt][period]")));
			}
			// An unparseable period silently removes the time filter, as the server does.
			if (periodDuration != null) {
				Instant since = now.minus(periodDuration);
				from = (from == null || since.isAfter(from)) ? since : from;
			}
		}
		return new ListQuery(states, csvOrNull(query.get("filter[taskIdentifier]")),
				csvOrNull(query.get("filter[version]")), csvOrNull(query.get("filter[queue]")),
				csvOrNull(query.get("filter[region]")), csvOrNull(query.get("filter[tag]")), machines, test,
				query.get("filter[batch]"), matchNothing, from, to, pageSize(query.get("page[size]")),
				position(query.get("page[after]"), "page[after]"), position(query.get("page[before]"), "page[before]"),
				(schedule != null && !schedule.isEmpty()) ? schedule : null);
	}

	private static int pageSize(@Nullable String text) {
		if (text == null) {
			return 25;
		}
		int size;
		try {
			size = Integer.parseInt(text.trim());
		}
		catch (NumberFormatException ex) {
			if (text.trim().matches("-?\\d+")) {
				// A whole number too large for an int is just too big.
				throw outOfRange(text.trim().startsWith("-") ? "too_small" : "too_big",
						text.trim().startsWith("-") ? "greater than or equal to" : "less than or equal to",
						text.trim().startsWith("-") ? "minimum" : "maximum", text.trim().startsWith("-") ? 1 : 100);
			}
			Map<String, Object> issue = ApiError.issue("invalid_type", "Expected number, received nan", "page[size]");
			issue.put("expected", "number");
			issue.put("received", "nan");
			throw ApiError.queryError(List.of(issue));
		}
		if (size < 1) {
			throw outOfRange("too_small", "greater than or equal to", "minimum", 1);
		}
		if (size > 100) {
			throw outOfRange("too_big", "less than or equal to", "maximum", 100);
		}
		return size;
	}

	/** The Zod issue the server sends for a {@code page[size]} outside its bounds. */
	private static ApiError outOfRange(String code, String relation, String boundName, int bound) {
		Map<String, Object> issue = ApiError.issue(code, "Number must be " + relation + " " + bound, "page[size]");
		issue.put(boundName, bound);
		issue.put("type", "number");
		issue.put("inclusive", true);
		issue.put("exact", false);
		return ApiError.queryError(List.of(issue));
	}

	private static @Nullable Instant date(@Nullable String text, String parameter) {
		if (text == null) {
			return null;
		}
		Instant instant;
		try {
			instant = Durations.parseDate(text);
		}
		catch (Durations.TooLong ex) {
			instant = null;
		}
		if (instant == null) {
			throw ApiError.queryError(List.of(ApiError.issue("custom", "Invalid date", parameter)));
		}
		return instant;
	}

	private static @Nullable List<String> csvOrNull(@Nullable String text) {
		return (text != null) ? csv(text) : null;
	}

	private static List<String> csv(String text) {
		return Arrays.stream(text.split(",")).map(String::trim).filter((s) -> !s.isEmpty()).toList();
	}

	/**
	 * The server's opaque cursor: base64url JSON {@code {"c": createdAtMs, "r":
	 * internalId}}.
	 */
	static String cursor(RunSnapshot run) {
		String json = "{\"c\":" + run.createdAt().toEpochMilli() + ",\"r\":\"" + run.id().substring("run_".length())
				+ "\"}";
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

	private static ListQuery.@Nullable Position position(@Nullable String cursor, String parameter) {
		if (cursor == null) {
			return null;
		}
		try {
			JsonNode json = ApiJson.MAPPER.readTree(Base64.getUrlDecoder().decode(cursor));
			if (json != null && json.isObject() && json.path("c").canConvertToLong() && json.path("r").isString()) {
				return new ListQuery.Position(json.path("c").asLong(), json.path("r").asString());
			}
		}
		catch (RuntimeException ex) {
			// not a cursor
		}
		throw ApiError.queryError(List.of(ApiError.issue("custom", "Invalid cursor", parameter)));
	}

}
