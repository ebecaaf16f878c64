package io.trigger4j.emulator.api;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.trigger4j.emulator.engine.BatchItem;
import io.trigger4j.emulator.engine.TriggerSpec;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Parses the NDJSON body of {@code POST /api/v3/batches/{id}/items} as the server's
 * {@code createNdjsonParserStream} and {@code BatchItemNDJSON} do: one item per line
 * ({@code {index, task, payload, options}}), blank lines skipped, a line over 3 MiB kept
 * as a failed item ({@code PAYLOAD_TOO_LARGE}). The first bad line ends the items: the
 * ones before it are still taken, then its error is answered (400 "Invalid JSON at line
 * N: ..."; 422 "Invalid item at index N: ..."; 500 for a line that is not UTF-8, as the
 * server fails).
 */
final class BatchLines {

	/** The largest line ({@code STREAMING_BATCH_ITEM_MAXIMUM_SIZE}). */
	static final int MAX_ITEM_BYTES = 3_145_728;

	private BatchLines() {
	}

	/**
	 * The items before the first bad line, and that line's error.
	 *
	 * @param items the items, in order
	 * @param failure the first bad line's error, or {@code null}
	 */
	record Parsed(List<BatchItem> items, @Nullable ApiError failure) {
	}

	static Parsed parse(byte[] body, Instant now) {
		List<BatchItem> items = new ArrayList<>();
		int lineNumber = 0;
		int start = 0;
		while (start < body.length) {
			int end = start;
			while (end < body.length && body[end] != '\n') {
				end++;
			}
			lineNumber++;
			int length = end - start;
			if (length > MAX_ITEM_BYTES) {
				items.add(oversized(body, start, length, items.size()));
			}
			else {
				try {
					BatchItem item = line(body, start, length, lineNumber, now);
					if (item != null) {
						items.add(item);
					}
				}
				catch (ApiError ex) {
					return new Parsed(items, ex);
				}
			}
			start = end + 1;
		}
		return new Parsed(items, null);
	}

	private static @Nullable BatchItem line(byte[] body, int start, int length, int lineNumber, Instant now) {
		String text;
		try {
			text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(body, start, length))
				.toString();
		}
		catch (CharacterCodingException ex) {
			// The server's parser throws an error its route does not recognise.
			throw ApiError.of(500, "Something went wrong");
		}
		String trimmed = text.strip();
		if (trimmed.isEmpty()) {
			return null;
		}
		JsonNode json;
		try {
			json = ApiJson.MAPPER.readTree(trimmed);
		}
		catch (JacksonException ex) {
			throw ApiError.of(400, "Invalid JSON at line " + lineNumber + ": " + ex.getOriginalMessage());
		}
		return item(json, now);
	}

	/** An item as {@code BatchItemNDJSON} validates it; its options as a trigger's. */
	private static BatchItem item(@Nullable JsonNode json, Instant now) {
		if (json == null || !json.isObject()) {
			String received = (json == null) ? "null" : Bodies.typeName(json);
			Map<String, Object> issue = new LinkedHashMap<>();
			issue.put("code", "invalid_type");
			issue.put("expected", "object");
			issue.put("received", received);
			issue.put("path", List.of());
			issue.put("message", "Expected object, received " + received);
			throw invalidItem(null, ApiJson.MAPPER.writeValueAsString(List.of(issue)));
		}
		JsonNode indexNode = Bodies.field(json, "index");
		Long index = null;
		List<Map<String, Object>> issues = new ArrayList<>();
		if (indexNode == null) {
			issues.add(ApiError.invalidType("number", "undefined", "Required", "index"));
		}
		else if (!indexNode.isNumber()) {
			String received = Bodies.typeName(indexNode);
			issues.add(ApiError.invalidType("number", received, "Expected number, received " + received, "index"));
		}
		else if (indexNode.isFloatingPointNumber() && !Double.isFinite(indexNode.asDouble())) {
			issues.add(ApiError.invalidType("number", "infinity", "Expected number, received infinity", "index"));
		}
		else {
			BigDecimal value = indexNode.decimalValue().stripTrailingZeros();
			if (value.scale() > 0) {
				issues.add(ApiError.issue("invalid_type", "Expected integer, received float", "index"));
			}
			else if (value.signum() < 0) {
				issues.add(ApiError.issue("too_small", "Number must be greater than or equal to 0", "index"));
			}
			else {
				// An integer beyond a long is beyond any batch.
				index = (value.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) ? Long.MAX_VALUE
						: value.longValueExact();
			}
		}
		JsonNode taskNode = Bodies.field(json, "task");
		if (taskNode == null || !taskNode.isString()) {
			String received = (taskNode == null) ? "undefined" : Bodies.typeName(taskNode);
			issues.add(ApiError.invalidType("string", received,
					(taskNode == null) ? "Required" : "Expected string, received " + received, "task"));
		}
		String shownIndex = (indexNode != null && indexNode.isNumber()) ? indexNode.asString() : null;
		if (!issues.isEmpty() || index == null || taskNode == null) {
			throw invalidItem(shownIndex, ApiJson.MAPPER.writeValueAsString(issues));
		}
		String task = taskNode.asString();
		TriggerSpec trigger;
		try {
			trigger = TriggerRequests.parse(task, json, "", null, null, null, "batchTrigger", now);
		}
		catch (ApiError ex) {
			throw invalidItem(shownIndex, ex.getMessage());
		}
		return BatchItem.of(index, trigger);
	}

	private static ApiError invalidItem(@Nullable String index, @Nullable String message) {
		String where = (index != null) ? "index " + index : "unknown index";
		return ApiError.of(422, "Invalid item at " + where + ": " + message);
	}

	/**
	 * A line over the limit: a failed item with the index and task found in it (else the
	 * item's position and {@code unknown}).
	 */
	private static BatchItem oversized(byte[] body, int start, int length, int position) {
		long index = position;
		String task = "unknown";
		try {
			JsonNode json = ApiJson.MAPPER.readTree(new String(body, start, length, StandardCharsets.UTF_8));
			JsonNode indexNode = Bodies.field(json, "index");
			if (indexNode != null && indexNode.isIntegralNumber() && indexNode.canConvertToLong()
					&& indexNode.asLong() >= 0) {
				index = indexNode.asLong();
			}
			JsonNode taskNode = Bodies.field(json, "task");
			if (taskNode != null && taskNode.isString()) {
				task = taskNode.asString();
			}
		}
		catch (JacksonException ex) {
			// keep the position and "unknown", as the server does for what it cannot read
		}
		String message = String.format(Locale.ROOT,
				"Batch item payload is too large (%.1f KB). Maximum allowed size is %.1f KB. "
						+ "Reduce the payload size or offload large data to external storage.",
				length / 1024.0, MAX_ITEM_BYTES / 1024.0);
		return BatchItem.failed(index, task, message, "PAYLOAD_TOO_LARGE");
	}

}
