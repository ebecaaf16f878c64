package io.trigger4j.client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

import io.trigger4j.client.model.CursorPage;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.util.UriUtils;

/**
 * One call of an {@link Operation}, built from its row after the arguments were checked:
 * the path values, query, body and extra headers of this call, and how to read its
 * answer.
 *
 * @param operation the operation's row
 * @param pathValues the values of the path's variables, in order (encoded when sent)
 * @param query query parameters, sent in this order
 * @param body the request body (a wire record), or {@code null} for none
 * @param headers extra headers
 * @param repeatable whether the call itself is safe to repeat (an idempotency key, an
 * override), which makes an operation of {@link RetryClass#CONDITIONAL} safe to repeat
 * @param reader reads a successful response
 * @param requestKey the request idempotency key of this call, or {@code null} for a new
 * random one per subscription
 */
record ApiCall<T>(Operation operation, String[] pathValues, List<Map.Entry<String, String>> query,
		@Nullable Object body, Map<String, String> headers, boolean repeatable, ResponseReader<T> reader,
		@Nullable String requestKey) {

	/**
	 * A body sent as these bytes with this content type instead of being written as JSON
	 * (the NDJSON items of a two-phase batch).
	 *
	 * @param bytes the body
	 * @param contentType its content type, such as {@code application/x-ndjson}
	 */
	record RawBody(byte[] bytes, MediaType contentType) {
	}

	/** Reads a 2xx response body (possibly empty) and its headers. */
	@FunctionalInterface
	interface ResponseReader<T> {

		T read(WireJson json, byte[] body, HttpHeaders headers);

	}

	/**
	 * Starts a call of an operation.
	 * @param pathValues the values of the path's variables, checked by their kinds
	 * @throws IllegalArgumentException naming the argument of a path value that is not
	 * acceptable
	 */
	static Builder to(Operation operation, String... pathValues) {
		operation.checkPath(pathValues);
		return new Builder(operation, pathValues);
	}

	/**
	 * The operation's name in observations and messages, such as {@code runs.retrieve}.
	 */
	String name() {
		return this.operation.observationName();
	}

	/**
	 * Whether repeating this call after a failure where the server may have acted cannot
	 * duplicate anything: the operation's retry class, and the call's idempotency key.
	 */
	boolean isRepeatable() {
		return switch (this.operation.retryClass()) {
			case SAFE -> true;
			case CONDITIONAL -> this.repeatable;
			case NEVER -> false;
		};
	}

	/**
	 * Whether a path value is a secret ({@link PathParameter#isSecret()}, a callback
	 * hash): then the URI must not reach messages, failures or observations.
	 */
	boolean hasSecretPath() {
		List<PathParameter> parameters = this.operation.pathParameters();
		for (int i = 0; i < parameters.size(); i++) {
			if (parameters.get(i).isSecret()) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The text with every secret path value, in any case, replaced by {@code ******}.
	 */
	@Nullable String redact(@Nullable String text) {
		if (text == null) {
			return null;
		}
		String redacted = text;
		List<PathParameter> parameters = this.operation.pathParameters();
		for (int i = 0; i < parameters.size(); i++) {
			if (parameters.get(i).isSecret() && !this.pathValues[i].isEmpty()) {
				redacted = Pattern.compile(Pattern.quote(this.pathValues[i]), Pattern.CASE_INSENSITIVE)
					.matcher(redacted)
					.replaceAll("******");
			}
		}
		return redacted;
	}

	/**
	 * The absolute URI: the base URL, the path with its values encoded, and the query.
	 */
	URI uri(String baseUrl) {
		StringBuilder url = this.operation.path(new StringBuilder(128).append(baseUrl), this.pathValues);
		char separator = '?';
		for (Map.Entry<String, String> parameter : this.query) {
			url.append(separator)
				.append(UriUtils.encode(parameter.getKey(), StandardCharsets.UTF_8))
				.append('=')
				.append(UriUtils.encode(parameter.getValue(), StandardCharsets.UTF_8));
			separator = '&';
		}
		// a URI holding a secret (a callback hash) is not kept
		return hasSecretPath() ? URI.create(url.toString()) : this.operation.uri(url.toString());
	}

	static final class Builder {

		private final Operation operation;

		private final String[] pathValues;

		private final List<Map.Entry<String, String>> query = new ArrayList<>();

		private final Map<String, String> headers = new LinkedHashMap<>();

		private @Nullable Object body;

		private boolean repeatable;

		private @Nullable String requestKey;

		private Builder(Operation operation, String[] pathValues) {
			this.operation = operation;
			this.pathValues = pathValues;
		}

		Builder query(Map<String, String> parameters) {
			parameters.forEach(this::query);
			return this;
		}

		Builder query(String name, @Nullable Object value) {
			if (value != null) {
				this.query.add(Map.entry(name, value.toString()));
			}
			return this;
		}

		Builder header(String name, @Nullable String value) {
			if (value != null) {
				this.headers.put(name, value);
			}
			return this;
		}

		/**
		 * The body, a wire record; the application's values in it are {@link RawJson}. A
		 * {@link RawBody} is sent as its bytes with its content type.
		 */
		Builder body(Object body) {
			this.body = body;
			return this;
		}

		/** Marks the call as carrying an idempotency key when {@code key} is not null. */
		Builder idempotencyKey(@Nullable String key) {
			return repeatableWhen(key != null);
		}

		/**
		 * Whether this call is safe to repeat although its operation is not always (an
		 * import that overrides).
		 */
		Builder repeatableWhen(boolean repeatable) {
			this.repeatable = repeatable;
			return this;
		}

		/**
		 * The request idempotency key, when the call is built for one subscription and
		 * has a random value of its own to share (a trigger's generated key).
		 */
		Builder requestKey(String key) {
			this.requestKey = key;
			return this;
		}

		<T> ApiCall<T> reading(ResponseReader<T> reader) {
			return new ApiCall<>(this.operation, this.pathValues, List.copyOf(this.query), this.body,
					Map.copyOf(this.headers), this.repeatable, reader, this.requestKey);
		}

		<T> ApiCall<T> reading(Class<T> type) {
			String name = this.operation.observationName();
			return reading((json, bytes, headers) -> json.read(name, bytes, type));
		}

		/**
		 * Reads a list page's answer for a walk ({@link CursorPager}): its next cursor at
		 * once, its items (the wire record made into a page) when the walk decodes them.
		 * @param atMost the most items the page can hold
		 */
		<A, T> ApiCall<CursorPager.Fetched<T>> readingPage(Class<A> type, int atMost,
				BiFunction<WireJson, A, CursorPage<T>> toPage) {
			String name = this.operation.observationName();
			return reading((json, bytes, headers) -> CursorPager.Fetched.lazily(bytes, atMost,
					() -> toPage.apply(json, json.read(name, bytes, type))));
		}

		/**
		 * Reads the answer as a wire record, then makes the result from it and the
		 * headers.
		 */
		<A, T> ApiCall<T> reading(Class<A> type, BiFunction<A, HttpHeaders, T> result) {
			String name = this.operation.observationName();
			return reading((json, bytes, headers) -> result.apply(json.read(name, bytes, type), headers));
		}

	}

}
