package io.trigger4j.emulator.api;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import io.trigger4j.emulator.engine.BatchResult;
import io.trigger4j.emulator.engine.BatchSpec;
import io.trigger4j.emulator.engine.Engine;
import io.trigger4j.emulator.engine.RunSnapshot;
import io.trigger4j.emulator.engine.TriggerSpec;
import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Triggering tasks: a trigger, a batch of one task, a batch of many (api-semantics.md
 * 4.4-4.6, 4.10).
 */
final class TaskRoutes {

	private static final int MAX_PAYLOAD_BYTES = 3_145_728;

	private static final int MAX_BATCH_V2_BYTES = 1_000_000;

	/** How long the public access tokens of trigger and batch answers live. */
	static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

	/** How long a many-task batch's idempotency key lives without a TTL header. */
	private static final Duration BATCH_KEY_TTL = Duration.ofDays(30);

	private final Engine engine;

	private final Guard guard;

	private final PacketContents packets;

	TaskRoutes(Engine engine, Guard guard, PacketContents packets) {
		this.engine = engine;
		this.guard = guard;
		this.packets = packets;
	}

	void register(RouterFunctions.Builder routes) {
		// Public access tokens: batchTrigger on every task of the body; trigger on the
		// task.
		routes
			.POST("/api/v1/tasks/batch",
					this.guard.guarded(Guard.Family.BUILDER, AuthAccess.inHandler(), this::batchMany))
			.POST("/api/v1/tasks/{taskIdentifier}/trigger",
					this.guard.guarded(Guard.Family.BUILDER,
							AuthAccess.pathResource("trigger", "tasks", "taskIdentifier"), this::trigger))
			.POST("/api/v1/tasks/{taskIdentifier}/batch", this.guard.guarded(Guard.Family.BUILDER, this::batchOfTask));
	}

	private Mono<ServerResponse> trigger(ServerRequest request) {
		String task = request.pathVariable("taskIdentifier");
		String headerKey = request.headers().firstHeader("idempotency-key");
		if (headerKey != null && headerKey.length() > TriggerRequests.MAX_IDEMPOTENCY_KEY_LENGTH) {
			return Mono.error(ApiError.queryError(List
				.of(ApiError.issue("too_big", "String must contain at most 2048 character(s)", "idempotency-key"))));
		}
		return Bodies.read(request, MAX_PAYLOAD_BYTES, true)
			.map((body) -> TriggerRequests.parse(task, body, "", headerKey,
					request.headers().firstHeader("idempotency-key-ttl"),
					request.headers().firstHeader("x-trigger-request-idempotency-key"), "trigger", this.engine.now(),
					this.packets::payload))
			.flatMap((spec) -> EngineCalls.call(() -> this.engine.trigger(spec)))
			.flatMap((triggered) -> {
				Map<String, Object> answer = new LinkedHashMap<>();
				String runId = triggered.run().id();
				answer.put("id", runId);
				answer.put("isCached", triggered.cached());
				return Answers.json(200, answer, this.guard.tokenHeaders(request,
						List.of("read:runs:" + runId, "write:inputStreams:" + runId), TOKEN_LIFETIME, true));
			});
	}

	private Mono<ServerResponse> batchOfTask(ServerRequest request) {
		String task = request.pathVariable("taskIdentifier");
		return Bodies.read(request, MAX_PAYLOAD_BYTES, true).map((body) -> {
			Instant now = this.engine.now();
			List<JsonNode> items = items(body, 100, "No items to trigger",
					(n) -> "Too many items. Maximum allowed batch size is 100.");
			List<TriggerSpec> specs = new ArrayList<>();
			for (int i = 0; i < items.size(); i++) {
				specs.add(TriggerRequests.parse(task, items.get(i), "items[" + i + "].", null, null, null,
						"batchTrigger", now, this.packets::payload));
			}
			// The one-task batch passes no expiry for its key.
			return new BatchSpec("v1", specs, request.headers().firstHeader("idempotency-key"), null);
		}).flatMap((spec) -> EngineCalls.call(() -> this.engine.batch(spec))).flatMap((batch) -> {
			Map<String, Object> answer = new LinkedHashMap<>();
			answer.put("batchId", batch.id());
			answer.put("runs", batch.runs().stream().map(RunSnapshot::id).toList());
			return Answers.json(200, answer, batchTokenHeaders(request, batch.id()));
		});
	}

