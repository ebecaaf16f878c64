package io.trigger4j.emulator.engine;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One attempt of a run, as the engine saw it: when it started and ended and how. Mutable;
 * only touched while holding the engine's lock. The source of a run's trace and events.
 */
final class AttemptRecord {

	/** How an attempt ended. */
	enum Outcome {

		/** Still executing or waiting. */
		RUNNING,
		/** The run completed. */
		SUCCEEDED,
		/** The attempt failed (the run retried, or failed for good). */
		FAILED,
		/** The run was cancelled during the attempt. */
		CANCELED,
		/** The engine failed the run (a system failure). */
		CRASHED

	}

	final int number;

	final Instant startedAt;

	@Nullable Instant endedAt;

	Outcome outcome = Outcome.RUNNING;

	/** The attempt's error, for FAILED and CRASHED. */
	@Nullable JsonNode error;

	/** Steps started in the attempt, from 1. */
	int steps;

	AttemptRecord(int number, Instant startedAt) {
		this.number = number;
		this.startedAt = startedAt;
	}

	void end(Instant at, Outcome outcome, @Nullable JsonNode error) {
		if (this.outcome == Outcome.RUNNING) {
			this.endedAt = at;
			this.outcome = outcome;
			this.error = error;
		}
	}

}
