package io.trigger4j.emulator.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.trigger4j.emulator.engine.RunSnapshot;
import io.trigger4j.emulator.engine.RunState;
import io.trigger4j.emulator.engine.ScheduleSnapshot;
import org.jspecify.annotations.Nullable;

/**
 * Renders runs as the server does for an API version (the retrieve presenter and the list
 * item), from immutable snapshots.
 */
final class RunRenderer {

	/** The id of the emulator's one environment. */
	static final String ENV_ID = "cm0emulator0000000000000";

	/** The user the emulator's development environment belongs to. */
	static final String ENV_USER = "emulator";

	/** The emulator's one environment. */
	private static final Map<String, Object> ENV = Map.of("id", ENV_ID, "name", "dev", "user", ENV_USER);

	/** The emulator's region. */
	static final String REGION = "local";

	private RunRenderer() {
	}

	static Map<String, Object> render(RunSnapshot run, @Nullable String apiVersion, boolean listItem) {
		return render(run, apiVersion, listItem, null);
	}

	/**
	 * @param schedule the schedule that fired the run, for a retrieved run's
	 * {@code schedule} field (left out while {@code null})
	 */
	static Map<String, Object> render(RunSnapshot run, @Nullable String apiVersion, boolean listItem,
			@Nullable ScheduleSnapshot schedule) {
		return render(run, apiVersion, listItem, schedule, null);
	}

	/**
	 * As the retrieve presenter renders a run: large payloads and outputs as presigned
	 * URLs ({@code payloadPresignedUrl}, {@code outputPresignedUrl}) instead of the
	 * values.
	 * @param packets the packets, or {@code null} to show every value inline
	 */
	static Map<String, Object> render(RunSnapshot run, @Nullable String apiVersion, boolean listItem,
			@Nullable ScheduleSnapshot schedule, @Nullable PacketContents packets) {
		String status = run.state().publicName(apiVersion);
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", run.id());
		json.put("status", status);
		json.put("taskIdentifier", run.taskIdentifier());
		// The retrieve presenter shows the user's key behind the SDK's hash; lists show
		// the key as stored.
		putIfPresent(json, "idempotencyKey", (!listItem && run.idempotencyKeyOptions() != null)
				? run.idempotencyKeyOptions().key() : run.idempotencyKey());
		putIfPresent(json, "version", run.version());
		json.put("createdAt", time(run.createdAt()));
		json.put("updatedAt", time(run.updatedAt()));
		putIfPresent(json, "startedAt", time(run.startedAt()));
		putIfPresent(json, "finishedAt", time(run.finishedAt()));
		putIfPresent(json, "delayedUntil", (run.state() == RunState.DELAYED) ? time(run.delayedUntil()) : null);
		putIfPresent(json, "ttl", run.ttl());
		putIfPresent(json, "expiredAt", time(run.expiredAt()));
		json.put("isTest", run.test());
		if (listItem) {
			json.put("env", ENV);
		}
		json.put("tags", run.tags());
		json.put("costInCents", 0);
		json.put("baseCostInCents", 0);
		json.put("durationMs", run.executionMillis());
		json.put("depth", 0);
		json.put("metadata", (run.metadata() != null) ? run.metadata() : Map.of());
		if (listItem) {
			json.put("taskKind", "STANDARD");
		}
		json.put("region", REGION);
		json.putAll(RunState.booleans(status));
		if (!listItem) {
			json.put("triggerFunction", run.triggerFunction());
			putIfPresent(json, "batchId", run.batchId());
			String payloadUrl = (packets != null) ? packets.payloadUrl(run) : null;
			if (payloadUrl != null) {
				json.put("payloadPresignedUrl", payloadUrl);
			}
			else {
				putIfPresent(json, "payload", run.payload());
			}
			if (run.state() == RunState.COMPLETED_SUCCESSFULLY) {
				String outputUrl = (packets != null) ? packets.outputUrl(run) : null;
				if (outputUrl != null) {
					json.put("outputPresignedUrl", outputUrl);
				}
				else {
					putIfPresent(json, "output", run.output());
				}
			}
			putIfPresent(json, "error", run.error());
			if (schedule != null) {
				json.put("schedule", ScheduleRenderer.runSchedule(schedule));
			}
			json.put("attemptCount", run.attemptCount());
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
		return (instant != null) ? ApiJson.iso(instant) : null;
	}

}
