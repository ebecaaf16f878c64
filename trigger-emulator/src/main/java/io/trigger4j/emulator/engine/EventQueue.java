package io.trigger4j.emulator.engine;

import java.time.Instant;
import java.util.Comparator;
import java.util.PriorityQueue;

import org.jspecify.annotations.Nullable;

/**
 * The engine's timed events in time order (ties in scheduling order). Only touched while
 * holding the engine's lock.
 */
final class EventQueue {

	private final PriorityQueue<TimedEvent> queue = new PriorityQueue<>(
			Comparator.comparing(TimedEvent::at).thenComparingLong(TimedEvent::order));

	private long scheduled;

	private long processed;

	/** Schedules an event, unless it is due "never". */
	void schedule(Instant at, TimedEvent.Kind kind, RunRecord run, @Nullable StepExecution step) {
		if (Times.isNever(at)) {
			return;
		}
		this.queue.add(new TimedEvent(at, this.scheduled++, kind, run, run.epoch, step, null));
	}

	/** Schedules a timer, unless it is due "never". */
	void schedule(Instant at, Timer timer) {
		if (Times.isNever(at)) {
			return;
		}
		this.queue.add(new TimedEvent(at, this.scheduled++, TimedEvent.Kind.TIMER, null, 0, null, timer));
	}

	/** The next event if it is due at or before {@code now}. */
	@Nullable TimedEvent peekDue(Instant now) {
		TimedEvent head = this.queue.peek();
		return (head != null && !head.at().isAfter(now)) ? head : null;
	}

	/** Removes the head (which the caller has peeked) and counts it as processed. */
	void removeHead() {
		if (this.queue.poll() != null) {
			this.processed++;
		}
	}

	/** Drops every event; the counts go on. */
	void clear() {
		this.queue.clear();
	}

	long processed() {
		return this.processed;
	}

	int size() {
		return this.queue.size();
	}

}
