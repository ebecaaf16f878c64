package io.trigger4j.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.trigger4j.client.error.TriggerDecodingException;
import io.trigger4j.client.model.JsonValue;
import io.trigger4j.client.model.query.QueryRequest;
import io.trigger4j.client.model.query.QueryResult;
import io.trigger4j.client.model.query.QueryScope;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** The {@link QueryOperations} implementation. */
final class DefaultQueryOperations implements QueryOperations {

	private final TriggerHttp http;

	DefaultQueryOperations(TriggerHttp http) {
		this.http = http;
	}

	@Override
	public Mono<QueryResult<Map<String, Object>>> execute(QueryRequest request) {
		return rows(request, JsonValue::asMap);
	}

	@Override
	public <T> Mono<QueryResult<T>> execute(QueryRequest request, Class<T> rowType) {
		Objects.requireNonNull(rowType, "rowType must not be null");
		return rows(request, (row) -> row.as(rowType));
	}

	@Override
	public Mono<String> executeCsv(QueryRequest request) {
		return this.http.execute(call(request, "csv").reading(CsvAnswer.class, (answer, headers) -> answer.results()));
	}

	private <T> Mono<QueryResult<T>> rows(QueryRequest request, Function<JsonValue, T> row) {
		return this.http.execute(call(request, "json").reading(JsonAnswer.class, (answer, headers) -> {
			List<T> rows = new ArrayList<>(answer.results().size());
			for (int i = 0; i < answer.results().size(); i++) {
				JsonValue value = answer.results().get(i);
				if (value == null) {
					throw new TriggerDecodingException("Row " + i + " of the query.execute answer is null");
				}
				rows.add(row.apply(value));
			}
			return new QueryResult<>(rows);
		}));
	}

	private ApiCall.Builder call(QueryRequest request, String format) {
		Objects.requireNonNull(request, "request must not be null");
		if (this.http.credential() == Credential.PUBLIC_TOKEN && request.scope() != QueryScope.ENVIRONMENT) {
			// The server caps a public access token to its environment and answers 403.
			throw new IllegalArgumentException("scope must be ENVIRONMENT with a public access token (the server "
					+ "answers 403 to a wider scope) but was " + request.scope());
		}
		return ApiCall.to(Operation.QUERY_EXECUTE)
			.body(new QueryBody(request.query(), request.scope().value(), request.period(),
					(request.from() != null) ? request.from().toString() : null,
					(request.to() != null) ? request.to().toString() : null, format));
	}

	/** The request body, as the server names it. */
	record QueryBody(String query, String scope, @Nullable String period, @Nullable String from, @Nullable String to,
			String format) {
	}

	/**
	 * The answer to a JSON query; its {@code format} is not read, the shape of
	 * {@code results} decides.
	 */
	record JsonAnswer(@JsonProperty(required = true) List<JsonValue> results) {

		JsonAnswer {
			Objects.requireNonNull(results, "results must not be null");
		}

	}

	/** The answer to a CSV query. */
	record CsvAnswer(@JsonProperty(required = true) String results) {

		CsvAnswer {
			Objects.requireNonNull(results, "results must not be null");
		}

	}

}
