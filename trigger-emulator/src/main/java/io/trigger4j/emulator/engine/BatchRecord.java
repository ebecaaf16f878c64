package io.trigger4j.emulator.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * One batch in the engine. Mutable; only touched while holding the engine's lock. Its
 * status is never stored: it is computed from its runs' states whenever it is read.
 */
final class BatchRecord {

	/** How the batch was created. */
	enum Kind {

		/**
		 * By a batch-trigger route, all its runs at once (the server's
		 * {@code runengine:v1} batches).
		 */
		ONE_SHOT,
		/**
		 * By the two-phase routes: created with an announced count, then its items
		 * streamed (the server's {@code runengine:v2} batches).
		 */
		TWO_PHASE

	}

	final String id;

	final Kind kind;

	final Instant createdAt;

	final @Nullable String idempotencyKey;

	final long runCount;

	/** The runs by item index. */
	private final Map<Long, RunRecord> runs = new TreeMap<>();

	/** The items that could not be triggered, by index. */
	private final Map<Long, BatchItemError> errors = new TreeMap<>();

	Instant updatedAt;

	/** Whether every item has arrived; a one-shot batch is sealed from the start. */
	boolean sealed;

	@Nullable Instant processingCompletedAt;

	private BatchRecord(String id, Kind kind, Instant createdAt, @Nullable String idempotencyKey, long runCount) {
		this.id = id;
		this.kind = kind;
		this.createdAt = createdAt;
		this.updatedAt = createdAt;
		this.idempotencyKey = idempotencyKey;
		this.runCount = runCount;
	}

	/** A batch of a batch-trigger route, with its runs in item order. */
	static BatchRecord oneShot(String id, Instant createdAt, @Nullable String idempotencyKey, List<RunRecord> runs) {
		BatchRecord batch = new BatchRecord(id, Kind.ONE_SHOT, createdAt, idempotencyKey, runs.size());
		for (int i = 0; i < runs.size(); i++) {
			batch.runs.put((long) i, runs.get(i));
		}
		batch.sealed = true;
		return batch;
	}

	/** A two-phase batch waiting for its items. */
	static BatchRecord twoPhase(String id, Instant createdAt, @Nullable String idempotencyKey, long runCount) {
		return new BatchRecord(id, Kind.TWO_PHASE, createdAt, idempotencyKey, runCount);
	}

	/** Whether the item at an index has arrived (as a run or as an error). */
	boolean has(long index) {
		return this.runs.containsKey(index) || this.errors.containsKey(index);
	}

	void put(long index, RunRecord run) {
		this.runs.put(index, run);
	}

	void fail(BatchItemError error) {
		this.errors.put(error.index(), error);
	}

	/** The items arrived so far. */
	int arrived() {
		return this.runs.size() + this.errors.size();
	}

	/** The runs in item order. */
	List<RunRecord> runs() {
		return new ArrayList<>(this.runs.values());
	}

	/**
	 * The status now: the server's, as its completion callback and
	 * {@code tryCompleteBatch} set it.
	 */
	BatchStatus status() {
		if (!this.sealed) {
			return BatchStatus.PENDING;
		}
		if (this.runs.isEmpty()) {
			return this.errors.isEmpty() ? BatchStatus.COMPLETED : BatchStatus.ABORTED;
		}
		if (this.runs.values().stream().allMatch((run) -> run.state.isTerminal())) {
			return BatchStatus.COMPLETED;
		}
		return this.errors.isEmpty() ? BatchStatus.PENDING : BatchStatus.PARTIAL_FAILED;
	}

	BatchSnapshot snapshot() {
		BatchStatus status = status();
		Instant updated = this.updatedAt;
		if (status == BatchStatus.COMPLETED) {
			for (RunRecord run : this.runs.values()) {
				if (run.finishedAt != null) {
					updated = Times.max(updated, run.finishedAt);
				}
			}
		}
		boolean twoPhase = this.kind == Kind.TWO_PHASE;
		List<RunSnapshot> shown = this.sealed ? this.runs.values().stream().map(RunRecord::snapshot).toList()
				: List.of();
		return new BatchSnapshot(this.id, status, this.idempotencyKey, this.createdAt, updated,
				this.processingCompletedAt, this.runCount, shown, (twoPhase && this.sealed) ? this.runs.size() : null,
				(twoPhase && this.sealed) ? this.errors.size() : null, new ArrayList<>(this.errors.values()));
	}

	@Override
	public String toString() {
		return this.id + "[" + this.kind + ", " + this.runCount + " items]";
	}

}
