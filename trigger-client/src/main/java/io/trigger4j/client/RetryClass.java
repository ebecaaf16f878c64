package io.trigger4j.client;

/**
 * Whether an operation may be sent again after a failure where the server may have acted
 * (a timeout, a reset connection, 408, 409, 5xx). Failures where the server certainly did
 * nothing (a refused connection, 429) are retried for every operation; see
 * {@link RetryStrategy}.
 */
enum RetryClass {

	/** Repeating cannot duplicate anything: reads, cancel, tags, metadata, reschedule. */
	SAFE,

	/**
	 * Repeating could create a second run, unless the call carries an idempotency key:
	 * trigger and batch trigger.
	 */
	WITH_IDEMPOTENCY_KEY,

	/** Every call creates something new: replay. */
	NEVER

}
