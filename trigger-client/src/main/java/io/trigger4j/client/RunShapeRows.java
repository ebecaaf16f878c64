package io.trigger4j.client;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.trigger4j.client.error.TriggerDecodingException;
import io.trigger4j.client.internal.MediaTypes;
import io.trigger4j.client.model.runs.Run;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decodes the rows of the realtime run feed (sdk-behaviour.md 5.2): each column value
 * arrives as text (or {@code null}) and is typed by the {@code electric-schema} header,
 * then a row becomes a {@link Run} as the official SDK's {@code transformRunShape} builds
 * it, with the engine's internal status names mapped to the public ones.
 */
final class RunShapeRows {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	/**
	 * Internal status names to public ones, as the SDK's {@code apiStatusFromRunStatus};
	 * names not listed (public names, and names this version does not know) are kept.
	 */
	private static final Map<String, String> STATUSES = Map.of("PENDING", "QUEUED", "WAITING_FOR_DEPLOY",
			"PENDING_VERSION", "PAUSED", "WAITING", "WAITING_TO_RESUME", "WAITING", "RETRYING_AFTER_FAILURE",
			"EXECUTING", "COMPLETED_SUCCESSFULLY", "COMPLETED", "INTERRUPTED", "FAILED", "COMPLETED_WITH_ERRORS",
			"FAILED");

	private RunShapeRows() {
	}

	/**
	 * The type of a column.
	 *
	 * @param type the Postgres type, such as {@code int4} or {@code timestamp}
	 * @param dims the array dimensions, 0 for a scalar
	 */
	record Column(String type, int dims) {

		static final Column TEXT = new Column("text", 0);

	}

	/**
	 * The column types of an {@code electric-schema} header ({@code {"col": {"type":
	 * "int4", "dims": 1}}}); an empty map when there is none.
	 */
	static Map<String, Column> schema(String operation, @Nullable String header) {
		Map<String, Column> schema = new HashMap<>();
		if (header == null || header.isBlank()) {
			return schema;
		}
		JsonNode node;
		try {
			node = WireJson.WIRE.readTree(header);
		}
		catch (JacksonException ex) {
			throw new TriggerDecodingException(
					"Could not decode the electric-schema header of " + operation + ": " + ex.getOriginalMessage(), ex);
		}
		for (Map.Entry<String, JsonNode> column : node.properties()) {
			JsonNode type = column.getValue().path("type");
			schema.put(column.getKey(), new Column(type.isString() ? type.asString().toLowerCase(Locale.ROOT) : "text",
					column.getValue().path("dims").asInt(0)));
		}
		return schema;
	}

	/** A change message's {@code value}, each column typed by the schema. */
	static ObjectNode decode(JsonNode value, Map<String, Column> schema) {
		ObjectNode row = NODES.objectNode();
		for (Map.Entry<String, JsonNode> column : value.properties()) {
			Column type = schema.getOrDefault(column.getKey(), Column.TEXT);
			row.set(column.getKey(), decode(column.getValue(), type));
		}
		return row;
	}

	private static JsonNode decode(JsonNode value, Column column) {
		if (value.isNull() || value.isMissingNode()) {
			return NODES.nullNode();
		}
		if (!value.isString()) {
			// Already typed (a server that sends JSON values): kept as it is.
			return value;
		}
		String text = value.asString();
		if (column.dims() > 0) {
			ArrayNode array = NODES.arrayNode();
			for (String element : pgArray(text)) {
				array.add((element != null) ? scalar(element, column.type()) : NODES.nullNode());
			}
			return array;
		}
		return scalar(text, column.type());
	}

