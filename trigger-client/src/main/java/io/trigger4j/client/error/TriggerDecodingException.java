package io.trigger4j.client.error;

import org.jspecify.annotations.Nullable;

/**
 * A successful response, or a {@code JsonValue}, could not be read as the type asked for.
 */
public class TriggerDecodingException extends TriggerException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception with a message.
	 * @param message the message
	 */
	public TriggerDecodingException(String message) {
		super(message, null);
	}

	/**
	 * Creates an exception with a message and the cause.
	 * @param message the message
	 * @param cause the cause, if any
	 */
	public TriggerDecodingException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
