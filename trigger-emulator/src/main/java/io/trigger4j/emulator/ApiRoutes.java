package io.trigger4j.emulator;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The HTTP face of the emulator: the routes trigger-client calls, with the server's
 * authentication, rate limiting, body rules, error bodies and status names
 * (api-semantics.md).
 */
final class ApiRoutes {

	private static final MediaType JSON = MediaType.parseMediaType("application/json; charset=utf-8");

	private static final MediaType PROBLEM_JSON = MediaType.parseMediaType("application/problem+json; charset=utf-8");

	private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private static final int MAX_PAYLOAD_BYTES = 3_145_728;

	private static final int MAX_BATCH_V2_BYTES = 1_000_000;

	private static final int MAX_METADATA_BODY_BYTES = 2_097_152;

	private static final Set<String> MACHINES = Set.of("micro", "small-1x", "small-2x", "medium-1x", "medium-2x",
			"large-1x", "large-2x");

	/** The emulator's one environment. */
	private static final Map<String, Object> ENV = Map.of("id", "cm0emulator0000000000000", "name", "dev", "user",
			"emulator");

	private static final String VERSION = "20260101.1";

	private static final String REGION = "local";

	/**
	 * A stand-in for the public access token the server returns in {@code x-trigger-jwt}.
	 */
	private static final String FAKE_JWT = "eyJhbGciOiJIUzI1NiJ9.eyJwdWIiOnRydWUsImVtdWxhdG9yIjp0cnVlfQ.ZW11bGF0b3I";

	private enum Family {

		/** apiBuilder routes: 401 "Invalid or Missing API key" / "Invalid API key". */
		BUILDER,
		/** legacy routes: 401 "Invalid or Missing API Key". */
		LEGACY,
		/** reschedule: as legacy, with a lower-case "missing". */
		RESCHEDULE

	}

	private final RunEngine engine;

	private final @Nullable String secretKey;

	private final @Nullable TokenBucket rateLimiter;

	ApiRoutes(RunEngine engine, @Nullable String secretKey, @Nullable TokenBucket rateLimiter) {
		this.engine = engine;
		this.secretKey = secretKey;
		this.rateLimiter = rateLimiter;
	}

	RouterFunction<ServerResponse> routes() {
		return RouterFunctions.route()
			.POST("/api/v1/tasks/batch", guarded(Family.BUILDER, this::batchMany))
			.POST("/api/v1/tasks/{taskIdentifier}/trigger", guarded(Family.BUILDER, this::trigger))
			.POST("/api/v1/tasks/{taskIdentifier}/batch", guarded(Family.BUILDER, this::batchOfTask))
			.GET("/api/v3/runs/{runId}", guarded(Family.BUILDER, this::retrieve))
			.GET("/api/v1/runs", guarded(Family.BUILDER, this::list))
			.POST("/api/v2/runs/{runId}/cancel", guarded(Family.BUILDER, this::cancel))
			.POST("/api/v1/runs/{runId}/replay", guarded(Family.BUILDER, this::replay))
			.POST("/api/v1/runs/{runId}/reschedule", guarded(Family.RESCHEDULE, this::reschedule))
			.POST("/api/v1/runs/{runId}/tags", guarded(Family.LEGACY, this::addTags))
			.PUT("/api/v1/runs/{runId}/metadata", guarded(Family.BUILDER, this::updateMetadata))
			.GET("/api/v1/runs/{runId}/result", guarded(Family.LEGACY, this::result))
			// Open routes: no authentication, no rate limit.
			.GET("/api/v1/timezones", this::timezones)
			.build();
	}

	// ---- middleware: rate limiter (which also rejects a missing header), then
	// authentication ----

