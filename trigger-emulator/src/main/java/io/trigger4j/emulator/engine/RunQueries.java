package io.trigger4j.emulator.engine;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.h2.util.ScriptReader;
import org.jspecify.annotations.Nullable;

/**
 * Queries over the emulated runs ({@code POST /api/v1/query}, api-semantics.md 4.11), run
 * by an embedded SQL engine, H2, instead of the server's ClickHouse-flavoured TRQL.
 *
 * <p>
 * <b>The table.</b> One table, {@code runs}, with the columns the server documents for
 * TRQL's {@code runs} table ({@link #COLUMNS}), filled from the runs created in the
 * window asked for: {@code status} holds the dashboard titles ({@code Completed},
 * {@code Failed}, {@code Queued}, ...), {@code environment} is {@code dev},
 * {@code environment_type} {@code DEVELOPMENT}, {@code project} the project ref,
 * {@code output} and {@code error} are JSON, {@code tags} an array of strings, times are
 * UTC timestamps and durations milliseconds. Columns the emulator has no value for hold
 * what a run without them holds on the server ({@code ''}, {@code NULL}, 0).
 *
 * <p>
 * <b>The SQL.</b> One {@code SELECT} (or {@code WITH ... SELECT}, {@code VALUES}, set
 * operations) in H2's dialect with {@code MODE=PostgreSQL}: {@code WHERE},
 * {@code GROUP BY}, {@code HAVING}, {@code ORDER BY}, {@code LIMIT}/{@code OFFSET}, joins
 * and subqueries, H2's functions ({@code ARRAY_CONTAINS(tags, 'x')}, {@code DATEDIFF},
 * {@code DATE_TRUNC}, ...), identifiers matched case-insensitively and labelled as
 * written. From ClickHouse: {@code count()} (read as {@code count(*)}) and
 * {@code countIf(condition)} / {@code countIf(value, condition)}. {@code NOW()},
 * {@code CURRENT_TIMESTAMP}, {@code CURRENT_DATE} and the other current-time functions
 * give the engine's time ({@link QueryClock}), in UTC. Not supported: ClickHouse's other
 * functions and combinators ({@code uniq}, {@code has}, {@code toStartOfHour},
 * {@code timeBucket()}, {@code quantile}, {@code -If} forms besides {@code countIf}),
 * {@code LIMIT n BY}, {@code FORMAT}, {@code SETTINGS}, the server's other tables
 * ({@code metrics}, ...), and what the sandbox refuses (below). A query the engine cannot
 * run is 400 with H2's message.
 *
 * <p>
 * <b>The window.</b> Rows are the runs triggered in {@code [from, to]} as the api layer
 * computed it from {@code period}, {@code from} and {@code to} (7 days by default), and
 * never before 30 days ago (the server's default plan limit). Unlike the server, the
 * window applies even when the query filters {@code triggered_at} itself. Scopes are
 * alike: the emulator has one project with runs in one environment.
 *
 * <p>
 * <b>The sandbox.</b> No query can hold the engine or the next query back. Under the
 * engine's lock only the window's runs are copied (their JSON values by reference: the
 * engine never changes them); the rows are written and the query run outside it, by
 * {@link QuerySandbox}: a fresh in-memory database per query, read by a user with only
 * {@code SELECT} on {@code runs} (H2 lets only admins create Java aliases, read files or
 * run scripts), on a pool of {@value QuerySandbox#MAX_CONCURRENT} threads (429 when all
 * are busy), answered within the timeout (10 s; 400 after it) and cancelled past a memory
 * budget (512 MiB allocated, 400). It must be one statement (H2's own script reader
 * counts them) and a query ({@code executeQuery}); it returns at most 10,000 rows (the
 * server's cap) and 16 Mi characters; Java objects in a result are refused, never
 * deserialized. Before H2 sees it, {@link QueryText} refuses what H2 would compute
 * without ever checking for cancellation: regular expressions, {@code LIKE} patterns that
 * are not a short literal with at most one inner {@code %}, {@code REPEAT}/{@code SPACE}/
 * {@code LPAD}/{@code RPAD}/{@code SECURE_RAND}/{@code EXPAND}, huge {@code CHAR(n)},
 * {@code WITH RECURSIVE} and nesting over 100 levels.
 */
public final class RunQueries {

	/** The server's default plan limit on how far back a query reads. */
	static final Duration MAX_PERIOD = Duration.ofDays(30);

	/** The default window without period, from or to. */
	public static final Duration DEFAULT_PERIOD = Duration.ofDays(7);

