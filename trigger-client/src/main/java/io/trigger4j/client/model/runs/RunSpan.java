package io.trigger4j.client.model.runs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.trigger4j.client.error.TriggerDecodingException;
import io.trigger4j.client.model.JsonValue;
import io.trigger4j.client.model.MachinePreset;
import org.jspecify.annotations.Nullable;

/**
 * One span of a run's trace ({@code GET /api/v1/runs/{runId}/trace}): an attempt, a log
 * line, a child run's trigger, a wait, ... with the spans below it in
 * {@link #children()}. The server sends the span's details in a nested {@code data}
 * object; they are flattened here.
 *
 * @param id the span id
 * @param parentId the parent span's id; {@code null} for a root
 * @param runId the run the span belongs to ({@code run_...})
 * @param message the span's title, such as {@code Attempt 1} or the task's identifier
 * @param taskSlug the task's identifier, if the server sent it
 * @param startTime when the span started
 * @param duration how long it lasted (the server sends nanoseconds); zero if it sent none
 * @param isError whether the span failed
 * @param isPartial whether the span is still in progress
 * @param isCancelled whether the span was cancelled
 * @param level the span's level, or {@code null} if the server sent none
 * @param attemptNumber the attempt the span belongs to, if any
 * @param workerVersion the worker version, if the server sent it
 * @param queueName the queue's name, if the server sent it
 * @param machinePreset the machine preset, if the server sent it
 * @param properties the span's OpenTelemetry attributes as the server sent them, or
 * {@code null}
 * @param events what happened during the span (exceptions, cancellations, ...)
 * @param output the output recorded on the span, if any
 * @param children the spans below this one, in the server's order
 */
public record RunSpan(String id, @Nullable String parentId, @Nullable String runId, @Nullable String message,
		@Nullable String taskSlug, @Nullable Instant startTime, Duration duration, boolean isError, boolean isPartial,
		boolean isCancelled, @Nullable SpanLevel level, @Nullable Integer attemptNumber, @Nullable String workerVersion,
		@Nullable String queueName, @Nullable MachinePreset machinePreset, @Nullable JsonValue properties,
		List<SpanEvent> events, @Nullable JsonValue output, List<RunSpan> children) {

	/**
	 * Checks that the id is present; a missing duration gives zero and missing lists
	 * empty ones.
	 * @param id the span id
	 * @param parentId the parent span's id; {@code null} for a root
	 * @param runId the run the span belongs to ({@code run_...})
	 * @param message the span's title, such as {@code Attempt 1} or the task's identifier
	 * @param taskSlug the task's identifier, if the server sent it
	 * @param startTime when the span started
	 * @param duration how long it lasted (the server sends nanoseconds); zero if it sent
	 * none
	 * @param isError whether the span failed
	 * @param isPartial whether the span is still in progress
	 * @param isCancelled whether the span was cancelled
	 * @param level the span's level, or {@code null} if the server sent none
	 * @param attemptNumber the attempt the span belongs to, if any
	 * @param workerVersion the worker version, if the server sent it
	 * @param queueName the queue's name, if the server sent it
	 * @param machinePreset the machine preset, if the server sent it
	 * @param properties the span's OpenTelemetry attributes as the server sent them, or
	 * {@code null}
	 * @param events what happened during the span (exceptions, cancellations, ...)
	 * @param output the output recorded on the span, if any
	 * @param children the spans below this one, in the server's order
	 */
	public RunSpan {
		Objects.requireNonNull(id, "id must not be null");
		duration = (duration != null) ? duration : Duration.ZERO;
		events = (events != null) ? List.copyOf(events) : List.of();
		children = (children != null) ? List.copyOf(children) : List.of();
	}

	/**
	 * Reads the server's shape: identity and children at the top, the rest in
	 * {@code data}.
	 */
	@JsonCreator
	private static RunSpan read(@JsonProperty(value = "id", required = true) String id,
			@JsonProperty("parentId") @Nullable String parentId, @JsonProperty("runId") @Nullable String runId,
			@JsonProperty("data") @Nullable Data data, @JsonProperty("children") @Nullable List<RunSpan> children) {
		Data details = (data != null) ? data : Data.EMPTY;
		return new RunSpan(id, parentId, runId, details.message(), details.taskSlug(), details.startTime(),
				nanos(details.duration()), details.isError(), details.isPartial(), details.isCancelled(),
				details.level(), details.attemptNumber(), details.workerVersion(), details.queueName(),
				details.machinePreset(), details.properties(), details.events(), details.output(), children);
	}

	static Duration nanos(@Nullable Double nanos) {
		return (nanos != null && nanos > 0) ? Duration.ofNanos(Math.round(nanos)) : Duration.ZERO;
	}

	/**
	 * The output read as the given type, or {@code null} when the span has none.
	 * @param <T> the type to decode into
	 * @param type the class to decode into
	 * @return the output, or {@code null}
	 * @throws TriggerDecodingException if the output does not fit the type
	 */
	public <T> @Nullable T output(Class<T> type) {
		return (this.output != null) ? this.output.as(type) : null;
	}

	/** The span's {@code data} object as the server sends it. */
	private record Data(@Nullable String message, @Nullable String taskSlug, @Nullable Instant startTime,
			@Nullable Double duration, boolean isError, boolean isPartial, boolean isCancelled,
			@Nullable SpanLevel level, @Nullable Integer attemptNumber, @Nullable String workerVersion,
			@Nullable String queueName, @Nullable MachinePreset machinePreset, @Nullable JsonValue properties,
			@Nullable List<SpanEvent> events, @Nullable JsonValue output) {

		static final Data EMPTY = new Data(null, null, null, null, false, false, false, null, null, null, null, null,
				null, null, null);

	}

}
