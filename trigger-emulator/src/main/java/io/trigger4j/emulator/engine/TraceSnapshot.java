package io.trigger4j.emulator.engine;

import java.util.Objects;

/**
 * A run's trace at one instant: its root span (the run) with one child span per attempt.
 *
 * @param traceId the trace id (32 hex digits)
 * @param rootSpan the run's span
 */
public record TraceSnapshot(String traceId, TraceSpan rootSpan) {

	/**
	 * Checks that the trace id is present.
	 * @param traceId the trace id (32 hex digits)
	 * @param rootSpan the run's span
	 */
	public TraceSnapshot {
		Objects.requireNonNull(traceId, "traceId must not be null");
		Objects.requireNonNull(rootSpan, "rootSpan must not be null");
	}

}
