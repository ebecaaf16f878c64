package io.trigger4j.client;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.trigger4j.client.error.TriggerDecodingException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The two mappers of a client, kept apart. The wire format (request envelopes, API
 * records) is trigger4j's own fixed configuration: lenient on input (unknown fields and
 * enum values never fail), leaving out {@code null}s on output, and reading timestamps
 * without {@code DateTimeFormatter}. The application's own values (payloads, metadata,
 * context, and the payloads and outputs it reads back through
 * {@link io.trigger4j.client.model.JsonValue}) go through the application's mapper, so
 * its naming strategy and modules apply to them.
 */
final class WireJson {

	/** The wire mapper; shared, immutable and thread-safe. */
	static final JsonMapper WIRE = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.enable(EnumFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
		.changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
		.addModule(new SimpleModule("trigger4j-wire") {

			@Override
			public void setupModule(SetupContext context) {
				super.setupModule(context);
				context.addValueInstantiators(new WireRecordCreators());
			}

		}.addDeserializer(Instant.class, new WireInstantDeserializer())
			.addSerializer(RawJson.class, new RawJson.Serializer()))
		.build();

	private final ObjectWriter userWriter;

	private final ObjectMapper userMapper;

	private final Map<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();

	/**
	 * @param userMapper the application's mapper, for its own values
	 */
	WireJson(ObjectMapper userMapper) {
		// A value with no properties would silently go out as {}: fail instead. NaN and
		// infinities come out as bare tokens, so that they can be found and refused.
		this.userWriter = userMapper.writer()
			.with(SerializationFeature.FAIL_ON_EMPTY_BEANS)
			.without(JsonWriteFeature.WRITE_NAN_AS_STRINGS);
		this.userMapper = userMapper;
	}

	/**
	 * Writes one of the application's values with its mapper, now, so that a value it
	 * cannot write fails before any request. A value that refers to itself (a cycle) and
	 * a number that is NaN or infinite are refused: JSON has no way to say either, and
	 * writing {@code "NaN"} or {@code null} in its place would change the value unseen.
	 * @param argument the argument named in the error
	 * @throws IllegalArgumentException if the value cannot be written
	 */
	RawJson user(String argument, Object value) {
		String json;
		try {
			json = this.userWriter.writeValueAsString(value);
		}
		catch (StreamConstraintsException ex) {
			throw new IllegalArgumentException(
					argument + " cannot be serialised to JSON: it refers to itself (a cycle) "
							+ "or is nested too deeply (" + ex.getOriginalMessage() + ")",
					ex);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(argument + " cannot be serialised to JSON: " + ex.getOriginalMessage(),
					ex);
		}
		catch (StackOverflowError ex) {
			// A mapper without a nesting limit follows a cycle until the stack ends.
			throw new IllegalArgumentException(
					argument + " cannot be serialised to JSON: it refers to itself (a cycle) or is nested too deeply");
		}
		requireFinite(argument, json);
		return new RawJson(json);
	}

	/**
	 * Refuses JSON text holding NaN or an infinity: outside strings, valid JSON has no
	 * {@code N} or {@code I}.
	 */
	private static void requireFinite(String argument, String json) {
		boolean inString = false;
		for (int i = 0; i < json.length(); i++) {
			char c = json.charAt(i);
			if (inString) {
				if (c == '\\') {
					i++;
				}
				else if (c == '"') {
					inString = false;
				}
			}
			else if (c == '"') {
				inString = true;
			}
			else if (c == 'N' || c == 'I') {
				throw new IllegalArgumentException(argument
						+ " must not hold NaN or an infinite number: JSON cannot represent them (send null or a string instead)");
			}
		}
	}

	/** Writes a request body in the wire format. */
	byte[] write(Object body) {
		return WIRE.writeValueAsBytes(body);
	}

	/**
	 * Reads a response body as a wire record.
	 * @param operation the operation named in the error
	 * @throws TriggerDecodingException if the body does not fit the type, or lacks a
	 * required field
	 */
	<T> T read(String operation, byte[] body, Class<T> type) {
		try {
			return reader(type).readValue(body);
		}
		catch (JacksonException ex) {
			throw new TriggerDecodingException("Could not decode the response of " + operation + " as "
					+ type.getSimpleName() + ": " + ex.getOriginalMessage(), ex);
		}
	}

	private ObjectReader reader(Class<?> type) {
		ObjectReader reader = this.readers.get(type);
		if (reader == null) {
			reader = this.readers.computeIfAbsent(type, (key) -> WIRE.readerFor(key)
				// JsonValue reads the application's values with the mapper found here.
				.withAttribute(ObjectMapper.class, this.userMapper));
		}
		return reader;
	}

}
