package io.trigger4j.emulator.api;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A trigger's payload as the server stores and shows it, by its {@code payloadType}
 * (webapp/runEngine/concerns/payloads.server.ts and the retrieve presenter's
 * {@code parsePacketAsJson}):
 * <ul>
 * <li>{@code application/json} or none: the value as sent;</li>
 * <li>{@code application/super+json} (what the official SDK sends for anything but a
 * string): a string holding superjson's {@code {"json": ..., "meta": ...}}, shown and
 * handed to the task as its plain {@code json} part;</li>
 * <li>{@code text/plain} and any other type: a string, kept as it is; a value that is not
 * a string is dropped, as the server drops it.</li>
 * </ul>
 */
final class Payloads {

	static final String JSON = "application/json";

	static final String SUPER_JSON = "application/super+json";

	private Payloads() {
	}

	static @Nullable JsonNode decode(@Nullable JsonNode payload, @Nullable String payloadType) {
		if (payload == null || payloadType == null || JSON.equals(payloadType)) {
			return payload;
		}
		if (!payload.isString()) {
			return null;
		}
		if (SUPER_JSON.equals(payloadType)) {
			return superJson(payload.asString());
		}
		return payload;
	}

	/**
	 * The plain JSON of a superjson string: its {@code json} part. Text that is not
	 * superjson is kept as the string it is.
	 */
	private static JsonNode superJson(String text) {
		try {
			JsonNode packet = ApiJson.MAPPER.readTree(text);
			if (packet != null && packet.isObject() && packet.has("json")) {
				return packet.get("json");
			}
		}
		catch (JacksonException ex) {
			// not superjson: keep the text
		}
		return ApiJson.MAPPER.getNodeFactory().stringNode(text);
	}

}
