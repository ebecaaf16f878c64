package io.trigger4j.client;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.trigger4j.client.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * Options for the calls of a view of the operations, given through
 * {@link TriggerOperations#withOptions(RequestOptions)}: the response timeout of one
 * attempt, the retry settings, an overall deadline, extra headers and the credential.
 * Options that are not set keep the client's (or the view's) settings. Immutable; build
 * with {@link #builder()}.
 *
 * <pre>{@code
 * trigger.withOptions(RequestOptions.builder().deadline(Duration.ofSeconds(5)).build())
 *     .runs().retrieve(runId);
 * }</pre>
 */
public final class RequestOptions {

	/**
	 * Headers the client sets itself; a credential is chosen with
	 * {@link Builder#credential} or {@link Builder#publicAccessToken}.
	 */
	private static final Set<String> RESERVED_HEADERS = Set.of("authorization", "content-length", "content-type",
			"host", "transfer-encoding", "x-trigger-request-idempotency-key");

	private static final RequestOptions NONE = builder().build();

	private final @Nullable Duration responseTimeout;

	private final @Nullable TriggerRetrySettings retry;

	private final @Nullable Duration deadline;

	private final Map<String, String> headers;

	private final @Nullable Credential credential;

	/** The public access token sent when {@link #credential} is PUBLIC_TOKEN. */
	private final @Nullable String publicAccessToken;

	private RequestOptions(@Nullable Duration responseTimeout, @Nullable TriggerRetrySettings retry,
			@Nullable Duration deadline, Map<String, String> headers, @Nullable Credential credential,
			@Nullable String publicAccessToken) {
		this.responseTimeout = responseTimeout;
		this.retry = retry;
		this.deadline = deadline;
		this.headers = Map.copyOf(headers);
		this.credential = credential;
		this.publicAccessToken = publicAccessToken;
	}

	/**
	 * {@return options that set nothing: the client's settings apply}
	 */
	public static RequestOptions none() {
		return NONE;
	}

	/**
	 * {@return a builder for options}
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * {@return how long one attempt waits for its response, if set}
	 */
	public @Nullable Duration responseTimeout() {
		return this.responseTimeout;
	}

	/**
	 * {@return how failed calls are retried, if set}
	 */
	public @Nullable TriggerRetrySettings retry() {
		return this.retry;
	}

	/**
	 * {@return how long a call may take in all, every attempt and back-off included, if
	 * set}
	 */
	public @Nullable Duration deadline() {
		return this.deadline;
	}

	/**
	 * {@return the extra headers sent with every call}
	 */
	public Map<String, String> headers() {
		return this.headers;
	}

	/**
	 * {@return the credential to send where an operation accepts more than one, if set}
	 */
	public @Nullable Credential credential() {
		return this.credential;
	}

	/** The public access token the calls send, if one was given; never printed. */
	@Nullable String publicAccessToken() {
		return this.publicAccessToken;
	}

	/** These options with those of {@code other} laid over them (its headers added). */
	RequestOptions with(RequestOptions other) {
		Map<String, String> headers = new LinkedHashMap<>(this.headers);
		headers.putAll(other.headers);
		boolean otherCredential = other.credential != null;
		return new RequestOptions(first(other.responseTimeout, this.responseTimeout), first(other.retry, this.retry),
				first(other.deadline, this.deadline), headers, otherCredential ? other.credential : this.credential,
				otherCredential ? other.publicAccessToken : this.publicAccessToken);
	}

	private static <T> @Nullable T first(@Nullable T value, @Nullable T fallback) {
		return (value != null) ? value : fallback;
	}

	@Override
	public String toString() {
		return "RequestOptions[responseTimeout=" + this.responseTimeout + ", retry=" + this.retry + ", deadline="
				+ this.deadline + ", headers=" + this.headers.keySet() + ", credential=" + this.credential + "]";
	}

	/** Builds {@link RequestOptions}; each setter checks its argument. */
	public static final class Builder {

		private @Nullable Duration responseTimeout;

		private @Nullable TriggerRetrySettings retry;

		private @Nullable Duration deadline;

		private final Map<String, String> headers = new LinkedHashMap<>();

		private @Nullable Credential credential;

		private @Nullable String publicAccessToken;

		private Builder() {
		}

		/**
		 * How long one attempt waits for its response, once the request is sent; each
		 * retry gets a fresh wait.
		 * @param responseTimeout how long one attempt waits for its response
		 * @return this builder
		 */
		public Builder responseTimeout(Duration responseTimeout) {
			this.responseTimeout = Checks.requirePositive("responseTimeout", responseTimeout);
			return this;
		}

		/**
		 * How failed calls are retried; {@link TriggerRetrySettings#none()} for no
		 * retries.
		 * @param retry how failed calls are retried
		 * @return this builder
		 */
		public Builder retry(TriggerRetrySettings retry) {
			this.retry = Objects.requireNonNull(retry, "retry must not be null");
			return this;
		}

		/**
		 * How long a call may take in all: waiting for a connection, connecting, every
		 * attempt and every back-off between attempts. When it passes, the call fails
		 * with a {@code TriggerTimeoutException}.
		 * @param deadline how long a call may take in all, every attempt and back-off
		 * included
		 * @return this builder
		 */
		public Builder deadline(Duration deadline) {
			this.deadline = Checks.requirePositive("deadline", deadline);
			return this;
		}

		/**
		 * An extra header sent with every call, such as a tracing or routing header. The
		 * headers the client sets itself (Authorization, Content-Type, Content-Length,
		 * Host, the request idempotency key) cannot be set here.
		 * @param name the header's name
		 * @param value the header's value
		 * @return this builder
		 */
		public Builder header(String name, String value) {
			Checks.requireText("header name", name);
			Objects.requireNonNull(value, () -> "header " + name + " must not have a null value");
			if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
				throw new IllegalArgumentException("header " + name
						+ " is set by the client and cannot be given; choose a credential with credential(...)");
			}
			if (!name.chars().allMatch(Builder::isTokenChar)) {
				throw new IllegalArgumentException("header name must be an HTTP token but was '" + name + "'");
			}
			if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
				throw new IllegalArgumentException("header " + name + " must not contain a line break");
			}
			this.headers.put(name, value);
			return this;
		}

		/**
		 * The credential to send to operations that accept more than one, such as
		 * {@link Credential#PERSONAL_ACCESS_TOKEN} for the environment variables. A call
		 * to an operation that does not accept it fails before sending.
		 * @param credential the credential to send where an operation accepts more than
		 * one
		 * @return this builder
		 */
		public Builder credential(Credential credential) {
			Objects.requireNonNull(credential, "credential must not be null");
			if (credential == Credential.NONE || credential == Credential.PUBLIC_TOKEN) {
				throw new IllegalArgumentException("credential must be SECRET_KEY or PERSONAL_ACCESS_TOKEN but was "
						+ credential + "; give a public access token with publicAccessToken(token)");
			}
			this.credential = credential;
			this.publicAccessToken = null;
			return this;
		}

		/**
		 * A public access token (a JWT scoped to some resources, such as
		 * {@code write:waitpoints:<id>}) to send instead of the client's credentials, to
		 * operations that accept one (retrieving a run, completing a waitpoint token, and
		 * others; see {@link Credential#PUBLIC_TOKEN}). A call to an operation that does
		 * not accept it fails before sending. The token is never printed.
		 * @param token the public access token
		 * @return this builder
		 */
		public Builder publicAccessToken(String token) {
			Checks.requireText("publicAccessToken", token);
			if (token.chars().anyMatch((c) -> c <= 32 || c >= 127)) {
				throw new IllegalArgumentException(
						"publicAccessToken must be a JWT (printable characters without spaces)");
			}
			this.credential = Credential.PUBLIC_TOKEN;
			this.publicAccessToken = token;
			return this;
		}

		/**
		 * Builds the immutable options.
		 * @return the options
		 */
		public RequestOptions build() {
			return new RequestOptions(this.responseTimeout, this.retry, this.deadline, this.headers, this.credential,
					this.publicAccessToken);
		}

		private static boolean isTokenChar(int c) {
			return c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
		}

	}

}
