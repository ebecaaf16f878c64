package io.trigger4j.emulator.api;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.trigger4j.emulator.engine.RealtimeRun;
import io.trigger4j.emulator.engine.RunSnapshot;
import io.trigger4j.emulator.engine.RunState;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders runs as the realtime shape protocol carries them (the server's
 * {@code electricStreamProtocol.server.ts}): the {@code TaskRun} columns, every value a
 * string or {@code null} typed by the {@code electric-schema} header, change and control
 * messages.
 */
final class ShapeRenderer {

	/** The columns {@code skipColumns} cannot drop. */
	static final Set<String> RESERVED = Set.of("id", "taskIdentifier", "friendlyId", "status", "createdAt");

	/** A column, its Postgres type and whether it is an array. */
	record Column(String name, String type, boolean array) {
	}

	/** The columns of the feed, in the server's order. */
	static final List<Column> COLUMNS = List.of(column("id", "text"), column("taskIdentifier", "text"),
			column("createdAt", "timestamp"), column("updatedAt", "timestamp"), column("startedAt", "timestamp"),
			column("delayUntil", "timestamp"), column("queuedAt", "timestamp"), column("expiredAt", "timestamp"),
			column("completedAt", "timestamp"), column("friendlyId", "text"), column("number", "int4"),
			column("isTest", "bool"), column("status", "text"), column("usageDurationMs", "int4"),
			column("costInCents", "float8"), column("baseCostInCents", "float8"), column("ttl", "text"),
			column("payload", "text"), column("payloadType", "text"), column("metadata", "text"),
			column("metadataType", "text"), column("output", "text"), column("outputType", "text"),
			new Column("runTags", "text", true), column("error", "jsonb"), new Column("realtimeStreams", "text", true));

	private static final String JSON_TYPE = "application/json";

