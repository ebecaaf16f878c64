package io.trigger4j.emulator.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads request bodies as the server does, and their fields with the messages of its zod
 * schemas. The body is read as raw bytes: the request's {@code Content-Type} is never
 * parsed, so a malformed one cannot fail the request.
 */
final class Bodies {

	/** The largest integer a JavaScript number holds exactly. */
	static final long MAX_SAFE_INTEGER = 9_007_199_254_740_991L;

	/** The largest time value of a JavaScript {@code Date}, in milliseconds. */
	private static final BigDecimal MAX_DATE_MILLIS = BigDecimal.valueOf(8_640_000_000_000_000L);

	private Bodies() {
	}

	/**
	 * Reads a JSON object body. A body-carrying request without {@code Content-Length} is
	 * refused with 413, as the server does; so is a body over the route's limit.
	 * @param builder whether the route is a builder route (its texts differ from the
	 * legacy routes')
	 */
	static Mono<JsonNode> read(ServerRequest request, int limit, boolean builder) {
		return bytes(request, limit, false).map((bytes) -> parse(bytes, builder));
	}

	/**
	 * The body's bytes, empty for none. A body over {@code limit} bytes is refused with
	 * 413 "Request body too large", as is one without {@code Content-Length} unless
	 * {@code chunked} allows it (a streamed body), or with a malformed one.
	 */
	static Mono<byte[]> bytes(ServerRequest request, int limit, boolean chunked) {
		String length = request.headers().firstHeader("Content-Length");
		if (length != null || !chunked) {
			long declared;
			try {
				declared = (length != null) ? Long.parseLong(length.trim()) : -1;
			}
			catch (NumberFormatException ex) {
				declared = -1;
			}
			if (declared < 0 || declared > limit) {
				return Mono.error(ApiError.of(413, "Request body too large"));
			}
		}
		return DataBufferUtils.join(request.exchange().getRequest().getBody(), limit).map((buffer) -> {
			try {
				byte[] bytes = new byte[buffer.readableByteCount()];
				buffer.read(bytes);
				return bytes;
			}
			finally {
				DataBufferUtils.release(buffer);
			}
		})
			.onErrorMap(DataBufferLimitException.class, (ex) -> ApiError.of(413, "Request body too large"))
			.defaultIfEmpty(new byte[0]);
	}

	/**
	 * A builder route's JSON object body read as the server reads it: 400 "Request body
	 * is empty", "Invalid JSON" (also for {@code null}, {@code false}, {@code 0} and
	 * {@code ""}, which the server's parse treats as a failure), or zod's "Expected
	 * object, received ...".
	 */
	static JsonNode builderObject(byte[] bytes) {
		if (bytes.length == 0) {
			throw ApiError.of(400, "Request body is empty");
		}
		JsonNode json = json(bytes);
		if (json == null || isFalsy(json)) {
			throw ApiError.of(400, "Invalid JSON");
		}
		if (!json.isObject()) {
			throw ApiError.of(400, "Validation error: Expected object, received " + typeName(json));
		}
		return json;
	}

