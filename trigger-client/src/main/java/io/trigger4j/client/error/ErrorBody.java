package io.trigger4j.client.error;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an error response says, read the way the server writes errors: {@code {"error":
 * ...}}, builder validation {@code details}, legacy {@code issues}, and problem+json from
 * the rate limiter.
 *
 * @param message the server's message, or {@code null}
 * @param details validation issues
 * @param reset the {@code reset} field of a problem+json body, or {@code null}
 */
record ErrorBody(@Nullable String message, List<ValidationIssue> details, @Nullable Long reset) {

	/**
	 * Epoch values below this are seconds, not milliseconds (the batch limiter sends
	 * seconds).
	 */
	private static final long EPOCH_MILLIS_THRESHOLD = 100_000_000_000L;

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final ErrorBody NONE = new ErrorBody(null, List.of(), null);

	static ErrorBody parse(String text) {
		JsonNode json = tree(text);
		if (json == null) {
			// Not JSON (a proxy's HTML page, say): keep the message short, the body stays
			// available.
			String plain = text.strip();
			if (plain.isEmpty() || plain.startsWith("<")) {
				return NONE;
			}
			return new ErrorBody((plain.length() > 200) ? plain.substring(0, 200) + "..." : plain, List.of(), null);
		}
		Long reset = json.path("reset").isNumber() ? json.path("reset").asLong() : null;
		return new ErrorBody(message(json), details(json), reset);
	}

	/** The {@code x-should-retry} header: {@code true}, {@code false} or absent. */
	static @Nullable Boolean shouldRetry(Map<String, List<String>> headers) {
		String value = first(headers, "x-should-retry");
		if (value == null) {
			return null;
		}
		return switch (value.trim().toLowerCase(Locale.ROOT)) {
			case "true" -> Boolean.TRUE;
			case "false" -> Boolean.FALSE;
			default -> null;
		};
	}

	static RateLimit rateLimit(Map<String, List<String>> headers, ErrorBody body) {
		Long limit = number(first(headers, "x-ratelimit-limit"));
		Long remaining = number(first(headers, "x-ratelimit-remaining"));
		Long reset = number(first(headers, "x-ratelimit-reset"));
		if (reset == null) {
			reset = body.reset();
		}
		Instant resetAt = null;
		if (reset != null) {
			resetAt = (reset < EPOCH_MILLIS_THRESHOLD) ? Instant.ofEpochSecond(reset) : Instant.ofEpochMilli(reset);
		}
		return new RateLimit(limit, remaining, resetAt);
	}

	private static @Nullable String first(Map<String, List<String>> headers, String name) {
		List<String> values = headers.get(name);
		return (values != null && !values.isEmpty()) ? values.get(0) : null;
	}

	private static @Nullable Long number(@Nullable String value) {
		if (value == null) {
			return null;
		}
		try {
			return (long) Double.parseDouble(value.trim());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static @Nullable JsonNode tree(String text) {
		if (text.isBlank()) {
			return null;
		}
		try {
			JsonNode node = MAPPER.readTree(text);
			return (node != null && node.isObject()) ? node : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * The server's message: {@code error} (string, or object with message),
	 * {@code message}, {@code detail}, {@code title}.
	 */
	private static @Nullable String message(JsonNode json) {
		JsonNode error = json.path("error");
		if (error.isString() && !error.asString().isBlank()) {
			return error.asString();
		}
		if (error.isObject() && error.path("message").isString()) {
			return error.path("message").asString();
		}
		for (String field : List.of("message", "detail", "title")) {
			if (json.path(field).isString() && !json.path(field).asString().isBlank()) {
				return json.path(field).asString();
			}
		}
		return null;
	}

	private static List<ValidationIssue> details(JsonNode json) {
		JsonNode issues = json.path("details").isArray() ? json.path("details") : json.path("issues");
		if (!issues.isArray()) {
			return List.of();
		}
		List<ValidationIssue> result = new ArrayList<>();
		for (JsonNode issue : issues) {
			List<String> path = new ArrayList<>();
			for (JsonNode segment : issue.path("path")) {
				path.add(segment.asString());
			}
			result.add(new ValidationIssue(text(issue, "code"), text(issue, "message"), path));
		}
		return List.copyOf(result);
	}

	/**
	 * A scalar field as text, or {@code null} when absent, JSON {@code null}, an object
	 * or an array.
	 */
	private static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return (value.isValueNode() && !value.isNull()) ? value.asString() : null;
	}

}
