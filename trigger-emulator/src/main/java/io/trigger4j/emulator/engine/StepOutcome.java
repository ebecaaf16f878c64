package io.trigger4j.emulator.engine;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * How a step of an attempt ends: the run completes with an output, the attempt fails (the
 * run retries while it has attempts left), or the run waits (for a duration, or for a
 * waitpoint token) and then runs the next step of the same attempt.
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

		/**
		 * Checks that the error is present.
		 * @param error the run's error ({@code {message, name, stackTrace}})
		 */
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

		/**
		 * Checks that the duration is present and not negative.
		 * @param duration how long to wait
		 */
		public Wait {
			Objects.requireNonNull(duration, "duration must not be null");
			if (duration.isNegative()) {
				throw new IllegalArgumentException("duration must not be negative but was " + duration);
			}
		}

	}

	/**
	 * The run waits (status WAITING) until a waitpoint token completes or times out, then
	 * runs the next step, which sees the token ({@link StepContext#token()}). A token
	 * already completed resumes the run at once; an unknown one fails the attempt.
	 *
	 * @param tokenId the token's id ({@code waitpoint_...})
	 */
	record WaitForToken(String tokenId) implements StepOutcome {

		/**
		 * Checks that the token id is present.
		 * @param tokenId the token's id ({@code waitpoint_...})
		 */
		public WaitForToken {
			Objects.requireNonNull(tokenId, "tokenId must not be null");
		}

	}

}
