package io.trigger4j.client;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * A subscriber between a {@code Mono} and its subscriber that something outside the chain
 * can end with an error (a deadline passing, the client closing): the one lightweight
 * operator the transport's hot path uses instead of {@code timeout} and
 * {@code takeUntilOther}, which build descriptions, sinks and inner subscribers for every
 * call. Exactly one of the source's answer, its error, the subscriber's cancel and
 * {@link #terminate(Throwable)} wins; whichever wins runs {@link #finished()} once. The
 * source's value is passed on with the completion at once (the source is a {@code Mono}),
 * so a later termination cannot follow it.
 *
 * @param <T> the value's type
 */
abstract class Terminable<T> extends Operators.DeferredSubscription implements CoreSubscriber<T> {

	@SuppressWarnings("rawtypes")
	private static final AtomicIntegerFieldUpdater<Terminable> DONE = AtomicIntegerFieldUpdater
		.newUpdater(Terminable.class, "done");

	final CoreSubscriber<? super T> actual;

	private volatile int done;

	Terminable(CoreSubscriber<? super T> actual) {
		this.actual = actual;
	}

	/** Runs once, when the call has ended in any way. */
	abstract void finished();

	/**
	 * Ends the call with this error, cancelling the source, unless it has already ended.
	 * @return whether this ended it
	 */
	final boolean terminate(Throwable error) {
		if (!finish()) {
			return false;
		}
		super.cancel();
		this.actual.onError(error);
		return true;
	}

	/** Whether the call has ended. */
	final boolean isDone() {
		return this.done != 0;
	}

	private boolean finish() {
		if (DONE.compareAndSet(this, 0, 1)) {
			finished();
			return true;
		}
		return false;
	}

	@Override
	public final void onSubscribe(Subscription subscription) {
		set(subscription);
	}

	@Override
	public final void onNext(T value) {
		if (finish()) {
			this.actual.onNext(value);
			this.actual.onComplete();
		}
		else {
			Operators.onDiscard(value, this.actual.currentContext());
		}
	}

	@Override
	public final void onError(Throwable error) {
		if (finish()) {
			this.actual.onError(error);
		}
		else {
			Operators.onErrorDropped(error, this.actual.currentContext());
		}
	}

	@Override
	public final void onComplete() {
		if (finish()) {
			this.actual.onComplete();
		}
	}

	@Override
	public final void cancel() {
		if (finish()) {
			super.cancel();
		}
	}

	@Override
	public final Context currentContext() {
		return this.actual.currentContext();
	}

}
