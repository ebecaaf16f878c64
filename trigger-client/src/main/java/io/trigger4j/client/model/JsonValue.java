package io.trigger4j.client.model;

import java.util.Map;
import java.util.Objects;

import io.trigger4j.client.error.TriggerDecodingException;
import io.trigger4j.client.internal.JsonDefaults;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A JSON value whose shape trigger4j does not know: a run's payload, output or metadata.
 * Read it as your own type with {@link #as(Class)}, or as a map with {@link #asMap()}.
 *
 * <p>
 * Values the client decodes are read with the application's mapper (in Spring Boot the
 * context's {@code JsonMapper}, in plain Java the one given to the client's builder), so
 * the application's naming strategy and modules apply to its own types. Values made with
 * {@link #of(Object)} or {@link #parse(String)} use trigger4j's default mapper.
 *
 * <p>
 * Immutable; {@link #toString()} is the compact JSON text.
 */
@JsonDeserialize(using = JsonValue.Reader.class)
public final class JsonValue {

	private final JsonNode node;

	private final ObjectMapper mapper;

	private JsonValue(JsonNode node, ObjectMapper mapper) {
		this.node = node;
		this.mapper = mapper;
	}

	/**
	 * Converts any serialisable value (a record, a map, a string, ...) into a JSON value.
	 * @param value the value to convert
	 * @return the JSON value
	 * @throws IllegalArgumentException if the value cannot be serialised
	 */
	public static JsonValue of(Object value) {
		Objects.requireNonNull(value, "value must not be null");
		if (value instanceof JsonValue json) {
			return json;
		}
		try {
			return new JsonValue(JsonDefaults.MAPPER.valueToTree(value), JsonDefaults.MAPPER);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("value cannot be serialised to JSON: " + ex.getOriginalMessage(), ex);
		}
		catch (StackOverflowError ex) {
			throw new IllegalArgumentException(
					"value cannot be serialised to JSON: it refers to itself (a cycle) or is nested too deeply");
		}
	}

	/**
	 * Parses JSON text.
	 * @param json the JSON text
	 * @return the JSON value
	 * @throws IllegalArgumentException if the text is not JSON
	 */
	public static JsonValue parse(String json) {
		Objects.requireNonNull(json, "json must not be null");
		try {
			return new JsonValue(JsonDefaults.MAPPER.readTree(json), JsonDefaults.MAPPER);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("json is not valid JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	@com.fasterxml.jackson.annotation.JsonValue
	private JsonNode node() {
		return this.node;
	}

	/**
	 * Reads a JSON value with the mapper a reader carries as its
	 * {@code ObjectMapper.class} attribute (the client sets the application's mapper
	 * there), or trigger4j's default mapper when it carries none.
	 */
	static final class Reader extends ValueDeserializer<JsonValue> {

		/** The mapper's tree reader, found once rather than for every value. */
		private volatile @Nullable ValueDeserializer<Object> trees;

		@Override
		public JsonValue deserialize(JsonParser parser, DeserializationContext context) {
			ValueDeserializer<Object> trees = this.trees;
			if (trees == null) {
				trees = context.findRootValueDeserializer(context.constructType(JsonNode.class));
				this.trees = trees;
			}
			JsonNode node = (JsonNode) trees.deserialize(parser, context);
			Object mapper = context.getAttribute(ObjectMapper.class);
			return new JsonValue(node, (mapper instanceof ObjectMapper given) ? given : JsonDefaults.MAPPER);
		}

	}

	/**
	 * Converts this value to the given type.
	 * @param <T> the type to decode into
	 * @param type the class to decode into
	 * @return the value as the type
	 * @throws TriggerDecodingException if the JSON does not fit the type
	 */
	public <T> T as(Class<T> type) {
		Objects.requireNonNull(type, "type must not be null");
		try {
			return this.mapper.treeToValue(this.node, type);
		}
		catch (JacksonException ex) {
			throw new TriggerDecodingException(
					"JSON value cannot be read as " + type.getName() + ": " + ex.getOriginalMessage(), ex);
		}
	}

	/**
	 * This value as a map of plain Java values (maps, lists, strings, numbers, booleans).
	 * @return the map
	 * @throws TriggerDecodingException if the value is not a JSON object
	 */
	public Map<String, Object> asMap() {
		if (!this.node.isObject()) {
			throw new TriggerDecodingException("JSON value is a " + this.node.getNodeType() + ", not an object");
		}
		return this.mapper.convertValue(this.node, new TypeReference<Map<String, Object>>() {
		});
	}

	/**
	 * {@return whether this value is a JSON object}
	 */
	public boolean isObject() {
		return this.node.isObject();
	}

	/**
	 * {@return whether this value is JSON {@code null}}
	 */
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
