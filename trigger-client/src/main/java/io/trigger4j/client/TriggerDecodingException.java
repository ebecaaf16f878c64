package io.trigger4j.client;

import org.jspecify.annotations.Nullable;

/**
 * A successful response, or a {@link JsonValue}, could not be read as the type asked for.
 */
public class TriggerDecodingException extends TriggerException {

	private static final long serialVersionUID = 1L;

	TriggerDecodingException(String message) {
		super(message, null);
	}

	TriggerDecodingException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
