package io.trigger4j.emulator.engine;

import java.time.Instant;
import java.util.Objects;

import tools.jackson.databind.JsonNode;

/**
 * An event within a span of a run's trace: {@code exception}, {@code attempt_failed} or
 * {@code cancellation}, with the server's properties.
 *
 * @param name the event's name
 * @param time when it happened
 * @param properties its properties, a JSON object never changed once made
 */
public record TraceSpanEvent(String name, Instant time, JsonNode properties) {

	/**
	 * Checks that every component is present.
	 * @param name the event's name
	 * @param time when it happened
	 * @param properties its properties, a JSON object never changed once made
	 */
	public TraceSpanEvent {
		Objects.requireNonNull(name, "name must not be null");
		Objects.requireNonNull(time, "time must not be null");
		Objects.requireNonNull(properties, "properties must not be null");
	}

}
