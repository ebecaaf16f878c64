package io.trigger4j.client;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The rate limit was exceeded (HTTP 429). {@link #resetAt()} tells when the bucket
 * refills; trigger4j waits until then before retrying when the wait is within the
 * configured maximum.
 */
public class RateLimitException extends TriggerApiException {

	private static final long serialVersionUID = 1L;

	RateLimitException(Response response) {
		super(response);
	}

	/** When the rate-limit bucket refills, or {@code null} if the server did not say. */
	public @Nullable Instant resetAt() {
		return rateLimit().resetAt();
	}

}
