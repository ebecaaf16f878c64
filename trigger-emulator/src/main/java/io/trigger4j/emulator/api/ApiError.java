package io.trigger4j.emulator.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An error answer of the api layer (request validation, authentication), with the body
 * the real server sends for it.
 */
final class ApiError extends RuntimeException {

	private static final long serialVersionUID = 1L;

	final int status;

	final transient Map<String, Object> body;

	final transient Map<String, String> headers;

	private ApiError(int status, Map<String, Object> body, Map<String, String> headers) {
		super(String.valueOf(body.get("error")), null, false, false);
		this.status = status;
		this.body = body;
		this.headers = headers;
	}

	/** {@code {"error": message}}. */
	static ApiError of(int status, String message) {
		return new ApiError(status, Map.of("error", message), Map.of());
	}

	/**
	 * A builder-loader miss: 404 {@code {"error":"Not found"}} with
	 * {@code x-should-retry}.
	 */
	static ApiError notFound(boolean shouldRetry) {
		return new ApiError(404, Map.of("error", "Not found"), Map.of("x-should-retry", Boolean.toString(shouldRetry)));
	}

	/**
	 * A builder query validation failure: 400 {@code {"error":"Query
	 * Error","details":[...]}}.
	 */
	static ApiError queryError(List<Map<String, Object>> details) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", "Query Error");
		body.put("details", details);
		return new ApiError(400, body, Map.of());
	}

	/**
	 * A legacy body validation failure: 400 {@code {"error":"Invalid request
	 * body","issues":[...]}}.
	 */
	static ApiError invalidBody(List<Map<String, Object>> issues) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", "Invalid request body");
		body.put("issues", issues);
		return new ApiError(400, body, Map.of());
	}

	/**
	 * A builder body validation failure as zod-validation-error formats it: 400
	 * {@code {"error":"Validation error: <message> at \"<path>\""}}.
	 */
	static ApiError validation(String message, String path) {
		return of(400, "Validation error: " + message + " at \"" + path + "\"");
	}

	/** zod's {@code invalid_type} issue, keys in its order. */
	static Map<String, Object> invalidType(String expected, String received, String message, String path) {
		Map<String, Object> issue = new LinkedHashMap<>();
		issue.put("code", "invalid_type");
		issue.put("expected", expected);
		issue.put("received", received);
		issue.put("path", List.of(path));
		issue.put("message", message);
		return issue;
	}

	static Map<String, Object> issue(String code, String message, String... path) {
		Map<String, Object> issue = new LinkedHashMap<>();
		issue.put("code", code);
		issue.put("message", message);
		issue.put("path", List.of(path));
		return issue;
	}

}
