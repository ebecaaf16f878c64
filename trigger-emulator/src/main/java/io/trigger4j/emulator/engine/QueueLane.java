package io.trigger4j.emulator.engine;

import java.util.Iterator;
import java.util.LinkedHashSet;

import org.jspecify.annotations.Nullable;

/**
 * A queue and its concurrency: a task's own queue ({@code task/<id>}) or a custom queue a
 * trigger named. It counts the runs holding a slot (from their first attempt until they
 * finish, retries and waits included) and keeps the runs waiting for one, oldest first. A
 * paused queue starts no run; an overridden limit replaces the queue's own. Only touched
 * while holding the engine's lock.
 */
final class QueueLane {

	final String name;

	/** The task whose own queue this is, or {@code null} for a custom queue. */
	final @Nullable String taskIdentifier;

	/** The queue's own limit; 0 for none. */
	private int limit;

	private @Nullable Integer override;

	private boolean paused;

	private int running;

	private final LinkedHashSet<RunRecord> waiting = new LinkedHashSet<>();

	QueueLane(String name, @Nullable String taskIdentifier, int limit) {
		this.name = name;
		this.taskIdentifier = taskIdentifier;
		this.limit = Math.max(0, limit);
	}

	/** Whether a newly queued run may start at once: a slot is free and nobody waits. */
	boolean canStartNow() {
		return this.waiting.isEmpty() && hasFreeSlot();
	}

	/** Whether a waiting run may start: not paused, and under the limit in force. */
	boolean hasFreeSlot() {
		if (this.paused) {
			return false;
		}
		if (this.override != null) {
			return this.running < this.override;
		}
		return this.limit <= 0 || this.running < this.limit;
	}

	void take(RunRecord run) {
		run.holdsSlot = true;
		this.running++;
	}

	/** Returns the run's slot; whether it held one. */
	boolean release(RunRecord run) {
		if (!run.holdsSlot) {
			return false;
		}
		run.holdsSlot = false;
		this.running = Math.max(0, this.running - 1);
		return true;
	}

	void enqueue(RunRecord run) {
		this.waiting.add(run);
	}

	void remove(RunRecord run) {
		this.waiting.remove(run);
	}

	/** The oldest waiting run, removed, or {@code null}. */
	@Nullable RunRecord pollWaiting() {
		Iterator<RunRecord> iterator = this.waiting.iterator();
		if (!iterator.hasNext()) {
			return null;
		}
		RunRecord next = iterator.next();
		iterator.remove();
		return next;
	}

	/** A custom queue named again with a limit takes the newer limit. */
	void limit(int limit) {
		this.limit = Math.max(0, limit);
	}

	void pause(boolean paused) {
		this.paused = paused;
	}

	void override(@Nullable Integer override) {
		this.override = override;
	}

	/** The queue's own limit; 0 for none. */
	int limit() {
		return this.limit;
	}

	@Nullable Integer overrideLimit() {
		return this.override;
	}

	boolean paused() {
		return this.paused;
	}

	int running() {
		return this.running;
	}

	int waitingCount() {
		return this.waiting.size();
	}

}
