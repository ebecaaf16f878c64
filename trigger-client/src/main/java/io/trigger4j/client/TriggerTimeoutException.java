package io.trigger4j.client;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * No answer arrived in time: a response within the response timeout, or a finished run
 * within an await.
 */
public class TriggerTimeoutException extends TriggerTransportException {

	private static final long serialVersionUID = 1L;

	private final Duration timeout;

	TriggerTimeoutException(String operation, Duration timeout, @Nullable Throwable cause) {
		super(operation, "no answer within " + timeout, false, cause);
		this.timeout = timeout;
	}

	/** The timeout that passed. */
	public Duration timeout() {
		return this.timeout;
	}

}
