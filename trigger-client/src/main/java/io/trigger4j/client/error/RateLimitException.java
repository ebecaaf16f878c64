package io.trigger4j.client.error;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The rate limit was exceeded (HTTP 429). {@link #resetAt()} tells when the bucket
 * refills; trigger4j waits until then before retrying when the wait is within the
 * configured maximum.
 */
public class RateLimitException extends TriggerApiException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception for a 429 response, reading the server's message, validation
	 * details and rate-limit figures from the body and headers as the client does.
	 * @param operation the operation that failed, such as {@code runs.retrieve}
	 * @param headers the response headers
	 * @param body the response body (may be empty)
	 */
	public RateLimitException(String operation, Map<String, List<String>> headers, String body) {
		super(operation, 429, headers, body);
	}

	/**
	 * {@return when the rate-limit bucket refills, or {@code null} if the server did not
	 * say}
	 */
	public @Nullable Instant resetAt() {
		return rateLimit().resetAt();
	}

}
