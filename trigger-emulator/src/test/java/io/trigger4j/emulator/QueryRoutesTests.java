package io.trigger4j.emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/** POST /api/v1/query: SQL over the emulated runs, JSON or CSV, and what it refuses. */
class QueryRoutesTests extends EmulatorTestSupport {

	private static final String COUNT_ALL = "SELECT count() AS total FROM runs";

	private Http.Answer query(String sql, String... fields) {
		ObjectNode body = JsonNodeFactory.instance.objectNode();
		body.put("query", sql);
		for (int i = 0; i < fields.length; i += 2) {
			body.put(fields[i], fields[i + 1]);
		}
		return this.http.post("/api/v1/query", body.toString());
	}

	private JsonNode results(String sql, String... fields) {
		Http.Answer answer = query(sql, fields);
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		assertThat(answer.json().get("format").asString()).isEqualTo("json");
		return answer.json().get("results");
	}

	private long total() {
		return results(COUNT_ALL).get(0).get("total").asLong();
	}

	@Test
	void theContractsAggregationRunsWithCountAndCountIf() {
		trigger("hello-world", "{\"payload\":{\"name\":\"a\"}}");
		trigger("hello-world", "{\"payload\":{\"name\":\"b\"}}");
		trigger("broken", "{\"payload\":{}}");
		trigger("broken", "{\"payload\":{}}");
		trigger("broken", "{\"payload\":{}}");
		this.emulator.advance(Duration.ofSeconds(2));

		JsonNode rows = results("SELECT task_identifier, count() as runs, countIf(status = 'Failed') as failures "
				+ "FROM runs GROUP BY task_identifier ORDER BY failures DESC");
		assertThat(rows.toString()).isEqualTo("[{\"task_identifier\":\"broken\",\"runs\":3,\"failures\":3},"
				+ "{\"task_identifier\":\"hello-world\",\"runs\":2,\"failures\":0}]");
		assertThat(results("SELECT COUNT(*) as count FROM runs WHERE status = 'Failed'").get(0).get("count").asInt())
			.isEqualTo(3);
		assertThat(results("SELECT run_id FROM runs ORDER BY triggered_at LIMIT 2")).hasSize(2);
	}

	@Test
	void valuesHaveTheServersJsonTypes() {
		String id = trigger("hello-world",
				"{\"payload\":{\"name\":\"Ada\"},\"options\":{\"tags\":[\"vip\",\"eu\"],\"idempotencyKey\":\"k1\"}}");
		JsonNode row = results("SELECT run_id, status, triggered_at, completed_at, tags, output, error, is_test, "
				+ "attempt_count, environment, environment_type, project, queue, batch_id, machine, compute_cost, "
				+ "is_finished, idempotency_key FROM runs WHERE run_id = '" + id + "'")
			.get(0);
		assertThat(row.get("run_id").asString()).isEqualTo(id);
		assertThat(row.get("status").asString()).isEqualTo("Completed");
		assertThat(row.get("triggered_at").asString()).isEqualTo("2026-11-22 10:00:00.000");
		assertThat(row.get("completed_at").asString()).isEqualTo("2026-11-22 10:00:00.000");
		assertThat(row.get("tags").toString()).isEqualTo("[\"vip\",\"eu\"]");
		assertThat(row.get("output").toString()).isEqualTo("{\"greeting\":\"Hello, Ada!\"}");
		assertThat(row.get("error").isNull()).isTrue();
		assertThat(row.get("is_test").isBoolean()).isTrue();
		assertThat(row.get("attempt_count").isIntegralNumber()).isTrue();
		assertThat(row.get("attempt_count").asInt()).isEqualTo(1);
		assertThat(row.get("environment").asString()).isEqualTo("dev");
		assertThat(row.get("environment_type").asString()).isEqualTo("DEVELOPMENT");
		assertThat(row.get("project").asString()).isEqualTo(this.emulator.projectRef());
		assertThat(row.get("queue").asString()).isEqualTo("task/hello-world");
		assertThat(row.get("batch_id").isNull()).isTrue();
		assertThat(row.get("machine").asString()).isEqualTo("small-1x");
		assertThat(row.get("compute_cost").isNumber()).isTrue();
		assertThat(row.get("is_finished").asBoolean()).isTrue();
		assertThat(row.get("idempotency_key").asString()).isEqualTo("k1");
		assertThat(results("SELECT run_id FROM runs WHERE ARRAY_CONTAINS(tags, 'eu')")).hasSize(1);
		assertThat(results("SELECT AVG(attempt_count) AS mean FROM runs").get(0).get("mean").asInt()).isEqualTo(1);
	}