	/**
	 * Writes rows with their {@code null} columns (the API's mapper leaves nulls out).
	 */
	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	/** {@code Date.toISOString()} without its {@code Z}. */
	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS",
			Locale.ROOT);

	static final Map<String, Object> UP_TO_DATE = Map.of("headers", Map.of("control", "up-to-date"));

	static final Map<String, Object> MUST_REFETCH = Map.of("headers", Map.of("control", "must-refetch"));

	private ShapeRenderer() {
	}

	private static Column column(String name, String type) {
		return new Column(name, type, false);
	}

	/**
	 * The columns left out: the requested ones ({@code skipColumns=a,b}) except the
	 * reserved ones.
	 */
	static Set<String> skipped(@Nullable String skipColumns) {
		if (skipColumns == null) {
			return Set.of();
		}
		Set<String> skipped = new java.util.HashSet<>();
		for (String name : skipColumns.split(",")) {
			String trimmed = name.trim();
			if (!trimmed.isEmpty() && !RESERVED.contains(trimmed)) {
				skipped.add(trimmed);
			}
		}
		return Set.copyOf(skipped);
	}

	/** The {@code electric-schema} header: the shown columns' types. */
	static String schema(Set<String> skipped) {
		Map<String, Object> schema = new LinkedHashMap<>();
		for (Column column : COLUMNS) {
			if (skipped.contains(column.name())) {
				continue;
			}
			Map<String, Object> type = new LinkedHashMap<>();
			type.put("type", column.type());
			if (column.array()) {
				type.put("dims", 1);
			}
			schema.put(column.name(), type);
		}
		return ApiJson.MAPPER.writeValueAsString(schema);
	}

	/** A change message for a run: {@code insert} or {@code update} of its full row. */
	static Map<String, Object> change(RealtimeRun row, String operation, Set<String> skipped,
			@Nullable String apiVersion) {
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("key", "\"public\".\"TaskRun\"/\"" + row.run().id() + "\"");
		message.put("value", value(row, skipped, apiVersion));
		message.put("headers", Map.of("operation", operation));
		return message;
	}

	/** The messages of a body: the changes, then {@code up-to-date}. */
	static byte[] body(List<Map<String, Object>> changes) {
		List<Object> messages = new ArrayList<>(changes);
		messages.add(UP_TO_DATE);
		return write(messages);
	}

	static byte[] write(Object messages) {
		return MAPPER.writeValueAsBytes(messages);
	}

	/** The row's columns as strings (or {@code null}), without the skipped ones. */
	static Map<String, @Nullable String> value(RealtimeRun row, Set<String> skipped, @Nullable String apiVersion) {
		RunSnapshot run = row.run();
		Map<String, @Nullable String> value = new LinkedHashMap<>();
		for (Column column : COLUMNS) {
			if (skipped.contains(column.name())) {
				continue;
			}
			value.put(column.name(), cell(column.name(), row, run, apiVersion));
		}
		return value;
	}

	private static @Nullable String cell(String name, RealtimeRun row, RunSnapshot run, @Nullable String apiVersion) {
		return switch (name) {
			case "id", "friendlyId" -> run.id();
			case "taskIdentifier" -> run.taskIdentifier();
			case "createdAt" -> timestamp(run.createdAt());
			case "updatedAt" -> timestamp(run.updatedAt());
			case "startedAt" -> timestamp(run.startedAt());
			case "delayUntil" -> timestamp(run.delayedUntil());
			case "queuedAt" -> timestamp(row.queuedAt());
			case "expiredAt" -> timestamp(run.expiredAt());
			case "completedAt" -> timestamp(run.finishedAt());
			case "number" -> Integer.toString(row.number());
			case "isTest" -> run.test() ? "t" : "f";
			case "status" -> status(run.state(), apiVersion);
			case "usageDurationMs" -> Long.toString(Math.min(Integer.MAX_VALUE, run.executionMillis()));
			case "costInCents", "baseCostInCents" -> "0";
			case "ttl" -> run.ttl();
			case "payload" -> json(run.payload());
			case "metadata" -> json(run.metadata());
			case "output" -> json(run.output());
			case "payloadType", "metadataType", "outputType" -> JSON_TYPE;
			case "runTags" -> run.tags().isEmpty() ? null : arrayLiteral(run.tags());
			case "error" -> (run.error() != null) ? MAPPER.writeValueAsString(error(run.error())) : null;
			case "realtimeStreams" -> arrayLiteral(row.streams());
			default -> null;
		};
	}

	/**
	 * The internal status name, as the feed carries it; DEQUEUED shows as EXECUTING
	 * without the current API version, as the server rewrites it.
	 */
	static String status(RunState state, @Nullable String apiVersion) {
		if (state == RunState.DEQUEUED && !RunState.CURRENT_API_VERSION.equals(apiVersion)) {
			return RunState.EXECUTING.name();
		}
		return state.name();
	}

	/** An instant as Postgres shows a timestamp column: ISO, milliseconds, no zone. */
	static @Nullable String timestamp(@Nullable Instant instant) {
		if (instant == null) {
			return null;
		}
		OffsetDateTime time = instant.atOffset(ZoneOffset.UTC);
		return TIMESTAMP.format(time);
	}

	/** A Postgres array literal: {@code {"a","b"}}, quotes and backslashes escaped. */
	static String arrayLiteral(List<String> values) {
		StringBuilder literal = new StringBuilder("{");
		for (int i = 0; i < values.size(); i++) {
			if (i > 0) {
				literal.append(',');
			}
			literal.append('"').append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
		}
		return literal.append('}').toString();
	}

	private static @Nullable String json(@Nullable JsonNode value) {
		return (value != null) ? value.toString() : null;
	}

	/**
	 * The run's error as the SDK's {@code TaskRunError}: a built-in error unless it
	 * already names its type.
	 */
	static JsonNode error(JsonNode error) {
		if (error.isObject() && error.has("type")) {
			return error;
		}
		ObjectNode built = MAPPER.createObjectNode();
		built.put("type", "BUILT_IN_ERROR");
		built.put("name", text(error, "name", "Error"));
		built.put("message", text(error, "message", error.isString() ? error.asString() : ""));
		built.put("stackTrace", text(error, "stackTrace", ""));
		return built;
	}

	private static String text(JsonNode node, String field, String fallback) {
		JsonNode value = node.get(field);
		return (value != null && !value.isNull()) ? value.asString() : fallback;
	}

}
