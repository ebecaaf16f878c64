package io.trigger4j.emulator.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.trigger4j.emulator.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The query facade on its own: rows from the runs, one isolated database per query. */
class RunQueriesTests {

	private static final Instant START = Instant.parse("2026-11-22T10:00:00Z");

	/** A trillion rows: never ends by itself, whatever the machine. */
	private static final String ENDLESS = "SELECT count(*) FROM SYSTEM_RANGE(1, 1000000) a, SYSTEM_RANGE(1, 1000000) b";

	private final ManualClock clock = new ManualClock(START);

	private final Engine engine = new Engine(this.clock,
			List.of(new TaskSpec("ok", Duration.ofSeconds(3), 1, Duration.ZERO, 0,
					(context) -> new StepOutcome.Complete(JsonNodeFactory.instance.objectNode().put("n", 1))),
					new TaskSpec("bad", Duration.ZERO, 1, Duration.ZERO, 0,
							(context) -> Outcomes.failure(new IllegalStateException("nope")))),
			Duration.ofSeconds(10));

	private String trigger(String task) {
		return this.engine
			.trigger(new TriggerSpec(task, null, List.of("t"), null, null, null, null, null, null, null, false, null,
					null, null, "trigger", null, null))
			.run()
			.id();
	}

	@AfterEach
	void cancelQueries() {
		this.engine.queries().cancelAll();
	}

	private QueryResult query(String sql) {
		return this.engine.queries().execute(sql, null, null);
	}

	@Test
	void rowsAreTheRunsWithTheDocumentedColumns() {
		String ok = trigger("ok");
		trigger("bad");
		this.clock.advance(Duration.ofSeconds(3));

		QueryResult all = query("SELECT * FROM runs ORDER BY task_identifier DESC");
		assertThat(all.columns()).isEqualTo(RunQueries.COLUMNS);
		assertThat(all.rows()).hasSize(2);
		List<Object> row = all.rows().get(0);
		assertThat(row.get(all.columns().indexOf("run_id"))).isEqualTo(ok);
		assertThat(row.get(all.columns().indexOf("status"))).isEqualTo("Completed");
		assertThat(row.get(all.columns().indexOf("triggered_at"))).isEqualTo(LocalDateTime.of(2026, 11, 22, 10, 0));
		assertThat(row.get(all.columns().indexOf("execution_duration"))).isEqualTo(3000L);
		assertThat(row.get(all.columns().indexOf("output"))).isEqualTo(new QueryJson("{\"n\":1}"));
		assertThat(row.get(all.columns().indexOf("tags"))).isEqualTo(List.of("t"));
		assertThat(all.rows().get(1).get(all.columns().indexOf("status"))).isEqualTo("Failed");

		QueryResult counted = query("select countIf(status = 'Failed') AS Failures, count() AS n, "
				+ "countIf(batch_id, is_finished) AS inBatches FROM runs");
		assertThat(counted.columns()).containsExactly("Failures", "n", "inBatches");
		assertThat(counted.rows().get(0)).containsExactly(1L, 2L, 0L);
		assertThat(query("SELECT 'count()' AS text").rows().get(0)).containsExactly("count()");
	}

	@Test
	void theWindowLimitsRowsByCreationTime() {
		trigger("ok");
		this.clock.advance(Duration.ofHours(1));
		trigger("ok");
		assertThat(this.engine.queries().execute("SELECT run_id FROM runs", START.plusSeconds(1), null).rows())
			.hasSize(1);
		assertThat(this.engine.queries().execute("SELECT run_id FROM runs", null, START).rows()).hasSize(1);
		this.clock.advance(Duration.ofDays(31));
		assertThat(this.engine.queries().execute("SELECT run_id FROM runs", START.minusSeconds(1), null).rows())
			.as("never more than 30 days back")
			.isEmpty();
	}

