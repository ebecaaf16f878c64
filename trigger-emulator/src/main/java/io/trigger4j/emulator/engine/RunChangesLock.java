package io.trigger4j.emulator.engine;

import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The engine's lock: when the outermost hold is released, the runs' watchers are checked
 * (still under the lock) and the ones whose feeds changed are woken just after the
 * release, so a watcher never runs with the lock held.
 */
final class RunChangesLock extends ReentrantLock {

	private static final long serialVersionUID = 1L;

	private transient volatile RunChanges changes;

	void changes(RunChanges changes) {
		this.changes = changes;
	}

	@Override
	public void unlock() {
		RunChanges watched = this.changes;
		if (watched == null || getHoldCount() != 1 || !isHeldByCurrentThread()) {
			super.unlock();
			return;
		}
		List<Runnable> woken;
		try {
			woken = watched.changedWatches();
		}
		catch (RuntimeException ex) {
			// A failing check must never keep the lock held; the watchers time out.
			woken = List.of();
		}
		super.unlock();
		for (Runnable wake : woken) {
			try {
				wake.run();
			}
			catch (RuntimeException ex) {
				// A watcher's failure is its own.
			}
		}
	}

}