	private static JsonNode scalar(String text, String type) {
		try {
			return switch (type) {
				case "int2", "int4", "int8" -> NODES.numberNode(Long.parseLong(text.strip()));
				case "float4", "float8", "numeric" -> NODES.numberNode(Double.parseDouble(text.strip()));
				case "bool" -> NODES.booleanNode("t".equals(text) || "true".equals(text));
				case "json", "jsonb" -> WireJson.WIRE.readTree(text);
				case "timestamp", "timestamptz" -> NODES.stringNode(instant(text).toString());
				default -> NODES.stringNode(text);
			};
		}
		catch (NumberFormatException | DateTimeParseException | JacksonException ex) {
			throw new TriggerDecodingException(
					"Could not decode a realtime column of type " + type + " from '" + text + "'", ex);
		}
	}

	/**
	 * A timestamp column: ISO text, normally without a zone, which is UTC (the SDK
	 * appends {@code Z}); a zone or offset, when present, is honoured.
	 */
	static Instant instant(String text) {
		String iso = text.strip().replace(' ', 'T');
		if (iso.endsWith("Z") || iso.endsWith("z")) {
			return Instant.parse(iso.toUpperCase(Locale.ROOT));
		}
		int time = iso.indexOf('T');
		if (time >= 0 && (iso.indexOf('+', time) >= 0 || iso.indexOf('-', time) >= 0)) {
			String offset = iso.matches(".*[+-]\\d\\d$") ? iso + ":00" : iso;
			return OffsetDateTime.parse(offset).toInstant();
		}
		return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
	}

	/**
	 * The elements of a one-dimensional Postgres array literal such as {@code {"a","b
	 * \"c\""}} or {@code {a,b}}; {@code NULL} elements are {@code null}.
	 */
	static List<@Nullable String> pgArray(String literal) {
		String text = literal.strip();
		if (text.length() < 2 || text.charAt(0) != '{' || text.charAt(text.length() - 1) != '}') {
			throw new TriggerDecodingException("Could not decode a realtime array column from '" + literal + "'", null);
		}
		List<@Nullable String> elements = new ArrayList<>();
		int end = text.length() - 1;
		int i = 1;
		while (i < end) {
			StringBuilder element = new StringBuilder();
			boolean quoted = text.charAt(i) == '"';
			if (quoted) {
				i++;
				while (i < end && text.charAt(i) != '"') {
					if (text.charAt(i) == '\\' && i + 1 < end) {
						i++;
					}
					element.append(text.charAt(i++));
				}
				i++;
			}
			else {
				while (i < end && text.charAt(i) != ',') {
					element.append(text.charAt(i++));
				}
			}
			String value = element.toString();
			elements.add((!quoted && "NULL".equals(value)) ? null : value);
			// Skip the separator.
			i++;
		}
		return elements;
	}

	/** The public name of a status as the feed writes it. */
	static String publicStatus(String status) {
		return STATUSES.getOrDefault(status.toUpperCase(Locale.ROOT), status);
	}

	/**
	 * A row as a {@link Run}, in the fields retrieve uses: {@code friendlyId} is the id,
	 * {@code completedAt} the finish time, {@code usageDurationMs} the duration,
	 * {@code runTags} the tags. Payload, output and metadata are packets decoded by their
	 * {@code *Type} column; a packet stored apart ({@code application/store}) leaves the
	 * value {@code null} and puts its storage path in {@code payloadPresignedUrl} or
	 * {@code outputPresignedUrl} (a relative path, not a URL), for the packet download to
	 * resolve.
	 */
	static Run toRun(WireJson json, String operation, ObjectNode row) {
		ObjectNode run = NODES.objectNode();
		JsonNode friendlyId = row.path("friendlyId");
		run.set("id", friendlyId.isString() ? friendlyId : row.path("id"));
		String status = row.path("status").isString() ? publicStatus(row.path("status").asString()) : "QUEUED";
		run.put("status", status);
		copy(row, "taskIdentifier", run, "taskIdentifier");
		copy(row, "idempotencyKey", run, "idempotencyKey");
		copy(row, "ttl", run, "ttl");
		copy(row, "isTest", run, "isTest");
		copy(row, "costInCents", run, "costInCents");
		copy(row, "baseCostInCents", run, "baseCostInCents");
		copy(row, "usageDurationMs", run, "durationMs");
		copy(row, "createdAt", run, "createdAt");
		copy(row, "updatedAt", run, "updatedAt");
		copy(row, "startedAt", run, "startedAt");
		copy(row, "delayUntil", run, "delayedUntil");
		copy(row, "expiredAt", run, "expiredAt");
		copy(row, "completedAt", run, "finishedAt");
		copy(row, "runTags", run, "tags");
		JsonNode error = row.path("error");
		if (error.isObject()) {
			run.set("error", error(error));
		}
		packet(row, "payload", run, "payloadPresignedUrl");
		packet(row, "output", run, "outputPresignedUrl");
		if (!row.path("metadataType").isNull() && !row.path("metadataType").isMissingNode()) {
			packet(row, "metadata", run, null);
		}
		flags(status, run);
		return json.read(operation, WireJson.WIRE.writeValueAsBytes(run), Run.class);
	}

