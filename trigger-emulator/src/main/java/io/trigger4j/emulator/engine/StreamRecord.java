package io.trigger4j.emulator.engine;

import java.util.Objects;

import tools.jackson.databind.JsonNode;

/**
 * One record of a run's realtime data stream.
 *
 * @param id its id, {@code <epochMillis>-<seq>} as a Redis stream id, increasing along
 * the stream
 * @param data the record, as plain JSON
 */
public record StreamRecord(String id, JsonNode data) {

	/**
	 * Checks that the id is present.
	 * @param id its id, {@code <epochMillis>-<seq>} as a Redis stream id, increasing
	 * along the stream
	 * @param data the record, as plain JSON
	 */
	public StreamRecord {
		Objects.requireNonNull(id, "id must not be null");
		Objects.requireNonNull(data, "data must not be null");
	}

}
