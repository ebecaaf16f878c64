package io.trigger4j.emulator.engine;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Something due to a run at an instant. An event whose {@code epoch} is not the run's any
 * more (the run was cancelled or rescheduled), or whose run has moved on, is stale and
 * does nothing.
 *
 * @param at when it is due
 * @param order ties between events due at the same instant go in the order they were
 * scheduled
 * @param kind what happens
 * @param run the run
 * @param epoch the run's epoch when scheduled
 * @param step the step a {@link Kind#STEP_END} ends
 */
record TimedEvent(Instant at, long order, Kind kind, RunRecord run, int epoch, @Nullable StepExecution step) {

	enum Kind {

		/** A delayed run is queued. */
		DELAY_END,

		/** A queued run that has not started expires. */
		TTL_EXPIRY,

		/** A step ends with its outcome. */
		STEP_END,

		/** A failed attempt's successor starts. */
		RETRY_START,

		/** A waiting run starts its next step. */
		WAIT_END

	}

}