	@Test
	void aRefusedOrRunawayQueryLeavesNothingBehind() {
		trigger("ok");
		// H2 checks the cancel between rows.
		this.engine.queries().timeout(Duration.ofMillis(200));
		this.engine.queries().memoryBudget(Long.MAX_VALUE);
		assertThatExceptionOfType(EngineException.class).isThrownBy(() -> query(ENDLESS))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(400))
			.withMessage("The query timed out after 200 ms");
		this.engine.queries().timeout(Duration.ofSeconds(60));
		assertThatExceptionOfType(EngineException.class).isThrownBy(() -> query("CREATE TABLE kept (x INT)"))
			.withMessageContaining("Only a SELECT query is allowed");
		assertThatExceptionOfType(EngineException.class).isThrownBy(() -> query("SELECT * FROM kept"))
			.withMessageContaining("kept");
		// The reader sees its own session only, not the admin's.
		assertThat(query("SELECT count(*) FROM INFORMATION_SCHEMA.SESSIONS").rows().get(0)).containsExactly(1L);
		assertThat(query("SELECT count(*) AS n FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'").rows()
			.get(0)).containsExactly(1L);
		assertThat(this.engine.isLocked()).isFalse();
	}

	@Test
	void queriesOneAfterAnotherAreNeverRefusedAsTooMany() {
		trigger("ok");
		// A query's place is free once its answer is back, however late its pool thread
		// takes the next one.
		for (int i = 0; i < 200; i++) {
			assertThat(query("SELECT count(*) FROM runs").rows().get(0)).as("query %d", i).containsExactly(1L);
		}
	}

	@Test
	void aQueryPastItsMemoryBudgetIsCancelledAndTheNextOneRuns() {
		trigger("ok");
		this.engine.queries().timeout(Duration.ofSeconds(60));
		this.engine.queries().memoryBudget(16L * 1024 * 1024);
		assertThatExceptionOfType(EngineException.class)
			.isThrownBy(() -> query("SELECT LISTAGG(CAST(x AS VARCHAR), ',') FROM SYSTEM_RANGE(1, 1000000000)"))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(400))
			.withMessage("The query used more than 16 MiB of memory");
		assertThat(query("SELECT count() AS n FROM runs").rows().get(0)).containsExactly(1L);
	}

	@Test
	void deepNestingIs400AndTheNextQueryRuns() {
		trigger("ok");
		assertThatExceptionOfType(EngineException.class)
			.isThrownBy(() -> query("SELECT " + "(".repeat(100_000) + "1" + ")".repeat(100_000)))
			.withMessage("The query nests parentheses or brackets more than 100 levels deep");
		assertThatExceptionOfType(EngineException.class)
			.isThrownBy(() -> query("SELECT " + "ARRAY[".repeat(2000) + "1" + "]".repeat(2000)))
			.withMessage("The query nests parentheses or brackets more than 100 levels deep");
		// No parentheses, but H2's parser recurses once per NOT: the thread's stack
		// overflows.
		assertThatExceptionOfType(EngineException.class)
			.isThrownBy(() -> query("SELECT " + "NOT ".repeat(500_000) + "TRUE"))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(400))
			.withMessage("The query is nested too deeply for the emulator");
		assertThat(query("SELECT count() AS n FROM runs").rows().get(0)).containsExactly(1L);
	}

	@Test
	void valuesWithoutBoundsAndBacktrackingAreRefusedBeforeH2() {
		trigger("ok");
		assertThat(refusal("SELECT REPEAT('x', 400000000)"))
			.isEqualTo("REPEAT() is not supported by the emulator's queries");
		assertThat(refusal("SELECT REGEXP_LIKE(REPEAT('a', 60), '(.*a){14}b')")).startsWith("Regular expressions");
		assertThat(refusal("SELECT 'aaa' ~ '(a*)*b'")).startsWith("Regular expressions");
		assertThat(refusal("SELECT \"regexp_replace\"('a', 'a', 'b')")).startsWith("Regular expressions");
		assertThat(refusal("SELECT run_id FROM runs WHERE run_id LIKE '%a%a%a%a%a%a%a%a%b'"))
			.contains("one % before its end");
		assertThat(refusal("SELECT run_id FROM runs WHERE run_id LIKE '%a' || run_id")).contains("one string literal");
		assertThat(refusal("SELECT CAST('a' AS CHAR(100000000)) AS c")).startsWith("CHAR lengths above");
		assertThat(refusal("WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t) SELECT * FROM t"))
			.startsWith("WITH RECURSIVE");
		assertThat(query("SELECT count(*) AS n FROM runs WHERE run_id LIKE 'run%' AND task_identifier ILIKE '%O%' "
				+ "AND status NOT LIKE '%x' AND 'a%' LIKE 'a\\%%' ESCAPE '\\'")
			.rows()
			.get(0)).containsExactly(1L);
		assertThat(query("SELECT 'REPEAT(x) ~ regexp' AS text, 1 AS space").rows().get(0))
			.containsExactly("REPEAT(x) ~ regexp", 1L);
	}

	@Test
	void countWithoutArgumentsIsCountOfRowsOutsideQuotes() {
		trigger("ok");
		QueryResult result = query(
				"SELECT 1 AS \"it's\", count() AS n, $$count()$$ AS t, 'count( )' AS u " + "/* count() */ FROM runs");
		assertThat(result.columns()).containsExactly("it's", "n", "t", "u");
		assertThat(result.rows().get(0)).containsExactly(1L, 1L, "count()", "count( )");
	}

	@Test
	void theCurrentTimeIsTheEnginesTime() {
		this.clock.advance(Duration.ofMinutes(90).plusMillis(123));
		QueryResult result = query("SELECT NOW() AS a, CURRENT_TIMESTAMP AS b, LOCALTIMESTAMP(0) AS c, "
				+ "CURRENT_DATE AS d, DATEADD(DAY, -1, NOW()) AS e");
		assertThat(result.rows().get(0)).containsExactly(LocalDateTime.of(2026, 11, 22, 11, 30, 0, 123_000_000),
				LocalDateTime.of(2026, 11, 22, 11, 30, 0, 123_000_000), LocalDateTime.of(2026, 11, 22, 11, 30),
				java.time.LocalDate.of(2026, 11, 22), LocalDateTime.of(2026, 11, 21, 11, 30, 0, 123_000_000));
	}

	@Test
	void whileEveryQueryThreadIsBusyTheNextQueryIs429AtOnceAndTheEngineIsFree() throws Exception {
		trigger("ok");
		this.engine.queries().timeout(Duration.ofSeconds(60));
		this.engine.queries().memoryBudget(Long.MAX_VALUE);
		ExecutorService callers = Executors.newFixedThreadPool(QuerySandbox.MAX_CONCURRENT);
		try {
			List<Future<QueryResult>> runaways = new java.util.ArrayList<>();
			for (int i = 0; i < QuerySandbox.MAX_CONCURRENT; i++) {
				runaways.add(callers.submit(() -> query(ENDLESS)));
			}
			awaitRunning(QuerySandbox.MAX_CONCURRENT);
			assertThatExceptionOfType(EngineException.class).isThrownBy(() -> query("SELECT 1"))
				.satisfies((ex) -> assertThat(ex.status()).isEqualTo(429))
				.withMessage("You've exceeded your query concurrency of 2 for this project. Please try again later.");
			assertThat(this.engine.isLocked()).isFalse();
			trigger("bad");

			this.engine.queries().cancelAll();
			for (Future<QueryResult> runaway : runaways) {
				assertThatExceptionOfType(java.util.concurrent.ExecutionException.class).isThrownBy(runaway::get)
					.withCauseInstanceOf(EngineException.class);
			}
			awaitRunning(0);
			assertThat(query("SELECT count() AS n FROM runs").rows().get(0)).containsExactly(2L);
		}
		finally {
			this.engine.queries().cancelAll();
			callers.shutdownNow();
		}
	}

	private void awaitRunning(int count) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (this.engine.queries().running() != count) {
			assertThat(System.nanoTime()).as("queries running: " + count).isLessThan(deadline);
			Thread.sleep(5);
		}
	}

	private String refusal(String sql) {
		return catchThrowableOfType(EngineException.class, () -> query(sql)).getMessage();
	}

	@Test
	void queriesRunConcurrentlyEachInItsOwnDatabase() throws Exception {
		trigger("ok");
		ExecutorService pool = Executors.newFixedThreadPool(QuerySandbox.MAX_CONCURRENT);
		try {
			List<Future<QueryResult>> results = new java.util.ArrayList<>();
			for (int i = 0; i < QuerySandbox.MAX_CONCURRENT; i++) {
				results.add(pool.submit(() -> query("SELECT count(*) AS n FROM runs")));
			}
			for (Future<QueryResult> result : results) {
				assertThat(result.get().rows().get(0)).containsExactly(1L);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

}
