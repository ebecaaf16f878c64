package io.trigger4j.emulator;

/**
 * The body of an emulated task: takes the invocation, returns the output (anything
 * Jackson can serialise, or {@code null}) or throws to fail the attempt. Runs on the
 * emulator's engine thread, so it should be quick; simulate long tasks with
 * {@link EmulatedTask#withDuration}.
 */
@FunctionalInterface
public interface TaskHandler {

	/** Runs one attempt. */
	Object run(TaskInvocation invocation) throws Exception;

}