	/** The columns of the {@code runs} table, in the server's documented order. */
	static final List<String> COLUMNS = List.of("run_id", "environment", "project", "environment_type", "attempt_count",
			"status", "is_finished", "task_identifier", "queue", "batch_id", "root_run_id", "parent_run_id", "depth",
			"is_root_run", "is_child_run", "idempotency_key", "idempotency_key_scope", "region", "triggered_at",
			"queued_at", "dequeued_at", "executed_at", "completed_at", "delay_until", "has_delay", "expired_at", "ttl",
			"execution_duration", "total_duration", "queued_duration", "usage_duration", "compute_cost",
			"invocation_cost", "total_cost", "output", "error", "tags", "task_version", "sdk_version", "cli_version",
			"machine", "is_test", "is_warm_start", "concurrency_key", "max_duration", "bulk_action_group_ids");

	private static final String CREATE_TABLE = """
			CREATE TABLE runs (run_id VARCHAR NOT NULL, environment VARCHAR, project VARCHAR,
			environment_type VARCHAR, attempt_count INTEGER, status VARCHAR, is_finished BOOLEAN,
			task_identifier VARCHAR, queue VARCHAR, batch_id VARCHAR, root_run_id VARCHAR, parent_run_id VARCHAR,
			depth INTEGER, is_root_run BOOLEAN, is_child_run BOOLEAN, idempotency_key VARCHAR,
			idempotency_key_scope VARCHAR, region VARCHAR, triggered_at TIMESTAMP(3), queued_at TIMESTAMP(3),
			dequeued_at TIMESTAMP(3), executed_at TIMESTAMP(3), completed_at TIMESTAMP(3), delay_until TIMESTAMP(3),
			has_delay BOOLEAN, expired_at TIMESTAMP(3), ttl VARCHAR, execution_duration BIGINT,
			total_duration BIGINT, queued_duration BIGINT, usage_duration BIGINT, compute_cost DOUBLE PRECISION,
			invocation_cost DOUBLE PRECISION, total_cost DOUBLE PRECISION, output JSON, error JSON,
			tags VARCHAR ARRAY, task_version VARCHAR, sdk_version VARCHAR, cli_version VARCHAR, machine VARCHAR,
			is_test BOOLEAN, is_warm_start INTEGER, concurrency_key VARCHAR, max_duration INTEGER,
			bulk_action_group_ids VARCHAR ARRAY)""";

	/** The dashboard's titles, which TRQL's {@code status} shows and compares. */
	private static final Map<RunState, String> TITLES = new EnumMap<>(RunState.class);

	static {
		TITLES.put(RunState.DELAYED, "Delayed");
		TITLES.put(RunState.PENDING, "Queued");
		TITLES.put(RunState.PENDING_VERSION, "Pending version");
		TITLES.put(RunState.WAITING_FOR_DEPLOY, "Pending version");
		TITLES.put(RunState.DEQUEUED, "Dequeued");
		TITLES.put(RunState.EXECUTING, "Executing");
		TITLES.put(RunState.WAITING_TO_RESUME, "Waiting");
		TITLES.put(RunState.RETRYING_AFTER_FAILURE, "Reattempting");
		TITLES.put(RunState.PAUSED, "Paused");
		TITLES.put(RunState.CANCELED, "Canceled");
		TITLES.put(RunState.INTERRUPTED, "Interrupted");
		TITLES.put(RunState.COMPLETED_SUCCESSFULLY, "Completed");
		TITLES.put(RunState.COMPLETED_WITH_ERRORS, "Failed");
		TITLES.put(RunState.SYSTEM_FAILURE, "System failure");
		TITLES.put(RunState.CRASHED, "Crashed");
		TITLES.put(RunState.EXPIRED, "Expired");
		TITLES.put(RunState.TIMED_OUT, "Timed out");
	}

	private final Engine engine;

	private final QuerySandbox sandbox = new QuerySandbox();

	RunQueries(Engine engine) {
		this.engine = engine;
	}

	/** Sets how long a query may run (tests). */
	void timeout(Duration timeout) {
		this.sandbox.timeout(timeout);
	}

	/** Sets how much a query's thread may allocate (tests). */
	void memoryBudget(long bytes) {
		this.sandbox.memoryBudget(bytes);
	}

	/** The queries holding one of the sandbox's threads (tests). */
	int running() {
		return this.sandbox.running();
	}

	/** Cancels the running queries (tests). */
	void cancelAll() {
		this.sandbox.cancelAll();
	}

	/** Cancels every running query and ends the query threads. */
	void close() {
		this.sandbox.close();
	}

