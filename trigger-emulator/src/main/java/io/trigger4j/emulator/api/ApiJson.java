package io.trigger4j.emulator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The api layer's JSON mapper: bounded nesting and number lengths, so no request body can
 * make parsing itself expensive.
 */
final class ApiJson {

	static final JsonMapper MAPPER = JsonMapper
		.builder(JsonFactory.builder()
			.streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).maxNumberLength(400).build())
			.build())
		.changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
		.build();

	private ApiJson() {
	}

}
