package io.trigger4j.emulator.engine;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * How a step of an attempt ends: the run completes with an output, the attempt fails (the
 * run retries while it has attempts left), or the run waits for a duration and then runs
 * the next step of the same attempt. Open for more ways to wait (a waitpoint token).
 */
public sealed interface StepOutcome {

	/**
	 * The attempt succeeded; the run completes.
	 *
	 * @param output the output, or {@code null} for none
	 */
	record Complete(@Nullable JsonNode output) implements StepOutcome {
	}

	/**
	 * The attempt failed.
	 *
	 * @param error the run's error ({@code {message, name, stackTrace}})
	 */
	record Fail(JsonNode error) implements StepOutcome {

		public Fail {
			Objects.requireNonNull(error, "error must not be null");
		}

	}

	/**
	 * The run waits (status WAITING) for a duration of engine time, then runs the next
	 * step.
	 *
	 * @param duration how long to wait
	 */
	record Wait(Duration duration) implements StepOutcome {

		public Wait {
			Objects.requireNonNull(duration, "duration must not be null");
			if (duration.isNegative()) {
				throw new IllegalArgumentException("duration must not be negative but was " + duration);
			}
		}

	}

}
