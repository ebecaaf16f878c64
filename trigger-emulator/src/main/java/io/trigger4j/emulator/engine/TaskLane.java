package io.trigger4j.emulator.engine;

import java.util.Iterator;
import java.util.LinkedHashSet;

import org.jspecify.annotations.Nullable;

/**
 * A declared task and its concurrency: how many of its runs hold a slot (from their first
 * attempt until they finish, retries and waits included) and the runs waiting for one,
 * oldest first. Only touched while holding the engine's lock.
 */
final class TaskLane {

	final TaskSpec spec;

	private int running;

	private final LinkedHashSet<RunRecord> waiting = new LinkedHashSet<>();

	TaskLane(TaskSpec spec) {
		this.spec = spec;
	}

	/** Whether a newly queued run may start at once: a slot is free and nobody waits. */
	boolean canStartNow() {
		return this.waiting.isEmpty() && hasFreeSlot();
	}

	boolean hasFreeSlot() {
		return this.spec.concurrencyLimit() <= 0 || this.running < this.spec.concurrencyLimit();
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

	int running() {
		return this.running;
	}

	int waitingCount() {
		return this.waiting.size();
	}

}
