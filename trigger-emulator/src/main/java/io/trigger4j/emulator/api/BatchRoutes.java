package io.trigger4j.emulator.api;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.trigger4j.emulator.engine.BatchItemsResult;
import io.trigger4j.emulator.engine.Engine;
import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Batches: retrieve ({@code GET /api/v1/batches/{id}}, and the v2 shape with
 * {@code processing} the official SDK reads at {@code GET /api/v2/batches/{id}}), results
 * ({@code GET /api/v1/batches/{id}/results}), and the two-phase batch of the official SDK
 * (api-semantics.md 4.10, sdk-behaviour.md section 9): {@code POST /api/v3/batches}
 * creates a batch announcing its item count, {@code POST /api/v3/batches/{id}/items}
 * streams its items as NDJSON. The v2 and v3 routes are outside the contract.
 */
final class BatchRoutes {

	/** The create body's limit ({@code maxContentLength} of the server's route). */
	static final int MAX_CREATE_BYTES = 131_072;

	/**
	 * The most an item stream may carry. The server streams without a total limit; the
	 * emulator reads the stream into memory, so it refuses more than this with 413.
	 */
	static final int MAX_ITEMS_BYTES = 16 * 1024 * 1024;

	private static final int MAX_IDEMPOTENCY_KEY_LENGTH = 2048;

	private final Engine engine;

	private final Guard guard;

	BatchRoutes(Engine engine, Guard guard) {
		this.engine = engine;
		this.guard = guard;
	}

	void register(RouterFunctions.Builder routes) {
		routes
			.GET("/api/v1/batches/{batchId}",
					this.guard.guarded(Guard.Family.BUILDER, AuthAccess.batch(this.engine, "batchId"),
							this::retrieveV1))
			.GET("/api/v2/batches/{batchId}",
					this.guard.guarded(Guard.Family.BUILDER, AuthAccess.batch(this.engine, "batchId"),
							this::retrieveV2))
			.GET("/api/v1/batches/{batchId}/results", this.guard.guarded(Guard.Family.LEGACY, this::results))
			.POST("/api/v3/batches", this.guard.guarded(Guard.Family.BUILDER, AuthAccess.inHandler(), this::create))
			.POST("/api/v3/batches/{batchId}/items",
					this.guard.guarded(Guard.Family.BUILDER, AuthAccess.inHandler(), this::items))
			.GET("/api/v3/batches/{batchId}/items", (request) -> Answers.json(405,
					Map.of("error", "Method not allowed. Use POST to stream batch items.")));
	}

	private Mono<ServerResponse> retrieveV1(ServerRequest request) {
		String batchId = request.pathVariable("batchId");
		return EngineCalls.call(() -> this.engine.batches().find(batchId))
			.flatMap((found) -> found.map((batch) -> Answers.json(200, BatchRenderer.v1(batch)))
				.orElseGet(() -> Answers.error(ApiError.notFound(true))));
	}

	private Mono<ServerResponse> retrieveV2(ServerRequest request) {
		String batchId = request.pathVariable("batchId");
		return EngineCalls.call(() -> this.engine.batches().find(batchId))
			.flatMap((found) -> found.map((batch) -> Answers.json(200, BatchRenderer.v2(batch)))
				.orElseGet(() -> Answers.error(ApiError.notFound(true))));
	}

	private Mono<ServerResponse> results(ServerRequest request) {
		String batchId = request.pathVariable("batchId");
		return EngineCalls.call(() -> this.engine.batches().find(batchId))
			.flatMap((found) -> found.map((batch) -> Answers.json(200, BatchRenderer.results(batch)))
				.orElseGet(() -> Answers.json(404, Map.of("error", "Batch not found"))));
	}

	/**
	 * Phase 1: {@code {runCount, taskIdentifiers?, parentRunId?,
	 * resumeParentOnCompletion?, idempotencyKey?, idempotencyKeyOptions?}}; 202
	 * {@code {id, runCount, isCached: false, idempotencyKey?}}, or 200 {@code {id,
	 * runCount, isCached: true}} for a repeated key.
	 */
	private Mono<ServerResponse> create(ServerRequest request) {
		return Bodies.read(request, MAX_CREATE_BYTES, true)
			.map(CreateRequest::parse)
			.doOnNext((create) -> Guard.authorize(request, "batchTrigger", createResources(create)))
			.flatMap((create) -> EngineCalls.call(() -> this.engine.batches()
				.create(create.runCount(), create.idempotencyKey(), create.taskIdentifiers())))
			.flatMap((created) -> {
				Map<String, Object> answer = new LinkedHashMap<>();
				answer.put("id", created.id());
				answer.put("runCount", created.runCount());
				answer.put("isCached", created.cached());
				if (created.idempotencyKey() != null) {
					answer.put("idempotencyKey", created.idempotencyKey());
				}
				return Answers.json(created.cached() ? 200 : 202, answer, this.guard.tokenHeaders(request,
						List.of("read:batch:" + created.id()), TaskRoutes.TOKEN_LIFETIME, false));
			});
	}

