package io.trigger4j.client;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The server answered with an error status. Subtypes exist for the statuses worth
 * catching: {@link BadRequestException} (400), {@link AuthenticationException} (401),
 * {@link PermissionDeniedException} (403), {@link NotFoundException} (404),
 * {@link ConflictException} (409), {@link UnprocessableEntityException} (422),
 * {@link RateLimitException} (429) and {@link ServerException} (5xx).
 *
 * <p>
 * The message names the operation, the status and the server's own message (taken from
 * {@code error}, {@code message} or problem+json {@code detail}); it never contains the
 * request's credentials.
 */
public class TriggerApiException extends TriggerException {

	private static final long serialVersionUID = 1L;

	private final String operation;

	private final int statusCode;

	private final @Nullable String serverMessage;

	private final List<ValidationIssue> details;

	private final RateLimit rateLimit;

	private final boolean retryAdvised;

	private final @Nullable Boolean shouldRetryHeader;

	private final String responseBody;

	private final Map<String, List<String>> headers;

	TriggerApiException(Response response) {
		super(response.operation() + " failed with HTTP " + response.statusCode()
				+ ((response.serverMessage() != null) ? ": " + response.serverMessage() : ""), null);
		this.operation = response.operation();
		this.statusCode = response.statusCode();
		this.serverMessage = response.serverMessage();
		this.details = response.details();
		this.rateLimit = response.rateLimit();
		this.retryAdvised = response.retryAdvised();
		this.shouldRetryHeader = response.shouldRetryHeader();
		this.responseBody = response.body();
		this.headers = response.headers();
	}

	/** The operation that failed, such as {@code runs.retrieve}. */
	public String operation() {
		return this.operation;
	}

	/** The HTTP status code. */
	public int statusCode() {
		return this.statusCode;
	}

	/** The server's message, or {@code null} if the body had none. */
	public @Nullable String serverMessage() {
		return this.serverMessage;
	}

	/**
	 * Validation details ({@code details} or {@code issues}), empty when the server sent
	 * none.
	 */
	public List<ValidationIssue> details() {
		return this.details;
	}

	/** The rate-limit figures of the response; fields are {@code null} when absent. */
	public RateLimit rateLimit() {
		return this.rateLimit;
	}

	/**
	 * Whether trying again later may succeed: the server's {@code x-should-retry} header
	 * when present, otherwise {@code true} for 408, 409, 429 and 5xx.
	 */
	public boolean isRetryAdvised() {
		return this.retryAdvised;
	}

	/** The server's {@code x-should-retry} header, or {@code null} when absent. */
	@Nullable Boolean shouldRetryHeader() {
		return this.shouldRetryHeader;
	}

	/** The raw response body (may be empty). */
	public String responseBody() {
		return this.responseBody;
	}

	/** The response headers, names in lower case. */
	public Map<String, List<String>> headers() {
		return this.headers;
	}

	/** What a response said, gathered once by the transport. */
	record Response(String operation, int statusCode, @Nullable String serverMessage, List<ValidationIssue> details,
			RateLimit rateLimit, boolean retryAdvised, @Nullable Boolean shouldRetryHeader, String body,
			Map<String, List<String>> headers) {
	}

}
