package io.trigger4j.client.error;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * No answer arrived in time: a response within the response timeout, a call within its
 * deadline, or a finished run within an await.
 */
public class TriggerTimeoutException extends TriggerTransportException {

	private static final long serialVersionUID = 1L;

	/** The timeout that passed. */
	private final Duration timeout;

	/**
	 * Creates an exception.
	 * @param operation the operation that timed out, such as {@code runs.awaitCompletion}
	 * @param timeout the timeout that passed
	 * @param cause the underlying failure, if any
	 */
	public TriggerTimeoutException(String operation, Duration timeout, @Nullable Throwable cause) {
		this(operation, "no answer within " + timeout, timeout, cause);
	}

	/**
	 * Creates an exception with its own message.
	 * @param operation the operation that timed out, such as {@code runs.retrieve}
	 * @param message what happened, such as
	 * {@code no answer within the deadline of PT10S}
	 * @param timeout the timeout that passed
	 * @param cause the underlying failure, if any
	 */
	public TriggerTimeoutException(String operation, String message, Duration timeout, @Nullable Throwable cause) {
		super(operation, message, false, cause);
		this.timeout = timeout;
	}

	/**
	 * {@return the timeout that passed}
	 */
	public Duration timeout() {
		return this.timeout;
	}

}
