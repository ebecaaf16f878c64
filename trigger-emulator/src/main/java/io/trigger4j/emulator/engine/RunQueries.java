package io.trigger4j.emulator.engine;

import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.h2.Driver;
import org.h2.util.ScriptReader;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

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
 * {@code countIf(condition)} / {@code countIf(value, condition)}. Not supported:
 * ClickHouse's other functions and combinators ({@code uniq}, {@code has},
 * {@code toStartOfHour}, {@code timeBucket()}, {@code quantile}, {@code -If} forms
 * besides {@code countIf}), {@code LIMIT n BY}, {@code FORMAT}, {@code SETTINGS}, and the
 * server's other tables ({@code metrics}, ...). A query the engine cannot run is 400 with
 * H2's message.
 *
 * <p>
 * <b>The window.</b> Rows are the runs triggered in {@code [from, to]} as the api layer
 * computed it from {@code period}, {@code from} and {@code to} (7 days by default), and
 * never before 30 days ago (the server's default plan limit). Unlike the server, the
 * window applies even when the query filters {@code triggered_at} itself. Scopes are
 * alike: the emulator has one project with runs in one environment. H2's {@code NOW()} is
 * the real clock's, not the emulator's.
 *
 * <p>
 * <b>Safety.</b> Each query gets its own in-memory database, dropped when the query ends:
 * the table is filled and {@code countIf} declared by the database's admin, and the query
 * runs as a second user with only {@code SELECT} on {@code runs} (H2 lets only admins
 * create Java aliases, read files or run scripts). It must be one statement (H2's own
 * script reader counts them) and a query ({@code executeQuery}); it runs at most
 * {@value #TIMEOUT_SECONDS} s and returns at most {@value #MAX_ROWS} rows (the server's
 * cap) and {@value #MAX_RESULT_CHARS} characters. Java objects in a result are refused,
 * never deserialized.
 */
public final class RunQueries {

	/** The server's cap on returned rows. */
	static final int MAX_ROWS = 10_000;

	static final int TIMEOUT_SECONDS = 10;

	static final int MAX_RESULT_CHARS = 16 * 1024 * 1024;

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

	private static final int OUTPUT_COLUMN = COLUMNS.indexOf("output");

	private static final int ERROR_COLUMN = COLUMNS.indexOf("error");

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

	/** ClickHouse's {@code count()}, outside string literals. */
	private static final Pattern EMPTY_COUNT = Pattern.compile("(?i)\\bcount\\s*\\(\\s*\\)");

	/** H2's "Method is only allowed for a query". */
	private static final int NOT_A_QUERY = 90002;

	private static final Pattern ERROR_CODE = Pattern.compile("\\s*\\[\\d+-\\d+]\\s*$");

	private final Engine engine;

	/** How long a query may run, in seconds; shorter in tests. */
	private volatile int timeoutSeconds = TIMEOUT_SECONDS;

	RunQueries(Engine engine) {
		this.engine = engine;
	}

	/** Sets how long a query may run (tests). */
	void timeout(Duration timeout) {
		this.timeoutSeconds = (int) Math.max(1, timeout.toSeconds());
	}

	/**
	 * Runs a query over the runs triggered in a window. 400 with the engine's message for
	 * a query it cannot run, more than one statement, or a result too large.
	 * @param sql the query
	 * @param from the window's start, or {@code null} for none (the 30-day floor still
	 * applies)
	 * @param to the window's end, or {@code null} for none
	 */
	public QueryResult execute(String sql, @Nullable Instant from, @Nullable Instant to) {
		Objects.requireNonNull(sql, "sql must not be null");
		String statement = singleStatement(sql);
		String projectRef = this.engine.envVars().projectRef();
		List<Object[]> rows = this.engine.locked(() -> {
			Instant floor = this.engine.horizon().minus(MAX_PERIOD);
			Instant start = (from == null || from.isBefore(floor)) ? floor : from;
			List<Object[]> matching = new ArrayList<>();
			for (RunRecord run : this.engine.runStore().all()) {
				if (!run.createdAt.isBefore(start) && (to == null || !run.createdAt.isAfter(to))) {
					matching.add(row(run, projectRef));
				}
			}
			return matching;
		});
		return run(statement, rows, this.timeoutSeconds);
	}

	/**
	 * The one statement of the query, {@code count()} read as {@code count(*)}; 400 for
	 * none or more than one.
	 */
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
		String[] parts = statements.get(0).split("'", -1);
		for (int i = 0; i < parts.length; i += 2) {
			parts[i] = EMPTY_COUNT.matcher(parts[i]).replaceAll(Matcher.quoteReplacement("count(*)"));
		}
		return String.join("'", parts);
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
		row[i++] = json((run.state == RunState.COMPLETED_SUCCESSFULLY) ? run.output : null);
		row[i++] = json(run.error);
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

	private static @Nullable String json(@Nullable JsonNode value) {
		return (value != null) ? value.toString() : null;
	}

	// ---- the query's own database

	/**
	 * Fills a new in-memory database as its admin, then runs the query as a user who may
	 * only select from {@code runs}; the database is gone when both connections close.
	 */
	private static QueryResult run(String sql, List<Object[]> rows, int timeoutSeconds) {
		String name = "trigger4j_query_" + UUID.randomUUID().toString().replace("-", "");
		String readerPassword = UUID.randomUUID().toString();
		Driver driver = new Driver();
		try (Connection admin = connect(driver,
				"jdbc:h2:mem:" + name + ";MODE=PostgreSQL;DATABASE_TO_UPPER=FALSE;CASE_INSENSITIVE_IDENTIFIERS=TRUE"
						+ ";DB_CLOSE_ON_EXIT=FALSE;TIME ZONE=UTC",
				"admin", UUID.randomUUID().toString())) {
			fill(admin, rows, readerPassword);
			try (Connection reader = connect(driver, "jdbc:h2:mem:" + name + ";TIME ZONE=UTC", "reader",
					readerPassword); Statement statement = reader.createStatement()) {
				statement.setQueryTimeout(timeoutSeconds);
				statement.setMaxRows(MAX_ROWS);
				try (ResultSet result = statement.executeQuery(sql)) {
					return read(result);
				}
			}
		}
		catch (SQLTimeoutException ex) {
			throw new EngineException(400, "The query took longer than " + timeoutSeconds + " seconds");
		}
		catch (SQLException ex) {
			throw new EngineException(400, message(ex));
		}
		catch (OutOfMemoryError ex) {
			// One huge value (REPEAT('x', 1e9)): its allocation failed and is garbage;
			// the
			// query's database is dropped with its connections.
			throw new EngineException(400, "The query needed more memory than the emulator has");
		}
	}

	private static Connection connect(Driver driver, String url, String user, String password) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", user);
		properties.setProperty("password", password);
		return Objects.requireNonNull(driver.connect(url, properties), "H2 refused its own URL");
	}

	private static void fill(Connection admin, List<Object[]> rows, String readerPassword) throws SQLException {
		try (Statement statement = admin.createStatement()) {
			statement.execute(CREATE_TABLE);
			statement.execute("CREATE AGGREGATE countIf FOR \"" + QueryCountIf.class.getName() + "\"");
		}
		StringBuilder insert = new StringBuilder("INSERT INTO runs VALUES (");
		for (int i = 0; i < COLUMNS.size(); i++) {
			insert.append((i > 0) ? ", " : "")
				.append((i == OUTPUT_COLUMN || i == ERROR_COLUMN) ? "? FORMAT JSON" : "?");
		}
		insert.append(')');
		try (PreparedStatement statement = admin.prepareStatement(insert.toString())) {
			for (Object[] row : rows) {
				for (int i = 0; i < row.length; i++) {
					statement.setObject(i + 1, row[i]);
				}
				statement.addBatch();
			}
			statement.executeBatch();
		}
		try (Statement statement = admin.createStatement()) {
			statement.execute("CREATE USER reader PASSWORD '" + readerPassword + "'");
			statement.execute("GRANT SELECT ON runs TO reader");
		}
	}

	/**
	 * The result's values, read by their SQL type: never {@code getObject} on a type that
	 * could hold a serialized Java object.
	 */
	private static QueryResult read(ResultSet result) throws SQLException {
		ResultSetMetaData meta = result.getMetaData();
		int count = meta.getColumnCount();
		List<String> columns = new ArrayList<>();
		for (int i = 1; i <= count; i++) {
			String type = String.valueOf(meta.getColumnTypeName(i));
			if (meta.getColumnType(i) == Types.JAVA_OBJECT || type.contains("JAVA_OBJECT")) {
				throw new EngineException(400, "Column " + meta.getColumnLabel(i) + " has an unsupported type " + type);
			}
			columns.add(meta.getColumnLabel(i));
		}
		List<List<Object>> rows = new ArrayList<>();
		long chars = 0;
		while (result.next()) {
			List<Object> row = new ArrayList<>(count);
			for (int i = 1; i <= count; i++) {
				Object value = value(result, meta, i);
				chars += (value != null) ? String.valueOf(value).length() : 4;
				row.add(value);
			}
			if (chars > MAX_RESULT_CHARS) {
				throw new EngineException(400, "The query's result is larger than " + MAX_RESULT_CHARS + " characters");
			}
			rows.add(row);
		}
		return new QueryResult(columns, rows);
	}

	private static @Nullable Object value(ResultSet result, ResultSetMetaData meta, int i) throws SQLException {
		Object value = switch (meta.getColumnType(i)) {
			case Types.BOOLEAN, Types.BIT -> result.getBoolean(i);
			case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> result.getLong(i);
			case Types.DECIMAL, Types.NUMERIC -> result.getBigDecimal(i);
			case Types.REAL, Types.FLOAT, Types.DOUBLE -> result.getDouble(i);
			case Types.TIMESTAMP -> result.getObject(i, LocalDateTime.class);
			case Types.TIMESTAMP_WITH_TIMEZONE -> utc(result.getObject(i, java.time.OffsetDateTime.class));
			case Types.DATE -> result.getObject(i, LocalDate.class);
			case Types.ARRAY -> array(result.getArray(i));
			default -> "JSON".equals(meta.getColumnTypeName(i)) ? jsonText(result.getString(i)) : result.getString(i);
		};
		return result.wasNull() ? null : value;
	}

	private static @Nullable LocalDateTime utc(java.time.@Nullable OffsetDateTime at) {
		return (at != null) ? at.atZoneSameInstant(ZoneOffset.UTC).toLocalDateTime() : null;
	}

	private static @Nullable QueryJson jsonText(@Nullable String text) {
		return (text != null) ? new QueryJson(text) : null;
	}

	/** An array's elements (the column type has no Java object, checked before). */
	private static @Nullable List<Object> array(@Nullable Array array) throws SQLException {
		if (array == null) {
			return null;
		}
		try {
			return elements((Object[]) array.getArray());
		}
		finally {
			array.free();
		}
	}

	private static List<Object> elements(Object[] values) {
		List<Object> list = new ArrayList<>(values.length);
		for (Object value : values) {
			list.add(element(value));
		}
		return list;
	}

	private static @Nullable Object element(@Nullable Object value) {
		if (value == null || value instanceof String || value instanceof Boolean || value instanceof BigDecimal
				|| value instanceof Double) {
			return value;
		}
		if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
			return ((Number) value).longValue();
		}
		if (value instanceof Float number) {
			return number.doubleValue();
		}
		if (value instanceof Timestamp timestamp) {
			return timestamp.toLocalDateTime();
		}
		if (value instanceof Object[] nested) {
			return elements(nested);
		}
		if (value instanceof byte[] bytes) {
			return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
		}
		return String.valueOf(value);
	}

	/**
	 * H2's message without the statement and error code it appends; a statement that is
	 * not a query is named as such (H2 speaks of JDBC methods).
	 */
	private static String message(SQLException ex) {
		if (ex.getErrorCode() == NOT_A_QUERY) {
			return "Only a SELECT query is allowed";
		}
		String message = String.valueOf(ex.getMessage());
		int statement = message.indexOf("; SQL statement:");
		if (statement >= 0) {
			message = message.substring(0, statement);
		}
		return ERROR_CODE.matcher(message).replaceAll("").trim();
	}

}
