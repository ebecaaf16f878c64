package io.trigger4j.client.model.runs;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.trigger4j.client.model.ServerEnum;

/**
 * The status of a run, as the server wrote it.
 *
 * <p>
 * The server owns this vocabulary and grows it, and the names it uses depend on the API
 * version (trigger4j sends {@code x-trigger-api-version: 2025-07-16} and gets the current
 * names; older clients get the legacy ones). A {@code RunStatus} therefore keeps the raw
 * string ({@link #value()}) and maps it to a {@link Known} value: current names, legacy
 * names and the engine's internal names all map, and anything else is
 * {@link Known#UNKNOWN} instead of a decoding failure.
 *
 * <p>
 * Whether a run has finished is decided here, from the status, never from the server's
 * {@code isCompleted} flag, which is {@code false} for EXPIRED and TIMED_OUT runs.
 */
public final class RunStatus extends ServerEnum<RunStatus.Known> {

	/** The statuses trigger4j knows, current and legacy. */
	public enum Known {

		/**
		 * Waiting for a deployed version of the task (legacy: also WAITING_FOR_DEPLOY).
		 */
		PENDING_VERSION(false),
		/**
		 * Legacy name for a run waiting for a deploy; current servers report
		 * PENDING_VERSION.
		 */
		WAITING_FOR_DEPLOY(false),
		/** Triggered with a delay that has not passed yet. */
		DELAYED(false),
		/** Queued, waiting for concurrency. */
		QUEUED(false),
		/** Taken from the queue, about to execute. */
		DEQUEUED(false),
		/** Executing. */
		EXECUTING(false),
		/** Legacy name for a run waiting to retry after a failed attempt. */
		REATTEMPTING(false),
		/** Waiting on a waitpoint (current name). */
		WAITING(false),
		/** Legacy name for a waiting run. */
		FROZEN(false),
		/** Finished successfully. */
		COMPLETED(true),
		/** Canceled. */
		CANCELED(true),
		/** Failed after its attempts ran out. */
		FAILED(true),
		/** Crashed. */
		CRASHED(true),
		/** Legacy name for an interrupted run (current servers report FAILED). */
		INTERRUPTED(true),
		/** Failed because of a platform error. */
		SYSTEM_FAILURE(true),
		/** Expired: its TTL passed before it started. */
		EXPIRED(true),
		/** Exceeded its maximum duration. */
		TIMED_OUT(true),
		/**
		 * A status this version of trigger4j does not know; see
		 * {@link RunStatus#value()}.
		 */
		UNKNOWN(false);

		private final boolean terminal;

		Known(boolean terminal) {
			this.terminal = terminal;
		}

	}

	private static final Map<String, Known> BY_NAME = new HashMap<>();

	static {
		for (Known known : Known.values()) {
			if (known != Known.UNKNOWN) {
				BY_NAME.put(known.name(), known);
			}
		}
		// The engine's internal names (seen in realtime feeds and older documents).
		BY_NAME.put("PENDING", Known.QUEUED);
		BY_NAME.put("RETRYING_AFTER_FAILURE", Known.REATTEMPTING);
		BY_NAME.put("WAITING_TO_RESUME", Known.WAITING);
		BY_NAME.put("PAUSED", Known.WAITING);
		BY_NAME.put("COMPLETED_SUCCESSFULLY", Known.COMPLETED);
		BY_NAME.put("COMPLETED_WITH_ERRORS", Known.FAILED);
	}

	/** Finished successfully. */
	public static final RunStatus COMPLETED = of("COMPLETED");

	/** Failed after its attempts ran out. */
	public static final RunStatus FAILED = of("FAILED");

	/** Canceled. */
	public static final RunStatus CANCELED = of("CANCELED");

	/** Queued, waiting for concurrency. */
	public static final RunStatus QUEUED = of("QUEUED");

	/** Executing. */
	public static final RunStatus EXECUTING = of("EXECUTING");

	/** Delayed until a later time. */
	public static final RunStatus DELAYED = of("DELAYED");

	private RunStatus(String value, Known known) {
		super(value, known);
	}

	/**
	 * The status for a raw status name; never fails, unknown names give
	 * {@link Known#UNKNOWN}.
	 * @param value the raw status name
	 * @return the status
	 */
	@JsonCreator
	public static RunStatus of(String value) {
		Objects.requireNonNull(value, "value must not be null");
		return new RunStatus(value, BY_NAME.getOrDefault(value.toUpperCase(Locale.ROOT), Known.UNKNOWN));
	}

	/**
	 * Whether the run has finished and will not change status again: COMPLETED, CANCELED,
	 * FAILED, CRASHED, INTERRUPTED, SYSTEM_FAILURE, EXPIRED or TIMED_OUT.
	 * @return whether the run has finished
	 */
	public boolean isTerminal() {
		return known().terminal;
	}

	/**
	 * {@return whether the run finished successfully}
	 */
	public boolean isSuccess() {
		return known() == Known.COMPLETED;
	}

	/**
	 * {@return whether the run finished without success (any terminal status but
	 * COMPLETED)}
	 */
	public boolean isFailure() {
		return isTerminal() && !isSuccess();
	}

}
