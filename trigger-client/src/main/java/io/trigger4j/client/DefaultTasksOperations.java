package io.trigger4j.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** The {@link TasksOperations} implementation. */
final class DefaultTasksOperations implements TasksOperations {

	static final int MAX_TASK_BATCH_ITEMS = 100;

	static final int MAX_BATCH_ITEMS = 500;

	private static final String JWT_HEADER = "x-trigger-jwt";

	private final TriggerHttp http;

	DefaultTasksOperations(TriggerHttp http) {
		this.http = http;
	}

	@Override
	public Mono<TriggeredRun> trigger(String taskIdentifier, Object payload) {
		return trigger(taskIdentifier, payload, TriggerOptions.none());
	}

	@Override
	public Mono<TriggeredRun> trigger(String taskIdentifier, Object payload, TriggerOptions options) {
		Checks.requireId("taskIdentifier", taskIdentifier);
		Objects.requireNonNull(payload, "payload must not be null");
		Objects.requireNonNull(options, "options must not be null");
		ApiCall<TriggeredRun> call = ApiCall
			.builder("tasks.trigger", HttpMethod.POST, "/api/v1/tasks/{taskIdentifier}/trigger")
			.pathVariables(taskIdentifier)
			.jsonBody("payload", itemBody(null, payload, options))
			.idempotent(options.idempotencyKey() != null)
			.reading((body, headers) -> {
				JsonNode json = Json.read("tasks.trigger", body, JsonNode.class);
				return new TriggeredRun(json.path("id").asString(), json.path("isCached").asBoolean(false),
						headers.getFirst(JWT_HEADER));
			});
		return this.http.execute(call);
	}

	@Override
	public Mono<BatchTriggerResult> batchTrigger(String taskIdentifier, List<BatchItem> items, BatchOptions options) {
		Checks.requireId("taskIdentifier", taskIdentifier);
		requireItems(items, MAX_TASK_BATCH_ITEMS);
		Objects.requireNonNull(options, "options must not be null");
		List<Map<String, Object>> bodies = new ArrayList<>(items.size());
		for (BatchItem item : items) {
			bodies.add(itemBody(null, item.payload(), item.options()));
		}
		ApiCall<BatchTriggerResult> call = ApiCall
			.builder("tasks.batchTrigger", HttpMethod.POST, "/api/v1/tasks/{taskIdentifier}/batch")
			.pathVariables(taskIdentifier)
			.header("idempotency-key", options.idempotencyKey())
			.header("idempotency-key-ttl", options.idempotencyKeyTtl())
			.jsonBody("items", Map.of("items", bodies))
			.idempotent(options.idempotencyKey() != null)
			.reading((body, headers) -> {
				JsonNode json = Json.read("tasks.batchTrigger", body, JsonNode.class);
				List<String> runs = new ArrayList<>();
				for (JsonNode run : json.path("runs")) {
					runs.add(run.isObject() ? run.path("id").asString() : run.asString());
				}
				return new BatchTriggerResult(firstText(json, "batchId", "id"), runs, headers.getFirst(JWT_HEADER));
			});
		return this.http.execute(call);
	}

	@Override
	public Mono<BatchTriggered> batchTrigger(List<BatchItem> items, BatchOptions options) {
		requireItems(items, MAX_BATCH_ITEMS);
		Objects.requireNonNull(options, "options must not be null");
		List<Map<String, Object>> bodies = new ArrayList<>(items.size());
		for (BatchItem item : items) {
			bodies.add(itemBody(item.task(), item.payload(), item.options()));
		}
		ApiCall<BatchTriggered> call = ApiCall.builder("tasks.batchTriggerMany", HttpMethod.POST, "/api/v1/tasks/batch")
			.header("idempotency-key", options.idempotencyKey())
			.header("idempotency-key-ttl", options.idempotencyKeyTtl())
			.header("batch-processing-strategy",
					(options.processingStrategy() != null) ? options.processingStrategy().headerValue() : null)
			.jsonBody("items", Map.of("items", bodies))
			.idempotent(options.idempotencyKey() != null)
			.reading(DefaultTasksOperations::readBatchTriggered);
		return this.http.execute(call);
	}

	/**
	 * Reads the 202 body {@code {id, isCached, idempotencyKey?, runs: [{id,
	 * taskIdentifier, isCached}]}}; also accepts the contract's {@code {batchId, runs:
	 * [string]}}.
	 */
	private static BatchTriggered readBatchTriggered(byte[] body, HttpHeaders headers) {
		JsonNode json = Json.read("tasks.batchTriggerMany", body, JsonNode.class);
		List<BatchTriggered.BatchRun> runs = new ArrayList<>();
		for (JsonNode run : json.path("runs")) {
			if (run.isObject()) {
				runs.add(new BatchTriggered.BatchRun(run.path("id").asString(), Json.text(run, "taskIdentifier"),
						run.path("isCached").asBoolean(false), Json.text(run, "idempotencyKey")));
			}
			else {
				runs.add(new BatchTriggered.BatchRun(run.asString(), null, false, null));
			}
		}
		return new BatchTriggered(firstText(json, "id", "batchId"), json.path("isCached").asBoolean(false),
				Json.text(json, "idempotencyKey"), runs, headers.getFirst(JWT_HEADER));
	}

	private static Map<String, Object> itemBody(@Nullable String task, Object payload, TriggerOptions options) {
		Map<String, Object> body = new LinkedHashMap<>();
		if (task != null) {
			body.put("task", task);
		}
		body.put("payload", payload);
		if (options.context() != null) {
			body.put("context", options.context());
		}
		if (!options.toJson().isEmpty()) {
			body.put("options", options.toJson());
		}
		return body;
	}

	private static void requireItems(List<BatchItem> items, int max) {
		Objects.requireNonNull(items, "items must not be null");
		if (items.isEmpty() || items.size() > max) {
			throw new IllegalArgumentException(
					"items must have between 1 and " + max + " elements but had " + items.size());
		}
		for (int i = 0; i < items.size(); i++) {
			Objects.requireNonNull(items.get(i), "items[" + i + "] must not be null");
		}
	}

	private static String firstText(JsonNode node, String field, String fallback) {
		String value = Json.text(node, field);
		return (value != null) ? value : Objects.requireNonNullElse(Json.text(node, fallback), "");
	}

}
