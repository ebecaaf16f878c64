package io.trigger4j.client.error;

import java.util.List;
import java.util.Map;

/** The request conflicts with the resource's state (HTTP 409). */
public class ConflictException extends TriggerApiException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception for a 409 response, reading the server's message, validation
	 * details and rate-limit figures from the body and headers as the client does.
	 * @param operation the operation that failed, such as {@code runs.retrieve}
	 * @param headers the response headers
	 * @param body the response body (may be empty)
	 */
	public ConflictException(String operation, Map<String, List<String>> headers, String body) {
		super(operation, 409, headers, body);
	}

}