	/**
	 * Runs a query over the runs triggered in a window. 400 with the engine's message for
	 * a query it cannot run or refuses, more than one statement, a result too large, a
	 * timeout or too much memory; 429 while the sandbox's threads are all busy.
	 * @param sql the query
	 * @param from the window's start, or {@code null} for none (the 30-day floor still
	 * applies)
	 * @param to the window's end, or {@code null} for none
	 * @return the result's column labels and rows
	 */
	public QueryResult execute(String sql, @Nullable Instant from, @Nullable Instant to) {
		Objects.requireNonNull(sql, "sql must not be null");
		String statement = QueryText.prepare(singleStatement(sql));
		String projectRef = this.engine.envVars().projectRef();
		Window window = this.engine.locked(() -> {
			Instant now = this.engine.horizon();
			Instant floor = now.minus(MAX_PERIOD);
			Instant start = (from == null || from.isBefore(floor)) ? floor : from;
			List<Object[]> matching = new ArrayList<>();
			for (RunRecord run : this.engine.runStore().all()) {
				if (!run.createdAt.isBefore(start) && (to == null || !run.createdAt.isAfter(to))) {
					matching.add(row(run, projectRef));
				}
			}
			return new Window(matching, now);
		});
		return this.sandbox.run(statement,
				new QuerySandbox.Table(CREATE_TABLE, COLUMNS, Set.of("output", "error"), window.rows()), window.now());
	}

	/** The rows of the window, and the engine's time. */
	private record Window(List<Object[]> rows, Instant now) {
	}

	/** The one statement of the query; 400 for none or more than one. */
	private static String singleStatement(String sql) {
		List<String> statements = new ArrayList<>();
		try (ScriptReader reader = new ScriptReader(new StringReader(sql))) {
			reader.setSkipRemarks(true);
			for (String next = reader.readStatement(); next != null; next = reader.readStatement()) {
				if (!next.isBlank()) {
					statements.add(next);
				}
			}
		}
		if (statements.isEmpty()) {
			throw new EngineException(400, "The query is empty");
		}
		if (statements.size() > 1) {
			throw new EngineException(400, "Only one statement is allowed, found " + statements.size());
		}
		return statements.get(0);
	}

	/** A run as a row of the {@code runs} table, in {@link #COLUMNS} order. */
	private static Object[] row(RunRecord run, String projectRef) {
		Instant executedAt = run.attempts.isEmpty() ? null : run.attempts.get(0).startedAt;
		Object[] row = new Object[COLUMNS.size()];
		int i = 0;
		row[i++] = run.id;
		row[i++] = "dev";
		row[i++] = projectRef;
		row[i++] = "DEVELOPMENT";
		row[i++] = run.attemptCount;
		row[i++] = TITLES.get(run.state);
		row[i++] = run.state.isTerminal() || run.state == RunState.PAUSED;
		row[i++] = run.taskIdentifier;
		row[i++] = (run.queue != null) ? run.queue : Engine.taskQueue(run.taskIdentifier);
		row[i++] = run.batchId;
		row[i++] = null;
		row[i++] = null;
		row[i++] = 0;
		row[i++] = true;
		row[i++] = false;
		row[i++] = (run.idempotencyKey != null) ? run.idempotencyKey : "";
		row[i++] = (run.idempotencyKey != null) ? "global" : "";
		row[i++] = RunStore.REGION;
		row[i++] = utc(run.createdAt);
		row[i++] = utc(run.queuedAt);
		row[i++] = utc(run.startedAt);
		row[i++] = utc(executedAt);
		row[i++] = utc(run.finishedAt);
		row[i++] = utc(run.delayedUntil);
		row[i++] = run.delayedUntil != null;
		row[i++] = utc(run.expiredAt);
		row[i++] = run.ttlText;
		row[i++] = millis(executedAt, run.finishedAt);
		row[i++] = millis(run.createdAt, run.finishedAt);
		row[i++] = millis(run.queuedAt, run.startedAt);
		row[i++] = run.executionMillis;
		row[i++] = 0.0;
		row[i++] = 0.0;
		row[i++] = 0.0;
		row[i++] = (run.state == RunState.COMPLETED_SUCCESSFULLY) ? run.output : null;
		row[i++] = run.error;
		row[i++] = run.tags.toArray(new String[0]);
		row[i++] = (run.version != null) ? run.version : "";
		row[i++] = "";
		row[i++] = "";
		row[i++] = (run.machine != null) ? run.machine : RunStore.DEFAULT_MACHINE;
		row[i++] = run.test;
		row[i++] = null;
		row[i++] = "";
		row[i++] = null;
		row[i] = new String[0];
		return row;
	}

	private static @Nullable LocalDateTime utc(@Nullable Instant at) {
		return (at != null && !Times.isNever(at)) ? LocalDateTime.ofInstant(at, ZoneOffset.UTC) : null;
	}

	private static @Nullable Long millis(@Nullable Instant from, @Nullable Instant to) {
		return (from != null && to != null) ? Times.millisBetween(from, to) : null;
	}

}
