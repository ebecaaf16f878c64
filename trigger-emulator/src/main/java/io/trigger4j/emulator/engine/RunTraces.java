package io.trigger4j.emulator.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs' traces and events ({@code GET /api/v1/runs/{id}/trace} and {@code /events}),
 * generated from their attempts as the server's event store would summarize them: a root
 * span for the run (from its creation to its end; the task's name) and a child span per
 * attempt ({@code Attempt N}, from its start to its end). A span still going on is
 * partial with no duration; a failed attempt is an error with an {@code exception} event,
 * and the root span gets an {@code attempt_failed} event for it; a cancelled run's root
 * span and running attempt are cancelled with a {@code cancellation} event. Ids are
 * derived from the run id, so they are the same on every call.
 */
public final class RunTraces {

	/** The reason of a cancel through the API, as the server records it. */
	static final String CANCEL_REASON = "Canceled by user";

	private static final Set<RunState> ERRORS = EnumSet.of(RunState.COMPLETED_WITH_ERRORS, RunState.INTERRUPTED,
			RunState.SYSTEM_FAILURE, RunState.CRASHED, RunState.TIMED_OUT, RunState.EXPIRED);

	private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

	private final Engine engine;

	RunTraces(Engine engine) {
		this.engine = engine;
	}

	/**
	 * The run's trace, generated from its attempts.
	 * @param runId the run's id
	 * @return the trace, or empty for an unknown run
	 */
	public Optional<TraceSnapshot> trace(String runId) {
		Objects.requireNonNull(runId, "runId must not be null");
		return this.engine.locked(() -> {
			RunRecord run = this.engine.runStore().get(runId);
			return (run != null) ? Optional.of(trace(run)) : Optional.empty();
		});
	}

	/**
	 * The run's events: its spans (root first, then the attempts), or empty for an
	 * unknown run.
	 * @param runId the run's id
	 * @return the spans, or empty
	 */
	public Optional<List<TraceSpan>> events(String runId) {
		return trace(runId).map((trace) -> trace.rootSpan().flatten());
	}

	private static TraceSnapshot trace(RunRecord run) {
		String rootId = spanId(run.id, 0);
		boolean cancelled = run.state == RunState.CANCELED;
		List<TraceSpan> attempts = new ArrayList<>();
		List<TraceSpanEvent> rootEvents = new ArrayList<>();
		for (AttemptRecord attempt : run.attempts) {
			List<TraceSpanEvent> events = new ArrayList<>();
			boolean error = attempt.outcome == AttemptRecord.Outcome.FAILED
					|| attempt.outcome == AttemptRecord.Outcome.CRASHED;
			boolean attemptCancelled = attempt.outcome == AttemptRecord.Outcome.CANCELED;
			Instant end = attempt.endedAt;
			if (error) {
				ObjectNode exception = exception(attempt.error);
				ObjectNode properties = JSON.objectNode();
				properties.set("exception", exception);
				events.add(new TraceSpanEvent("exception", Objects.requireNonNull(end), properties));
				ObjectNode failed = JSON.objectNode();
				failed.set("exception", exception.deepCopy());
				failed.put("attemptNumber", attempt.number);
				failed.put("runId", run.id);
				rootEvents.add(new TraceSpanEvent("attempt_failed", end, failed));
			}
			if (attemptCancelled) {
				events.add(cancellation(Objects.requireNonNull(end)));
			}
			attempts.add(new TraceSpan(spanId(run.id, attempt.number), rootId, run.id, "Attempt " + attempt.number,
					"attempt", "cold", attempt.startedAt, nanos(attempt.startedAt, end), error, end == null,
					attemptCancelled, attempt.number, events, List.of()));
		}
		boolean error = ERRORS.contains(run.state);
		Instant end = run.state.isTerminal() ? run.finishedAt : null;
		if (error && run.error != null && end != null) {
			ObjectNode properties = JSON.objectNode();
			properties.set("exception", exception(run.error));
			rootEvents.add(new TraceSpanEvent("exception", end, properties));
		}
		if (cancelled && end != null) {
			rootEvents.add(cancellation(end));
		}
		rootEvents.sort((a, b) -> a.time().compareTo(b.time()));
		TraceSpan root = new TraceSpan(rootId, null, run.id, run.taskIdentifier, "task", "primary", run.createdAt,
				nanos(run.createdAt, end), error, end == null, cancelled, null, rootEvents, attempts);
		return new TraceSnapshot(traceId(run.id), root);
	}

	private static TraceSpanEvent cancellation(Instant at) {
		ObjectNode properties = JSON.objectNode();
		properties.put("reason", CANCEL_REASON);
		return new TraceSpanEvent("cancellation", at, properties);
	}

	/**
	 * The server's exception properties from a run error: {@code type} (the error's
	 * name), {@code message}, {@code stacktrace}.
	 */
	private static ObjectNode exception(@Nullable JsonNode error) {
		ObjectNode exception = JSON.objectNode();
		if (error == null || !error.isObject()) {
			exception.put("message", (error != null) ? error.toString() : "Unknown error");
			return exception;
		}
		copyText(error, "name", exception, "type");
		copyText(error, "message", exception, "message");
		copyText(error, "stackTrace", exception, "stacktrace");
		return exception;
	}

	private static void copyText(JsonNode from, String name, ObjectNode to, String as) {
		JsonNode value = from.get(name);
		if (value != null && value.isString()) {
			to.put(as, value.asString());
		}
	}

	private static long nanos(Instant start, @Nullable Instant end) {
		if (end == null || end.isBefore(start)) {
			return 0;
		}
		return Times.nanos(Duration.between(start, end));
	}

	/** The trace id: 32 hex digits derived from the run id. */
	static String traceId(String runId) {
		return HexFormat.of().formatHex(digest("trace/" + runId), 0, 16);
	}

	/**
	 * A span id: 16 hex digits derived from the run id and the attempt (0 for the run).
	 */
	static String spanId(String runId, int attempt) {
		return HexFormat.of().formatHex(digest("span/" + runId + "/" + attempt), 0, 8);
	}

	private static byte[] digest(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing", ex);
		}
	}

}
