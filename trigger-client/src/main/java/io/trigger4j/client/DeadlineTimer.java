package io.trigger4j.client;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Where the expiry of an attempt's timer is scheduled ({@link Deadline}): almost every
 * timer is cancelled, as almost every answer comes in time, so scheduling and cancelling
 * must be cheap. A client given a scheduler uses it (virtual time in tests). Otherwise
 * one wheel timer shared by all clients (Netty's {@link HashedWheelTimer}, 10 ms ticks, a
 * daemon thread started on first use): adding and cancelling a timeout takes no lock and
 * wakes no thread, where Reactor's parallel scheduler (a
 * {@code ScheduledThreadPoolExecutor}) takes a lock on both and wakes its worker, which
 * measured a tenth of a trigger's throughput at 64 calls in flight. A timeout fires up to
 * one tick late. While Reactor's parallel scheduler is not its own (replaced by virtual
 * time, as {@code StepVerifier.withVirtualTime} does, or by an application's factory),
 * that scheduler is used, as before.
 */
abstract class DeadlineTimer {

	private DeadlineTimer() {
	}

	/** Runs the task after the delay, unless the returned handle is disposed first. */
	abstract Disposable schedule(Runnable task, long millis);

	/**
	 * The timer for a call starting now.
	 * @param scheduler the client's scheduler, or {@code null} for none
	 */
	static DeadlineTimer of(@Nullable Scheduler scheduler) {
		if (scheduler != null) {
			return new OnScheduler(scheduler);
		}
		Scheduler parallel = Schedulers.parallel();
		return isReactorsOwn(parallel) ? Wheel.INSTANCE : new OnScheduler(parallel);
	}

	/**
	 * The last scheduler checked and what was found, one value so both are seen together.
	 */
	private record Checked(Scheduler scheduler, boolean own) {
	}

	private static volatile @Nullable Checked checked;

	/**
	 * Whether Reactor's parallel scheduler is the one Reactor makes itself (its cache
	 * holding a {@code ParallelScheduler}); remembered per instance.
	 */
	private static boolean isReactorsOwn(Scheduler parallel) {
		Checked last = checked;
		if (last != null && last.scheduler() == parallel) {
			return last.own();
		}
		boolean own = (parallel instanceof Supplier<?> cache) && cache.get() != null
				&& cache.get().getClass().getName().equals("reactor.core.scheduler.ParallelScheduler");
		checked = new Checked(parallel, own);
		return own;
	}

	private static final class OnScheduler extends DeadlineTimer {

		private final Scheduler scheduler;

		OnScheduler(Scheduler scheduler) {
			this.scheduler = scheduler;
		}

		@Override
		Disposable schedule(Runnable task, long millis) {
			return this.scheduler.schedule(task, millis, TimeUnit.MILLISECONDS);
		}

	}

	private static final class Wheel extends DeadlineTimer {

		static final Wheel INSTANCE = new Wheel();

		private final HashedWheelTimer timer = new HashedWheelTimer((runnable) -> {
			Thread thread = new DefaultThreadFactory("trigger4j-deadlines", true).newThread(runnable);
			// not the class loader of whichever application called first
			thread.setContextClassLoader(null);
			return thread;
		}, 10, TimeUnit.MILLISECONDS, 512);

		@Override
		Disposable schedule(Runnable task, long millis) {
			Timeout timeout;
			try {
				// What follows an expiry (error mapping, retries, the application's
				// handlers) runs on Reactor's parallel scheduler, not on the wheel's
				// thread that every client shares; expiries are rare.
				timeout = this.timer.newTimeout((expired) -> Schedulers.parallel().schedule(task), millis,
						TimeUnit.MILLISECONDS);
			}
			catch (IllegalStateException ex) {
				throw new RejectedExecutionException("the deadline timer is stopped", ex);
			}
			return new Disposable() {

				@Override
				public void dispose() {
					timeout.cancel();
				}

				@Override
				public boolean isDisposed() {
					return timeout.isCancelled() || timeout.isExpired();
				}

			};
		}

	}

}
