package io.trigger4j.emulator.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * One batch in the engine. Mutable; only touched while holding the engine's lock. Its
 * status is never stored: it is computed from its runs' states whenever it is read. It
 * holds its runs by id, so that a run the engine evicted is no longer reachable through
 * it: an evicted run (always finished) is not shown and counts as finished.
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

	/** The ids of the runs by item index. */
	private final Map<Long, String> runs = new TreeMap<>();

	/** When the last of its runs evicted so far finished, or {@code null}. */
	private @Nullable Instant evictedFinishedAt;

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
			batch.runs.put((long) i, runs.get(i).id);
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
		this.runs.put(index, run.id);
	}

	/** Notes that one of its runs was evicted, finished at that instant. */
	void evicted(@Nullable Instant finishedAt) {
		if (finishedAt != null) {
			this.evictedFinishedAt = (this.evictedFinishedAt != null) ? Times.max(this.evictedFinishedAt, finishedAt)
					: finishedAt;
		}
	}

	/**
	 * Whether every run it created has been evicted (a batch with none never has): it
	 * shows nothing more and goes with them.
	 */
	boolean allEvicted(RunStore store) {
		return this.sealed && !this.runs.isEmpty()
				&& this.runs.values().stream().allMatch((id) -> store.get(id) == null);
	}

	void fail(BatchItemError error) {
		this.errors.put(error.index(), error);
	}

	/** The items arrived so far. */
	int arrived() {
		return this.runs.size() + this.errors.size();
	}

	/** The runs still held, in item order. */
	List<RunRecord> runs(RunStore store) {
		List<RunRecord> held = new ArrayList<>(this.runs.size());
		for (String id : this.runs.values()) {
			RunRecord run = store.get(id);
			if (run != null) {
				held.add(run);
			}
		}
		return held;
	}

	/**
	 * The status now: the server's, as its completion callback and
	 * {@code tryCompleteBatch} set it.
	 */
	BatchStatus status(RunStore store) {
		if (!this.sealed) {
			return BatchStatus.PENDING;
		}
		if (this.runs.isEmpty()) {
			return this.errors.isEmpty() ? BatchStatus.COMPLETED : BatchStatus.ABORTED;
		}
		if (runs(store).stream().allMatch((run) -> run.state.isTerminal())) {
			// Evicted runs had finished.
			return BatchStatus.COMPLETED;
		}
		return this.errors.isEmpty() ? BatchStatus.PENDING : BatchStatus.PARTIAL_FAILED;
	}

	BatchSnapshot snapshot(RunStore store) {
		BatchStatus status = status(store);
		List<RunRecord> held = runs(store);
		Instant updated = this.updatedAt;
		if (status == BatchStatus.COMPLETED) {
			if (this.evictedFinishedAt != null) {
				updated = Times.max(updated, this.evictedFinishedAt);
			}
			for (RunRecord run : held) {
				if (run.finishedAt != null) {
					updated = Times.max(updated, run.finishedAt);
				}
			}
		}
		boolean twoPhase = this.kind == Kind.TWO_PHASE;
		List<RunSnapshot> shown = this.sealed ? held.stream().map(RunRecord::snapshot).toList() : List.of();
		return new BatchSnapshot(this.id, status, this.idempotencyKey, this.createdAt, updated,
				this.processingCompletedAt, this.runCount, shown, (twoPhase && this.sealed) ? this.runs.size() : null,
				(twoPhase && this.sealed) ? this.errors.size() : null, new ArrayList<>(this.errors.values()));
	}

	@Override
	public String toString() {
		return this.id + "[" + this.kind + ", " + this.runCount + " items]";
	}

}
