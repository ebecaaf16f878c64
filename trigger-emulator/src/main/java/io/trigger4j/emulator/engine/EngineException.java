package io.trigger4j.emulator.engine;

import java.util.Map;

/**
 * A request the engine refuses, with the server's exact status and message (and headers
 * such as {@code x-should-retry}); the api layer answers it as {@code {"error":
 * message}}. Nothing is changed by a refused request.
 */
public final class EngineException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/** The HTTP status to answer, such as 404 or 422. */
	private final int status;

	private final transient Map<String, String> headers;

	/**
	 * A refusal without headers of its own.
	 * @param status the HTTP status to answer
	 * @param message the server's message, answered as {@code {"error": message}}
	 */
	public EngineException(int status, String message) {
		this(status, message, Map.of());
	}

	/**
	 * A refusal whose answer carries headers too.
	 * @param status the HTTP status to answer
	 * @param message the server's message, answered as {@code {"error": message}}
	 * @param headers the answer's headers, such as {@code x-should-retry}
	 */
	public EngineException(int status, String message, Map<String, String> headers) {
		super(message, null, false, false);
		this.status = status;
		this.headers = Map.copyOf(headers);
	}

	/**
	 * {@return the HTTP status to answer}
	 */
	public int status() {
		return this.status;
	}

	/**
	 * {@return the headers the answer carries (empty for none)}
	 */
	public Map<String, String> headers() {
		return this.headers;
	}

}
