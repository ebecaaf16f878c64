package io.trigger4j.emulator;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * How a {@link TaskHandler} ends a step, when returning the output or throwing is not
 * enough: complete with an output, fail with a message, or wait for a duration of
 * emulator time (the run shows WAITING) and then be called again with the next
 * {@linkplain TaskInvocation#step() step}.
 *
 * <pre>{@code
 * EmulatedTask.of("approve", (run) -> (run.step() == 1) ? TaskStep.waitFor(Duration.ofHours(1))
 *         : TaskStep.complete(Map.of("approved", true)));
 * }</pre>
 */
public final class TaskStep {

	enum Kind {

		COMPLETE, FAIL, WAIT

	}

	private final Kind kind;

	private final @Nullable Object output;

	private final @Nullable String message;

	private final @Nullable Duration duration;

	private TaskStep(Kind kind, @Nullable Object output, @Nullable String message, @Nullable Duration duration) {
		this.kind = kind;
		this.output = output;
		this.message = message;
		this.duration = duration;
	}

	/** Completes the run with this output ({@code null} for none). */
	public static TaskStep complete(@Nullable Object output) {
		return new TaskStep(Kind.COMPLETE, output, null, null);
	}

	/**
	 * Fails the attempt with this message; the run retries while it has attempts left.
	 */
	public static TaskStep fail(String message) {
		return new TaskStep(Kind.FAIL, null, Objects.requireNonNull(message, "message must not be null"), null);
	}

	/**
	 * Waits this long (emulator time), then calls the handler again with the next step.
	 */
	public static TaskStep waitFor(Duration duration) {
		Objects.requireNonNull(duration, "duration must not be null");
		if (duration.isNegative()) {
			throw new IllegalArgumentException("duration must not be negative but was " + duration);
		}
		return new TaskStep(Kind.WAIT, null, null, duration);
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

	@Override
	public String toString() {
		return switch (this.kind) {
			case COMPLETE -> "TaskStep.complete";
			case FAIL -> "TaskStep.fail(" + this.message + ")";
			case WAIT -> "TaskStep.waitFor(" + this.duration + ")";
		};
	}

}
