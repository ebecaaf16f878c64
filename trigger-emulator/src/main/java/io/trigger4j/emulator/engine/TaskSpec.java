package io.trigger4j.emulator.engine;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A task the engine runs: its id, the function that runs each step of an attempt, how
 * long a step executes (engine time), the default attempts per run, the pause before a
 * retry, how many runs execute at once (0 for no limit), and whether it is a scheduled
 * task (with, optionally, the schedule declared with it).
 *
 * @param id the task identifier
 * @param stepDuration how long each step of an attempt executes
 * @param maxAttempts default attempts per run
 * @param retryDelay pause between a failed attempt and the next
 * @param concurrencyLimit how many runs execute at once; 0 for no limit
 * @param function runs one step
 * @param scheduled whether schedules may be attached to it (a {@code schedules.task})
 * @param cron the cron expression of its declarative schedule, or {@code null} for none
 * @param timezone the IANA timezone of its declarative schedule, or {@code null} for UTC
 */
public record TaskSpec(String id, Duration stepDuration, int maxAttempts, Duration retryDelay, int concurrencyLimit,
		StepFunction function, boolean scheduled, @Nullable String cron, @Nullable String timezone) {

	/**
	 * Checks that the id, durations and function are present, a schedule only on a
	 * scheduled task and a timezone only with a cron expression.
	 * @param id the task identifier
	 * @param stepDuration how long each step of an attempt executes
	 * @param maxAttempts default attempts per run
	 * @param retryDelay pause between a failed attempt and the next
	 * @param concurrencyLimit how many runs execute at once; 0 for no limit
	 * @param function runs one step
	 * @param scheduled whether schedules may be attached to it (a {@code schedules.task})
	 * @param cron the cron expression of its declarative schedule, or {@code null} for
	 * none
	 * @param timezone the IANA timezone of its declarative schedule, or {@code null} for
	 * UTC
	 */
	public TaskSpec {
		Objects.requireNonNull(id, "id must not be null");
		Objects.requireNonNull(stepDuration, "stepDuration must not be null");
		Objects.requireNonNull(retryDelay, "retryDelay must not be null");
		Objects.requireNonNull(function, "function must not be null");
		if (!scheduled && (cron != null || timezone != null)) {
			throw new IllegalArgumentException("only a scheduled task declares a schedule");
		}
		if (cron == null && timezone != null) {
			throw new IllegalArgumentException("a timezone needs a cron expression");
		}
	}

	/**
	 * A task that is not a scheduled task.
	 * @param id the task identifier
	 * @param stepDuration how long each step of an attempt executes
	 * @param maxAttempts default attempts per run
	 * @param retryDelay pause between a failed attempt and the next
	 * @param concurrencyLimit how many runs execute at once; 0 for no limit
	 * @param function runs one step
	 */
	public TaskSpec(String id, Duration stepDuration, int maxAttempts, Duration retryDelay, int concurrencyLimit,
			StepFunction function) {
		this(id, stepDuration, maxAttempts, retryDelay, concurrencyLimit, function, false, null, null);
	}

}
