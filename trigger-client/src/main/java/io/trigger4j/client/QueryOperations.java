package io.trigger4j.client;

import java.util.Map;

import io.trigger4j.client.error.BadRequestException;
import io.trigger4j.client.error.RateLimitException;
import io.trigger4j.client.model.query.QueryRequest;
import io.trigger4j.client.model.query.QueryResult;
import io.trigger4j.client.model.query.QueryScope;
import reactor.core.publisher.Mono;

/**
 * Queries of the run data in TRQL, Trigger.dev's ClickHouse-flavoured SQL
 * ({@code POST /api/v1/query}). Obtain from {@link TriggerOperations#query()}.
 *
 * <p>
 * A query the server cannot run (a syntax error, an unknown column) fails with
 * {@link BadRequestException} carrying the parser's message; a query refused because too
 * many run at once fails with {@link RateLimitException}. Queries are read-only, so a
 * failed call is retried like a GET.
 *
 * <p>
 * With a public access token ({@link RequestOptions.Builder#publicAccessToken(String)})
 * only {@link QueryScope#ENVIRONMENT} is possible (the server caps the token to its
 * environment): a wider scope is refused before sending.
 */
public interface QueryOperations {

	/**
	 * Runs a query and returns its rows as maps of column name to value (strings,
	 * numbers, booleans, lists, maps; 64-bit integers may come as strings, as ClickHouse
	 * writes them). {@code POST /api/v1/query} with {@code format: json}.
	 * @param request the query, its scope and time window
	 * @return the rows
	 */
	Mono<QueryResult<Map<String, Object>>> execute(QueryRequest request);

	/**
	 * Runs a query and returns its rows decoded to the given type with the application's
	 * JSON mapper, such as a record whose components are the selected columns
	 * ({@code @JsonProperty("run_id") String runId}). {@code POST /api/v1/query} with
	 * {@code format: json}.
	 * @param <T> the type to decode into
	 * @param request the query, its scope and time window
	 * @param rowType the type of a row
	 * @return the rows, decoded
	 */
	<T> Mono<QueryResult<T>> execute(QueryRequest request, Class<T> rowType);

	/**
	 * Runs a query and returns its rows as CSV text, a header line first.
	 * {@code POST /api/v1/query} with {@code format: csv}.
	 * @param request the query, its scope and time window
	 * @return the CSV text
	 */
	Mono<String> executeCsv(QueryRequest request);

}
