package io.trigger4j.emulator.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.trigger4j.emulator.engine.TraceSnapshot;
import io.trigger4j.emulator.engine.TraceSpan;
import io.trigger4j.emulator.engine.TraceSpanEvent;

/**
 * Renders a run's trace as {@code GET /api/v1/runs/{id}/trace} answers it (the event
 * store's {@code SpanDetailedSummary} tree) and its events as {@code /events} does (one
 * {@code RunPreparedEvent} per span, start times in nanoseconds as strings).
 */
final class TraceRenderer {

	private TraceRenderer() {
	}

	/** {@code {"trace": {traceId, rootSpan, isTruncated}}}. */
	static Map<String, Object> trace(TraceSnapshot trace) {
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("traceId", trace.traceId());
		summary.put("rootSpan", span(trace.rootSpan()));
		summary.put("isTruncated", false);
		return Map.of("trace", summary);
	}

	/** {@code {"events": [...]}}, root span first. */
	static Map<String, Object> events(List<TraceSpan> spans) {
		return Map.of("events", spans.stream().map(TraceRenderer::event).toList());
	}

	private static Map<String, Object> span(TraceSpan span) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", span.id());
		if (span.parentId() != null) {
			json.put("parentId", span.parentId());
		}
		json.put("runId", span.runId());
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("message", span.message());
		data.put("duration", span.durationNanos());
		data.put("isError", span.error());
		data.put("isPartial", span.partial());
		data.put("isCancelled", span.cancelled());
		data.put("startTime", time(span.startTime()));
		data.put("level", "TRACE");
		data.put("events", spanEvents(span));
		if (span.attemptNumber() != null) {
			data.put("attemptNumber", span.attemptNumber());
		}
		json.put("data", data);
		json.put("children", span.children().stream().map(TraceRenderer::span).toList());
		return json;
	}

	private static Map<String, Object> event(TraceSpan span) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("spanId", span.id());
		json.put("parentId", span.parentId());
		json.put("runId", span.runId());
		json.put("message", span.message());
		Map<String, Object> style = new LinkedHashMap<>();
		style.put("icon", span.icon());
		style.put("variant", span.variant());
		json.put("style", style);
		json.put("events", spanEvents(span));
		json.put("startTime", nanos(span.startTime()));
		json.put("duration", span.durationNanos());
		json.put("isError", span.error());
		json.put("isPartial", span.partial());
		json.put("isCancelled", span.cancelled());
		json.put("kind", "UNSPECIFIED");
		json.put("attemptNumber", span.attemptNumber());
		json.put("level", "TRACE");
		return json;
	}

	private static List<Map<String, Object>> spanEvents(TraceSpan span) {
		return span.events().stream().map(TraceRenderer::spanEvent).toList();
	}

	private static Map<String, Object> spanEvent(TraceSpanEvent event) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("name", event.name());
		json.put("time", time(event.time()));
		json.put("properties", event.properties());
		return json;
	}

	private static String time(Instant instant) {
		return ApiJson.iso(instant);
	}

	/** Nanoseconds since the epoch, as the server writes a bigint. */
	private static String nanos(Instant instant) {
		return java.math.BigInteger.valueOf(instant.getEpochSecond())
			.multiply(java.math.BigInteger.valueOf(1_000_000_000L))
			.add(java.math.BigInteger.valueOf(instant.getNano()))
			.toString();
	}

}
