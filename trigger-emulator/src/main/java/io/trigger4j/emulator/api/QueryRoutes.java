package io.trigger4j.emulator.api;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.trigger4j.emulator.engine.Engine;
import io.trigger4j.emulator.engine.RunQueries;
import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Query: {@code POST /api/v1/query} runs a query over the emulated runs (api-semantics.md
 * 4.11; the SQL the emulator runs is described on {@link RunQueries}). The body as the
 * server's {@code BodySchema} reads it: {@code query} (required), {@code scope}
 * ({@code environment} by default, or {@code project}, {@code organization}),
 * {@code period}, {@code from}, {@code to}, {@code format} ({@code json} by default, or
 * {@code csv}); a bad field is 400 "Validation error: ...". The window is {@code period}
 * when given (an unparseable one is the default 7 days, as on the server), else
 * {@code from} and/or {@code to} (an unparseable date is 400 "Invalid date"), else the
 * last 7 days. Answers {@code {"format":"json","results":[{column: value}]}} or
 * {@code {"format":"csv","results":"<header and rows>"}}; a query the engine cannot run,
 * refuses, or stops (timeout, memory) is 400 {@code {"error": message}}, and while every
 * query thread is busy a query is 429 at once with the server's concurrency text.
 */
final class QueryRoutes {

	private static final int MAX_BODY_BYTES = 1_048_576;

	private static final List<String> SCOPES = List.of("organization", "project", "environment");

	private static final List<String> FORMATS = List.of("json", "csv");

	private final Engine engine;

	private final Guard guard;

	QueryRoutes(Engine engine, Guard guard) {
		this.engine = engine;
		this.guard = guard;
	}

	void register(RouterFunctions.Builder routes) {
		routes.POST("/api/v1/query", this.guard.guarded(Guard.Family.BUILDER, this::query));
	}

	private Mono<ServerResponse> query(ServerRequest request) {
		return Bodies.read(request, MAX_BODY_BYTES, true).flatMap((body) -> {
			JsonNode query = body.get("query");
			if (query == null) {
				throw ApiError.validation("Required", "query");
			}
			if (!query.isString()) {
				throw Bodies.expected("string", query, "query");
			}
			oneOf(body, "scope", SCOPES);
			String format = oneOf(body, "format", FORMATS);
			String period = Bodies.string(body, "period", "period");
			String fromText = Bodies.string(body, "from", "from");
			String toText = Bodies.string(body, "to", "to");
			Instant now = this.engine.now();
			Instant from;
			Instant to = null;
			if (period != null && !period.isEmpty()) {
				from = now.minus(periodOrDefault(period));
			}
			else if (isPresent(fromText) || isPresent(toText)) {
				from = date(fromText);
				to = date(toText);
			}
			else {
				from = now.minus(RunQueries.DEFAULT_PERIOD);
			}
			Instant start = from;
			Instant end = to;
			String sql = query.asString();
			return EngineCalls.call(() -> this.engine.queries().execute(sql, start, end)).flatMap((result) -> {
				Map<String, Object> answer = new LinkedHashMap<>();
				answer.put("format", format);
				answer.put("results", "csv".equals(format) ? QueryValues.csv(result) : QueryValues.json(result));
				return Answers.json(200, answer);
			});
		});
	}

	/** An optional enum field: its value, or the first allowed value's default. */
	private static String oneOf(JsonNode body, String name, List<String> allowed) {
		JsonNode value = body.get(name);
		if (value == null) {
			return ("format".equals(name)) ? "json" : "environment";
		}
		if (!value.isString() || !allowed.contains(value.asString())) {
			String expected = String.join(" | ", allowed.stream().map((option) -> "'" + option + "'").toList());
			String received = value.isString() ? "'" + value.asString() + "'" : Bodies.typeName(value);
			throw ApiError.validation("Invalid enum value. Expected " + expected + ", received " + received, name);
		}
		return value.asString();
	}

	private static Duration periodOrDefault(String period) {
		Duration duration;
		try {
			duration = Durations.parse(period);
		}
		catch (Durations.TooLong ex) {
			duration = null;
		}
		return (duration != null) ? duration : RunQueries.DEFAULT_PERIOD;
	}

	private static boolean isPresent(@Nullable String text) {
		return text != null && !text.isEmpty();
	}

	private static @Nullable Instant date(@Nullable String text) {
		if (!isPresent(text)) {
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
			throw ApiError.of(400, "Invalid date: " + text);
		}
		return instant;
	}

}
