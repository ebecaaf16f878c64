package io.trigger4j.client.error;

import java.util.List;
import java.util.Map;

/** The credentials were missing or not accepted (HTTP 401). */
public class AuthenticationException extends TriggerApiException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception for a 401 response, reading the server's message, validation
	 * details and rate-limit figures from the body and headers as the client does.
	 * @param operation the operation that failed, such as {@code runs.retrieve}
	 * @param headers the response headers
	 * @param body the response body (may be empty)
	 */
	public AuthenticationException(String operation, Map<String, List<String>> headers, String body) {
		super(operation, 401, headers, body);
	}

}
