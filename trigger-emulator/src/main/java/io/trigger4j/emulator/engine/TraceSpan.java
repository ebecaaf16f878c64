package io.trigger4j.emulator.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A span of a run's trace, generated from the run or one of its attempts.
 *
 * @param id the span id (16 hex digits)
 * @param parentId the parent span's id, or {@code null} for the run's root span
 * @param runId the run
 * @param message the span's title: the task for the root span, {@code Attempt N} for an
 * attempt
 * @param icon the dashboard icon ({@code task}, {@code attempt})
 * @param variant the dashboard variant ({@code primary}, {@code cold})
 * @param startTime when it started
 * @param durationNanos how long it took, 0 while it is partial
 * @param error whether it ended in an error
 * @param partial whether it is still going on
 * @param cancelled whether it was cancelled
 * @param attemptNumber the attempt's number, or {@code null} for the root span
 * @param events its events
 * @param children its child spans, in start order
 */
public record TraceSpan(String id, @Nullable String parentId, String runId, String message, String icon, String variant,
		Instant startTime, long durationNanos, boolean error, boolean partial, boolean cancelled,
		@Nullable Integer attemptNumber, List<TraceSpanEvent> events, List<TraceSpan> children) {

	/**
	 * Copies the events and children.
	 * @param id the span id (16 hex digits)
	 * @param parentId the parent span's id, or {@code null} for the run's root span
	 * @param runId the run
	 * @param message the span's title: the task for the root span, {@code Attempt N} for
	 * an attempt
	 * @param icon the dashboard icon ({@code task}, {@code attempt})
	 * @param variant the dashboard variant ({@code primary}, {@code cold})
	 * @param startTime when it started
	 * @param durationNanos how long it took, 0 while it is partial
	 * @param error whether it ended in an error
	 * @param partial whether it is still going on
	 * @param cancelled whether it was cancelled
	 * @param attemptNumber the attempt's number, or {@code null} for the root span
	 * @param events its events
	 * @param children its child spans, in start order
	 */
	public TraceSpan {
		events = List.copyOf(events);
		children = List.copyOf(children);
	}

	/**
	 * {@return this span and its descendants, depth first, parents before children}
	 */
	public List<TraceSpan> flatten() {
		List<TraceSpan> spans = new ArrayList<>();
		spans.add(this);
		for (TraceSpan child : this.children) {
			spans.addAll(child.flatten());
		}
		return spans;
	}

}
