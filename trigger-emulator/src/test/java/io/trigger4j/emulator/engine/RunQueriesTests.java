package io.trigger4j.emulator.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.trigger4j.emulator.ManualClock;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The query facade on its own: rows from the runs, one isolated database per query. */
class RunQueriesTests {

	private static final Instant START = Instant.parse("2026-11-22T10:00:00Z");

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
		this.engine.queries().timeout(Duration.ofSeconds(1));
		assertThatExceptionOfType(EngineException.class)
			.isThrownBy(() -> query("SELECT count(*) FROM SYSTEM_RANGE(1, 100000) a, SYSTEM_RANGE(1, 100000) b"))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(400))
			.withMessage("The query took longer than 1 seconds");
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
	void queriesRunConcurrentlyEachInItsOwnDatabase() throws Exception {
		trigger("ok");
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<QueryResult>> results = new java.util.ArrayList<>();
			for (int i = 0; i < 8; i++) {
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
