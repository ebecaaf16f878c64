package io.trigger4j.emulator.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a query over the runs returned: its column labels and its rows, each a list of
 * values in column order. A value is {@code null}, a {@link String}, a {@link Long}, a
 * {@link java.math.BigDecimal}, a {@link Double}, a {@link Boolean}, a
 * {@link java.time.LocalDateTime} (UTC), a {@link java.time.LocalDate}, a {@link List} of
 * such values (an array), or a {@link QueryJson} (a JSON column's text).
 *
 * @param columns the column labels, as the query named them
 * @param rows the rows, in the query's order
 */
public record QueryResult(List<String> columns, List<List<Object>> rows) {

	/**
	 * Copies the columns and every row into unmodifiable lists (rows may hold
	 * {@code null}).
	 * @param columns the column labels, as the query named them
	 * @param rows the rows, in the query's order
	 */
	public QueryResult {
		columns = List.copyOf(columns);
		List<List<Object>> copied = new ArrayList<>();
		for (List<Object> row : rows) {
			copied.add(Collections.unmodifiableList(new ArrayList<>(row)));
		}
		rows = Collections.unmodifiableList(copied);
	}

}
