package io.trigger4j.client.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The mapper for the application's own JSON (payloads, metadata, outputs) when the
 * application gives none: lenient on input (unknown fields and enum values never fail)
 * and leaving out {@code null}s on output. Internal to trigger4j: not API.
 */
public final class JsonDefaults {

	/**
	 * The default mapper for the application's values. Shared, immutable and thread-safe.
	 */
	public static final JsonMapper MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.enable(EnumFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
		// A value with no properties would silently go out as {}: fail instead (off by
		// default in 3.x).
		.enable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
		.changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
		.build();

	private JsonDefaults() {
	}

}