	/** The bytes as JSON, or {@code null} when they are not JSON. */
	static @Nullable JsonNode json(byte[] bytes) {
		try {
			JsonNode json = ApiJson.MAPPER.readTree(bytes);
			return (json == null || json.isMissingNode()) ? null : json;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * Whether JavaScript holds the value falsy. A number beyond a double's range is
	 * infinite there, hence truthy.
	 */
	private static boolean isFalsy(JsonNode json) {
		if (json.isNumber()) {
			return isFinite(json) && json.decimalValue().signum() == 0;
		}
		return json.isNull() || (json.isBoolean() && !json.asBoolean())
				|| (json.isString() && json.asString().isEmpty());
	}

	/** Whether a number is finite as JavaScript reads it ({@code 1e400} is not). */
	static boolean isFinite(JsonNode number) {
		return !number.isFloatingPointNumber() || Double.isFinite(number.asDouble());
	}

	/**
	 * {@code new Date(value)} for a JSON value that is not a string (zod's
	 * {@code z.coerce.date()}), or {@code null} for an invalid date: a number beyond a
	 * date's range or infinite, an object or an array.
	 */
	static @Nullable Instant coercedDate(JsonNode value) {
		if (value.isNull()) {
			return Instant.EPOCH;
		}
		if (value.isBoolean()) {
			return Instant.ofEpochMilli(value.asBoolean() ? 1 : 0);
		}
		if (value.isNumber() && isFinite(value)) {
			return dateOfMillis(value.decimalValue());
		}
		return null;
	}

	/**
	 * Epoch milliseconds as a JavaScript {@code Date} holds them (truncated), or
	 * {@code null} beyond its range.
	 */
	static @Nullable Instant dateOfMillis(BigDecimal millis) {
		if (millis.abs().compareTo(MAX_DATE_MILLIS) > 0) {
			return null;
		}
		return Instant.ofEpochMilli(millis.longValue());
	}

	private static JsonNode parse(byte[] bytes, boolean builder) {
		if (bytes.length == 0) {
			throw ApiError.of(400, builder ? "Request body is empty" : "Invalid request body");
		}
		JsonNode json;
		try {
			json = ApiJson.MAPPER.readTree(bytes);
		}
		catch (JacksonException ex) {
			throw ApiError.of(400, builder ? "Invalid JSON" : "Invalid request body");
		}
		if (json == null || !json.isObject()) {
			throw ApiError.of(400, builder ? "Invalid JSON" : "Invalid request body");
		}
		return json;
	}

	/** The JSON type name zod reports for a value. */
	static String typeName(JsonNode value) {
		if (value.isNull()) {
			return "null";
		}
		if (value.isArray()) {
			return "array";
		}
		if (value.isObject()) {
			return "object";
		}
		if (value.isNumber()) {
			return "number";
		}
		if (value.isBoolean()) {
			return "boolean";
		}
		return "string";
	}

	/** A field, or {@code null} when absent or JSON {@code null}. */
	static @Nullable JsonNode field(@Nullable JsonNode parent, String name) {
		JsonNode value = (parent != null) ? parent.get(name) : null;
		return (value == null || value.isNull()) ? null : value;
	}

	static ApiError expected(String type, JsonNode value, String path) {
		return ApiError.validation("Expected " + type + ", received " + typeName(value), path);
	}

	/** An optional object field. */
	static @Nullable JsonNode object(@Nullable JsonNode parent, String name, String path) {
		JsonNode value = field(parent, name);
		if (value != null && !value.isObject()) {
			throw expected("object", value, path);
		}
		return value;
	}

	/** An optional string field. */
	static @Nullable String string(@Nullable JsonNode parent, String name, String path) {
		JsonNode value = field(parent, name);
		if (value == null) {
			return null;
		}
		if (!value.isString()) {
			throw expected("string", value, path);
		}
		return value.asString();
	}

	/** An optional boolean field. */
	static @Nullable Boolean bool(@Nullable JsonNode parent, String name, String path) {
		JsonNode value = field(parent, name);
		if (value == null) {
			return null;
		}
		if (!value.isBoolean()) {
			throw expected("boolean", value, path);
		}
		return value.asBoolean();
	}

	/** An optional number field, any finite value. */
	static @Nullable BigDecimal number(@Nullable JsonNode parent, String name, String path) {
		JsonNode value = field(parent, name);
		if (value == null) {
			return null;
		}
		if (!value.isNumber()) {
			throw expected("number", value, path);
		}
		if (!isFinite(value)) {
			throw ApiError.validation("Expected number, received infinity", path);
		}
		return value.decimalValue();
	}

	/**
	 * An optional integer field within bounds (and within what a JavaScript number holds
	 * exactly).
	 */
	static @Nullable Long integer(@Nullable JsonNode parent, String name, String path, long min, long max) {
		BigDecimal number = number(parent, name, path);
		if (number == null) {
			return null;
		}
		if (number.stripTrailingZeros().scale() > 0) {
			throw ApiError.validation("Expected integer, received float", path);
		}
		long upper = Math.min(max, MAX_SAFE_INTEGER);
		if (number.compareTo(BigDecimal.valueOf(upper)) > 0) {
			throw ApiError.validation("Number must be less than or equal to " + upper, path);
		}
		if (number.compareTo(BigDecimal.valueOf(min)) < 0) {
			throw ApiError.validation("Number must be greater than or equal to " + min, path);
		}
		return number.longValueExact();
	}

	/**
	 * Tags as the server reads them: a string or an array of strings, blank ones dropped.
	 * @param path where the tags are, for messages ({@code options.tags})
	 */
	static List<String> tags(@Nullable JsonNode parent, String path, int maxLength) {
		JsonNode node = field(parent, "tags");
		List<String> tags = new ArrayList<>();
		if (node == null) {
			return tags;
		}
		List<JsonNode> values = new ArrayList<>();
		if (node.isArray()) {
			node.forEach(values::add);
		}
		else {
			values.add(node);
		}
		for (JsonNode value : values) {
			if (!value.isString()) {
				throw ApiError.validation("Expected string, received " + typeName(value).toLowerCase(Locale.ROOT),
						path);
			}
			String tag = value.asString();
			if (tag.length() > maxLength) {
				throw ApiError.validation("Tags must be less than 128 characters", path);
			}
			if (!tag.isBlank() && !tags.contains(tag)) {
				tags.add(tag);
			}
		}
		return tags;
	}

}