	/**
	 * Phase 2: the items as NDJSON ({@code Content-Type: application/x-ndjson}, usually
	 * chunked); 200 {@code {id, itemsAccepted, itemsDeduplicated, sealed, enqueuedCount?,
	 * expectedCount?, runCount}}. 415 for another content type; 413 over
	 * {@link #MAX_ITEMS_BYTES}.
	 */
	private Mono<ServerResponse> items(ServerRequest request) {
		String batchId = request.pathVariable("batchId");
		String contentType = request.headers().firstHeader("Content-Type");
		String type = (contentType != null) ? contentType.toLowerCase(Locale.ROOT) : "";
		if (!type.contains("application/x-ndjson") && !type.contains("application/ndjson")) {
			return Answers.json(415,
					Map.of("error", "Content-Type must be application/x-ndjson or application/ndjson"));
		}
		return readStream(request).flatMap((bytes) -> EngineCalls.call(() -> {
			BatchLines.Parsed parsed = BatchLines.parse(bytes, this.engine.now());
			authorizeItems(request, batchId, parsed);
			BatchItemsResult result = this.engine.batches().addItems(batchId, parsed.items());
			if (parsed.failure() != null) {
				throw parsed.failure();
			}
			return result;
		})).flatMap((result) -> {
			Map<String, Object> answer = new LinkedHashMap<>();
			answer.put("id", result.id());
			answer.put("itemsAccepted", result.itemsAccepted());
			answer.put("itemsDeduplicated", result.itemsDeduplicated());
			answer.put("sealed", result.sealed());
			if (result.enqueuedCount() != null) {
				answer.put("enqueuedCount", result.enqueuedCount());
			}
			if (result.expectedCount() != null) {
				answer.put("expectedCount", result.expectedCount());
			}
			answer.put("runCount", result.runCount());
			return Answers.json(200, answer);
		});
	}

	/**
	 * The whole body, with or without {@code Content-Length} (the SDK streams it
	 * chunked), refused with 413 past {@link #MAX_ITEMS_BYTES}.
	 */
	private static Mono<byte[]> readStream(ServerRequest request) {
		return Bodies.bytes(request, MAX_ITEMS_BYTES, true);
	}

	/**
	 * What a phase 1 body lets a public access token create: batchTrigger on every task
	 * announced (or the collections {@code batch} or {@code tasks}); without announced
	 * tasks, one of those collections.
	 */
	private static AuthAccess.Resources createResources(CreateRequest create) {
		List<AuthAccess.Resource> collections = List.of(AuthAccess.Resource.of("batch"),
				AuthAccess.Resource.of("tasks"));
		if (create.taskIdentifiers().isEmpty()) {
			return AuthAccess.Resources.any(collections);
		}
		return AuthAccess.Resources.every(
				create.taskIdentifiers().stream().map((task) -> AuthAccess.Resource.of("tasks", task)).toList(),
				collections);
	}

	/**
	 * A public access token streams items of a batch when it may write the batch or
	 * batchTrigger each item's task.
	 */
	private static void authorizeItems(ServerRequest request, String batchId, BatchLines.Parsed parsed) {
		if (!Guard.isPublicToken(request) || AuthAccess.Resources.any(List.of(AuthAccess.Resource.of("batch", batchId)))
			.grantedTo(java.util.Objects.requireNonNull(Guard.credential(request)), "write")) {
			return;
		}
		Guard.authorize(request, "batchTrigger",
				AuthAccess.Resources.every(
						parsed.items().stream().map((item) -> AuthAccess.Resource.of("tasks", item.task())).toList(),
						List.of()));
	}

	/**
	 * A phase 1 body as the server's {@code CreateBatchRequestBody} checks it.
	 *
	 * @param runCount the announced item count
	 * @param idempotencyKey the batch's key, or {@code null}
	 * @param taskIdentifiers the distinct tasks announced, or empty
	 */
	record CreateRequest(long runCount, @Nullable String idempotencyKey, List<String> taskIdentifiers) {

		static CreateRequest parse(JsonNode body) {
			BigDecimal runCount = Bodies.number(body, "runCount", "runCount");
			if (runCount == null) {
				throw ApiError.validation("Required", "runCount");
			}
			if (runCount.stripTrailingZeros().scale() > 0) {
				throw ApiError.validation("Expected integer, received float", "runCount");
			}
			if (runCount.signum() <= 0) {
				throw ApiError.validation("Number must be greater than 0", "runCount");
			}
			List<String> tasks = new ArrayList<>();
			JsonNode taskIdentifiers = Bodies.field(body, "taskIdentifiers");
			if (taskIdentifiers != null) {
				if (!taskIdentifiers.isArray()) {
					throw Bodies.expected("array", taskIdentifiers, "taskIdentifiers");
				}
				if (taskIdentifiers.isEmpty()) {
					throw ApiError.validation("Array must contain at least 1 element(s)", "taskIdentifiers");
				}
				for (int i = 0; i < taskIdentifiers.size(); i++) {
					JsonNode task = taskIdentifiers.get(i);
					String path = "taskIdentifiers[" + i + "]";
					if (!task.isString()) {
						throw Bodies.expected("string", task, path);
					}
					if (task.asString().isEmpty()) {
						throw ApiError.validation("String must contain at least 1 character(s)", path);
					}
					tasks.add(task.asString());
				}
			}
			Bodies.string(body, "parentRunId", "parentRunId");
			Bodies.bool(body, "resumeParentOnCompletion", "resumeParentOnCompletion");
			Bodies.object(body, "idempotencyKeyOptions", "idempotencyKeyOptions");
			String key = Bodies.string(body, "idempotencyKey", "idempotencyKey");
			if (key != null && key.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
				throw ApiError.validation("idempotencyKey must be 2048 characters or less", "idempotencyKey");
			}
			long count = (runCount.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) ? Long.MAX_VALUE
					: runCount.longValueExact();
			return new CreateRequest(count, key, tasks);
		}

	}

}