	private static void copy(ObjectNode row, String column, ObjectNode run, String field) {
		JsonNode value = row.get(column);
		if (value != null && !value.isNull()) {
			run.set(field, value);
		}
	}

	/**
	 * A {@code TaskRunError} as a run's error: a string or custom error's {@code raw} is
	 * its message, an internal error's {@code code} its name.
	 */
	private static JsonNode error(JsonNode error) {
		ObjectNode copy = ((ObjectNode) error).deepCopy();
		if (!copy.path("message").isString() && copy.path("raw").isString()) {
			copy.set("message", copy.get("raw"));
		}
		if (!copy.path("name").isString() && copy.path("code").isString()) {
			copy.set("name", copy.get("code"));
		}
		return copy;
	}

	/**
	 * A packet column decoded by its {@code <column>Type}: JSON (also when untyped), the
	 * {@code json} part of {@code application/super+json}, anything else as text.
	 */
	private static void packet(ObjectNode row, String column, ObjectNode run, @Nullable String storePathField) {
		JsonNode data = row.path(column);
		if (!data.isString() || data.asString().isEmpty()) {
			return;
		}
		String text = data.asString();
		JsonNode typeNode = row.path(column + "Type");
		String type = typeNode.isString() ? MediaTypes.essence(typeNode.asString()) : MediaTypes.JSON;
		if (MediaTypes.STORE.equals(type)) {
			if (storePathField != null) {
				run.put(storePathField, text);
			}
			return;
		}
		try {
			switch (type) {
				case MediaTypes.JSON -> run.set(column, WireJson.WIRE.readTree(text));
				case MediaTypes.SUPER_JSON -> {
					JsonNode json = WireJson.WIRE.readTree(text).path("json");
					if (!json.isMissingNode()) {
						run.set(column, json);
					}
				}
				default -> run.put(column, text);
			}
		}
		catch (JacksonException ex) {
			throw new TriggerDecodingException(
					"Could not decode the " + column + " of a realtime run as " + type + ": " + ex.getOriginalMessage(),
					ex);
		}
	}

	/**
	 * The SDK's status booleans for a subscription: {@code isCompleted} covers COMPLETED,
	 * FAILED, CRASHED, SYSTEM_FAILURE, EXPIRED and TIMED_OUT.
	 */
	private static void flags(String status, ObjectNode run) {
		boolean success = "COMPLETED".equals(status);
		boolean failed = List.of("FAILED", "CRASHED", "SYSTEM_FAILURE", "EXPIRED", "TIMED_OUT").contains(status);
		run.put("isQueued", List.of("PENDING_VERSION", "QUEUED", "PENDING", "DELAYED").contains(status));
		run.put("isWaiting", "WAITING".equals(status));
		run.put("isExecuting", List.of("DEQUEUED", "EXECUTING").contains(status));
		run.put("isCompleted", success || failed);
		run.put("isFailed", failed);
		run.put("isSuccess", success);
		run.put("isCancelled", "CANCELED".equals(status));
	}

}
