package io.trigger4j.client;

import java.time.Duration;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the transport tells about the calls of one client, for its meters and its
 * shutdown. One per client, shared by all its views through
 * {@link TriggerHttp.ClientState}. {@link #NONE} reports nowhere and refuses no call.
 */
class ClientSignals {

	/** Reports nowhere, refuses no call. */
	static final ClientSignals NONE = new ClientSignals();

	/**
	 * Follows one accepted call (one request with its retries and waits) from
	 * subscription to its end.
	 */
	<T> Mono<T> call(Operation operation, Mono<T> call) {
		return call;
	}

	/**
	 * Follows one accepted call that answers a stream (one request with its retries and
	 * waits) from subscription to its end.
	 */
	<T> Flux<T> call(Operation operation, Flux<T> call) {
		return call;
	}

	/** A call is about to wait and send again after this failure. */
	void retrying(Operation operation, Throwable failure) {
	}

	/**
	 * A call waited this long for the rate-limit bucket (after a 429, or queued locally
	 * while the bucket is known to be empty).
	 */
	void rateLimitWaited(Operation operation, Duration waited) {
	}

	/** A call failed because its deadline passed. */
	void deadlineExpired(Operation operation) {
	}

	/**
	 * The server said this much of the environment's rate-limit budget is left
	 * ({@code x-ratelimit-remaining}).
	 */
	void rateLimitRemaining(long remaining) {
	}

	/**
	 * The client was closed and its calls have ended: release what the signals hold (such
	 * as a registered gauge).
	 */
	void clientClosed() {
	}

}