	@Test
	void csvHasAHeaderAndQuotesAsTheServer() {
		String id = trigger("hello-world", "{\"payload\":{\"name\":\"a, b\"}}");
		Http.Answer answer = query("SELECT run_id, status, output, tags FROM runs", "format", "csv");
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		assertThat(answer.json().get("format").asString()).isEqualTo("csv");
		assertThat(answer.json().get("results").asString()).isEqualTo(
				"run_id,status,output,tags\n" + id + ",Completed,\"{\"\"greeting\"\":\"\"Hello, a, b!\"\"}\",[]");
	}

	@Test
	void periodFromAndToLimitTheRowsByCreationTime() {
		trigger("hello-world", "{\"payload\":{\"name\":\"old\"}}");
		this.emulator.advance(Duration.ofDays(2));
		String recent = trigger("hello-world", "{\"payload\":{\"name\":\"new\"}}");

		assertThat(total()).isEqualTo(2);
		JsonNode lastDay = results("SELECT run_id FROM runs", "period", "1d");
		assertThat(lastDay).hasSize(1);
		assertThat(lastDay.get(0).get("run_id").asString()).isEqualTo(recent);
		assertThat(results("SELECT run_id FROM runs", "from", "2026-11-22T00:00:00Z", "to", "2026-11-22T23:59:59Z"))
			.hasSize(1);
		assertThat(results("SELECT run_id FROM runs", "from", "2026-11-23T00:00:00Z")).hasSize(1);
		// An unparseable period is the default window, as on the server.
		assertThat(results("SELECT run_id FROM runs", "period", "soon")).hasSize(2);

		this.emulator.advance(Duration.ofDays(6));
		assertThat(total()).as("the default 7 days").isEqualTo(1);
		assertThat(results(COUNT_ALL, "period", "30d").get(0).get("total").asInt()).isEqualTo(2);
	}

	@Test
	void whatCannotRunIs400AndTheNextQueryStillWorks() {
		trigger("hello-world", "{\"payload\":{\"name\":\"a\"}}");
		String serialized = "aced0005737200136a6176612e7574696c2e41727261794c6973747881d21d99c7619d0300014900"
				+ "0473697a6578700000000177040000000174000550574e454478";
		List<String> refused = List.of("DROP TABLE runs", "DELETE FROM runs",
				"CREATE ALIAS EXIT FOR 'java.lang.System.exit'", "CALL EXIT(1)", "SELECT 1; DROP TABLE runs",
				"SELECT 1; SELECT 2", "SELECT * FROM runs; CREATE ALIAS X FOR 'java.lang.Runtime.getRuntime'",
				"SELECT FILE_READ('/etc/passwd')", "SELECT * FROM CSVREAD('/etc/passwd')",
				"SELECT CAST(X'" + serialized + "' AS JAVA_OBJECT) AS o", "SHUTDOWN", "SET MODE MySQL",
				"RUNSCRIPT FROM '/etc/passwd'", "SELECT * FROM runz", "SELEC 1", "", "-- nothing");
		List<String> answers = new ArrayList<>();
		for (String sql : refused) {
			Http.Answer answer = query(sql);
			assertThat(answer.status()).as(sql + " -> " + answer.body()).isEqualTo(400);
			assertThat(answer.json().get("error").asString()).as(sql).isNotBlank();
			answers.add(answer.json().get("error").asString());
			assertThat(total()).as("after " + sql).isEqualTo(1);
		}
		assertThat(answers.get(0)).isEqualTo("Only a SELECT query is allowed");
		assertThat(answers.get(2)).isEqualTo("Only a SELECT query is allowed");
		assertThat(answers.get(5)).isEqualTo("Only one statement is allowed, found 2");
		assertThat(answers.get(7)).contains("Admin rights are required");
		assertThat(answers.get(13)).contains("runz").doesNotContain("SQL statement:");
	}

