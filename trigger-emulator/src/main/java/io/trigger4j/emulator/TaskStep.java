package io.trigger4j.emulator;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * How a {@link TaskHandler} ends a step, when returning the output or throwing is not
 * enough: complete with an output, fail with a message, or wait (the run shows WAITING)
 * for a duration of emulator time or for a waitpoint token, and then be called again with
 * the next {@linkplain TaskInvocation#step() step}.
 *
 * <pre>{@code
 * EmulatedTask.of("approve", (run) -> (run.step() == 1) ? TaskStep.waitFor(Duration.ofHours(1))
 *         : TaskStep.complete(Map.of("approved", true)));
 *
 * EmulatedTask.of("review", (run) -> (run.step() == 1)
 *         ? TaskStep.waitForToken(run.createToken(Duration.ofDays(1)))
 *         : TaskStep.complete(run.tokenResult().ok() ? run.tokenResult().outputAsMap() : Map.of("timedOut", true)));
 * }</pre>
 */
public final class TaskStep {

	enum Kind {

		COMPLETE, FAIL, WAIT, WAIT_FOR_TOKEN

	}

	private final Kind kind;

	private final @Nullable Object output;

	private final @Nullable String message;

	private final @Nullable Duration duration;

	private final @Nullable String tokenId;

	private TaskStep(Kind kind, @Nullable Object output, @Nullable String message, @Nullable Duration duration,
			@Nullable String tokenId) {
		this.kind = kind;
		this.output = output;
		this.message = message;
		this.duration = duration;
		this.tokenId = tokenId;
	}

	/**
	 * Completes the run with this output.
	 * @param output the run's output (anything Jackson can serialise), or {@code null}
	 * for none
	 * @return the step's end
	 */
	public static TaskStep complete(@Nullable Object output) {
		return new TaskStep(Kind.COMPLETE, output, null, null, null);
	}

	/**
	 * Fails the attempt with this message; the run retries while it has attempts left.
	 * @param message the error message the run shows
	 * @return the step's end
	 */
	public static TaskStep fail(String message) {
		return new TaskStep(Kind.FAIL, null, Objects.requireNonNull(message, "message must not be null"), null, null);
	}

	/**
	 * Waits this long (emulator time), then calls the handler again with the next step.
	 * @param duration how long to wait, not negative
	 * @return the step's end
	 */
	public static TaskStep waitFor(Duration duration) {
		Objects.requireNonNull(duration, "duration must not be null");
		if (duration.isNegative()) {
			throw new IllegalArgumentException("duration must not be negative but was " + duration);
		}
		return new TaskStep(Kind.WAIT, null, null, duration, null);
	}

	/**
	 * Waits until a waitpoint token completes or times out (emulator time), then calls
	 * the handler again with the next step, which reads the outcome from
	 * {@link TaskInvocation#tokenResult()}: the completion data, or the timeout error. A
	 * token completed already resumes the run at once; an unknown one fails the attempt.
	 * Cancelling the waiting run leaves the token as it is.
	 * @param tokenId the token's id ({@code waitpoint_...}), from
	 * {@link TaskInvocation#createToken()} or {@code POST /api/v1/waitpoints/tokens}
	 * @return the step's end
	 */
	public static TaskStep waitForToken(String tokenId) {
		Objects.requireNonNull(tokenId, "tokenId must not be null");
		if (tokenId.isBlank()) {
			throw new IllegalArgumentException("tokenId must not be blank");
		}
		return new TaskStep(Kind.WAIT_FOR_TOKEN, null, null, null, tokenId);
	}

	Kind kind() {
		return this.kind;
	}

	@Nullable Object output() {
		return this.output;
	}

	@Nullable String message() {
		return this.message;
	}

	@Nullable Duration duration() {
		return this.duration;
	}

	@Nullable String tokenId() {
		return this.tokenId;
	}

	@Override
	public String toString() {
		return switch (this.kind) {
			case COMPLETE -> "TaskStep.complete";
			case FAIL -> "TaskStep.fail(" + this.message + ")";
			case WAIT -> "TaskStep.waitFor(" + this.duration + ")";
			case WAIT_FOR_TOKEN -> "TaskStep.waitForToken(" + this.tokenId + ")";
		};
	}

}
