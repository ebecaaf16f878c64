package io.trigger4j.client;

import io.trigger4j.client.error.TriggerException;

/**
 * The Trigger.dev v3 REST API, one accessor per resource. Build one with
 * {@link TriggerClient#builder()}, or inject it with the Spring Boot starter.
 * Thread-safe; share one instance per key.
 *
 * <p>
 * Every method returns a cold {@code Mono} or {@code Flux}: nothing is sent until it is
 * subscribed, and each subscription sends the call again. Arguments are checked when the
 * method is called, before anything is sent: bad input throws
 * {@link IllegalArgumentException} (or {@link NullPointerException} for a null) naming
 * the argument. Failures are signalled as {@link TriggerException}s.
 */
public interface TriggerOperations {

	/** Triggering tasks, one at a time or in batches. */
	TasksOperations tasks();

	/** Retrieving, listing and managing runs. */
	RunsOperations runs();

	/**
	 * Operations that share this one's connection, key and observations but retry as the
	 * given settings say; for example {@code withRetry(TriggerRetrySettings.none())} for
	 * a call that must answer fast. Implementations that cannot change their retries
	 * return themselves.
	 */
	default TriggerOperations withRetry(TriggerRetrySettings retry) {
		return this;
	}

}
