package io.trigger4j.client.error;

import java.util.List;
import java.util.Map;

/**
 * The resource does not exist, or the run has not finished where a finished run is needed
 * (HTTP 404).
 */
public class NotFoundException extends TriggerApiException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception for a 404 response, reading the server's message, validation
	 * details and rate-limit figures from the body and headers as the client does.
	 * @param operation the operation that failed, such as {@code runs.retrieve}
	 * @param headers the response headers
	 * @param body the response body (may be empty)
	 */
	public NotFoundException(String operation, Map<String, List<String>> headers, String body) {
		super(operation, 404, headers, body);
	}

}
