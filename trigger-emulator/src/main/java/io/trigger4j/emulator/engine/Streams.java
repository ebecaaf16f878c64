package io.trigger4j.emulator.engine;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Runs' realtime data streams (what a task streams to its subscribers, such as an AI
 * model's tokens): records appended by a run's steps, in engine time, read from a
 * position. A run's first record of a key adds the key to its {@code realtimeStreams}.
 */
public final class Streams {

	private final Engine engine;

	Streams(Engine engine) {
		this.engine = engine;
	}

	/**
	 * Appends a record to a run's stream, at the time of the calling step (the engine's
	 * time off a task thread). 404 "Run not found" for an unknown run.
	 * @param runId the run's id
	 * @param key the stream's key, not blank
	 * @param data the record as plain JSON, stored as a copy
	 * @return the record's id
	 */
	public String append(String runId, String key, JsonNode data) {
		Objects.requireNonNull(runId, "runId must not be null");
		Objects.requireNonNull(key, "key must not be null");
		if (key.isBlank()) {
			throw new IllegalArgumentException("key must not be blank");
		}
		Objects.requireNonNull(data, "data must not be null");
		JsonNode copy = data.deepCopy();
		return this.engine.locked(() -> {
			RunRecord run = this.engine.runStore().get(runId);
			if (run == null) {
				throw new EngineException(404, "Run not found");
			}
			Instant at = this.engine.actionTime();
			StreamLog log = run.streams.get(key);
			if (log == null) {
				log = new StreamLog();
				run.streams.put(key, log);
				// The run's realtimeStreams changed: the run row is updated.
				run.updatedAt = Times.max(run.updatedAt, at);
			}
			log.append(at, copy);
			return Objects.requireNonNull(log.lastId());
		});
	}

	/**
	 * The records of a run's stream after an id ({@code null}: from the start), and
	 * whether the run has finished. 404 "Not found" for an unknown run; an unknown key
	 * has no records yet.
	 * @param runId the run's id
	 * @param key the stream's key
	 * @param afterId the id of the last record the caller has seen, or {@code null}
	 * @return the records after it, and whether the run has finished
	 */
	public StreamRead read(String runId, String key, @Nullable String afterId) {
		Objects.requireNonNull(runId, "runId must not be null");
		Objects.requireNonNull(key, "key must not be null");
		return this.engine.locked(() -> {
			RunRecord run = this.engine.runStore().get(runId);
			if (run == null) {
				throw new EngineException(404, "Not found");
			}
			StreamLog log = run.streams.get(key);
			List<StreamRecord> records = (log != null) ? log.after(afterId) : List.of();
			return new StreamRead(records, run.state.isTerminal());
		});
	}

	/**
	 * The id a subscription starting at the stream's tail resumes from: its last
	 * record's, or {@code null} when it has none. 404 "Not found" for an unknown run.
	 * @param runId the run's id
	 * @param key the stream's key
	 * @return the last record's id, or {@code null}
	 */
	public @Nullable String lastId(String runId, String key) {
		return this.engine.locked(() -> {
			RunRecord run = this.engine.runStore().get(runId);
			if (run == null) {
				throw new EngineException(404, "Not found");
			}
			StreamLog log = run.streams.get(key);
			return (log != null) ? log.lastId() : null;
		});
	}

}
