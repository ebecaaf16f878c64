package io.trigger4j.emulator.engine;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * A timed action of another resource than runs (a schedule's next fire): called under the
 * engine's lock at the instant it was due, however late the tick. Cancel it to make it do
 * nothing.
 */
final class Timer {

	private final Consumer<Instant> action;

	private boolean cancelled;

	Timer(Consumer<Instant> action) {
		this.action = action;
	}

	void cancel() {
		this.cancelled = true;
	}

	boolean cancelled() {
		return this.cancelled;
	}

	void fire(Instant at) {
		if (!this.cancelled) {
			this.action.accept(at);
		}
	}

}
