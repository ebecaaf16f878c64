package io.trigger4j.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapper of trigger4j: lenient on input (unknown fields and enum values
 * never fail) and leaving out {@code null}s on output. Shared, immutable and thread-safe.
 */
final class Json {

	static final JsonMapper MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.enable(EnumFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
		// A payload type with no properties would silently go out as {}: fail instead
		// (off by default in 3.x).
		.enable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
		.changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
		.build();

	private Json() {
	}

	/**
	 * Serialises a request body; a value Jackson cannot write is the caller's bad input.
	 * @param argument the argument name used in the error message
	 */
	static byte[] write(String argument, Object value) {
		try {
			return MAPPER.writeValueAsBytes(value);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(argument + " cannot be serialised to JSON: " + ex.getOriginalMessage(),
					ex);
		}
	}

	static JsonNode tree(String argument, Object value) {
		try {
			return MAPPER.valueToTree(value);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(argument + " cannot be serialised to JSON: " + ex.getOriginalMessage(),
					ex);
		}
	}

	/**
	 * A scalar field as text, or {@code null} when it is absent, JSON {@code null}, an
	 * object or an array.
	 */
	static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return (value.isValueNode() && !value.isNull()) ? value.asString() : null;
	}

	static <T> T read(String operation, byte[] body, Class<T> type) {
		try {
			return MAPPER.readValue(body, type);
		}
		catch (JacksonException ex) {
			throw new TriggerDecodingException("Could not decode the response of " + operation + " as "
					+ type.getSimpleName() + ": " + ex.getOriginalMessage(), ex);
		}
	}

}
