package io.trigger4j.client.model.runs;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.trigger4j.client.model.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * One event of a run ({@code GET /api/v1/runs/{runId}/events}): a span or a log line the
 * run recorded, in the flat form the server keeps them (rebuild the tree from
 * {@link #parentId()}, or use the run's trace).
 *
 * @param spanId the span id of the event
 * @param parentId the parent span's id, if any
 * @param runId the run the event belongs to, if the server sent it
 * @param message the event's message
 * @param startTime when the event started (the server sends nanoseconds since the epoch
 * as a string), or {@code null} if it sent nothing readable
 * @param duration how long it lasted (the server sends nanoseconds); zero if it sent none
 * @param isError whether the event is an error
 * @param isPartial whether the event is still in progress
 * @param isCancelled whether the event was cancelled
 * @param level the event's level, or {@code null} if the server sent none
 * @param kind the event's OpenTelemetry kind, or {@code null} if the server sent none
 * @param attemptNumber the attempt the event belongs to, if any
 * @param taskSlug the task's identifier, if the server sent it
 * @param events what happened during the event's span (exceptions, cancellations, ...)
 * @param style how the dashboard shows the event (icon, variant, accessory), as the
 * server sent it, or {@code null}
 */
public record RunEvent(String spanId, @Nullable String parentId, @Nullable String runId, @Nullable String message,
		@Nullable Instant startTime, Duration duration, boolean isError, boolean isPartial, boolean isCancelled,
		@Nullable SpanLevel level, @Nullable SpanKind kind, @Nullable Integer attemptNumber, @Nullable String taskSlug,
		List<SpanEvent> events, @Nullable JsonValue style) {

	private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);

	/**
	 * Checks that the span id is present; a missing duration gives zero and missing
	 * events an empty list.
	 * @param spanId the span id of the event
	 * @param parentId the parent span's id, if any
	 * @param runId the run the event belongs to, if the server sent it
	 * @param message the event's message
	 * @param startTime when the event started (the server sends nanoseconds since the
	 * epoch as a string), or {@code null} if it sent nothing readable
	 * @param duration how long it lasted (the server sends nanoseconds); zero if it sent
	 * none
	 * @param isError whether the event is an error
	 * @param isPartial whether the event is still in progress
	 * @param isCancelled whether the event was cancelled
	 * @param level the event's level, or {@code null} if the server sent none
	 * @param kind the event's OpenTelemetry kind, or {@code null} if the server sent none
	 * @param attemptNumber the attempt the event belongs to, if any
	 * @param taskSlug the task's identifier, if the server sent it
	 * @param events what happened during the event's span (exceptions, cancellations,
	 * ...)
	 * @param style how the dashboard shows the event (icon, variant, accessory), as the
	 * server sent it, or {@code null}
	 */
	public RunEvent {
		Objects.requireNonNull(spanId, "spanId must not be null");
		duration = (duration != null) ? duration : Duration.ZERO;
		events = (events != null) ? List.copyOf(events) : List.of();
	}

	/**
	 * Reads the server's shape, where the start time is a string of nanoseconds and the
	 * duration a number of nanoseconds.
	 */
	@JsonCreator
	private static RunEvent read(@JsonProperty(value = "spanId", required = true) String spanId,
			@JsonProperty("parentId") @Nullable String parentId, @JsonProperty("runId") @Nullable String runId,
			@JsonProperty("message") @Nullable String message, @JsonProperty("startTime") @Nullable Object startTime,
			@JsonProperty("duration") @Nullable Double duration, @JsonProperty("isError") boolean isError,
			@JsonProperty("isPartial") boolean isPartial, @JsonProperty("isCancelled") boolean isCancelled,
			@JsonProperty("level") @Nullable SpanLevel level, @JsonProperty("kind") @Nullable SpanKind kind,
			@JsonProperty("attemptNumber") @Nullable Integer attemptNumber,
			@JsonProperty("taskSlug") @Nullable String taskSlug,
			@JsonProperty("events") @Nullable List<SpanEvent> events,
			@JsonProperty("style") @Nullable JsonValue style) {
		return new RunEvent(spanId, parentId, runId, message, startTime(startTime), RunSpan.nanos(duration), isError,
				isPartial, isCancelled, level, kind, attemptNumber, taskSlug, events, style);
	}

	/**
	 * Nanoseconds since the epoch (a string of digits or a number), or an ISO-8601
	 * date-time; {@code null} for anything else.
	 */
	private static @Nullable Instant startTime(@Nullable Object value) {
		if (value instanceof Number number) {
			return nanosSinceEpoch(new BigDecimal(number.toString()).toBigInteger());
		}
		if (!(value instanceof String text) || text.isBlank()) {
			return null;
		}
		String trimmed = text.trim();
		if (trimmed.chars().allMatch(Character::isDigit)) {
			return nanosSinceEpoch(new BigInteger(trimmed));
		}
		try {
			return OffsetDateTime.parse(trimmed).toInstant();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static @Nullable Instant nanosSinceEpoch(BigInteger nanos) {
		BigInteger[] parts = nanos.divideAndRemainder(NANOS_PER_SECOND);
		if (parts[0].bitLength() > 40) {
			return null;
		}
		return Instant.ofEpochSecond(parts[0].longValueExact(), parts[1].longValueExact());
	}

}