	private HandlerFunction<ServerResponse> guarded(Family family, HandlerFunction<ServerResponse> handler) {
		return (request) -> {
			String authorization = request.headers().firstHeader(HttpHeaders.AUTHORIZATION);
			if (authorization == null) {
				return problem(401, "Unauthorized", "No authorization header provided", Map.of());
			}
			if (this.rateLimiter != null) {
				TokenBucket.Decision decision = this.rateLimiter.take(authorization);
				// On every limited request, success or not.
				HttpHeaders headers = request.exchange().getResponse().getHeaders();
				headers.set("x-ratelimit-limit", Long.toString(decision.limit()));
				headers.set("x-ratelimit-remaining", Long.toString(decision.remaining()));
				headers.set("x-ratelimit-reset", Long.toString(decision.reset().toEpochMilli()));
				if (!decision.allowed()) {
					double seconds = Math.max(0, decision.reset().toEpochMilli() - this.engine.now().toEpochMilli())
							/ 1000.0;
					String detail = String.format(Locale.ROOT,
							"Rate limit exceeded 0/%d requests remaining. Retry in %.3f seconds.", decision.limit(),
							seconds);
					Map<String, Object> extra = new LinkedHashMap<>();
					extra.put("reset", decision.reset().toEpochMilli());
					extra.put("limit", decision.limit());
					extra.put("remaining", 0);
					extra.put("secondsUntilReset", seconds);
					return problem(429, "Rate Limit Exceeded", detail, extra);
				}
			}
			String token = authorization.startsWith("Bearer ") ? authorization.substring(7).trim()
					: authorization.trim();
			if (!accepts(token)) {
				String message = switch (family) {
					case BUILDER -> token.isEmpty() ? "Invalid or Missing API key" : "Invalid API key";
					case LEGACY -> "Invalid or Missing API Key";
					case RESCHEDULE -> "Invalid or missing API Key";
				};
				return json(401, Map.of("error", message), Map.of());
			}
			try {
				return handler.handle(request).onErrorResume(ApiError.class, this::error);
			}
			catch (ApiError error) {
				return error(error);
			}
		};
	}

	private boolean accepts(String token) {
		if (this.secretKey != null) {
			return this.secretKey.equals(token);
		}
		return token.startsWith("tr_dev_") && token.length() > "tr_dev_".length();
	}

	// ---- tasks ----

	private Mono<ServerResponse> trigger(ServerRequest request) {
		String task = request.pathVariable("taskIdentifier");
		return body(request, MAX_PAYLOAD_BYTES, true).map((body) -> {
			JsonNode options = body.get("options");
			String headerKey = request.headers().firstHeader("idempotency-key");
			String headerTtl = request.headers().firstHeader("idempotency-key-ttl");
			if (headerKey != null && headerKey.length() > 2048) {
				throw ApiError.queryError(List
					.of(ApiError.issue("too_big", "String must contain at most 2048 character(s)", "idempotency-key")));
			}
			RunEngine.Triggered triggered = this.engine.trigger(new RunEngine.TriggerSpec(task, body.get("payload"),
					options, (headerKey != null) ? headerKey : text(options, "idempotencyKey"),
					(headerTtl != null) ? headerTtl : text(options, "idempotencyKeyTTL"),
					request.headers().firstHeader("x-trigger-request-idempotency-key"), "trigger"));
			Map<String, Object> answer = new LinkedHashMap<>();
			answer.put("id", triggered.run().id);
			answer.put("isCached", triggered.cached());
			return answer;
		}).flatMap((answer) -> json(200, answer, jwtHeaders("read:runs:" + answer.get("id"))));
	}

	private Mono<ServerResponse> batchOfTask(ServerRequest request) {
		String task = request.pathVariable("taskIdentifier");
		return body(request, MAX_PAYLOAD_BYTES, true).map((body) -> {
			List<RunEngine.TriggerSpec> items = new ArrayList<>();
			for (JsonNode item : items(body, 100, "No items to trigger",
					(n) -> "Too many items. Maximum allowed batch size is 100.")) {
				items.add(new RunEngine.TriggerSpec(task, item.get("payload"), item.get("options"),
						text(item.get("options"), "idempotencyKey"), text(item.get("options"), "idempotencyKeyTTL"),
						null, "batchTrigger"));
			}
			RunEngine.Batch batch = this.engine.batch("v1", items, request.headers().firstHeader("idempotency-key"),
					null);
			Map<String, Object> answer = new LinkedHashMap<>();
			answer.put("batchId", batch.id());
			answer.put("runs", batch.runs().stream().map((run) -> run.id).toList());
			return answer;
		}).flatMap((answer) -> json(200, answer, jwtHeaders("read:batch:" + answer.get("batchId"))));
	}

