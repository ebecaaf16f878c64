package io.trigger4j.client;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * JSON text the application's mapper wrote (a payload, metadata, a context), embedded
 * as-is in a request body that the wire mapper writes.
 *
 * @param json the JSON text
 */
record RawJson(String json) {

	@Override
	public String toString() {
		return this.json;
	}

	/** Writes the text verbatim. */
	static final class Serializer extends StdSerializer<RawJson> {

		Serializer() {
			super(RawJson.class);
		}

		@Override
		public void serialize(RawJson value, JsonGenerator generator, SerializationContext context) {
			generator.writeRawValue(value.json());
		}

	}

}
