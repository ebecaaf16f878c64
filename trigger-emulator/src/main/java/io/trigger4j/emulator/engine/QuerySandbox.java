package io.trigger4j.emulator.engine;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import org.h2.Driver;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Where a query runs: a fresh in-memory H2 database per query, on a pool of at most
 * {@value #MAX_CONCURRENT} threads of its own, watched by the calling thread.
 *
 * <p>
 * <b>Database.</b> The admin creates the {@code runs} table, fills it, declares
 * {@code countIf} and the {@link QueryClock} aliases, then the query runs as a second
 * user with only {@code SELECT} on {@code runs}. Nothing else is shared: no engine lock
 * is held, and the database is dropped when the query's thread closes its connections.
 *
 * <p>
 * <b>Limits.</b> The calling thread waits at most the timeout, then cancels the statement
 * and answers 400; it also cancels a query whose thread has allocated more than the
 * memory budget (HotSpot's per-thread allocation counter, polled every
 * {@value #POLL_MILLIS} ms). H2 notices a cancel between rows: a single value computed
 * for a long time (which the refusals of {@link QueryText} make hard to write) keeps its
 * thread until it ends. Such a thread still holds its place in the pool, so threads never
 * grow past {@value #MAX_CONCURRENT}; while every place is taken, a query is 429 at once,
 * as the server answers above its query concurrency. A query that overflows its thread's
 * stack (a deeply nested expression) is 400. Running out of heap on the query's thread is
 * caught as a last resort only: the refusals and the budget are what keep a query from
 * filling it.
 */
final class QuerySandbox {

	/** Queries running at once. */
	static final int MAX_CONCURRENT = 2;

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	/** What a query's thread may allocate while it runs, at most. */
	static final long MEMORY_BUDGET = 512L * 1024 * 1024;

	/** The server's cap on returned rows. */
	static final int MAX_ROWS = 10_000;

	static final int MAX_RESULT_CHARS = 16 * 1024 * 1024;

	static final int POLL_MILLIS = 10;

	/** A query thread's stack: room for the nesting {@link QueryText} lets through. */
	private static final long STACK_BYTES = 8L * 1024 * 1024;

	/** H2's "Method is only allowed for a query". */
	private static final int NOT_A_QUERY = 90002;

	private static final Pattern ERROR_CODE = Pattern.compile("\\s*\\[\\d+-\\d+]\\s*$");

	private static final AtomicInteger THREADS = new AtomicInteger();

	/**
	 * The places of running queries, taken before a query is handed to the pool and given
	 * back when its thread has finished with it (so a cancelled query keeps its place
	 * until it ends), never by the pool's own thread hand-over, which may lag behind.
	 */
	private final Semaphore places = new Semaphore(MAX_CONCURRENT);

	private final ThreadPoolExecutor pool = new ThreadPoolExecutor(MAX_CONCURRENT, MAX_CONCURRENT, 30, TimeUnit.SECONDS,
			new LinkedBlockingQueue<>(), (task) -> {
				Thread thread = new Thread(null, task, "trigger4j-query-" + THREADS.incrementAndGet(), STACK_BYTES);
				thread.setDaemon(true);
				return thread;
			});

	private final Set<Job> running = ConcurrentHashMap.newKeySet();

	QuerySandbox() {
		// Idle query threads end after 30 s.
		this.pool.allowCoreThreadTimeOut(true);
	}

	private volatile Duration timeout = TIMEOUT;

	private volatile long memoryBudget = Math.min(MEMORY_BUDGET, Runtime.getRuntime().maxMemory() / 4);

	/** The table a query reads. */
	record Table(String create, List<String> columns, Set<String> jsonColumns, List<Object[]> rows) {
	}

	void timeout(Duration timeout) {
		this.timeout = timeout;
	}

	void memoryBudget(long bytes) {
		this.memoryBudget = bytes;
	}

	/** The queries holding a thread, including those cancelled but not yet ended. */
	int running() {
		return MAX_CONCURRENT - this.places.availablePermits();
	}

	/** Cancels every running query (tests). */
	void cancelAll() {
		this.running.forEach(Job::cancel);
	}

	/** Cancels every running query and ends the query threads. */
	void close() {
		cancelAll();
		this.pool.shutdownNow();
	}

	/**
	 * Runs a query over a table in its own database as of {@code now}; 400 for what H2
	 * cannot run or a limit, 429 when {@value #MAX_CONCURRENT} queries are running.
	 */
	QueryResult run(String sql, Table table, Instant now) {
		Duration limit = this.timeout;
		Job job = new Job(sql, table, now, (int) Math.max(1, limit.toSeconds()));
		if (!this.places.tryAcquire()) {
			throw new EngineException(429, "You've exceeded your query concurrency of " + MAX_CONCURRENT
					+ " for this project. Please try again later.");
		}
		Future<QueryResult> future;
		this.running.add(job);
		try {
			future = this.pool.submit(() -> {
				try {
					return job.call();
				}
				finally {
					this.places.release();
				}
			});
		}
		catch (RejectedExecutionException ex) {
			this.running.remove(job);
			this.places.release();
			throw new EngineException(503, "The query could not be started");
		}
		long deadline = System.nanoTime() + limit.toNanos();
		try {
			while (true) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					job.cancel();
					throw new EngineException(400, "The query timed out after " + seconds(limit));
				}
				try {
					return future.get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS)), TimeUnit.NANOSECONDS);
				}
				catch (TimeoutException ex) {
					if (job.allocated() > this.memoryBudget) {
						job.cancel();
						throw new EngineException(400,
								"The query used more than " + (this.memoryBudget >> 20) + " MiB of memory");
					}
				}
			}
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof EngineException error) {
				throw error;
			}
			throw new EngineException(400, "The query failed: " + ex.getCause());
		}
		catch (InterruptedException ex) {
			job.cancel();
			Thread.currentThread().interrupt();
			throw new EngineException(503, "The query was interrupted");
		}
		finally {
			this.running.remove(job);
		}
	}

	private static String seconds(Duration limit) {
		return (limit.toMillis() % 1000 == 0) ? limit.toSeconds() + " seconds" : limit.toMillis() + " ms";
	}

	/**
	 * One query on its thread: the database, the statement, and what the thread
	 * allocated.
	 */
	private static final class Job implements Callable<QueryResult> {

		private static final com.sun.management.@Nullable ThreadMXBean THREADS_BEAN = threadsBean();

		private final String sql;

		private final Table table;

		private final Instant now;

		private final int timeoutSeconds;

		private volatile @Nullable Statement statement;

		private volatile boolean cancelled;

		private volatile long threadId = -1;

		private volatile long allocatedBefore;

		Job(String sql, Table table, Instant now, int timeoutSeconds) {
			this.sql = sql;
			this.table = table;
			this.now = now;
			this.timeoutSeconds = timeoutSeconds;
		}

		private static com.sun.management.@Nullable ThreadMXBean threadsBean() {
			if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
					&& bean.isThreadAllocatedMemorySupported() && bean.isThreadAllocatedMemoryEnabled()) {
				return bean;
			}
			return null;
		}

		/** What the query's thread allocated since the query started; 0 before. */
		long allocated() {
			long id = this.threadId;
			com.sun.management.ThreadMXBean bean = THREADS_BEAN;
			if (id < 0 || bean == null) {
				return 0;
			}
			long allocated = bean.getThreadAllocatedBytes(id);
			return (allocated < 0) ? 0 : allocated - this.allocatedBefore;
		}

		/** Cancels the statement (H2 stops at its next row); never blocks. */
		void cancel() {
			this.cancelled = true;
			Statement current = this.statement;
			if (current != null) {
				try {
					current.cancel();
				}
				catch (SQLException | RuntimeException ex) {
					// Already closed: nothing left to stop.
				}
			}
		}

		@Override
		public QueryResult call() throws SQLException {
			QueryClock.set(this.now);
			try {
				return runDatabase();
			}
			catch (StackOverflowError ex) {
				throw new EngineException(400, "The query is nested too deeply for the emulator");
			}
			catch (OutOfMemoryError ex) {
				// A last resort: the allocation that failed is garbage, and the database
				// goes with the connections.
				throw new EngineException(400, "The query needed more memory than the emulator has");
			}
			catch (SQLException ex) {
				throw new EngineException(400, message(ex));
			}
			finally {
				this.threadId = -1;
				this.statement = null;
				QueryClock.clear();
			}
		}

		private QueryResult runDatabase() throws SQLException {
			String name = "trigger4j_query_" + UUID.randomUUID().toString().replace("-", "");
			String readerPassword = UUID.randomUUID().toString();
			Driver driver = new Driver();
			try (Connection admin = connect(driver,
					"jdbc:h2:mem:" + name + ";MODE=PostgreSQL;DATABASE_TO_UPPER=FALSE;CASE_INSENSITIVE_IDENTIFIERS=TRUE"
							+ ";DB_CLOSE_ON_EXIT=FALSE;TIME ZONE=UTC;BUILTIN_ALIAS_OVERRIDE=TRUE",
					"admin", UUID.randomUUID().toString())) {
				fill(admin, readerPassword);
				try (Connection reader = connect(driver, "jdbc:h2:mem:" + name + ";TIME ZONE=UTC", "reader",
						readerPassword); Statement query = reader.createStatement()) {
					query.setQueryTimeout(this.timeoutSeconds);
					query.setMaxRows(MAX_ROWS);
					this.statement = query;
					if (this.cancelled) {
						throw new EngineException(400, "The query was cancelled");
					}
					com.sun.management.ThreadMXBean bean = THREADS_BEAN;
					long id = Thread.currentThread().getId();
					this.allocatedBefore = (bean != null) ? bean.getThreadAllocatedBytes(id) : 0;
					this.threadId = id;
					try (ResultSet result = query.executeQuery(this.sql)) {
						return read(result);
					}
				}
			}
		}

		private void fill(Connection admin, String readerPassword) throws SQLException {
			try (Statement statement = admin.createStatement()) {
				statement.execute(this.table.create());
				statement.execute("CREATE AGGREGATE countIf FOR \"" + QueryCountIf.class.getName() + "\"");
				for (Map.Entry<String, String> alias : QueryClock.ALIASES.entrySet()) {
					statement.execute("CREATE ALIAS " + alias.getKey() + " FOR '" + QueryClock.class.getName() + "."
							+ alias.getValue() + "'");
				}
			}
			List<String> columns = this.table.columns();
			StringBuilder insert = new StringBuilder("INSERT INTO runs VALUES (");
			for (int i = 0; i < columns.size(); i++) {
				insert.append((i > 0) ? ", " : "")
					.append(this.table.jsonColumns().contains(columns.get(i)) ? "? FORMAT JSON" : "?");
			}
			insert.append(')');
			try (PreparedStatement statement = admin.prepareStatement(insert.toString())) {
				for (Object[] row : this.table.rows()) {
					for (int i = 0; i < row.length; i++) {
						// JSON values are shared with the engine, which never changes
						// them.
						statement.setObject(i + 1, (row[i] instanceof JsonNode json) ? json.toString() : row[i]);
					}
					statement.addBatch();
					if (this.cancelled) {
						throw new EngineException(400, "The query was cancelled");
					}
				}
				statement.executeBatch();
			}
			try (Statement statement = admin.createStatement()) {
				statement.execute("CREATE USER reader PASSWORD '" + readerPassword + "'");
				statement.execute("GRANT SELECT ON runs TO reader");
			}
		}

	}

	private static Connection connect(Driver driver, String url, String user, String password) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", user);
		properties.setProperty("password", password);
		return Objects.requireNonNull(driver.connect(url, properties), "H2 refused its own URL");
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
			case Types.TIMESTAMP_WITH_TIMEZONE -> utc(result.getObject(i, OffsetDateTime.class));
			case Types.DATE -> result.getObject(i, LocalDate.class);
			case Types.ARRAY -> array(result.getArray(i));
			default -> "JSON".equals(meta.getColumnTypeName(i)) ? jsonText(result.getString(i)) : result.getString(i);
		};
		return result.wasNull() ? null : value;
	}

	private static @Nullable LocalDateTime utc(@Nullable OffsetDateTime at) {
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
			return new String(bytes, StandardCharsets.UTF_8);
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
