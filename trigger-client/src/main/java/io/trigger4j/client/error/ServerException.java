package io.trigger4j.client.error;

import java.util.List;
import java.util.Map;

/** The server failed (HTTP 5xx); usually transient. */
public class ServerException extends TriggerApiException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception for a 5xx response, reading the server's message from the
	 * body as the client does.
	 * @param operation the operation that failed, such as {@code runs.retrieve}
	 * @param statusCode the status, 500 to 599
	 * @param headers the response headers
	 * @param body the response body (may be empty)
	 */
	public ServerException(String operation, int statusCode, Map<String, List<String>> headers, String body) {
		super(operation, statusCode, headers, body);
		if (statusCode < 500 || statusCode > 599) {
			throw new IllegalArgumentException("statusCode must be between 500 and 599 but was " + statusCode);
		}
	}

}
