package io.trigger4j.emulator.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.trigger4j.emulator.engine.BatchItemError;
import io.trigger4j.emulator.engine.BatchSnapshot;
import io.trigger4j.emulator.engine.RunSnapshot;
import io.trigger4j.emulator.engine.RunState;
import org.jspecify.annotations.Nullable;

/**
 * Renders batches as the server's routes do, from immutable snapshots: the v1 retrieve
 * ({@code api.v1.batches.$batchId.ts}), the v2 retrieve with {@code processing}
 * ({@code api.v2.batches.$batchId.ts}) and the results
 * ({@code ApiBatchResultsPresenter}).
 */
final class BatchRenderer {

	private BatchRenderer() {
	}

	/**
	 * {@code GET /api/v1/batches/{id}}: the counts and errors only when the server has
	 * them.
	 */
	static Map<String, Object> v1(BatchSnapshot batch) {
		Map<String, Object> json = common(batch);
		json.put("runCount", batch.runCount());
		json.put("runs", runIds(batch));
		putIfPresent(json, "successfulRunCount", batch.successfulRunCount());
		putIfPresent(json, "failedRunCount", batch.failedRunCount());
		if (!batch.errors().isEmpty()) {
			json.put("errors", errors(batch));
		}
		return json;
	}

	/**
	 * {@code GET /api/v2/batches/{id}}: {@code processing} always, its errors maybe
	 * empty.
	 */
	static Map<String, Object> v2(BatchSnapshot batch) {
		Map<String, Object> json = common(batch);
		putIfPresent(json, "processingCompletedAt", time(batch.processingCompletedAt()));
		json.put("runCount", batch.runCount());
		json.put("runs", runIds(batch));
		Map<String, Object> processing = new LinkedHashMap<>();
		putIfPresent(processing, "completedAt", time(batch.processingCompletedAt()));
		processing.put("errors", errors(batch));
		json.put("processing", processing);
		return json;
	}

	/**
	 * {@code GET /api/v1/batches/{id}/results}: the server builds each item from attempt
	 * records Run Engine v2 no longer writes, so only a CANCELED run has one
	 * (api-semantics.md section 7), as {@code GET /api/v1/runs/{id}/result} answers.
	 */
	static Map<String, Object> results(BatchSnapshot batch) {
		List<Map<String, Object>> items = new ArrayList<>();
		for (RunSnapshot run : batch.runs()) {
			if (run.state() == RunState.CANCELED) {
				Map<String, Object> item = new LinkedHashMap<>();
				item.put("ok", false);
				item.put("id", run.id());
				item.put("taskIdentifier", run.taskIdentifier());
				item.put("error", Map.of("type", "INTERNAL_ERROR", "code", "TASK_RUN_CANCELLED"));
				items.add(item);
			}
		}
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", batch.id());
		json.put("items", items);
		return json;
	}

	private static Map<String, Object> common(BatchSnapshot batch) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", batch.id());
		json.put("status", batch.status().name());
		putIfPresent(json, "idempotencyKey", batch.idempotencyKey());
		json.put("createdAt", time(batch.createdAt()));
		json.put("updatedAt", time(batch.updatedAt()));
		return json;
	}

	private static List<String> runIds(BatchSnapshot batch) {
		return batch.runs().stream().map(RunSnapshot::id).toList();
	}

	private static List<Map<String, Object>> errors(BatchSnapshot batch) {
		List<Map<String, Object>> errors = new ArrayList<>();
		for (BatchItemError error : batch.errors()) {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("index", error.index());
			json.put("taskIdentifier", error.taskIdentifier());
			json.put("error", error.error());
			putIfPresent(json, "errorCode", error.errorCode());
			errors.add(json);
		}
		return errors;
	}

	private static void putIfPresent(Map<String, Object> json, String key, @Nullable Object value) {
		if (value != null) {
			json.put(key, value);
		}
	}

	private static @Nullable String time(@Nullable Instant instant) {
		return (instant != null) ? ApiJson.iso(instant) : null;
	}

}
