package io.trigger4j.client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.trigger4j.client.error.BadRequestException;
import io.trigger4j.client.error.PermissionDeniedException;
import io.trigger4j.client.error.RateLimitException;
import io.trigger4j.client.error.TriggerDecodingException;
import io.trigger4j.client.model.query.QueryRequest;
import io.trigger4j.client.model.query.QueryResult;
import io.trigger4j.client.model.query.QueryScope;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * TRQL queries: the body sent for each format, scope and time window, rows decoded to
 * records and to maps, CSV as text, errors, and the checks made before anything is sent.
 */
@WireMockTest
class QueryOperationsTests {

	static final String SQL = "SELECT run_id, status, triggered_at FROM runs LIMIT 10";

	private static final String PUBLIC_TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJwdWIiOnRydWV9.c2lnbmF0dXJl";

	record RunRow(@JsonProperty("run_id") String runId, String status,
			@JsonProperty("triggered_at") String triggeredAt) {
	}

	record CountRow(@JsonProperty("task_identifier") String task, long runs, long failures) {
	}

	@Test
	void executeSendsTheQueryAndDecodesRowsToARecord(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/query").willReturn(okJson("""
				{"format":"json","someNewField":true,"results":[
				  {"run_id":"run_1","status":"Completed","triggered_at":"2026-08-21 10:15:30.123","extra_column":1},
				  {"run_id":"run_2","status":"Pending version"}]}""")));

		QueryResult<RunRow> result = TestClients.client(wm).query().execute(QueryRequest.of(SQL), RunRow.class).block();

		assertThat(result.rows()).containsExactly(new RunRow("run_1", "Completed", "2026-08-21 10:15:30.123"),
				new RunRow("run_2", "Pending version", null));
		verify(postRequestedFor(urlEqualTo("/api/v1/query"))
			.withHeader("Authorization", equalTo("Bearer " + TestClients.SECRET_KEY))
			.withHeader("Content-Type", equalTo("application/json"))
			.withRequestBody(equalToJson("{\"query\":\"" + SQL + "\",\"scope\":\"environment\",\"format\":\"json\"}",
					false, false)));
	}

	@Test
	void executeDecodesRowsToMapsAndSendsTheScopeAndPeriod(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/query").willReturn(okJson("""
				{"format":"json","results":[{"task_identifier":"a","runs":"12","failures":3,"rate":0.25}]}""")));

		QueryResult<Map<String, Object>> result = TestClients.client(wm)
			.query()
			.execute(QueryRequest.builder("SELECT task_identifier, count() AS runs FROM runs GROUP BY task_identifier")
				.scope(QueryScope.PROJECT)
				.period(Duration.ofDays(30))
				.build())
			.block();

		assertThat(result.rows()).singleElement()
			.isEqualTo(Map.of("task_identifier", "a", "runs", "12", "failures", 3, "rate", 0.25));
		verify(postRequestedFor(urlEqualTo("/api/v1/query")).withRequestBody(equalToJson("""
				{"query":"SELECT task_identifier, count() AS runs FROM runs GROUP BY task_identifier",
				 "scope":"project","period":"30d","format":"json"}""", false, false)));
	}

	@Test
	void aNumberSentAsAStringIsReadIntoANumericComponent(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/query").willReturn(okJson(
				"{\"format\":\"json\",\"results\":[{\"task_identifier\":\"a\",\"runs\":\"12\",\"failures\":3}]}")));

		QueryResult<CountRow> result = TestClients.client(wm)
			.query()
			.execute(QueryRequest.of("SELECT 1 FROM runs"), CountRow.class)
			.block();

		assertThat(result.rows()).containsExactly(new CountRow("a", 12, 3));
	}

	@Test
	void executeCsvSendsTheWindowAndReturnsTheText(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/query").willReturn(
				okJson("{\"format\":\"csv\",\"results\":\"run_id,status\\nrun_1,Completed\\n\",\"someNewField\":1}")));

		String csv = TestClients.client(wm)
			.query()
			.executeCsv(QueryRequest.builder(SQL)
				.scope(QueryScope.ORGANIZATION)
				.between(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-31T23:59:59Z"))
				.build())
			.block();

		assertThat(csv).isEqualTo("run_id,status\nrun_1,Completed\n");
		verify(postRequestedFor(urlEqualTo("/api/v1/query")).withRequestBody(equalToJson("{\"query\":\"" + SQL
				+ "\",\"scope\":\"organization\",\"from\":\"2026-01-01T00:00:00Z\",\"to\":\"2026-01-31T23:59:59Z\","
				+ "\"format\":\"csv\"}", false, false)));
	}

	@Test
	void aPeriodGivenAsTextAndAFromOnlyWindowAreSent(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/query").willReturn(okJson("{\"format\":\"json\",\"results\":[]}")));
		QueryOperations query = TestClients.client(wm).query();

		assertThat(query.execute(QueryRequest.builder(SQL).period("7d").build()).block().rows()).isEmpty();
		query.execute(QueryRequest.builder(SQL).from(Instant.parse("2026-01-01T00:00:00Z")).build()).block();

		verify(postRequestedFor(urlEqualTo("/api/v1/query")).withRequestBody(equalToJson(
				"{\"query\":\"" + SQL + "\",\"scope\":\"environment\",\"period\":\"7d\",\"format\":\"json\"}", false,
				false)));
		verify(postRequestedFor(urlEqualTo("/api/v1/query")).withRequestBody(equalToJson(
				"{\"query\":\"" + SQL
						+ "\",\"scope\":\"environment\",\"from\":\"2026-01-01T00:00:00Z\",\"format\":\"json\"}",
				false, false)));
	}

	@Test
	void aQueryTheServerCannotRunIsABadRequestWithTheParserMessage(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/query").willReturn(aResponse().withStatus(400)
			.withBody("{\"error\":\"Syntax error at line 1, column 8: unexpected token 'FRM'\"}")));

		assertThatExceptionOfType(BadRequestException.class)
			.isThrownBy(() -> TestClients.client(wm).query().execute(QueryRequest.of("SELECT * FRM runs")).block())
			.satisfies((ex) -> assertThat(ex.serverMessage())
				.isEqualTo("Syntax error at line 1, column 8: unexpected token 'FRM'"))
			.withMessageContaining("Syntax error at line 1, column 8");
		verify(1, postRequestedFor(urlEqualTo("/api/v1/query")));
	}

	@Test
	void aScopeWiderThanTheCredentialIsDeniedWithoutRetrying(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/query").willReturn(aResponse().withStatus(403)
			.withBody("{\"error\":\"This credential cannot query at organization scope\"}")));

		assertThatExceptionOfType(PermissionDeniedException.class)
			.isThrownBy(() -> TestClients.client(wm)
				.query()
				.execute(QueryRequest.builder(SQL).scope(QueryScope.ORGANIZATION).build())
				.block())
			.withMessageContaining("cannot query at organization scope");
		verify(1, postRequestedFor(urlEqualTo("/api/v1/query")));
	}

	@Test
	void tooManyQueriesAreRateLimitedAndNotRetriedWhenTheServerAdvisesAgainst(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/query").willReturn(aResponse().withStatus(429)
			.withHeader("x-should-retry", "false")
			.withBody("{\"error\":\"Too many concurrent queries\"}")));

		assertThatExceptionOfType(RateLimitException.class)
			.isThrownBy(() -> TestClients.client(wm).query().executeCsv(QueryRequest.of(SQL)).block())
			.withMessageContaining("Too many concurrent queries");
		verify(1, postRequestedFor(urlEqualTo("/api/v1/query")));
	}

	@Test
	void withAPublicAccessTokenOnlyTheEnvironmentScopeIsSent(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/query").willReturn(okJson("{\"format\":\"json\",\"results\":[]}")));
		QueryOperations query = TestClients.client(wm)
			.withOptions(RequestOptions.builder().publicAccessToken(PUBLIC_TOKEN).build())
			.query();

		// The server caps a public access token to its environment (403 otherwise).
		assertThatIllegalArgumentException()
			.isThrownBy(() -> query.execute(QueryRequest.builder(SQL).scope(QueryScope.PROJECT).build()))
			.withMessage("scope must be ENVIRONMENT with a public access token (the server answers 403 to a wider "
					+ "scope) but was PROJECT");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> query.executeCsv(QueryRequest.builder(SQL).scope(QueryScope.ORGANIZATION).build()))
			.withMessageStartingWith("scope must be ENVIRONMENT");
		verify(0, anyRequestedFor(anyUrl()));

		query.execute(QueryRequest.of(SQL)).block();

		verify(postRequestedFor(urlEqualTo("/api/v1/query")).withHeader("Authorization",
				equalTo("Bearer " + PUBLIC_TOKEN)));
	}

	@Test
	void rowsThatDoNotFitTheTypeOrAMissingResultAreDecodingErrors(WireMockRuntimeInfo wm) {
		QueryOperations query = TestClients.client(wm).query();
		stubFor(post("/api/v1/query")
			.willReturn(okJson("{\"format\":\"json\",\"results\":[{\"task_identifier\":\"a\",\"runs\":\"many\"}]}")));

		assertThatExceptionOfType(TriggerDecodingException.class)
			.isThrownBy(() -> query.execute(QueryRequest.of(SQL), CountRow.class).block())
			.withMessageContaining(CountRow.class.getName());

		stubFor(post("/api/v1/query").willReturn(okJson("{\"format\":\"json\",\"results\":[1]}")));
		assertThatExceptionOfType(TriggerDecodingException.class)
			.isThrownBy(() -> query.execute(QueryRequest.of(SQL)).block())
			.withMessageContaining("not an object");

		stubFor(post("/api/v1/query").willReturn(okJson("{\"format\":\"json\"}")));
		assertThatExceptionOfType(TriggerDecodingException.class)
			.isThrownBy(() -> query.execute(QueryRequest.of(SQL)).block())
			.withMessageStartingWith("Could not decode the response of query.execute")
			.withMessageContaining("'results'");
	}

	@Test
	void badRequestsAreRefusedBeforeSending(WireMockRuntimeInfo wm) {
		QueryOperations query = TestClients.client(wm).query();
		Instant from = Instant.parse("2026-02-01T00:00:00Z");
		Instant to = Instant.parse("2026-01-01T00:00:00Z");

		assertThatIllegalArgumentException().isThrownBy(() -> QueryRequest.of("  "))
			.withMessage("query must not be blank");
		assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> QueryRequest.builder(null))
			.withMessage("query must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> QueryRequest.builder(SQL).period("7d").from(from).build())
			.withMessageStartingWith("period must not be combined with from or to");
		assertThatIllegalArgumentException().isThrownBy(() -> QueryRequest.builder(SQL).to(to).period("7d").build())
			.withMessageStartingWith("period must not be combined with from or to");
		assertThatIllegalArgumentException().isThrownBy(() -> QueryRequest.builder(SQL).between(from, to).build())
			.withMessage("from must not be after to but was 2026-02-01T00:00:00Z > 2026-01-01T00:00:00Z");
		assertThatIllegalArgumentException().isThrownBy(() -> QueryRequest.builder(SQL).period("7 days"))
			.withMessageStartingWith("period must be a duration like 90s");
		assertThatIllegalArgumentException().isThrownBy(() -> QueryRequest.builder(SQL).period(Duration.ZERO))
			.withMessage("period must be a positive whole number of seconds but was PT0S");
		assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> QueryRequest.builder(SQL).scope(null))
			.withMessage("scope must not be null");
		assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> query.execute(null))
			.withMessage("request must not be null");
		assertThatExceptionOfType(NullPointerException.class)
			.isThrownBy(() -> query.execute(QueryRequest.of(SQL), null))
			.withMessage("rowType must not be null");
		verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void aRequestDescribesItself() {
		assertThat(QueryRequest.builder(SQL).period("7d").build())
			.hasToString("QueryRequest[query=" + SQL + ", scope=environment, period=7d]");
		assertThat(List.of(QueryScope.values())).extracting(QueryScope::value)
			.containsExactly("environment", "project", "organization");
	}

}
