package io.trigger4j.client.error;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The server answered with an error status. Subtypes exist for the statuses worth
 * catching: {@link BadRequestException} (400), {@link AuthenticationException} (401),
 * {@link PermissionDeniedException} (403), {@link NotFoundException} (404),
 * {@link ConflictException} (409), {@link UnprocessableEntityException} (422),
 * {@link RateLimitException} (429) and {@link ServerException} (5xx);
 * {@link #of(String, int, Map, String)} picks the one for a status.
 *
 * <p>
 * The message names the operation, the status and the server's own message (taken from
 * {@code error}, {@code message} or problem+json {@code detail}); it never contains the
 * request's credentials or the whole body. What looks like a credential in the body or
 * the headers (a key, a personal access token, a JWT, a {@code Bearer} value, as a proxy
 * may echo the request) is masked as {@code ******} before anything is read from them.
 * The exception and everything it holds is serializable.
 *
 * <p>
 * The constructors read a response as the client does, so applications can build the
 * exceptions the client would signal to test their own error handling.
 */
public class TriggerApiException extends TriggerException {

	private static final long serialVersionUID = 1L;

	/** The operation that failed. */
	private final String operation;

	/** The HTTP status code. */
	private final int statusCode;

	/** The server's message, if the body had one. */
	private final @Nullable String serverMessage;

	/** The validation details, empty when none were sent. */
	private final List<ValidationIssue> details;

	/** The rate-limit figures of the response. */
	private final RateLimit rateLimit;

	/** The server's {@code x-should-retry} header, if sent. */
	private final @Nullable Boolean shouldRetryHeader;

	/** The raw response body. */
	private final String responseBody;

	/** The response headers, names in lower case. */
	private final Map<String, List<String>> headers;

	/** How many attempts the call made. */
	private int attempts = 1;

	/** How the call was tried, as the message shows it, if it was retried. */
	private @Nullable String tried;

	/**
	 * Creates an exception for an error response.
	 * @param operation the operation that failed, such as {@code runs.retrieve}
	 * @param statusCode the HTTP status
	 * @param headers the response headers (names in any case)
	 * @param body the response body (may be empty)
	 * @see #of(String, int, Map, String)
	 */
	public TriggerApiException(String operation, int statusCode, Map<String, List<String>> headers, String body) {
		this(operation, statusCode, lowerCaseNames(headers),
				MaskedBody.of(Objects.requireNonNull(body, "body must not be null")));
	}

	private TriggerApiException(String operation, int statusCode, Map<String, List<String>> headers,
			MaskedBody masked) {
		this(operation, statusCode, headers, masked.body(), masked.parsed());
	}

	private TriggerApiException(String operation, int statusCode, Map<String, List<String>> headers, String body,
			ErrorBody parsed) {
		super(Objects.requireNonNull(operation, "operation must not be null") + " failed with HTTP " + statusCode
				+ ((parsed.message() != null) ? ": " + parsed.message() : ""), null);
		this.operation = operation;
		this.statusCode = statusCode;
		this.serverMessage = parsed.message();
		this.details = parsed.details();
		this.rateLimit = ErrorBody.rateLimit(headers, parsed);
		this.shouldRetryHeader = ErrorBody.shouldRetry(headers);
		this.responseBody = body;
		this.headers = headers;
	}

	/**
	 * The exception the client signals for an error response: the subtype for the status
	 * ({@link NotFoundException} for 404, {@link ServerException} for 5xx, ...), or a
	 * {@code TriggerApiException} for a status without one. The one place where statuses
	 * map to exception types.
	 * @param operation the operation that failed, such as {@code runs.retrieve}
	 * @param statusCode the HTTP status
	 * @param headers the response headers (names in any case)
	 * @param body the response body (may be empty)
	 * @return the exception for the status
	 */
	public static TriggerApiException of(String operation, int statusCode, Map<String, List<String>> headers,
			String body) {
		return switch (statusCode) {
			case 400 -> new BadRequestException(operation, headers, body);
			case 401 -> new AuthenticationException(operation, headers, body);
			case 403 -> new PermissionDeniedException(operation, headers, body);
			case 404 -> new NotFoundException(operation, headers, body);
			case 409 -> new ConflictException(operation, headers, body);
			case 422 -> new UnprocessableEntityException(operation, headers, body);
			case 429 -> new RateLimitException(operation, headers, body);
			default ->
				(statusCode >= 500 && statusCode <= 599) ? new ServerException(operation, statusCode, headers, body)
						: new TriggerApiException(operation, statusCode, headers, body);
		};
	}

