package io.trigger4j.emulator.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * A task the engine runs: its id, the function that runs each step of an attempt, how
 * long a step executes (engine time), the default attempts per run, the pause before a
 * retry, and how many runs execute at once (0 for no limit).
 *
 * @param id the task identifier
 * @param stepDuration how long each step of an attempt executes
 * @param maxAttempts default attempts per run
 * @param retryDelay pause between a failed attempt and the next
 * @param concurrencyLimit how many runs execute at once; 0 for no limit
 * @param function runs one step
 */
public record TaskSpec(String id, Duration stepDuration, int maxAttempts, Duration retryDelay, int concurrencyLimit,
		StepFunction function) {

	public TaskSpec {
		Objects.requireNonNull(id, "id must not be null");
		Objects.requireNonNull(stepDuration, "stepDuration must not be null");
		Objects.requireNonNull(retryDelay, "retryDelay must not be null");
		Objects.requireNonNull(function, "function must not be null");
	}

}
