package io.trigger4j.emulator.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.trigger4j.emulator.engine.QueryJson;
import io.trigger4j.emulator.engine.QueryResult;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/**
 * Writes a query's result as {@code POST /api/v1/query} does: JSON rows keyed by column
 * label, with ClickHouse's JSON types (numbers, booleans, {@code 2024-01-15 09:30:00.000}
 * times, arrays, JSON values), or CSV as the server's {@code rowsToCSV} writes it (a
 * header row, values quoted when they hold a comma, a quote or a line break, objects and
 * arrays as JSON).
 */
final class QueryValues {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

	private QueryValues() {
	}

	static List<Map<String, Object>> json(QueryResult result) {
		List<Map<String, Object>> rows = new ArrayList<>();
		for (List<Object> row : result.rows()) {
			Map<String, Object> json = new LinkedHashMap<>();
			for (int i = 0; i < result.columns().size(); i++) {
				json.put(result.columns().get(i), value(row.get(i)));
			}
			rows.add(json);
		}
		return rows;
	}

	static String csv(QueryResult result) {
		if (result.columns().isEmpty()) {
			return "";
		}
		List<String> lines = new ArrayList<>();
		lines.add(String.join(",", result.columns().stream().map(QueryValues::escape).toList()));
		for (List<Object> row : result.rows()) {
			List<String> cells = new ArrayList<>();
			for (Object cell : row) {
				Object value = value(cell);
				cells.add(escape((value instanceof List || value instanceof Map
						|| value instanceof tools.jackson.databind.JsonNode node && node.isContainer())
								? ApiJson.MAPPER.writeValueAsString(value) : text(value)));
			}
			lines.add(String.join(",", cells));
		}
		return String.join("\n", lines);
	}

	/** A value as JSON writes it. */
	private static @Nullable Object value(@Nullable Object value) {
		if (value instanceof LocalDateTime time) {
			return TIME.format(time);
		}
		if (value instanceof LocalDate date) {
			return date.toString();
		}
		if (value instanceof BigDecimal decimal) {
			return number(decimal);
		}
		if (value instanceof Double number && (number.isNaN() || number.isInfinite())) {
			return null;
		}
		if (value instanceof QueryJson json) {
			try {
				return ApiJson.MAPPER.readTree(json.text());
			}
			catch (JacksonException ex) {
				return json.text();
			}
		}
		if (value instanceof List<?> list) {
			List<Object> values = new ArrayList<>();
			for (Object element : list) {
				values.add(value(element));
			}
			return values;
		}
		return value;
	}

	/** A decimal as a JavaScript number would hold it. */
	private static Object number(BigDecimal decimal) {
		BigDecimal stripped = decimal.stripTrailingZeros();
		if (stripped.scale() <= 0 && stripped.abs().compareTo(BigDecimal.valueOf(Bodies.MAX_SAFE_INTEGER)) <= 0) {
			return stripped.longValueExact();
		}
		return decimal.doubleValue();
	}

	/** A scalar as JavaScript's {@code String(value)} writes it. */
	private static String text(@Nullable Object value) {
		if (value == null) {
			return "";
		}
		if (value instanceof Double number && number == Math.rint(number) && Math.abs(number) < 1e15) {
			return Long.toString(number.longValue());
		}
		if (value instanceof tools.jackson.databind.JsonNode node && node.isString()) {
			return node.asString();
		}
		return String.valueOf(value);
	}

	private static String escape(String value) {
		if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
			return "\"" + value.replace("\"", "\"\"") + "\"";
		}
		return value;
	}

}
