package io.trigger4j.emulator.engine;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What a step of an attempt sees.
 *
 * @param runId the run id
 * @param taskIdentifier the task
 * @param attempt the attempt number, from 1
 * @param step the step number within the attempt, from 1 (a step after a wait is the
 * next)
 * @param startedAt when the step started, in engine time: what the step does (a token it
 * creates) happens then, however late the tick that started it
 * @param payload the run's payload as plain JSON, or {@code null} when none was sent
 * @param token the token the previous step waited for ({@link StepOutcome.WaitForToken}),
 * completed or timed out; {@code null} after any other step
 */
public record StepContext(String runId, String taskIdentifier, int attempt, int step, Instant startedAt,
		@Nullable JsonNode payload, @Nullable WaitpointSnapshot token) {

	/**
	 * Checks that the start instant is present.
	 * @param runId the run id
	 * @param taskIdentifier the task
	 * @param attempt the attempt number, from 1
	 * @param step the step number within the attempt, from 1 (a step after a wait is the
	 * next)
	 * @param startedAt when the step started, in engine time: what the step does (a token
	 * it creates) happens then, however late the tick that started it
	 * @param payload the run's payload as plain JSON, or {@code null} when none was sent
	 * @param token the token the previous step waited for
	 * ({@link StepOutcome.WaitForToken}), completed or timed out; {@code null} after any
	 * other step
	 */
	public StepContext {
		Objects.requireNonNull(startedAt, "startedAt must not be null");
	}

	/**
	 * The context of a step that does not follow a token wait.
	 * @param runId the run id
	 * @param taskIdentifier the task
	 * @param attempt the attempt number, from 1
	 * @param step the step number within the attempt, from 1 (a step after a wait is the
	 * next)
	 * @param startedAt when the step started, in engine time: what the step does (a token
	 * it creates) happens then, however late the tick that started it
	 * @param payload the run's payload as plain JSON, or {@code null} when none was sent
	 */
	public StepContext(String runId, String taskIdentifier, int attempt, int step, Instant startedAt,
			@Nullable JsonNode payload) {
		this(runId, taskIdentifier, attempt, step, startedAt, payload, null);
	}

}
