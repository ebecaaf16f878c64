package io.trigger4j.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.trigger4j.client.error.TriggerException;
import org.jspecify.annotations.Nullable;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * The {@link ClientSignals} of a built client: follows its accepted calls for
 * {@linkplain #shutdown() shutdown}, and passes the rest to its meters (or
 * {@link ClientSignals#NONE}).
 *
 * <p>
 * Once shut down, a new call fails on subscription with an {@link IllegalStateException}.
 * The calls accepted before (with their retries, back-offs and rate-limit waits) may
 * finish within the grace; those still running after it fail with a
 * {@link TriggerException} saying the client was closed during the call, and their
 * request is cancelled. Streams (realtime feeds), which end only when the server stops
 * writing, fail that way at once.
 */
final class TrackingClientSignals extends ClientSignals {

	private final ClientSignals meters;

	private final Duration grace;

	private final Supplier<Scheduler> timer;

	private final Set<Accepted> accepted = ConcurrentHashMap.newKeySet();

	private volatile @Nullable Mono<Void> shutdown;

	/**
	 * @param meters where retries, waits and expiries are recorded
	 * @param grace how long accepted calls may still run once the client is closed
	 * @param timer the scheduler of the grace, looked up when the client is closed
	 */
	TrackingClientSignals(ClientSignals meters, Duration grace, Supplier<Scheduler> timer) {
		this.meters = meters;
		this.grace = grace;
		this.timer = timer;
	}

	@Override
	<T> Mono<T> call(Operation operation, Mono<T> call) {
		return new TrackedMono<>(operation, this.meters.call(operation, call));
	}

	@Override
	<T> Flux<T> call(Operation operation, Flux<T> call) {
		Flux<T> metered = this.meters.call(operation, call);
		return Flux.defer(() -> {
			FluxAccepted accepted = accept(true);
			if (accepted == null) {
				return Flux.error(closed(operation));
			}
			return metered.takeUntilOther(accepted.aborted())
				.concatWith(accepted.failIfAborted(operation))
				.doFinally((signal) -> accepted.done());
		});
	}

	@Override
	void retrying(Operation operation, Throwable failure) {
		this.meters.retrying(operation, failure);
	}

	@Override
	void rateLimitWaited(Operation operation, Duration waited) {
		this.meters.rateLimitWaited(operation, waited);
	}

	@Override
	void deadlineExpired(Operation operation) {
		this.meters.deadlineExpired(operation);
	}

	@Override
	void rateLimitRemaining(long remaining) {
		this.meters.rateLimitRemaining(remaining);
	}

	/** The grace accepted calls get once the client is closed. */
	Duration grace() {
		return this.grace;
	}

	/** Whether the client was closed. */
	boolean isClosed() {
		return this.shutdown != null;
	}

	/** How many accepted calls have not ended yet. */
	int inFlight() {
		return this.accepted.size();
	}

	/**
	 * Closes the client, once: refuses new calls from now on, and completes when every
	 * accepted call has ended, failing those still running when the grace has passed.
	 * Later calls return the same completion.
	 */
	synchronized Mono<Void> shutdown() {
		Mono<Void> shutdown = this.shutdown;
		if (shutdown == null) {
			// Refuse new calls first: a call accepted before this is in the set below.
			this.shutdown = Mono.never();
			List<Accepted> running = new ArrayList<>(this.accepted);
			running.stream().filter(Accepted::stream).forEach(Accepted::abort);
			Mono<Void> allEnded = Mono.when(running.stream().map(Accepted::ended).toList());
			// No scheduler left (the JVM is shutting down): fail the rest at once.
			Mono<Long> graceOver = Mono.delay(this.grace, this.timer.get()).onErrorReturn(0L);
			shutdown = allEnded.timeout(graceOver, Mono.defer(() -> {
				running.forEach(Accepted::abort);
				return Mono.when(running.stream().map(Accepted::ended).toList());
			})).then(Mono.fromRunnable(this.meters::clientClosed)).then().cache();
			shutdown.subscribe();
			this.shutdown = shutdown;
		}
		return shutdown;
	}

	/** A new accepted stream, or {@code null} when the client is closed. */
	private @Nullable FluxAccepted accept(boolean stream) {
		if (isClosed()) {
			return null;
		}
		FluxAccepted accepted = new FluxAccepted(stream);
		this.accepted.add(accepted);
		if (isClosed()) {
			// Closed meanwhile: the shutdown may not have seen this call.
			accepted.done();
			return null;
		}
		return accepted;
	}

	private static IllegalStateException closed(Operation operation) {
		return new IllegalStateException("the Trigger.dev client is closed; " + operation.observationName()
				+ " was not sent (build a new client to make calls)");
	}

	/** One accepted call, as the shutdown sees it. */
	private interface Accepted {

		/**
		 * Whether it is a stream (realtime feed), which lasts as long as the server
		 * writes: nothing to wait for, so it is failed as soon as the client is closed.
		 */
		boolean stream();

		/** Fails the call: the shutdown's grace has passed. */
		void abort();

		/** Completes when the call has ended. */
		Mono<Void> ended();

	}

	private TriggerException abortedFailure(Operation operation, boolean stream) {
		return new TriggerException(
				operation.observationName() + " failed: the Trigger.dev client was closed during the call"
						+ (stream ? "" : " and its shutdown grace of " + this.grace + " passed"),
				null);
	}

	/**
	 * A call answering one value, followed without a sink or an inner subscriber of its
	 * own (the hot path: every request is one).
	 */
	private final class TrackedMono<T> extends Mono<T> {

		private final Operation operation;

		private final Mono<T> source;

		TrackedMono(Operation operation, Mono<T> source) {
			this.operation = operation;
			this.source = source;
		}

		@Override
		public void subscribe(CoreSubscriber<? super T> actual) {
			if (isClosed()) {
				Operators.error(actual, closed(this.operation));
				return;
			}
			TrackedCall<T> call = new TrackedCall<>(this.operation, actual);
			// The subscriber has its subscription before the shutdown can see the call
			// (and abort it).
			actual.onSubscribe(call);
			TrackingClientSignals.this.accepted.add(call);
			if (isClosed()) {
				// Closed meanwhile: the shutdown may not have seen this call.
				call.terminate(closed(this.operation));
				return;
			}
			this.source.subscribe(call);
		}

	}

	private final class TrackedCall<T> extends Terminable<T> implements Accepted {

		private final Operation operation;

		private Sinks.@Nullable Empty<Void> end;

		private boolean ended;

		TrackedCall(Operation operation, CoreSubscriber<? super T> actual) {
			super(actual);
			this.operation = operation;
		}

		@Override
		public boolean stream() {
			return false;
		}

		@Override
		public void abort() {
			terminate(abortedFailure(this.operation, false));
		}

		@Override
		public synchronized Mono<Void> ended() {
			if (this.ended) {
				return Mono.empty();
			}
			if (this.end == null) {
				this.end = Sinks.empty();
			}
			return this.end.asMono();
		}

		@Override
		void finished() {
			TrackingClientSignals.this.accepted.remove(this);
			Sinks.Empty<Void> end;
			synchronized (this) {
				this.ended = true;
				end = this.end;
			}
			if (end != null) {
				end.tryEmitEmpty();
			}
		}

	}

	/** An accepted stream: its abort signal and its end. */
	private final class FluxAccepted implements Accepted {

		private final boolean stream;

		private final Sinks.Empty<Void> abort = Sinks.empty();

		private final Sinks.Empty<Void> end = Sinks.empty();

		private volatile boolean aborted;

		FluxAccepted(boolean stream) {
			this.stream = stream;
		}

		@Override
		public boolean stream() {
			return this.stream;
		}

		/** Completes when the shutdown's grace has passed; the call is then failed. */
		Mono<Void> aborted() {
			return this.abort.asMono();
		}

		<T> Mono<T> failIfAborted(Operation operation) {
			return Mono.defer(() -> this.aborted ? Mono.error(abortedFailure(operation, this.stream)) : Mono.empty());
		}

		@Override
		public void abort() {
			this.aborted = true;
			this.abort.tryEmitEmpty();
		}

		@Override
		public Mono<Void> ended() {
			return this.end.asMono();
		}

		void done() {
			TrackingClientSignals.this.accepted.remove(this);
			this.end.tryEmitEmpty();
		}

	}

}
