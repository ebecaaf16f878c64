package io.trigger4j.emulator.engine;

import java.util.Objects;

/**
 * Idempotency keys of runs: resetting one (POST /api/v1/idempotencyKeys/{key}/reset), so
 * that the next trigger with it makes a new run.
 */
public final class IdempotencyKeys {

	private final Engine engine;

	IdempotencyKeys(Engine engine) {
		this.engine = engine;
	}

	/**
	 * Releases a task's idempotency key, as the server's
	 * {@code ResetIdempotencyKeyService} does: the run that held it no longer has the key
	 * (lists show none), while its retrieve still shows the user's key of its
	 * {@code idempotencyKeyOptions}. 404 "No runs found with idempotency key: {key} and
	 * task: {task}" when no live key matches.
	 * @param key the key as triggers sent it (the SDK's hash)
	 * @param taskIdentifier the task the key belongs to
	 */
	public void reset(String key, String taskIdentifier) {
		Objects.requireNonNull(key, "key must not be null");
		Objects.requireNonNull(taskIdentifier, "taskIdentifier must not be null");
		this.engine.locked(() -> {
			String runId = this.engine.idempotencyKeyStore().remove(taskIdentifier + "\u0000" + key);
			if (runId == null) {
				throw new EngineException(404,
						"No runs found with idempotency key: " + key + " and task: " + taskIdentifier);
			}
			RunRecord run = this.engine.runStore().get(runId);
			if (run != null && key.equals(run.idempotencyKey)) {
				run.idempotencyKey = null;
			}
			return null;
		});
	}

}