	private Mono<ServerResponse> batchMany(ServerRequest request) {
		return Bodies.read(request, MAX_BATCH_V2_BYTES, true).map((body) -> {
			Instant now = this.engine.now();
			List<JsonNode> items = items(body, 500, "Batch cannot be triggered with no items",
					(n) -> "Batch size of " + n + " is too large. Maximum allowed batch size is 500.");
			List<TriggerSpec> specs = new ArrayList<>();
			for (int i = 0; i < items.size(); i++) {
				JsonNode item = items.get(i);
				String task = (item.get("task") != null && item.get("task").isString()) ? item.get("task").asString()
						: null;
				if (task == null || task.isBlank()) {
					throw ApiError.of(400, "Validation error: Required at \"items.task\"");
				}
				specs.add(TriggerRequests.parse(task, item, "items[" + i + "].", null, null, null, "batchTrigger", now,
						this.packets::payload));
			}
			Guard.authorize(request, "batchTrigger", AuthAccess.Resources
				.every(specs.stream().map((spec) -> AuthAccess.Resource.of("tasks", spec.task())).toList(), List.of()));
			// The many-task batch's key expires after its TTL, 30 days by default.
			Duration keyTtl = keyTtl(request.headers().firstHeader("idempotency-key-ttl"));
			return new BatchSpec("v2", specs, request.headers().firstHeader("idempotency-key"),
					(keyTtl != null) ? keyTtl : BATCH_KEY_TTL);
		})
			.flatMap((spec) -> EngineCalls.call(() -> this.engine.batch(spec)))
			.flatMap((batch) -> batchManyAnswer(request, batch));
	}

	private Mono<ServerResponse> batchManyAnswer(ServerRequest request, BatchResult batch) {
		List<Map<String, Object>> runs = new ArrayList<>();
		for (int i = 0; i < batch.runs().size(); i++) {
			RunSnapshot run = batch.runs().get(i);
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("id", run.id());
			entry.put("taskIdentifier", run.taskIdentifier());
			entry.put("isCached", batch.runCached().get(i));
			if (run.idempotencyKey() != null) {
				entry.put("idempotencyKey", run.idempotencyKey());
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
		return Answers.json(202, answer, batchTokenHeaders(request, batch.id()));
	}

	/** The batch key's TTL: a duration in the server's grammar, else no expiry. */
	private static @Nullable Duration keyTtl(@Nullable String text) {
		try {
			return Durations.parse(text);
		}
		catch (Durations.TooLong ex) {
			throw ApiError.queryError(List.of(ApiError.issue("custom",
					"Duration must be at most " + Durations.MAX_SECONDS + " seconds", "idempotency-key-ttl")));
		}
	}

	private static List<JsonNode> items(JsonNode body, int max, String emptyMessage, IntFunction<String> tooMany) {
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
		for (int i = 0; i < items.size(); i++) {
			JsonNode item = items.get(i);
			if (!item.isObject()) {
				throw Bodies.expected("object", item, "items[" + i + "]");
			}
			list.add(item);
		}
		return list;
	}

	/**
	 * A batch answer's token: {@code read:batch:<id>} for an hour, its claims header
	 * {@code {sub, pub}}.
	 */
	private Map<String, String> batchTokenHeaders(ServerRequest request, String batchId) {
		return this.guard.tokenHeaders(request, List.of("read:batch:" + batchId), TOKEN_LIFETIME, false);
	}

}
