package io.trigger4j.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.trigger4j.client.error.TriggerException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
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
		Mono<T> metered = this.meters.call(operation, call);
		return Mono.defer(() -> {
			Accepted accepted = accept(false);
			if (accepted == null) {
				return Mono.error(closed(operation));
			}
			return metered.takeUntilOther(accepted.aborted())
				.switchIfEmpty(accepted.failIfAborted(operation))
				.doFinally((signal) -> accepted.done());
		});
	}

	@Override
	<T> Flux<T> call(Operation operation, Flux<T> call) {
		Flux<T> metered = this.meters.call(operation, call);
		return Flux.defer(() -> {
			Accepted accepted = accept(true);
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
			running.stream().filter((call) -> call.stream).forEach(Accepted::abort);
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

	/** A new accepted call, or {@code null} when the client is closed. */
	private @Nullable Accepted accept(boolean stream) {
		if (isClosed()) {
			return null;
		}
		Accepted accepted = new Accepted(stream);
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

	/** One accepted call: its abort signal and its end. */
	private final class Accepted {

		/**
		 * A stream (realtime feed) lasts as long as the server writes: nothing to wait
		 * for, so it is failed as soon as the client is closed.
		 */
		private final boolean stream;

		private final Sinks.Empty<Void> abort = Sinks.empty();

		private final Sinks.Empty<Void> end = Sinks.empty();

		private volatile boolean aborted;

		Accepted(boolean stream) {
			this.stream = stream;
		}

		/** Completes when the shutdown's grace has passed; the call is then failed. */
		Mono<Void> aborted() {
			return this.abort.asMono().doOnSuccess((ignored) -> this.aborted = true);
		}

		<T> Mono<T> failIfAborted(Operation operation) {
			return Mono.defer(
					() -> this.aborted
							? Mono.error(
									new TriggerException(
											operation.observationName()
													+ " failed: the Trigger.dev client was closed during the call"
													+ (this.stream ? ""
															: " and its shutdown grace of "
																	+ TrackingClientSignals.this.grace + " passed"),
											null))
							: Mono.empty());
		}

		void abort() {
			this.abort.tryEmitEmpty();
		}

		Mono<Void> ended() {
			return this.end.asMono();
		}

		void done() {
			TrackingClientSignals.this.accepted.remove(this);
			this.end.tryEmitEmpty();
		}

	}

}
