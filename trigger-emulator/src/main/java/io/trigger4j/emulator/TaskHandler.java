package io.trigger4j.emulator;

/**
 * The body of an emulated task: takes the invocation and returns the output (anything
 * Jackson can serialise, or {@code null}), returns a {@link TaskStep} (to fail without
 * throwing, or to wait and be called again), or throws to fail the attempt. Runs outside
 * the emulator's lock on a worker thread, never on an I/O thread; it may take real time,
 * but simulate long tasks with {@link EmulatedTask#withDuration} instead.
 */
@FunctionalInterface
public interface TaskHandler {

	/**
	 * Runs one step of an attempt.
	 * @param invocation the run, its payload and attempt, and the step being run
	 * @return the step's output, written as the run's output when the attempt succeeds
	 * (anything Jackson can serialise, or {@code null}), or a {@link TaskStep} to fail or
	 * wait
	 * @throws Exception to fail the attempt; the run is retried while attempts are left
	 */
	Object run(TaskInvocation invocation) throws Exception;

}
