package io.trigger4j.emulator.engine;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

/**
 * One step of an attempt: its function runs once, on a task thread, from the moment the
 * step starts. Its outcome is recorded (under the engine's lock) the first time the
 * engine needs it: what the function returned, or a failure once the handler timeout has
 * passed in real time since the step started. Once recorded, it never changes.
 */
final class StepExecution {

	private final CompletableFuture<StepOutcome> result = new CompletableFuture<>();

	private final long startNanos = System.nanoTime();

	private final long timeoutNanos;

	private final Duration timeout;

	private volatile @Nullable Future<?> worker;

	/** The recorded outcome; read and written only under the engine's lock. */
	private @Nullable StepOutcome outcome;

	StepExecution(Duration timeout) {
		this.timeout = timeout;
		this.timeoutNanos = Times.nanos(timeout);
	}

	CompletableFuture<StepOutcome> result() {
		return this.result;
	}

	void worker(Future<?> worker) {
		this.worker = worker;
	}

	/** The recorded outcome, or {@code null} while it is not known. */
	@Nullable StepOutcome outcome() {
		return this.outcome;
	}

	/**
	 * Records the outcome if the function has returned or the timeout has passed; whether
	 * it is known. Called under the engine's lock.
	 */
	boolean resolve() {
		if (this.outcome != null) {
			return true;
		}
		if (this.result.isDone() && !this.result.isCancelled()) {
			this.outcome = this.result.getNow(null);
			if (this.outcome == null) {
				this.outcome = Outcomes.failure(new IllegalStateException("Step function returned no outcome"));
			}
			return true;
		}
		if (remainingNanos() <= 0 || this.result.isCancelled()) {
			this.outcome = Outcomes.failure(new TimeoutException("Task handler did not return within " + this.timeout));
			Future<?> running = this.worker;
			if (running != null) {
				running.cancel(true);
			}
			return true;
		}
		return false;
	}

	/**
	 * Gives the step up (its run is gone): a thread waiting for it stops waiting, and the
	 * function's thread is interrupted; its outcome is never recorded.
	 */
	void abandon() {
		this.result.complete(Outcomes.failure(new CancellationException("The emulator was reset")));
		Future<?> running = this.worker;
		if (running != null) {
			running.cancel(true);
		}
	}

	/**
	 * Waits, without the engine's lock, until the function returns or the timeout passes;
	 * whether the waiting thread was interrupted.
	 */
	boolean await() {
		long remaining = remainingNanos();
		if (remaining <= 0) {
			return false;
		}
		try {
			this.result.get(remaining, TimeUnit.NANOSECONDS);
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return true;
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			return false;
		}
	}

	private long remainingNanos() {
		long elapsed = System.nanoTime() - this.startNanos;
		return this.timeoutNanos - elapsed;
	}

}
