package io.trigger4j.client;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/**
 * A JSON value whose shape trigger4j does not know: a run's payload, output or metadata.
 * Read it as your own type with {@link #as(Class)}, or as a map with {@link #asMap()}.
 *
 * <p>
 * Immutable; {@link #toString()} is the compact JSON text.
 */
public final class JsonValue {

	private final JsonNode node;

	private JsonValue(JsonNode node) {
		this.node = node;
	}

	/**
	 * Converts any serialisable value (a record, a map, a string, ...) into a JSON value.
	 * @throws IllegalArgumentException if the value cannot be serialised
	 */
	public static JsonValue of(Object value) {
		Objects.requireNonNull(value, "value must not be null");
		if (value instanceof JsonValue json) {
			return json;
		}
		return new JsonValue(Json.tree("value", value));
	}

	/** Parses JSON text. */
	public static JsonValue parse(String json) {
		Objects.requireNonNull(json, "json must not be null");
		try {
			return new JsonValue(Json.MAPPER.readTree(json));
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("json is not valid JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	static JsonValue fromNode(JsonNode node) {
		return new JsonValue(node);
	}

	@com.fasterxml.jackson.annotation.JsonValue
	JsonNode node() {
		return this.node;
	}

	/**
	 * Converts this value to the given type (unknown fields are ignored).
	 * @throws TriggerDecodingException if the JSON does not fit the type
	 */
	public <T> T as(Class<T> type) {
		Objects.requireNonNull(type, "type must not be null");
		try {
			return Json.MAPPER.treeToValue(this.node, type);
		}
		catch (JacksonException ex) {
			throw new TriggerDecodingException(
					"JSON value cannot be read as " + type.getName() + ": " + ex.getOriginalMessage(), ex);
		}
	}

	/**
	 * This value as a map of plain Java values (maps, lists, strings, numbers, booleans).
	 * @throws TriggerDecodingException if the value is not a JSON object
	 */
	public Map<String, Object> asMap() {
		if (!this.node.isObject()) {
			throw new TriggerDecodingException("JSON value is a " + this.node.getNodeType() + ", not an object");
		}
		return Json.MAPPER.convertValue(this.node, new TypeReference<Map<String, Object>>() {
		});
	}

	/** Whether this value is a JSON object. */
	public boolean isObject() {
		return this.node.isObject();
	}

	/** Whether this value is JSON {@code null}. */
	public boolean isNull() {
		return this.node.isNull();
	}

	@Override
	public boolean equals(Object other) {
		return this == other || (other instanceof JsonValue that && this.node.equals(that.node));
	}

	@Override
	public int hashCode() {
		return this.node.hashCode();
	}

	/** The compact JSON text of this value. */
	@Override
	public String toString() {
		return this.node.toString();
	}

}
