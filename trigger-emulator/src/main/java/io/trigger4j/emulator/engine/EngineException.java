package io.trigger4j.emulator.engine;

import java.util.Map;

/**
 * A request the engine refuses, with the server's exact status and message (and headers
 * such as {@code x-should-retry}); the api layer answers it as {@code {"error":
 * message}}. Nothing is changed by a refused request.
 */
public final class EngineException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final int status;

	private final transient Map<String, String> headers;

	public EngineException(int status, String message) {
		this(status, message, Map.of());
	}

	public EngineException(int status, String message, Map<String, String> headers) {
		super(message, null, false, false);
		this.status = status;
		this.headers = Map.copyOf(headers);
	}

	public int status() {
		return this.status;
	}

	public Map<String, String> headers() {
		return this.headers;
	}

}
