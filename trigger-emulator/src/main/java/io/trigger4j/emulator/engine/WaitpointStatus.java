package io.trigger4j.emulator.engine;

/**
 * A waitpoint token's status as the API shows it: the server stores a timed-out token as
 * completed with an error output, and shows it as {@code TIMED_OUT}.
 */
public enum WaitpointStatus {

	/** Not completed yet; runs waiting on it stay WAITING. */
	WAITING,

	/** Completed with data (or none). */
	COMPLETED,

	/** Its timeout passed first; its output is the timeout error. */
	TIMED_OUT

}