	private Mono<ServerResponse> batchMany(ServerRequest request) {
		return body(request, MAX_BATCH_V2_BYTES, true).map((body) -> {
			List<RunEngine.TriggerSpec> items = new ArrayList<>();
			for (JsonNode item : items(body, 500, "Batch cannot be triggered with no items",
					(n) -> "Batch size of " + n + " is too large. Maximum allowed batch size is 500.")) {
				String task = text(item, "task");
				if (task == null || task.isBlank()) {
					throw ApiError.of(400, "Validation error: Required at \"items.task\"");
				}
				items.add(new RunEngine.TriggerSpec(task, item.get("payload"), item.get("options"),
						text(item.get("options"), "idempotencyKey"), text(item.get("options"), "idempotencyKeyTTL"),
						null, "batchTrigger"));
			}
			RunEngine.Batch batch = this.engine.batch("v2", items, request.headers().firstHeader("idempotency-key"),
					request.headers().firstHeader("idempotency-key-ttl"));
			List<Map<String, Object>> runs = new ArrayList<>();
			for (int i = 0; i < batch.runs().size(); i++) {
				EmulatedRun run = batch.runs().get(i);
				Map<String, Object> entry = new LinkedHashMap<>();
				entry.put("id", run.id);
				entry.put("taskIdentifier", run.taskIdentifier);
				entry.put("isCached", batch.runCached().get(i));
				if (run.idempotencyKey != null) {
					entry.put("idempotencyKey", run.idempotencyKey);
				}
				runs.add(entry);
			}
			Map<String, Object> answer = new LinkedHashMap<>();
			answer.put("id", batch.id());
			answer.put("isCached", batch.cached());
			if (batch.idempotencyKey() != null) {
				answer.put("idempotencyKey", batch.idempotencyKey());
			}
			answer.put("runs", runs);
			return answer;
		}).flatMap((answer) -> json(202, answer, jwtHeaders("read:batch:" + answer.get("id"))));
	}

	private static List<JsonNode> items(JsonNode body, int max, String emptyMessage,
			Function<Integer, String> tooMany) {
		JsonNode items = body.get("items");
		if (items == null || !items.isArray()) {
			throw ApiError.of(400, "Validation error: Required at \"items\"");
		}
		if (items.isEmpty()) {
			throw ApiError.of(400, emptyMessage);
		}
		if (items.size() > max) {
			throw ApiError.of(400, tooMany.apply(items.size()));
		}
		List<JsonNode> list = new ArrayList<>();
		items.forEach(list::add);
		return list;
	}

	// ---- runs ----

	private Mono<ServerResponse> retrieve(ServerRequest request) {
		EmulatedRun run = this.engine.require(request.pathVariable("runId"), ApiError.notFound(true));
		return json(200, render(run, apiVersion(request), false), Map.of());
	}