	@Test
	void runawayAndHugeQueriesAre400AndTheNextQueryStillWorks() {
		trigger("hello-world", "{\"payload\":{\"name\":\"a\"}}");
		List<String> hostile = List.of("SELECT REGEXP_LIKE(REPEAT('a',60), '(.*a){14}b')",
				"SELECT REPEAT('a',3000) LIKE '%a%a%a%a%a%a%a%a%b'", "SELECT 'aaaa' ~ '(a*)*b'",
				"SELECT REPEAT('x', 400000000)", "SELECT 'a'::CHAR(100000000)",
				"SELECT " + "(".repeat(100_000) + "1" + ")".repeat(100_000),
				"SELECT " + "ARRAY[".repeat(2000) + "1" + "]".repeat(2000),
				"SELECT " + "NOT ".repeat(200_000) + "TRUE");
		for (String sql : hostile) {
			Http.Answer answer = query(sql);
			assertThat(answer.status()).as(sql.substring(0, Math.min(40, sql.length())) + " -> " + answer.body())
				.isEqualTo(400);
			assertThat(answer.json().get("error").asString()).isNotBlank();
			assertThat(total()).isEqualTo(1);
		}
	}

	@Test
	void countWithQuotedNamesAndTheEmulatorsTime() {
		trigger("hello-world", "{\"payload\":{\"name\":\"a\"}}");
		this.emulator.advance(Duration.ofHours(2));
		JsonNode row = results("SELECT 1 AS \"it's\", count() AS n, $$count()$$ AS t, NOW() AS now, "
				+ "CURRENT_DATE AS today FROM runs")
			.get(0);
		assertThat(row.toString()).isEqualTo(
				"{\"it's\":1,\"n\":1,\"t\":\"count()\",\"now\":\"2026-11-22 12:00:00.000\",\"today\":\"2026-11-22\"}");
	}

	@Test
	void aQueryReturnsAtMostTenThousandRows() {
		Http.Answer rows = query("SELECT x AS n FROM SYSTEM_RANGE(1, 20000)");
		assertThat(rows.status()).isEqualTo(200);
		assertThat(rows.json().get("results")).hasSize(10_000);
		assertThat(rows.json().get("results").get(0).get("n").asInt()).isEqualTo(1);
	}

	@Test
	void theBodyIsValidatedAsTheServersSchema() {
		Http.Answer missing = this.http.post("/api/v1/query", "{\"format\":\"json\"}");
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.body()).isEqualTo("{\"error\":\"Validation error: Required at \\\"query\\\"\"}");
		Http.Answer number = this.http.post("/api/v1/query", "{\"query\":1}");
		assertThat(number.json().get("error").asString())
			.isEqualTo("Validation error: Expected string, received number at \"query\"");
		Http.Answer format = query(COUNT_ALL, "format", "xml");
		assertThat(format.status()).isEqualTo(400);
		assertThat(format.json().get("error").asString())
			.isEqualTo("Validation error: Invalid enum value. Expected 'json' | 'csv', received 'xml' at \"format\"");
		Http.Answer scope = query(COUNT_ALL, "scope", "galaxy");
		assertThat(scope.json().get("error").asString()).startsWith("Validation error: Invalid enum value.");
		assertThat(query(COUNT_ALL, "scope", "project").status()).isEqualTo(200);
		Http.Answer date = query(COUNT_ALL, "from", "yesterday");
		assertThat(date.status()).isEqualTo(400);
		assertThat(date.json().get("error").asString()).isEqualTo("Invalid date: yesterday");
		assertThat(this.http.post("/api/v1/query", "").json().get("error").asString())
			.isEqualTo("Request body is empty");
	}

}
