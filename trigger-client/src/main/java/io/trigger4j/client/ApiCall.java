package io.trigger4j.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * Everything about one API call that the transport needs, built after the arguments were
 * checked.
 *
 * @param operation the operation name used in observations and messages, such as
 * {@code runs.retrieve}
 * @param method the HTTP method
 * @param path the path template, such as {@code /api/v3/runs/{runId}}
 * @param pathVariables the values of the path template's variables, in order (URL-encoded
 * when sent)
 * @param query query parameters, sent in this order
 * @param body the serialised JSON body, or {@code null} for none
 * @param headers extra headers
 * @param idempotent whether repeating the call after an ambiguous failure cannot
 * duplicate anything
 * @param reader reads a successful response
 */
record ApiCall<T>(String operation, HttpMethod method, String path, List<Object> pathVariables,
		Map<String, String> query, byte @Nullable [] body, Map<String, String> headers, boolean idempotent,
		ResponseReader<T> reader) {

	/** Reads a 2xx response body (possibly empty) and its headers. */
	@FunctionalInterface
	interface ResponseReader<T> {

		T read(byte[] body, HttpHeaders headers);

	}

	static Builder builder(String operation, HttpMethod method, String path) {
		return new Builder(operation, method, path);
	}

	/**
	 * The URI template with the query appended as placeholders, and all variable values
	 * in order.
	 */
	String uriTemplate() {
		if (this.query.isEmpty()) {
			return this.path;
		}
		StringBuilder template = new StringBuilder(this.path).append('?');
		int index = 0;
		for (String name : this.query.keySet()) {
			if (index > 0) {
				template.append('&');
			}
			template.append(name).append("={q").append(index++).append('}');
		}
		return template.toString();
	}

	Object[] uriVariables() {
		List<Object> values = new ArrayList<>(this.pathVariables);
		values.addAll(this.query.values());
		return values.toArray();
	}

	static final class Builder {

		private final String operation;

		private final HttpMethod method;

		private final String path;

		private final List<Object> pathVariables = new ArrayList<>();

		private final Map<String, String> query = new LinkedHashMap<>();

		private final Map<String, String> headers = new LinkedHashMap<>();

		private byte @Nullable [] body;

		private boolean idempotent;

		private Builder(String operation, HttpMethod method, String path) {
			this.operation = operation;
			this.method = method;
			this.path = path;
			this.idempotent = HttpMethod.GET.equals(method);
		}

		Builder pathVariables(Object... values) {
			this.pathVariables.addAll(List.of(values));
			return this;
		}

		Builder query(Map<String, String> parameters) {
			this.query.putAll(parameters);
			return this;
		}

		Builder query(String name, @Nullable Object value) {
			if (value != null) {
				this.query.put(name, value.toString());
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
		 * Serialises the body now, so an unserialisable payload fails before any request.
		 */
		Builder jsonBody(String argument, Object body) {
			this.body = Json.write(argument, body);
			return this;
		}

		Builder idempotent(boolean idempotent) {
			this.idempotent = idempotent;
			return this;
		}

		<T> ApiCall<T> reading(ResponseReader<T> reader) {
			return new ApiCall<>(this.operation, this.method, this.path, List.copyOf(this.pathVariables),
					new LinkedHashMap<>(this.query), this.body, Map.copyOf(this.headers), this.idempotent, reader);
		}

		<T> ApiCall<T> reading(Class<T> type) {
			String operation = this.operation;
			return reading((bytes, headers) -> Json.read(operation, bytes, type));
		}

	}

}
