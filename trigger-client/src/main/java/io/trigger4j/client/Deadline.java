package io.trigger4j.client;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;

/**
 * A {@code Mono} that fails with a {@link TimeoutException}, or an error of the caller's
 * (and cancels its source) when its source has not answered within a time, measured on a
 * {@link DeadlineTimer} (the client's scheduler, so virtual time serves in tests). What
 * {@code Mono.timeout(Duration, Scheduler)} does, without the description it builds for
 * every subscription and the inner subscribers: one scheduled task per subscription,
 * cancelled when the source answers.
 *
 * @param <T> the value's type
 */
final class Deadline<T> extends Mono<T> {

	private final Mono<T> source;

	private final long millis;

	private final DeadlineTimer timer;

	private final Supplier<? extends Throwable> expired;

	private Deadline(Mono<T> source, long millis, DeadlineTimer timer, Supplier<? extends Throwable> expired) {
		this.source = source;
		this.millis = millis;
		this.timer = timer;
		this.expired = expired;
	}

	/**
	 * The source, failing with a {@link TimeoutException} if it has not answered within
	 * the time.
	 */
	static <T> Mono<T> of(Mono<T> source, Duration timeout, DeadlineTimer timer) {
		long millis = Math.max(1, timeout.toMillis());
		return of(source, timeout, timer, () -> new TimeoutException("no answer within " + millis + " ms"));
	}

	/**
	 * The source, failing with the error {@code expired} makes if it has not answered
	 * within the time.
	 */
	static <T> Mono<T> of(Mono<T> source, Duration timeout, DeadlineTimer timer,
			Supplier<? extends Throwable> expired) {
		return Mono.onAssembly(new Deadline<>(source, Math.max(1, timeout.toMillis()), timer, expired));
	}

	@Override
	public void subscribe(CoreSubscriber<? super T> actual) {
		Bounded<T> bounded = new Bounded<>(actual);
		actual.onSubscribe(bounded);
		try {
			bounded.expiry(this.timer.schedule(() -> bounded.terminate(this.expired.get()), this.millis));
		}
		catch (RejectedExecutionException ex) {
			bounded.terminate(Operators.onRejectedExecution(ex, actual.currentContext()));
			return;
		}
		this.source.subscribe(bounded);
	}

	private static final class Bounded<T> extends Terminable<T> {

		private volatile @Nullable Disposable expiry;

		Bounded(CoreSubscriber<? super T> actual) {
			super(actual);
		}

		void expiry(Disposable expiry) {
			this.expiry = expiry;
			if (isDone()) {
				expiry.dispose();
			}
		}

		@Override
		void finished() {
			Disposable expiry = this.expiry;
			if (expiry != null) {
				expiry.dispose();
			}
		}

	}

}
