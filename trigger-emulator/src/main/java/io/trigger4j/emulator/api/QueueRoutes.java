package io.trigger4j.emulator.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.trigger4j.emulator.engine.Engine;
import io.trigger4j.emulator.engine.QueueSnapshot;
import io.trigger4j.emulator.engine.Queues;
import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Queues: list, retrieve, pause and resume, override and reset the concurrency limit
 * (api-semantics.md section 4.9; the server's {@code api.v1.queues*} routes). A queue is
 * named by its {@code queue_} id, or with {@code type} {@code task} or {@code custom} by
 * its task or name; a {@code /} in a name may arrive as {@code %2F} or (as the SDK sends
 * it) {@code %252F}: both layers are undone.
 */
final class QueueRoutes {

	static final int DEFAULT_PER_PAGE = 25;

	static final int MAX_PER_PAGE = 100;

	private static final int MAX_BODY_BYTES = 1_048_576;

	private static final List<String> TYPES = List.of("task", "custom", "id");

	private static final String TYPES_TEXT = "'task' | 'custom' | 'id'";

	private final Engine engine;

	private final Guard guard;

	QueueRoutes(Engine engine, Guard guard) {
		this.engine = engine;
		this.guard = guard;
	}

	void register(RouterFunctions.Builder routes) {
		routes.GET("/api/v1/queues", this.guard.guarded(Guard.Family.BUILDER, this::list))
			.GET("/api/v1/queues/{queueParam}", this.guard.guarded(Guard.Family.BUILDER, this::retrieve))
			.POST("/api/v1/queues/{queueParam}/pause", this.guard.guarded(Guard.Family.BUILDER, this::pause))
			.POST("/api/v1/queues/{queueParam}/concurrency/override",
					this.guard.guarded(Guard.Family.BUILDER, this::override))
			.POST("/api/v1/queues/{queueParam}/concurrency/reset",
					this.guard.guarded(Guard.Family.BUILDER, this::reset));
	}

	private Mono<ServerResponse> list(ServerRequest request) {
		List<Map<String, Object>> issues = new ArrayList<>();
		Double page = positiveInteger(last(request, "page"), "page", issues);
		Double perPage = positiveInteger(last(request, "perPage"), "perPage", issues);
		if (!issues.isEmpty()) {
			throw ApiError.queryError(issues);
		}
		int size = (perPage != null) ? (int) Math.min(perPage, MAX_PER_PAGE) : DEFAULT_PER_PAGE;
		double number = (page != null) ? page : 1;
		long pageNumber = (number >= Long.MAX_VALUE) ? Long.MAX_VALUE : (long) number;
		return EngineCalls.call(() -> this.engine.queues().list(pageNumber, size)).flatMap((result) -> {
			Map<String, Object> pagination = new LinkedHashMap<>();
			pagination.put("currentPage", jsInteger(number));
			pagination.put("totalPages", (result.count() + size - 1) / size);
			pagination.put("count", result.count());
			Map<String, Object> answer = new LinkedHashMap<>();
			answer.put("data", result.data().stream().map((queue) -> render(queue, true)).toList());
			answer.put("pagination", pagination);
			return Answers.json(200, answer);
		});
	}

	private Mono<ServerResponse> retrieve(ServerRequest request) {
		String type = last(request, "type");
		if (type != null && !TYPES.contains(type)) {
			Map<String, Object> issue = ApiError.issue("invalid_enum_value",
					"Invalid enum value. Expected " + TYPES_TEXT + ", received '" + type + "'", "type");
			issue.put("options", TYPES);
			issue.put("received", type);
			throw ApiError.queryError(List.of(issue));
		}
		Optional<Target> target = target(request, (type != null) ? type : "id");
		if (target.isEmpty()) {
			return queueNotFound();
		}
		return EngineCalls.call(() -> this.engine.queues().retrieve(target.get().by(), target.get().value()))
			.flatMap((queue) -> queue.map((found) -> Answers.json(200, render(found, true)))
				.orElseGet(QueueRoutes::queueNotFound));
	}

	private Mono<ServerResponse> pause(ServerRequest request) {
		return Bodies.read(request, MAX_BODY_BYTES, true).flatMap((body) -> {
			List<String> messages = new ArrayList<>();
			String type = type(body, messages);
			String action = enumField(body, "action", List.of("pause", "resume"), messages);
			if (action == null && body.get("action") == null) {
				messages.add("Required at \"action\"");
			}
			if (!messages.isEmpty()) {
				return Mono.error(validation(messages));
			}
			Optional<Target> target = target(request, type);
			if (target.isEmpty()) {
				return queueNotFound();
			}
			boolean paused = "pause".equals(action);
			return EngineCalls.call(() -> this.engine.queues().pause(target.get().by(), target.get().value(), paused))
				.flatMap((queue) -> queue.map((found) -> Answers.json(200, render(found, false)))
					.orElseGet(QueueRoutes::queueNotFound));
		});
	}

	private Mono<ServerResponse> override(ServerRequest request) {
		return Bodies.read(request, MAX_BODY_BYTES, true).flatMap((body) -> {
			List<String> messages = new ArrayList<>();
			String type = type(body, messages);
			boolean aborted = !messages.isEmpty();
			NumberField limit = number(body, "concurrencyLimit", true, 0, true, 100_000, messages);
			NumberField percent = number(body, "percent", false, 0, false, 100, messages);
			aborted = aborted || limit.aborted() || percent.aborted();
			if (!aborted && (limit.present() == percent.present())) {
				messages.add("Provide exactly one of `concurrencyLimit` or `percent`");
			}
			if (!messages.isEmpty()) {
				return Mono.error(validation(messages));
			}
			Optional<Target> target = target(request, type);
			if (target.isEmpty()) {
				return Answers.json(404, Map.of("error", "Queue not found"));
			}
			Queues queues = this.engine.queues();
			return EngineCalls
				.call(() -> limit.present()
						? queues.overrideLimit(target.get().by(), target.get().value(), (int) limit.value())
						: queues.overridePercent(target.get().by(), target.get().value(),
								BigDecimal.valueOf(percent.value())))
				.flatMap((queue) -> queue.map((found) -> Answers.json(200, render(found, false)))
					.orElseGet(() -> Answers.json(404, Map.of("error", "Queue not found"))));
		});
	}

	private Mono<ServerResponse> reset(ServerRequest request) {
		return Bodies.read(request, MAX_BODY_BYTES, true).flatMap((body) -> {
			List<String> messages = new ArrayList<>();
			String type = type(body, messages);
			if (!messages.isEmpty()) {
				return Mono.error(validation(messages));
			}
			Optional<Target> target = target(request, type);
			if (target.isEmpty()) {
				return Answers.json(404, Map.of("error", "Queue not found"));
			}
			return EngineCalls.call(() -> this.engine.queues().reset(target.get().by(), target.get().value()))
				.flatMap((queue) -> queue.map((found) -> Answers.json(200, render(found, false)))
					.orElseGet(() -> Answers.json(404, Map.of("error", "Queue not found"))));
		});
	}

	/**
	 * A queue as the server shows it ({@code toQueueItem}); retrieve and list add the
	 * percentage an override was given as.
	 */
	static Map<String, Object> render(QueueSnapshot queue, boolean withPercent) {
		Map<String, Object> concurrency = new LinkedHashMap<>();
		concurrency.put("current", queue.concurrencyLimit());
		concurrency.put("base", queue.concurrencyLimitBase());
		concurrency.put("override", (queue.overriddenAt() != null) ? queue.concurrencyLimit() : null);
		concurrency.put("overriddenBy", null);
		concurrency.put("overriddenAt", (queue.overriddenAt() != null) ? ApiJson.iso(queue.overriddenAt()) : null);
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", queue.id());
		json.put("name", queue.displayName());
		json.put("type", queue.taskQueue() ? "task" : "custom");
		json.put("running", queue.running());
		json.put("queued", queue.queued());
		json.put("paused", queue.paused());
		json.put("concurrencyLimit", queue.concurrencyLimit());
		json.put("concurrency", concurrency);
		json.put("releaseConcurrencyOnWaitpoint", true);
		if (withPercent) {
			BigDecimal percent = queue.overridePercent();
			json.put("concurrencyLimitOverridePercent", (percent != null) ? jsNumber(percent) : null);
		}
		return json;
	}

	/** How the request names its queue. */
	private record Target(Queues.By by, String value) {
	}

	/**
	 * The queue a request names, as the server reads its path: {@code %2F} is a
	 * {@code /}; a task or custom name is percent-decoded once more. Empty for a name
	 * that does not decode (the server fails on it; no queue has such a name).
	 */
	private static Optional<Target> target(ServerRequest request, String type) {
		String value = request.pathVariable("queueParam").replace("%2F", "/");
		if ("id".equals(type)) {
			return Optional.of(new Target(Queues.By.ID, value));
		}
		String name;
		try {
			name = URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8).replace("%2F", "/");
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		return Optional.of(new Target("task".equals(type) ? Queues.By.TASK : Queues.By.CUSTOM, name));
	}

	private static Mono<ServerResponse> queueNotFound() {
		return Answers.json(404, Map.of("error", "queue-not-found"));
	}

	/** A builder body's zod failure: every issue, as zod-validation-error joins them. */
	private static ApiError validation(List<String> messages) {
		return ApiError.of(400, "Validation error: " + String.join("; ", messages));
	}

	/** The body's {@code type}: {@code id} by default. */
	private static String type(JsonNode body, List<String> messages) {
		String type = enumField(body, "type", TYPES, messages);
		return (type != null) ? type : "id";
	}

	/**
	 * An optional enum field; a value that is no string or none of the options adds zod's
	 * message.
	 */
	private static @Nullable String enumField(JsonNode body, String name, List<String> options, List<String> messages) {
		JsonNode value = body.get(name);
		if (value == null) {
			return null;
		}
		String expected = String.join(" | ", options.stream().map((option) -> "'" + option + "'").toList());
		if (!value.isString()) {
			messages.add("Expected " + expected + ", received " + Bodies.typeName(value) + " at \"" + name + "\"");
			return null;
		}
		if (!options.contains(value.asString())) {
			messages.add("Invalid enum value. Expected " + expected + ", received '" + value.asString() + "' at \""
					+ name + "\"");
			return null;
		}
		return value.asString();
	}

	/**
	 * An optional number field and whether it failed its type (which stops zod's object
	 * refinement) or only a check.
	 */
	private record NumberField(boolean present, double value, boolean aborted) {
	}

	private static NumberField number(JsonNode body, String name, boolean integer, double min, boolean minInclusive,
			double max, List<String> messages) {
		JsonNode value = body.get(name);
		if (value == null) {
			return new NumberField(false, 0, false);
		}
		if (!value.isNumber()) {
			messages.add("Expected number, received " + Bodies.typeName(value) + " at \"" + name + "\"");
			return new NumberField(true, 0, true);
		}
		double number = doubleOf(value);
		boolean failed = false;
		if (integer && !(Double.isFinite(number) && number == Math.rint(number))) {
			messages.add("Expected integer, received float at \"" + name + "\"");
			failed = true;
		}
		if (minInclusive ? number < min : number <= min) {
			messages.add("Number must be greater than " + (minInclusive ? "or equal to " : "") + jsInteger(min)
					+ " at \"" + name + "\"");
			failed = true;
		}
		if (number > max) {
			messages.add("Number must be less than or equal to " + jsInteger(max) + " at \"" + name + "\"");
			failed = true;
		}
		return new NumberField(true, failed ? 0 : number, false);
	}

	/** A JSON number as JavaScript holds it: beyond a double's range, infinite. */
	private static double doubleOf(JsonNode value) {
		try {
			return value.asDouble();
		}
		catch (RuntimeException ex) {
			return value.decimalValue().doubleValue();
		}
	}

	/**
	 * A query parameter read as {@code z.coerce.number().int().positive()}: JavaScript's
	 * {@code Number()} of the text, then the checks; {@code null} when absent.
	 */
	private static @Nullable Double positiveInteger(@Nullable String text, String name,
			List<Map<String, Object>> issues) {
		if (text == null) {
			return null;
		}
		double number = jsNumberOf(text);
		if (Double.isNaN(number)) {
			Map<String, Object> issue = ApiError.issue("invalid_type", "Expected number, received nan", name);
			issue.put("expected", "number");
			issue.put("received", "nan");
			issues.add(issue);
			return null;
		}
		int before = issues.size();
		if (!(Double.isFinite(number) && number == Math.rint(number))) {
			Map<String, Object> issue = ApiError.issue("invalid_type", "Expected integer, received float", name);
			issue.put("expected", "integer");
			issue.put("received", "float");
			issues.add(issue);
		}
		if (number <= 0) {
			Map<String, Object> issue = ApiError.issue("too_small", "Number must be greater than 0", name);
			issue.put("minimum", 0);
			issue.put("type", "number");
			issue.put("inclusive", false);
			issue.put("exact", false);
			issues.add(issue);
		}
		return (issues.size() == before) ? number : null;
	}

	/** JavaScript's {@code Number(text)}: {@code NaN} for what it does not read. */
	static double jsNumberOf(String text) {
		String trimmed = text.strip();
		if (trimmed.isEmpty()) {
			return 0;
		}
		if (trimmed.matches("[+-]?Infinity")) {
			return trimmed.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
		}
		if (trimmed.length() > 2 && trimmed.charAt(0) == '0') {
			int radix = switch (trimmed.charAt(1)) {
				case 'x', 'X' -> 16;
				case 'o', 'O' -> 8;
				case 'b', 'B' -> 2;
				default -> 0;
			};
			if (radix != 0) {
				try {
					return new BigInteger(trimmed.substring(2), radix).doubleValue();
				}
				catch (NumberFormatException ex) {
					return Double.NaN;
				}
			}
		}
		if (trimmed.matches("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?")) {
			return Double.parseDouble(trimmed);
		}
		return Double.NaN;
	}

	/** A whole number as JSON writes it, however large. */
	private static Object jsInteger(double number) {
		if (Math.abs(number) <= Bodies.MAX_SAFE_INTEGER) {
			return (long) number;
		}
		return new BigDecimal(number).toBigInteger();
	}

	/** A number as JavaScript writes it: no fraction for a whole one. */
	private static Object jsNumber(BigDecimal number) {
		BigDecimal stripped = number.stripTrailingZeros();
		return (stripped.scale() <= 0) ? stripped.toBigInteger() : stripped.doubleValue();
	}

	private static @Nullable String last(ServerRequest request, String name) {
		List<String> values = request.queryParams().get(name);
		return (values == null || values.isEmpty()) ? null : values.get(values.size() - 1);
	}

}
