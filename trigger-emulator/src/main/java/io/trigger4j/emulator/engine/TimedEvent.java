package io.trigger4j.emulator.engine;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Something due to a run, or a timer, at an instant. An event whose {@code epoch} is not
 * the run's any more (the run was cancelled or rescheduled), or whose run has moved on,
 * is stale and does nothing.
 *
 * @param at when it is due
 * @param order ties between events due at the same instant go in the order they were
 * scheduled
 * @param kind what happens
 * @param run the run
 * @param epoch the run's epoch when scheduled
 * @param step the step a {@link Kind#STEP_END} ends
 * @param timer the timer a {@link Kind#TIMER} fires ({@code run} is then {@code null})
 */
record TimedEvent(Instant at, long order, Kind kind, @Nullable RunRecord run, int epoch, @Nullable StepExecution step,
		@Nullable Timer timer) {

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
		WAIT_END,

		/** A timer of another resource (a schedule) fires. */
		TIMER

	}

}
