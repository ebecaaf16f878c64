package io.trigger4j.client.model.query;

import java.util.List;

/**
 * The rows a TRQL query returned ({@code results} of {@code POST /api/v1/query} with
 * {@code format: json}), each decoded to the type asked for.
 *
 * @param rows the rows, in the server's order
 * @param <T> the type of a row
 */
public record QueryResult<T>(List<T> rows) {

	/**
	 * Copies the rows; {@code null} gives an empty list.
	 * @param rows the rows, in the server's order
	 */
	public QueryResult {
		rows = (rows != null) ? List.copyOf(rows) : List.of();
	}

}
