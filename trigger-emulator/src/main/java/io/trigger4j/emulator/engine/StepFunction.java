package io.trigger4j.emulator.engine;

/**
 * The body of a task, one step at a time. Called outside the engine's lock, never on an
 * I/O thread; it may take real time, up to the engine's handler timeout.
 */
@FunctionalInterface
public interface StepFunction {

	/**
	 * Runs one step of an attempt.
	 * @param context the run, attempt, step, payload and awaited token
	 * @return how the step ends; a thrown exception ends it as a failure
	 * @throws Exception to fail the attempt
	 */
	StepOutcome run(StepContext context) throws Exception;

}
