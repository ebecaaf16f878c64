package io.trigger4j.client.model.tasks;

import java.util.Objects;

import io.trigger4j.client.error.TriggerException;
import io.trigger4j.client.model.runs.Run;
import io.trigger4j.client.model.runs.RunError;
import io.trigger4j.client.model.runs.RunStatus;
import org.jspecify.annotations.Nullable;

/**
 * An awaited run ended without success: FAILED, CRASHED, SYSTEM_FAILURE, EXPIRED,
 * TIMED_OUT, CANCELED (or another terminal status that is not COMPLETED). Carries the run
 * as last seen, with its status and error. Signalled by
 * {@code TasksOperations.triggerAndAwait}.
 */
public class RunFailedException extends TriggerException {

	private static final long serialVersionUID = 1L;

	private final transient Run run;

	/**
	 * Creates an exception for a run that ended without success.
	 * @param run the run, in its terminal status
	 */
	public RunFailedException(Run run) {
		super(message(Objects.requireNonNull(run, "run must not be null")), null);
		this.run = run;
	}

	private static String message(Run run) {
		RunError error = run.error();
		String reason = (error != null && error.message() != null)
				? ": " + ((error.name() != null) ? error.name() + ": " : "") + error.message() : "";
		return "Run " + run.id() + " of task " + run.taskIdentifier() + " ended " + run.status().value() + reason;
	}

	/**
	 * {@return the run, in its terminal status}
	 */
	public Run run() {
		return this.run;
	}

	/**
	 * {@return the run's terminal status, such as {@code FAILED} or {@code EXPIRED}}
	 */
	public RunStatus status() {
		return this.run.status();
	}

	/**
	 * The error the run failed with, or {@code null} when the run has none (an expired or
	 * canceled run, or a feed that does not carry errors).
	 * @return the error, or {@code null}
	 */
	public @Nullable RunError error() {
		return this.run.error();
	}

}