	/**
	 * The message, ending with how the call was tried when it was tried more than once or
	 * waited for the rate limit, such as {@code (3 attempts in 4.200 s)}.
	 */
	@Override
	public String getMessage() {
		String message = super.getMessage();
		return (this.tried != null) ? message + this.tried : message;
	}

	/**
	 * How many attempts the call made before this answer ended it (1 unless the client
	 * retried).
	 * @return the number of attempts
	 */
	public int attempts() {
		return this.attempts;
	}

	/**
	 * A copy of this exception (the same type, answer and stack trace) whose message ends
	 * with how the call was tried: {@code (N attempts in X.XXX s)}, and how much of it
	 * was spent waiting for the rate limit. The client signals this for a call it
	 * retried.
	 * @param attempts the attempts made, at least 1
	 * @param elapsed the time from the first attempt to this answer
	 * @param rateLimitWaited the part of it spent waiting for the rate limit
	 * @return the copy
	 */
	public TriggerApiException withAttempts(int attempts, Duration elapsed, Duration rateLimitWaited) {
		if (attempts < 1) {
			throw new IllegalArgumentException("attempts must be at least 1 but was " + attempts);
		}
		Objects.requireNonNull(elapsed, "elapsed must not be null");
		Objects.requireNonNull(rateLimitWaited, "rateLimitWaited must not be null");
		TriggerApiException copy = of(this.operation, this.statusCode, this.headers, this.responseBody);
		long waited = rateLimitWaited.toMillis();
		copy.attempts = attempts;
		copy.tried = " (" + attempts + ((attempts == 1) ? " attempt" : " attempts") + " in "
				+ seconds(elapsed.toMillis()) + " s"
				+ ((waited > 0) ? ", " + seconds(waited) + " s of it waiting for the rate limit" : "") + ")";
		copy.setStackTrace(getStackTrace());
		return copy;
	}

	private static String seconds(long millis) {
		return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
	}

	/**
	 * {@return the operation that failed, such as {@code runs.retrieve}}
	 */
	public String operation() {
		return this.operation;
	}

	/**
	 * {@return the HTTP status code}
	 */
	public int statusCode() {
		return this.statusCode;
	}

	/**
	 * {@return the server's message, or {@code null} if the body had none}
	 */
	public @Nullable String serverMessage() {
		return this.serverMessage;
	}

	/**
	 * Validation details ({@code details} or {@code issues}), empty when the server sent
	 * none.
	 * @return the validation details
	 */
	public List<ValidationIssue> details() {
		return this.details;
	}

	/**
	 * {@return the rate-limit figures of the response; fields are {@code null} when
	 * absent}
	 */
	public RateLimit rateLimit() {
		return this.rateLimit;
	}

	/**
	 * Whether trying again later may succeed: the server's {@code x-should-retry} header
	 * when present, otherwise {@code true} for 408, 409, 429 and 5xx. Whether the client
	 * repeats the call also depends on whether repeating it is safe.
	 * @return whether trying again later may succeed
	 */
	public boolean isRetryAdvised() {
		if (this.shouldRetryHeader != null) {
			return this.shouldRetryHeader;
		}
		return this.statusCode == 408 || this.statusCode == 409 || this.statusCode == 429 || this.statusCode >= 500;
	}

	/**
	 * {@return the server's {@code x-should-retry} header, or {@code null} when absent}
	 */
	public @Nullable Boolean shouldRetryHeader() {
		return this.shouldRetryHeader;
	}

	/**
	 * {@return the raw response body (may be empty)}
	 */
	public String responseBody() {
		return this.responseBody;
	}

	/**
	 * {@return the response headers, names in lower case}
	 */
	public Map<String, List<String>> headers() {
		return this.headers;
	}

	/** A body with what looks like a credential masked, and what it says. */
	private record MaskedBody(String body, ErrorBody parsed) {

		static MaskedBody of(String body) {
			String masked = SecretText.mask(body);
			return new MaskedBody(masked, ErrorBody.parse(masked));
		}

	}

	private static Map<String, List<String>> lowerCaseNames(Map<String, List<String>> headers) {
		Objects.requireNonNull(headers, "headers must not be null");
		Map<String, List<String>> map = new LinkedHashMap<>();
		headers.forEach((name, values) -> map.put(name.toLowerCase(Locale.ROOT),
				List.copyOf(values.stream().map((value) -> SecretText.mask(Objects.requireNonNull(value))).toList())));
		return Map.copyOf(map);
	}

}
