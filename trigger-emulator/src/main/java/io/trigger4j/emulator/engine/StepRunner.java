package io.trigger4j.emulator.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Runs step functions on daemon threads named {@code trigger-emulator-task}, never on a
 * thread holding the engine's lock.
 */
final class StepRunner {

	static final String THREAD_NAME = "trigger-emulator-task";

	private final ExecutorService executor;

	private final Duration timeout;

	/** On a task thread: when the step it runs started (engine time). */
	private final ThreadLocal<Instant> stepStart = new ThreadLocal<>();

	StepRunner(Duration timeout) {
		this.timeout = timeout;
		ThreadFactory threads = (task) -> {
			Thread thread = new Thread(task, THREAD_NAME);
			thread.setDaemon(true);
			return thread;
		};
		this.executor = Executors.newCachedThreadPool(threads);
	}

	/**
	 * Starts a step: its function is called once, on a task thread.
	 * @param startedAt when the step starts, in engine time
	 * @param token the token the previous step waited for, or {@code null}
	 */
	StepExecution start(StepFunction function, String runId, String taskIdentifier, int attempt, int step,
			Instant startedAt, @Nullable JsonNode payload, @Nullable WaitpointSnapshot token) {
		StepExecution execution = new StepExecution(this.timeout);
		Runnable body = () -> {
			this.stepStart.set(startedAt);
			try {
				// Copies: the stored payload and token output must not change whatever
				// the
				// function does.
				JsonNode copy = (payload != null) ? payload.deepCopy() : null;
				WaitpointSnapshot seen = (token != null) ? token.withOutputCopy() : null;
				StepOutcome outcome = function
					.run(new StepContext(runId, taskIdentifier, attempt, step, startedAt, copy, seen));
				execution.result().complete(Outcomes.stored(outcome));
			}
			catch (Throwable ex) {
				execution.result().complete(Outcomes.failure(ex));
			}
			finally {
				this.stepStart.remove();
			}
		};
		try {
			execution.worker(this.executor.submit(body));
		}
		catch (RejectedExecutionException ex) {
			execution.result().complete(Outcomes.failure(ex));
		}
		return execution;
	}

	/** Whether the current thread is running a step function of this engine. */
	boolean onTaskThread() {
		return this.stepStart.get() != null;
	}

	/**
	 * When the step the current thread runs started, or {@code null} off the task
	 * threads.
	 */
	@Nullable Instant stepStart() {
		return this.stepStart.get();
	}

	/** Ends the task threads, interrupting running steps. */
	void close() {
		this.executor.shutdownNow();
	}

}
