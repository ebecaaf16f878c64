package io.trigger4j.client.model.runs;

import java.time.Instant;

import io.trigger4j.client.model.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * Something that happened during a span, such as {@code exception}, {@code cancellation}
 * or {@code attempt_failed}: part of a {@link RunSpan} and a {@link RunEvent}.
 *
 * @param name the event's name
 * @param time when it happened
 * @param properties the event's properties (for an exception: {@code exception.type},
 * {@code exception.message}, ...), or {@code null}
 */
public record SpanEvent(@Nullable String name, @Nullable Instant time, @Nullable JsonValue properties) {

}