	private Mono<ServerResponse> list(ServerRequest request) {
		Map<String, String> query = request.queryParams().toSingleValueMap();
		int size = pageSize(query.get("page[size]"));
		Predicate<EmulatedRun> filter = filter(query);
		RunEngine.Page page = this.engine.list(filter, size, query.get("page[after]"), query.get("page[before]"));
		String version = apiVersion(request);
		Map<String, Object> pagination = new LinkedHashMap<>();
		if (page.next() != null) {
			pagination.put("next", page.next());
		}
		if (page.previous() != null) {
			pagination.put("previous", page.previous());
		}
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("data", page.data().stream().map((run) -> render(run, version, true)).toList());
		answer.put("pagination", pagination);
		return json(200, answer, Map.of());
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

	/**
	 * Every filter of {@code GET /api/v1/runs}; list values match any; 7-day window by
	 * default.
	 */
	private Predicate<EmulatedRun> filter(Map<String, String> query) {
		List<Predicate<EmulatedRun>> filters = new ArrayList<>();
		String statuses = query.get("filter[status]");
		if (statuses != null) {
			Set<RunState> states = new java.util.HashSet<>();
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
			filters.add((run) -> states.contains(run.state));
		}
		csvFilter(query, "filter[taskIdentifier]", (run) -> run.taskIdentifier, filters);
		csvFilter(query, "filter[version]", (run) -> (run.task != null) ? VERSION : null, filters);
		csvFilter(query, "filter[queue]", (run) -> (run.queue != null) ? run.queue : "task/" + run.taskIdentifier,
				filters);
		csvFilter(query, "filter[region]", (run) -> REGION, filters);
		String tags = query.get("filter[tag]");
		if (tags != null) {
			List<String> wanted = csv(tags);
			filters.add((run) -> run.tags.stream().anyMatch(wanted::contains));
		}
		String machines = query.get("filter[machine]");
		if (machines != null) {
			List<String> wanted = csv(machines);
			List<String> invalid = wanted.stream().filter((m) -> !MACHINES.contains(m)).toList();
			if (!invalid.isEmpty()) {
				throw ApiError.queryError(List.of(ApiError.issue("invalid_enum_value",
						"Invalid enum value. Expected " + MACHINES + ", received '" + invalid.get(0) + "'",
						"filter[machine]")));
			}
			filters.add((run) -> wanted.contains((run.machine != null) ? run.machine : "small-1x"));
		}
		String isTest = query.get("filter[isTest]");
		if (isTest != null) {
			if (!isTest.equals("true") && !isTest.equals("false")) {
				throw ApiError.queryError(List.of(ApiError.issue("invalid_enum_value",
						"Invalid enum value. Expected 'true' | 'false', received '" + isTest + "'", "filter[isTest]")));
			}
			boolean wanted = Boolean.parseBoolean(isTest);
			filters.add((run) -> run.test == wanted);
		}
		String batch = query.get("filter[batch]");
		if (batch != null) {
			filters.add((run) -> batch.equals(run.batchId));
		}
		if (query.containsKey("filter[bulkAction]") || query.containsKey("filter[schedule]")) {
			// The emulator has no bulk actions or schedules: nothing matches.
			filters.add((run) -> false);
		}
		filters.add(window(query));
		return (run) -> filters.stream().allMatch((predicate) -> predicate.test(run));
	}

	private Predicate<EmulatedRun> window(Map<String, String> query) {
		String fromText = query.get("filter[createdAt][from]");
		String toText = query.get("filter[createdAt][to]");
		String period = query.get("filter[createdAt][period]");
		Instant now = this.engine.now();
		if (fromText == null && toText == null && period == null) {
			Instant since = now.minus(RunEngine.DEFAULT_WINDOW);
			return (run) -> !run.createdAt.isBefore(since);
		}
		Instant from = date(fromText, "filter[createdAt][from]");
		Instant to = date(toText, "filter[createdAt][to]");
		Instant toClamped = (to != null && to.isAfter(now)) ? now : to;
		Duration periodDuration = Durations.parse(period);
		// An unparseable period silently removes the time filter, as the server does.
		Instant since = (periodDuration != null) ? now.minus(periodDuration) : null;
		return (run) -> (from == null || !run.createdAt.isBefore(from))
				&& (toClamped == null || !run.createdAt.isAfter(toClamped))
				&& (since == null || !run.createdAt.isBefore(since));
	}

	private static @Nullable Instant date(@Nullable String text, String parameter) {
		if (text == null) {
			return null;
		}
		Instant instant = Durations.parseDate(text);
		if (instant == null) {
			throw ApiError.queryError(List.of(ApiError.issue("custom", "Invalid date", parameter)));
		}
		return instant;
	}

	private static void csvFilter(Map<String, String> query, String parameter,
			Function<EmulatedRun, @Nullable String> value, List<Predicate<EmulatedRun>> filters) {
		String text = query.get(parameter);
		if (text != null) {
			List<String> wanted = csv(text);
			filters.add((run) -> wanted.contains(value.apply(run)));
		}
	}

	private static List<String> csv(String text) {
		return Arrays.stream(text.split(",")).map(String::trim).filter((s) -> !s.isEmpty()).toList();
	}

	private Mono<ServerResponse> cancel(ServerRequest request) {
		EmulatedRun run = this.engine.cancel(request.pathVariable("runId"));
		return json(200, Map.of("id", run.id), Map.of());
	}

	private Mono<ServerResponse> replay(ServerRequest request) {
		EmulatedRun run = this.engine.replay(request.pathVariable("runId"));
		return json(200, Map.of("id", run.id), Map.of());
	}

	private Mono<ServerResponse> reschedule(ServerRequest request) {
		return body(request, MAX_PAYLOAD_BYTES, false).flatMap((body) -> {
			String delay = text(body, "delay");
			if (delay == null) {
				throw ApiError.of(400, "Invalid request body");
			}
			EmulatedRun run = this.engine.reschedule(request.pathVariable("runId"), delay);
			return json(200, render(run, apiVersion(request), false), Map.of());
		});
	}

	private Mono<ServerResponse> addTags(ServerRequest request) {
		return body(request, MAX_PAYLOAD_BYTES, false).flatMap((body) -> {
			JsonNode tags = body.get("tags");
			if (tags == null || !(tags.isArray() || tags.isString())) {
				throw ApiError.invalidBody(List.of(ApiError.issue("invalid_type", "Required", "tags")));
			}
			List<String> values = new ArrayList<>();
			if (tags.isString()) {
				values.add(tags.asString());
			}
			else {
				int index = 0;
				for (JsonNode tag : tags) {
					if (!tag.isString() || tag.asString().length() > RunEngine.MAX_TAG_LENGTH) {
						throw ApiError.invalidBody(List.of(ApiError.issue("too_big",
								"Tags must be less than 128 characters", "tags", Integer.toString(index))));
					}
					values.add(tag.asString());
					index++;
				}
			}
			String message = this.engine.addTags(request.pathVariable("runId"), values);
			return json(200, Map.of("message", message), Map.of());
		});
	}

	private Mono<ServerResponse> updateMetadata(ServerRequest request) {
		return body(request, MAX_METADATA_BODY_BYTES, true).flatMap((body) -> {
			JsonNode metadata = body.get("metadata");
			if (metadata == null || !metadata.isObject()) {
				throw ApiError.of(400, "Validation error: Expected object at \"metadata\"");
			}
			JsonNode stored = this.engine.replaceMetadata(request.pathVariable("runId"), metadata);
			return json(200, Map.of("metadata", stored), Map.of());
		});
	}

	/**
	 * The server builds this from attempt records that Run Engine v2 no longer writes:
	 * only a CANCELED run has a result; everything else is 404 (api-semantics.md section
	 * 7).
	 */
	private Mono<ServerResponse> result(ServerRequest request) {
		EmulatedRun run = this.engine.find(request.pathVariable("runId"));
		if (run == null || run.state != RunState.CANCELED) {
			return json(404, Map.of("error", "Run either doesn't exist or is not finished"), Map.of());
		}
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("ok", false);
		answer.put("id", run.id);
		answer.put("taskIdentifier", run.taskIdentifier);
		answer.put("error", Map.of("type", "INTERNAL_ERROR", "code", "TASK_RUN_CANCELLED"));
		return json(200, answer, Map.of());
	}

	/**
	 * {@code GET /api/v1/timezones}: IANA zone names, UTC first unless
	 * {@code excludeUtc=true}.
	 */
	private Mono<ServerResponse> timezones(ServerRequest request) {
		List<String> zones = new ArrayList<>();
		if (!"true".equals(request.queryParam("excludeUtc").orElse("false"))) {
			zones.add("UTC");
		}
		java.time.ZoneId.getAvailableZoneIds()
			.stream()
			.filter((zone) -> zone.contains("/") && !zone.startsWith("Etc/") && !zone.startsWith("SystemV/"))
			.sorted()
			.forEach(zones::add);
		return json(200, Map.of("timezones", zones), Map.of());
	}

	// ---- rendering ----

	private Map<String, Object> render(EmulatedRun run, @Nullable String apiVersion, boolean listItem) {
		String status = run.state.publicName(apiVersion);
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", run.id);
		json.put("status", status);
		json.put("taskIdentifier", run.taskIdentifier);
		putIfPresent(json, "idempotencyKey", run.idempotencyKey);
		putIfPresent(json, "version", (run.task != null) ? VERSION : null);
		json.put("createdAt", time(run.createdAt));
		json.put("updatedAt", time(run.updatedAt));
		putIfPresent(json, "startedAt", time(run.startedAt));
		putIfPresent(json, "finishedAt", time(run.finishedAt));
		putIfPresent(json, "delayedUntil", (run.state == RunState.DELAYED) ? time(run.delayedUntil) : null);
		putIfPresent(json, "ttl", run.ttl);
		putIfPresent(json, "expiredAt", time(run.expiredAt));
		json.put("isTest", run.test);
		if (listItem) {
			json.put("env", ENV);
		}
		json.put("tags", List.copyOf(run.tags));
		json.put("costInCents", 0);
		json.put("baseCostInCents", 0);
		json.put("durationMs", run.executionMillis);
		json.put("depth", 0);
		json.put("metadata", (run.metadata != null) ? run.metadata : Map.of());
		if (listItem) {
			json.put("taskKind", "STANDARD");
		}
		json.put("region", REGION);
		json.putAll(RunState.booleans(status));
		if (!listItem) {
			json.put("triggerFunction", run.triggerFunction);
			putIfPresent(json, "batchId", run.batchId);
			putIfPresent(json, "payload", run.payload);
			if (run.state == RunState.COMPLETED_SUCCESSFULLY) {
				putIfPresent(json, "output", run.output);
			}
			putIfPresent(json, "error", run.error);
			json.put("attemptCount", run.attemptCount);
			json.put("attempts", List.of());
			json.put("relatedRuns", Map.of("children", List.of()));
		}
		return json;
	}

	private static void putIfPresent(Map<String, Object> json, String key, @Nullable Object value) {
		if (value != null) {
			json.put(key, value);
		}
	}

	private static @Nullable String time(@Nullable Instant instant) {
		return (instant != null) ? ISO_MILLIS.format(instant) : null;
	}

	// ---- bodies and answers ----

	/**
	 * Reads a JSON object body. A body-carrying request without {@code Content-Length} is
	 * refused with 413, as the server does; so is a body over the route's limit.
	 */
	private Mono<JsonNode> body(ServerRequest request, int limit, boolean builder) {
		if (request.headers().contentLength().isEmpty()) {
			return Mono.error(ApiError.of(413, "Request body too large"));
		}
		if (request.headers().contentLength().getAsLong() > limit) {
			return Mono.error(ApiError.of(413, "Request body too large"));
		}
		return request.bodyToMono(byte[].class).defaultIfEmpty(new byte[0]).map((bytes) -> {
			if (bytes.length == 0) {
				throw ApiError.of(400, builder ? "Request body is empty" : "Invalid request body");
			}
			JsonNode json;
			try {
				json = EmulatorJson.MAPPER.readTree(bytes);
			}
			catch (JacksonException ex) {
				throw ApiError.of(400, builder ? "Invalid JSON" : "Invalid request body");
			}
			if (json == null || !json.isObject()) {
				throw ApiError.of(400, builder ? "Invalid JSON" : "Invalid request body");
			}
			return json;
		});
	}

	private static @Nullable String text(@Nullable JsonNode node, String field) {
		JsonNode value = (node != null) ? node.get(field) : null;
		return (value != null && value.isString()) ? value.asString() : null;
	}

	private static @Nullable String apiVersion(ServerRequest request) {
		return request.headers().firstHeader("x-trigger-api-version");
	}

	private static Map<String, String> jwtHeaders(String scope) {
		return Map.of("x-trigger-jwt", FAKE_JWT, "x-trigger-jwt-claims",
				"{\"sub\":\"cm0emulator0000000000000\",\"pub\":true,\"scopes\":[\"" + scope + "\"]}");
	}

	private Mono<ServerResponse> error(ApiError error) {
		return json(error.status, error.body, error.headers);
	}

	static Mono<ServerResponse> json(int status, Object body, Map<String, String> headers) {
		return ServerResponse.status(status)
			.contentType(JSON)
			.headers((h) -> headers.forEach(h::set))
			.bodyValue(EmulatorJson.MAPPER.writeValueAsBytes(body));
	}

	private static Mono<ServerResponse> problem(int status, String title, String detail, Map<String, Object> extra) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("title", title);
		body.put("status", status);
		body.put("type", "https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/" + status);
		body.put("detail", detail);
		body.putAll(extra);
		body.put("error", detail);
		return ServerResponse.status(status)
			.contentType(PROBLEM_JSON)
			.bodyValue(EmulatorJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(body));
	}

}
