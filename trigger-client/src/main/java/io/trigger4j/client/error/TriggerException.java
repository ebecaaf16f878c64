package io.trigger4j.client.error;

import org.jspecify.annotations.Nullable;

/**
 * Root of every exception trigger4j signals. Unchecked. Messages never contain a secret
 * key or token.
 */
public class TriggerException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception with a message and an optional cause.
	 * @param message the message
	 * @param cause the cause, if any
	 */
	public TriggerException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
