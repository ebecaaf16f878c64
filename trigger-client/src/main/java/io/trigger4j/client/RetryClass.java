package io.trigger4j.client;

/**
 * Whether an operation may be sent again after a failure where the server may have acted
 * (a timeout, a reset connection, 408, 409, 5xx). Failures where the server certainly did
 * nothing (a request that never left the client, 429) are retried for every operation;
 * see {@link RetryStrategy}.
 */
enum RetryClass {

	/** Repeating cannot duplicate anything: reads, cancel, tags, metadata, reschedule. */
	SAFE,

	/**
	 * Repeating could duplicate something unless the call itself makes it safe: a trigger
	 * (always: the user's idempotency key, a generated one, or the request idempotency
	 * header with which the server answers a repeat with the first run), a batch carrying
	 * an idempotency key, an environment-variable import that overrides. The call says so
	 * with {@link ApiCall.Builder#repeatableWhen(boolean)}.
	 */
	CONDITIONAL,

	/** Every call creates something new: replay. */
	NEVER

}
