package io.trigger4j.emulator.engine;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** What the query text check sees as code, and what it rewrites or refuses. */
class QueryTextTests {

	private static List<String> code(String sql) {
		return QueryText.tokens(sql)
			.stream()
			.filter((token) -> token.kind() == QueryText.Kind.WORD || token.kind() == QueryText.Kind.SYMBOL)
			.map(QueryText.Token::text)
			.toList();
	}

	@Test
	void stringsQuotedNamesAndCommentsAreNotCode() {
		assertThat(code("SELECT 'it''s ~ REPEAT(' AS \"a \"\" b\", $$ count() $$ -- REGEXP\n FROM runs"))
			.containsExactly("SELECT", "AS", ",", "FROM", "runs");
		assertThat(code("SELECT /* outer /* inner */ still ~ comment */ x // REPEAT(\n, y")).containsExactly("SELECT",
				"x", ",", "y");
		assertThat(QueryText.tokens("SELECT 'a' /* c */ 'b'").get(1))
			.isEqualTo(new QueryText.Token(QueryText.Kind.STRING, 7, 22, "ab"));
		assertThat(QueryText.tokens("SELECT `x``y`").get(1).text()).isEqualTo("x`y");
		assertThat(code("SELECT a||b, c !~ d")).containsExactly("SELECT", "a", "||", "b", ",", "c", "!~", "d");
		assertThat(code("SELECT 'unterminated ~")).containsExactly("SELECT");
	}

	@Test
	void countWithoutArgumentsIsCountOfRowsOutsideQuotes() {
		assertThat(QueryText.prepare("SELECT 1 AS \"it's\", count() FROM runs"))
			.isEqualTo("SELECT 1 AS \"it's\", count(*) FROM runs");
		assertThat(QueryText.prepare("SELECT COUNT ( /* none */ ) AS n, 'count()' AS t, $$count()$$ AS u, count(x)"))
			.isEqualTo("SELECT count(*) AS n, 'count()' AS t, $$count()$$ AS u, count(x)");
		assertThat(QueryText.prepare("SELECT \"count\"() FROM runs")).isEqualTo("SELECT \"count\"() FROM runs");
	}

	@Test
	void whatH2ComputesWithoutCancellingIsRefused() {
		for (String sql : List.of("SELECT REGEXP_LIKE(a, 'b')", "SELECT a REGEXP 'b'", "SELECT a ~ 'b'",
				"SELECT a !~ 'b'", "SELECT \"Regexp_Substr\"(a, 'b')", "SELECT repeat('a', 9)", "SELECT Space (9)",
				"SELECT LPAD('a', 9)", "SELECT rpad('a', 9)", "SELECT SECURE_RAND(9)", "SELECT EXPAND(x)",
				"SELECT CAST(a AS CHAR(1048577))", "SELECT a::BINARY(99999999)",
				"WITH RECURSIVE t AS (SELECT 1) SELECT * FROM t", "SELECT a LIKE b", "SELECT a LIKE 'x' || b",
				"SELECT a ILIKE '%a%b'", "SELECT a NOT LIKE '%%%'", "SELECT a LIKE '" + "x".repeat(1001) + "'",
				"SELECT " + "(".repeat(101) + "1" + ")".repeat(101))) {
			assertThatExceptionOfType(EngineException.class).as(sql)
				.isThrownBy(() -> QueryText.prepare(sql))
				.satisfies((ex) -> assertThat(ex.status()).isEqualTo(400));
		}
	}

	@Test
	void ordinaryQueriesPassUnchanged() {
		for (String sql : List.of("SELECT 1 AS space, 'REPEAT(' AS repeat FROM runs",
				"SELECT run_id FROM runs WHERE run_id LIKE '%abc%' AND status ILIKE 'comp%' ESCAPE '!'",
				"SELECT a FROM t WHERE (b LIKE '%x') OR c NOT LIKE 'y_z%'", "SELECT CAST(a AS CHAR(10)), CHAR(65)",
				"SELECT " + "(".repeat(100) + "1" + ")".repeat(100),
				"WITH recent AS (SELECT * FROM runs) SELECT count(*) FROM recent")) {
			assertThat(QueryText.prepare(sql)).as(sql).isEqualTo(sql);
		}
	}

}
