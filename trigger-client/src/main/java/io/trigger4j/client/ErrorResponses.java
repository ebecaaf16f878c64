package io.trigger4j.client;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Turns an error response into the matching {@link TriggerApiException}: the one place
 * where statuses map to exception types. Understands the server's body shapes:
 * {@code {"error": ...}}, builder validation {@code details}, legacy {@code issues}, and
 * problem+json from the rate limiter.
 */
final class ErrorResponses {

	/**
	 * Epoch values below this are seconds, not milliseconds (the batch limiter sends
	 * seconds).
	 */
	private static final long EPOCH_MILLIS_THRESHOLD = 100_000_000_000L;

	private ErrorResponses() {
	}

	static TriggerApiException exception(String operation, int status, HttpHeaders headers, byte[] body) {
		String text = new String(body, StandardCharsets.UTF_8);
		JsonNode json = parse(text);
		Boolean shouldRetry = shouldRetry(headers);
		boolean retryAdvised = (shouldRetry != null) ? shouldRetry
				: (status == 408 || status == 409 || status == 429 || status >= 500);
		TriggerApiException.Response response = new TriggerApiException.Response(operation, status,
				message(json, text, status), details(json), rateLimit(headers, json), retryAdvised, shouldRetry, text,
				headerMap(headers));
		return switch (status) {
			case 400 -> new BadRequestException(response);
			case 401 -> new AuthenticationException(response);
			case 403 -> new PermissionDeniedException(response);
			case 404 -> new NotFoundException(response);
			case 409 -> new ConflictException(response);
			case 422 -> new UnprocessableEntityException(response);
			case 429 -> new RateLimitException(response);
			default -> (status >= 500) ? new ServerException(response) : new TriggerApiException(response);
		};
	}

	/** The {@code x-should-retry} header: {@code true}, {@code false} or absent. */
	static @Nullable Boolean shouldRetry(HttpHeaders headers) {
		String value = headers.getFirst("x-should-retry");
		if (value == null) {
			return null;
		}
		return switch (value.trim().toLowerCase(Locale.ROOT)) {
			case "true" -> Boolean.TRUE;
			case "false" -> Boolean.FALSE;
			default -> null;
		};
	}

	static RateLimit rateLimit(HttpHeaders headers, @Nullable JsonNode body) {
		Long limit = number(headers.getFirst("x-ratelimit-limit"));
		Long remaining = number(headers.getFirst("x-ratelimit-remaining"));
		Long reset = number(headers.getFirst("x-ratelimit-reset"));
		if (reset == null && body != null && body.path("reset").isNumber()) {
			reset = body.path("reset").asLong();
		}
		Instant resetAt = null;
		if (reset != null) {
			resetAt = (reset < EPOCH_MILLIS_THRESHOLD) ? Instant.ofEpochSecond(reset) : Instant.ofEpochMilli(reset);
		}
		return new RateLimit(limit, remaining, resetAt);
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

	private static @Nullable JsonNode parse(String text) {
		if (text.isBlank()) {
			return null;
		}
		try {
			JsonNode node = Json.MAPPER.readTree(text);
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
	private static @Nullable String message(@Nullable JsonNode json, String text, int status) {
		if (json == null) {
			// Not JSON (a proxy's HTML page, say): keep the message short, the body stays
			// available.
			String plain = text.strip();
			if (plain.isEmpty() || plain.startsWith("<")) {
				return null;
			}
			return (plain.length() > 200) ? plain.substring(0, 200) + "..." : plain;
		}
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

	private static List<ValidationIssue> details(@Nullable JsonNode json) {
		if (json == null) {
			return List.of();
		}
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
			result.add(new ValidationIssue(Json.text(issue, "code"), Json.text(issue, "message"), path));
		}
		return List.copyOf(result);
	}

	private static Map<String, List<String>> headerMap(HttpHeaders headers) {
		Map<String, List<String>> map = new LinkedHashMap<>();
		headers.forEach((name, values) -> map.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
		return Map.copyOf(map);
	}

}
