package io.trigger4j.emulator.engine;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The coordinator of the emulated server's state: it owns the lock, the clock and
 * {@link #tick()}, and one store per resource (runs, idempotency keys, batches). Every
 * public method is thread-safe, first moves time forward ({@link #tick()}), and hands out
 * immutable {@link RunSnapshot}s. Refusals are {@link EngineException}s carrying the
 * server's status and message; a refused call changes nothing.
 *
 * <p>
 * Methods may run task steps and wait for them, so callers must not call them on an I/O
 * thread. Step functions run outside the lock.
 *
 * <p>
 * Time moves by timed events (a delay ends, a step ends, a retry starts, a TTL passes, a
 * wait ends, a waitpoint token times out), processed in time order up to the clock's
 * instant; a tick costs what is due. A step's function is called once, on a task thread,
 * when the step starts; when processing reaches the step's end before the function has
 * returned, the engine waits for it without holding its lock, at most the handler timeout
 * (real time) since the step started. A call from a step function itself does not wait
 * for steps: it sees the runs as far as their known outcomes allow.
 */
public final class Engine {

	static final int MAX_TAGS = 10;

	static final int MAX_METADATA_BYTES = 262_144;

	static final Duration DEFAULT_TTL = Duration.ofMinutes(10);

	static final String DEFAULT_TTL_TEXT = "10m";

	static final int DEFAULT_MAX_ATTEMPTS = 3;

	/** The version of the emulated tasks' deployment at start. */
	public static final String DEFAULT_VERSION = "20260101.1";

	static final Duration IDEMPOTENCY_TTL = Duration.ofDays(30);

	static final Duration REQUEST_IDEMPOTENCY_TTL = Duration.ofHours(24);

	static final Duration METADATA_WINDOW = Duration.ofHours(1);

	/**
	 * The most steps of one attempt; a step function that keeps waiting no time at all
	 * (with steps that take no time) would otherwise hold the engine at one instant.
	 */
	static final int MAX_STEPS_PER_ATTEMPT = 10_000;

	private static final Set<RunState> KEY_RELEASING = EnumSet.of(RunState.COMPLETED_WITH_ERRORS, RunState.INTERRUPTED,
			RunState.SYSTEM_FAILURE, RunState.CRASHED, RunState.TIMED_OUT, RunState.EXPIRED);

	private final Clock clock;

	private final Map<String, TaskSpec> tasks;

	/** The queues by name: every task's own, and the custom ones triggers named. */
	private final Map<String, QueueLane> queues = new LinkedHashMap<>();

	/** The version new runs of declared tasks get: the current deployment's. */
	private volatile String currentVersion = DEFAULT_VERSION;

	private final Schedules schedules;

	private final Queues queueOperations;

	private final EnvVars envVars;

	private final Deployments deployments;

	private final Waitpoints waitpoints;

	private final Batches batchOperations;

	private final RunTraces traces;

	private final RunQueries queries;

	private final IdempotencyKeys idempotencyKeyOperations;

	private final Packets packets;

	private final RunChanges runChanges;

	private final Streams streams;

	private final RunChangesLock lock = new RunChangesLock();

	private final RunStore runs = new RunStore();

	private final KeyStore idempotencyKeys = new KeyStore();

	/** Runs by scoped request idempotency key ({@code task NUL key}). */
	private final KeyStore requestKeys = new KeyStore();

	/** The most runs held before finished ones are evicted. */
	private int retainedRuns = Integer.MAX_VALUE;

	private final BatchStore batches = new BatchStore();

	private final EventQueue events = new EventQueue();

	private final StepRunner steps;

	private long sequence;

	/** The latest instant processed; engine time never goes back. */
	private volatile Instant horizon = Instant.MIN;

	/** A hook for tests: called with each event's run before it is processed. */
	private volatile @Nullable Consumer<String> beforeEvent;

	/**
	 * An engine with the declared tasks, each with its own queue; runs of other tasks
	 * wait for a deploy (PENDING_VERSION).
	 * @param clock where time comes from; engine time never goes back even if the clock
	 * does
	 * @param tasks the declared tasks
	 * @param handlerTimeout how long (real time) a step function may take before its step
	 * fails, not negative
	 */
	public Engine(Clock clock, List<TaskSpec> tasks, Duration handlerTimeout) {
		this.clock = Objects.requireNonNull(clock, "clock must not be null");
		Objects.requireNonNull(tasks, "tasks must not be null");
		Objects.requireNonNull(handlerTimeout, "handlerTimeout must not be null");
		if (handlerTimeout.isNegative()) {
			throw new IllegalArgumentException("handlerTimeout must not be negative but was " + handlerTimeout);
		}
		Map<String, TaskSpec> declared = new HashMap<>();
		for (TaskSpec task : tasks) {
			declared.put(task.id(), task);
		}
		this.tasks = Map.copyOf(declared);
		declareQueues(tasks);
		this.steps = new StepRunner(handlerTimeout);
		this.schedules = new Schedules(this);
		this.queueOperations = new Queues(this);
		this.envVars = new EnvVars(this);
		this.deployments = new Deployments(this);
		this.waitpoints = new Waitpoints(this);
		this.batchOperations = new Batches(this);
		this.traces = new RunTraces(this);
		this.queries = new RunQueries(this);
		this.runChanges = new RunChanges(this);
		this.lock.changes(this.runChanges);
		this.streams = new Streams(this);
		this.idempotencyKeyOperations = new IdempotencyKeys(this);
		this.packets = new Packets(this);
	}

	/**
	 * {@return the schedules: the tasks' cron schedules, firing runs in engine time}
	 */
	public Schedules schedules() {
		return this.schedules;
	}

	/**
	 * {@return the queues: listing, pausing, and their concurrency limits}
	 */
	public Queues queues() {
		return this.queueOperations;
	}

	/**
	 * {@return the environment variables of the emulated project's environments}
	 */
	public EnvVars envVars() {
		return this.envVars;
	}

	/**
	 * {@return the deployments: the versions of the emulated tasks, and which one is
	 * current}
	 */
	public Deployments deployments() {
		return this.deployments;
	}

	/**
	 * {@return the waitpoint tokens: created, completed, timed out; runs wait on them}
	 */
	public Waitpoints waitpoints() {
		return this.waitpoints;
	}

	/**
	 * {@return the batches: retrieval, results, and the two-phase batch routes}
	 */
	public Batches batches() {
		return this.batchOperations;
	}

	/**
	 * {@return the runs' traces and events, generated from their attempts}
	 */
	public RunTraces traces() {
		return this.traces;
	}

	/**
	 * Ends the engine's threads (task steps, queries, the realtime ticker); for the
	 * emulator's shutdown. Steps still running are interrupted and nothing is started
	 * after.
	 */
	public void close() {
		this.steps.close();
		this.queries.close();
		this.runChanges.close();
	}

	/**
	 * {@return the queries over the runs, in SQL}
	 */
	public RunQueries queries() {
		return this.queries;
	}

	/**
	 * {@return the changes of runs, for the realtime feeds: rows, revisions and watches}
	 */
	public RunChanges runChanges() {
		return this.runChanges;
	}

	/**
	 * {@return the runs' realtime data streams}
	 */
	public Streams streams() {
		return this.streams;
	}

	/**
	 * {@return the idempotency keys of runs, for resetting one}
	 */
	public IdempotencyKeys idempotencyKeys() {
		return this.idempotencyKeyOperations;
	}

	/**
	 * {@return the offloaded packets and their presigned URLs}
	 */
	public Packets packets() {
		return this.packets;
	}

	/**
	 * {@return the engine's current time: the clock's instant, or the latest instant
	 * processed if the clock went back}
	 */
	public Instant now() {
		return Times.max(this.clock.instant(), this.horizon);
	}

	/**
	 * Moves every run as far as the clock allows, processing only what is due, in time
	 * order; transitions happen at the instants they were due, however late the tick.
	 */
	public void tick() {
		this.lock.lock();
		try {
			advance();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Triggers a run, or returns the run a live idempotency key or a repeated request key
	 * points to. 422 "Runs can only have 10 tags, you're trying to set N." over 10 tags;
	 * 413 "Metadata exceeds maximum size of 262144 bytes" over 256 KiB of metadata JSON.
	 * @param spec the task, payload and options of the trigger
	 * @return the run, and whether it was an existing one (cached)
	 */
	public Triggered trigger(TriggerSpec spec) {
		Objects.requireNonNull(spec, "spec must not be null");
		this.lock.lock();
		try {
			advance();
			Admitted admitted = admit(spec, this.horizon, null);
			advance();
			return new Triggered(admitted.run().snapshot(), admitted.cached());
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Triggers a batch. As on the server, an idempotency key belongs to one batch of the
	 * environment whichever route made it: a key another batch holds (a batch-trigger
	 * route's, or a two-phase one's) returns that batch, cached, until the key expires;
	 * an expired key moves to the new batch.
	 * @param spec the batch's items, each a trigger, and its idempotency key
	 * @return the batch's id and runs, and whether an existing batch was returned
	 */
	public BatchResult batch(BatchSpec spec) {
		Objects.requireNonNull(spec, "spec must not be null");
		this.lock.lock();
		try {
			advance();
			Instant now = this.horizon;
			String key = spec.idempotencyKey();
			if (key != null) {
				BatchRecord existing = this.batches.liveByKey(key, now);
				if (existing != null) {
					List<RunSnapshot> snapshots = existing.runs(this.runs).stream().map(RunRecord::snapshot).toList();
					return new BatchResult(existing.id, snapshots, snapshots.stream().map((run) -> true).toList(), true,
							key);
				}
			}
			for (TriggerSpec item : spec.items()) {
				if (lookup(item, now) == null) {
					validate(item);
				}
			}
			String batchId = Ids.newId("batch_", now, ++this.sequence);
			List<RunRecord> created = new ArrayList<>();
			List<Boolean> cached = new ArrayList<>();
			for (TriggerSpec item : spec.items()) {
				Admitted admitted = admit(item, now, batchId);
				created.add(admitted.run());
				cached.add(admitted.cached());
			}
			Duration ttl = spec.idempotencyKeyTtl();
			this.batches.add(BatchRecord.oneShot(batchId, now, key, created),
					(ttl != null) ? Times.plus(now, ttl) : Times.NEVER);
			advance();
			return new BatchResult(batchId, created.stream().map(RunRecord::snapshot).toList(), cached, false,
					spec.idempotencyKey());
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Every run held, after time has moved forward.
	 * @return the runs, oldest first (the order they were created in)
	 */
	public List<RunSnapshot> runs() {
		this.lock.lock();
		try {
			advance();
			List<RunSnapshot> all = new ArrayList<>(this.runs.size());
			for (RunRecord run : this.runs.newestFirst()) {
				all.add(run.snapshot());
			}
			Collections.reverse(all);
			return all;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Returns the engine to the state it started in, for the next test: every run goes (a
	 * step function still running is interrupted, and its outcome ignored), with the
	 * timed events, idempotency and request keys, batches, waitpoint tokens, schedules
	 * created through the API, environment variables, packets, custom queues, and the
	 * queues' pauses and overrides; the first deployment is current again. The declared
	 * tasks, their schedules (active again, firing from now), the deployments and the
	 * clock stay; engine time never goes back, and ids made after a reset are new ones.
	 * Held realtime requests and data stream connections are woken to look at their feeds
	 * again. A call in flight takes effect either wholly before the reset or wholly after
	 * it.
	 */
	public void reset() {
		List<Runnable> woken;
		this.lock.lock();
		try {
			for (RunRecord run : this.runs.all()) {
				run.epoch++;
				StepExecution step = run.currentStep;
				run.currentStep = null;
				if (step != null) {
					step.abandon();
				}
			}
			this.events.clear();
			this.runs.clear();
			this.idempotencyKeys.clear();
			this.requestKeys.clear();
			this.batches.clear();
			this.queues.clear();
			declareQueues(this.tasks.values());
			this.queueOperations.reset();
			this.schedules.reset(now());
			this.waitpoints.reset();
			this.envVars.reset();
			this.deployments.reset();
			this.batchOperations.reset();
			this.packets.reset();
			woken = this.runChanges.wakeAll();
		}
		finally {
			this.lock.unlock();
		}
		woken.forEach(Runnable::run);
	}

	/** A queue of its own for each declared task. */
	private void declareQueues(Collection<TaskSpec> tasks) {
		for (TaskSpec task : tasks) {
			this.queues.put(taskQueue(task.id()),
					new QueueLane(taskQueue(task.id()), task.id(), task.concurrencyLimit()));
		}
	}

	/**
	 * Looks a run up.
	 * @param runId the run's id ({@code run_...})
	 * @return the run, or empty if there is none (or it was evicted)
	 */
	public Optional<RunSnapshot> find(String runId) {
		this.lock.lock();
		try {
			advance();
			RunRecord run = this.runs.get(runId);
			return (run != null) ? Optional.of(run.snapshot()) : Optional.empty();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * One page of the run list, newest first, as {@code GET /api/v1/runs} answers it.
	 * @param query the filters, page size and cursor
	 * @return the page's runs and whether there are pages after and before it
	 */
	public Page list(ListQuery query) {
		Objects.requireNonNull(query, "query must not be null");
		this.lock.lock();
		try {
			advance();
			RunStore.Slice slice = this.runs.page(query);
			return new Page(slice.data().stream().map(RunRecord::snapshot).toList(), slice.hasNext(),
					slice.hasPrevious());
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Cancels an unfinished run; a finished one is left as it is. 404 "Resource not
	 * found".
	 * @param runId the run's id
	 * @return the run after the cancel
	 */
	public RunSnapshot cancel(String runId) {
		this.lock.lock();
		try {
			advance();
			RunRecord run = require(runId, "Resource not found");
			if (!run.state.isTerminal()) {
				Instant now = this.horizon;
				run.state = RunState.CANCELED;
				run.finishedAt = now;
				run.updatedAt = now;
				AttemptRecord attempt = run.lastAttempt();
				if (attempt != null) {
					attempt.end(now, AttemptRecord.Outcome.CANCELED, null);
				}
				detach(run, now);
				advance();
			}
			return run.snapshot();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * A new run of the same task with the payload and options of another, without its
	 * idempotency key and delay. 404 "Resource not found".
	 * @param runId the id of the run to replay
	 * @return the new run
	 */
	public RunSnapshot replay(String runId) {
		return replay(runId, UnaryOperator.identity()).run();
	}

	/**
	 * A new run of the same task with the payload and options of another (without its
	 * idempotency key and delay) as changed by {@code overrides}; a live idempotency key
	 * the overrides set returns its run, as a trigger does. 404 "Resource not found"; the
	 * trigger's 422 and 413 for too many tags or too much metadata.
	 * @param runId the id of the run to replay
	 * @param overrides turns the original's trigger into the new run's; called under the
	 * lock, so it must only compute
	 * @return the new run (or the one the key returned), and whether it was cached
	 */
	public Triggered replay(String runId, UnaryOperator<TriggerSpec> overrides) {
		Objects.requireNonNull(overrides, "overrides must not be null");
		this.lock.lock();
		try {
			advance();
			RunRecord original = require(runId, "Resource not found");
			TriggerSpec spec = Objects.requireNonNull(overrides.apply(original.replay), "overrides returned null");
			if (!spec.task().equals(original.taskIdentifier)) {
				throw new IllegalArgumentException("overrides must keep the task " + original.taskIdentifier);
			}
			Admitted admitted = admit(spec, this.horizon, null);
			advance();
			return new Triggered(admitted.run().snapshot(), admitted.cached());
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Delays a DELAYED run until an instant. 404 "Run not found"; 400 "Cannot reschedule
	 * a run that is not delayed"; 400 "Invalid delay: {delayText}" for an instant in the
	 * past.
	 * @param runId the run's id
	 * @param until the new end of the delay
	 * @param delayText the delay as the request gave it, for the error message
	 * @return the run after the change
	 */
	public RunSnapshot reschedule(String runId, Instant until, String delayText) {
		this.lock.lock();
		try {
			advance();
			RunRecord run = require(runId, "Run not found");
			if (run.state != RunState.DELAYED) {
				throw new EngineException(400, "Cannot reschedule a run that is not delayed");
			}
			Instant now = this.horizon;
			if (until == null || until.isBefore(now)) {
				throw new EngineException(400, "Invalid delay: " + delayText);
			}
			run.epoch++;
			run.delayedUntil = until;
			run.updatedAt = now;
			this.events.schedule(until, TimedEvent.Kind.DELAY_END, run, null);
			return run.snapshot();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Adds tags without repeats. Answers the server's message: "Successfully set N new
	 * tags." or "No new tags to add"; 404 "Run not found"; 422 over 10 tags naming the
	 * tags left out.
	 * @param runId the run's id
	 * @param tags the tags to add; blank ones and those the run has already are left out
	 * @return the server's message
	 */
	public String addTags(String runId, List<String> tags) {
		Objects.requireNonNull(tags, "tags must not be null");
		this.lock.lock();
		try {
			advance();
			RunRecord run = require(runId, "Run not found");
			Set<String> fresh = new LinkedHashSet<>();
			for (String tag : tags) {
				if (tag != null && !tag.isBlank() && !run.tags.contains(tag)) {
					fresh.add(tag);
				}
			}
			if (fresh.isEmpty()) {
				return "No new tags to add";
			}
			int total = run.tags.size() + fresh.size();
			if (total > MAX_TAGS) {
				List<String> left = new ArrayList<>(fresh).subList(Math.max(0, MAX_TAGS - run.tags.size()),
						fresh.size());
				throw new EngineException(422,
						"Runs can only have " + MAX_TAGS + " tags, you're trying to set " + total
								+ ". These tags have not been set: "
								+ String.join(", ", left.stream().map((tag) -> "'" + tag + "'").toList()) + ".");
			}
			run.tags.addAll(fresh);
			run.updatedAt = this.horizon;
			return "Successfully set " + fresh.size() + " new tags.";
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Replaces a run's metadata and returns what is stored. 404 "Resource not found"; 413
	 * over 256 KiB; 422 "Cannot update metadata for a completed run" more than an hour
	 * after the run finished.
	 * @param runId the run's id
	 * @param metadata the new metadata, a JSON object
	 * @return the metadata as stored
	 */
	public JsonNode replaceMetadata(String runId, JsonNode metadata) {
		Objects.requireNonNull(metadata, "metadata must not be null");
		this.lock.lock();
		try {
			advance();
			RunRecord run = require(runId, "Resource not found");
			checkMetadataSize(metadata);
			Instant now = this.horizon;
			if (run.finishedAt != null && now.isAfter(Times.plus(run.finishedAt, METADATA_WINDOW))) {
				throw new EngineException(422, "Cannot update metadata for a completed run");
			}
			JsonNode stored = metadata.deepCopy();
			run.metadata = stored;
			run.updatedAt = now;
			return stored;
		}
		finally {
			this.lock.unlock();
		}
	}

	// ---- package-private, for the resources' facades

	/**
	 * Runs an action under the lock with time moved forward before and after, so that
	 * what it changes takes effect at once (a resumed queue starts its waiting runs).
	 */
	<T> T locked(Supplier<T> action) {
		this.lock.lock();
		try {
			advance();
			T result = action.get();
			advance();
			return result;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** The engine's time as last processed; call under the lock. */
	Instant horizon() {
		return this.horizon;
	}

	/**
	 * When an action of the calling thread takes effect (a token created or completed);
	 * call under the lock. A step function acts at its step's start, however late the
	 * tick that started the step (events after that may still wait to be processed); any
	 * other caller at the engine's time.
	 */
	Instant actionTime() {
		Instant stepStart = this.steps.stepStart();
		return (stepStart != null && stepStart.isBefore(this.horizon)) ? stepStart : this.horizon;
	}

	/** The declared tasks. */
	Map<String, TaskSpec> tasks() {
		return this.tasks;
	}

	/** The queues by name; call under the lock. */
	Map<String, QueueLane> queueLanes() {
		return this.queues;
	}

	/**
	 * Starts the waiting runs of a queue that may now start some (resumed, or a higher
	 * limit); call under the lock.
	 */
	void drain(QueueLane lane) {
		startWaiting(lane, this.horizon);
	}

	/** The version new runs of declared tasks get. */
	String currentVersion() {
		return this.currentVersion;
	}

	void currentVersion(String version) {
		this.currentVersion = Objects.requireNonNull(version, "version must not be null");
	}

	/**
	 * The most runs held: over it, finished runs are evicted, the earliest created first;
	 * unfinished runs are never evicted. A batch no longer shows its evicted runs, and
	 * goes with the last of them.
	 * @param retainedRuns at least 1
	 */
	public void retainedRuns(int retainedRuns) {
		if (retainedRuns < 1) {
			throw new IllegalArgumentException("retainedRuns must be at least 1 but was " + retainedRuns);
		}
		this.lock.lock();
		try {
			this.retainedRuns = retainedRuns;
			advance();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** The runs; call under the lock. */
	RunStore runStore() {
		return this.runs;
	}

	/** Runs by scoped idempotency key ({@code task NUL key}); call under the lock. */
	KeyStore idempotencyKeyStore() {
		return this.idempotencyKeys;
	}

	/** The batches; call under the lock. */
	BatchStore batchStore() {
		return this.batches;
	}

	/**
	 * A new id with a prefix ({@code batch_}, {@code waitpoint_}); call under the lock.
	 */
	String newId(String prefix) {
		return Ids.newId(prefix, this.horizon, ++this.sequence);
	}

	/** A new id with a prefix, of an instant of engine time; call under the lock. */
	String newId(String prefix, Instant at) {
		return Ids.newId(prefix, at, ++this.sequence);
	}

	/**
	 * The run a trigger's keys point to, or a new one in a batch (validated first), at
	 * {@code at}; call under the lock.
	 */
	Admitted admitItem(TriggerSpec spec, Instant at, @Nullable String batchId) {
		return admit(spec, at, batchId);
	}

	/** Checks a trigger as a new run would be checked; call under the lock. */
	static void check(TriggerSpec spec) {
		validate(spec);
	}

	/**
	 * A token a run may wait on has completed or timed out at {@code at}: the run, if it
	 * still waits on it, runs its next step then; call under the lock.
	 */
	void resumeFromToken(RunRecord run, String tokenId, Instant at) {
		if (run.state == RunState.WAITING_TO_RESUME && tokenId.equals(run.waitingForToken)) {
			this.events.schedule(at, TimedEvent.Kind.WAIT_END, run, null);
		}
	}

	/** Schedules a timer; call under the lock. */
	Timer timer(Instant at, Consumer<Instant> action) {
		Timer timer = new Timer(action);
		this.events.schedule(at, timer);
		return timer;
	}

	/**
	 * Triggers a run at an instant of engine time (a schedule's fire), as a trigger
	 * would; call under the lock.
	 */
	RunSnapshot triggerAt(TriggerSpec spec, Instant at) {
		return admit(spec, at, null).run().snapshot();
	}

	// ---- package-private, for tests

	/** How many timed events have been processed (stale ones included). */
	long processedEvents() {
		this.lock.lock();
		try {
			return this.events.processed();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** How many timed events wait to be due. */
	int scheduledEvents() {
		this.lock.lock();
		try {
			return this.events.size();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Whether any thread holds the engine's lock. */
	boolean isLocked() {
		return this.lock.isLocked();
	}

	void beforeEvent(@Nullable Consumer<String> hook) {
		this.beforeEvent = hook;
	}

	// ---- time

	/**
	 * Processes every event due up to the clock's instant, then evicts finished runs over
	 * the retention bound.
	 */
	private void advance() {
		processDue();
		if (this.runs.size() > this.retainedRuns) {
			for (RunRecord evicted : this.runs.evictFinished(this.retainedRuns)) {
				if (evicted.idempotencyKey != null) {
					this.idempotencyKeys.removeIf(evicted.taskIdentifier + "\u0000" + evicted.idempotencyKey,
							evicted.id);
				}
				if (evicted.requestKey != null) {
					this.requestKeys.removeIf(evicted.requestKey, evicted.id);
				}
				BatchRecord batch = (evicted.batchId != null) ? this.batches.get(evicted.batchId) : null;
				if (batch != null) {
					batch.evicted(evicted.finishedAt);
					if (batch.allEvicted(this.runs)) {
						this.batches.remove(batch);
					}
				}
			}
		}
	}

	/**
	 * Processes every event due up to the clock's instant, in time order. Holding the
	 * lock once; when a step's end is due before its function has returned, releases the
	 * lock while waiting for it, then goes on.
	 */
	private void processDue() {
		Instant now = this.clock.instant();
		if (now.isAfter(this.horizon)) {
			this.horizon = now;
		}
		while (true) {
			TimedEvent head = this.events.peekDue(this.horizon);
			if (head == null) {
				return;
			}
			StepExecution step = head.step();
			if (head.timer() != null) {
				this.events.removeHead();
				try {
					head.timer().fire(head.at());
				}
				catch (RuntimeException ex) {
					// A resource's timer failing must not stop time for the runs.
				}
				continue;
			}
			if (step != null && isLive(head) && !step.resolve()) {
				if (this.steps.onTaskThread() || this.lock.getHoldCount() != 1) {
					return;
				}
				boolean interrupted;
				this.lock.unlock();
				try {
					interrupted = step.await();
				}
				finally {
					this.lock.lock();
				}
				if (interrupted) {
					return;
				}
				continue;
			}
			this.events.removeHead();
			try {
				Consumer<String> hook = this.beforeEvent;
				RunRecord run = Objects.requireNonNull(head.run());
				if (hook != null) {
					hook.accept(run.id);
				}
				process(head);
			}
			catch (RuntimeException ex) {
				systemFailure(Objects.requireNonNull(head.run()), head.at(), ex);
			}
		}
	}

	private boolean isLive(TimedEvent event) {
		RunRecord run = event.run();
		if (run == null) {
			return event.timer() != null && !event.timer().cancelled();
		}
		if (event.epoch() != run.epoch) {
			return false;
		}
		return switch (event.kind()) {
			case DELAY_END -> run.state == RunState.DELAYED;
			case TTL_EXPIRY -> run.state == RunState.PENDING || run.state == RunState.PENDING_VERSION;
			case STEP_END -> run.state == RunState.EXECUTING && run.currentStep == event.step();
			case RETRY_START -> run.state == RunState.RETRYING_AFTER_FAILURE;
			case WAIT_END -> run.state == RunState.WAITING_TO_RESUME;
			case TIMER -> false;
		};
	}

	private void process(TimedEvent event) {
		if (!isLive(event)) {
			return;
		}
		RunRecord run = Objects.requireNonNull(event.run());
		Instant at = event.at();
		switch (event.kind()) {
			case DELAY_END -> queue(run, at);
			case TTL_EXPIRY -> expire(run, at);
			case STEP_END -> endStep(run, at, Objects.requireNonNull(Objects.requireNonNull(event.step()).outcome()));
			case RETRY_START -> startAttempt(run, at);
			case WAIT_END -> {
				run.state = RunState.EXECUTING;
				run.updatedAt = at;
				run.stepNumber++;
				// After a token wait, the next step sees the token as it is now.
				WaitpointRecord token = this.waitpoints.record(run.waitingForToken);
				run.waitingForToken = null;
				startStep(run, at, (token != null) ? this.waitpoints.snapshot(token) : null);
			}
			case TIMER -> {
				// handled in advance()
			}
		}
	}

	// ---- lifecycle

	/**
	 * The run is queued at {@code at}: it starts, waits for a slot or a deploy, or
	 * expires.
	 */
	private void queue(RunRecord run, Instant at) {
		run.queuedAt = at;
		run.updatedAt = at;
		run.expiresAt = Times.plus(at, run.ttl);
		QueueLane lane = run.lane;
		if (!at.isBefore(run.expiresAt)) {
			expire(run, run.expiresAt);
		}
		else if (lane == null) {
			run.state = RunState.PENDING_VERSION;
			this.events.schedule(run.expiresAt, TimedEvent.Kind.TTL_EXPIRY, run, null);
		}
		else if (lane.canStartNow()) {
			lane.take(run);
			startAttempt(run, at);
		}
		else {
			run.state = RunState.PENDING;
			lane.enqueue(run);
			this.events.schedule(run.expiresAt, TimedEvent.Kind.TTL_EXPIRY, run, null);
		}
	}

	private void expire(RunRecord run, Instant at) {
		if (run.lane != null) {
			run.lane.remove(run);
		}
		run.state = RunState.EXPIRED;
		run.expiredAt = at;
		run.finishedAt = at;
		run.updatedAt = at;
	}

	private void startAttempt(RunRecord run, Instant at) {
		run.state = RunState.EXECUTING;
		run.attemptCount++;
		run.attempts.add(new AttemptRecord(run.attemptCount, at));
		if (run.startedAt == null) {
			run.startedAt = at;
		}
		run.updatedAt = at;
		run.stepNumber = 1;
		startStep(run, at, null);
	}

	private void startStep(RunRecord run, Instant at, @Nullable WaitpointSnapshot token) {
		TaskSpec task = Objects.requireNonNull(run.task);
		run.stepStartedAt = at;
		AttemptRecord attempt = run.lastAttempt();
		if (attempt != null) {
			attempt.steps = run.stepNumber;
		}
		StepExecution step = this.steps.start(task.function(), run.id, run.taskIdentifier, run.attemptCount,
				run.stepNumber, at, run.payload, token);
		run.currentStep = step;
		this.events.schedule(Times.plus(at, nonNegative(task.stepDuration())), TimedEvent.Kind.STEP_END, run, step);
	}

	private void endStep(RunRecord run, Instant at, StepOutcome outcome) {
		TaskSpec task = Objects.requireNonNull(run.task);
		Instant stepStart = (run.stepStartedAt != null) ? run.stepStartedAt : at;
		run.executionMillis = Times.addSaturated(run.executionMillis, Math.max(0, Times.millisBetween(stepStart, at)));
		run.updatedAt = at;
		run.currentStep = null;
		run.stepStartedAt = null;
		if ((outcome instanceof StepOutcome.Wait || outcome instanceof StepOutcome.WaitForToken)
				&& run.stepNumber >= MAX_STEPS_PER_ATTEMPT) {
			outcome = Outcomes.failure(new IllegalStateException(
					"Attempt " + run.attemptCount + " exceeded " + MAX_STEPS_PER_ATTEMPT + " steps"));
		}
		WaitpointRecord token = null;
		if (outcome instanceof StepOutcome.WaitForToken wait) {
			token = this.waitpoints.record(wait.tokenId());
			if (token == null) {
				outcome = Outcomes.failure(new IllegalArgumentException("Waitpoint not found: " + wait.tokenId()));
			}
		}
		AttemptRecord attempt = run.lastAttempt();
		if (attempt != null && outcome instanceof StepOutcome.Complete) {
			attempt.end(at, AttemptRecord.Outcome.SUCCEEDED, null);
		}
		else if (attempt != null && outcome instanceof StepOutcome.Fail fail) {
			attempt.end(at, AttemptRecord.Outcome.FAILED, fail.error());
		}
		if (outcome instanceof StepOutcome.Complete complete) {
			run.state = RunState.COMPLETED_SUCCESSFULLY;
			run.output = complete.output();
			finish(run, at);
		}
		else if (outcome instanceof StepOutcome.Wait wait) {
			run.state = RunState.WAITING_TO_RESUME;
			this.events.schedule(Times.plus(at, wait.duration()), TimedEvent.Kind.WAIT_END, run, null);
		}
		else if (token != null) {
			run.state = RunState.WAITING_TO_RESUME;
			run.waitingForToken = token.id;
			if (token.status == WaitpointStatus.WAITING) {
				token.waiters.add(run);
			}
			else {
				// Completed already: the run resumes at once, never before the token
				// completed.
				Instant completedAt = (token.completedAt != null) ? token.completedAt : at;
				this.events.schedule(Times.max(at, completedAt), TimedEvent.Kind.WAIT_END, run, null);
			}
		}
		else if (outcome instanceof StepOutcome.Fail fail) {
			if (run.attemptCount < run.maxAttempts) {
				run.state = RunState.RETRYING_AFTER_FAILURE;
				this.events.schedule(Times.plus(at, nonNegative(task.retryDelay())), TimedEvent.Kind.RETRY_START, run,
						null);
			}
			else {
				run.state = RunState.COMPLETED_WITH_ERRORS;
				run.error = fail.error();
				finish(run, at);
			}
		}
	}

	/** The run has finished at {@code at}: its slot goes to the oldest waiting run. */
	private void finish(RunRecord run, Instant at) {
		run.finishedAt = at;
		releaseSlot(run, at);
	}

	/**
	 * The run stops where it is (cancelled or failed by the system): its events, step,
	 * place in line, token wait and slot are given up.
	 */
	private void detach(RunRecord run, Instant at) {
		run.epoch++;
		run.currentStep = null;
		run.stepStartedAt = null;
		WaitpointRecord token = this.waitpoints.record(run.waitingForToken);
		if (token != null) {
			token.waiters.remove(run);
		}
		run.waitingForToken = null;
		if (run.lane != null) {
			run.lane.remove(run);
		}
		releaseSlot(run, at);
	}

	private void releaseSlot(RunRecord run, Instant at) {
		QueueLane lane = run.lane;
		if (lane == null || !lane.release(run)) {
			return;
		}
		startWaiting(lane, at);
	}

	/** Starts a queue's waiting runs, oldest first, while it has free slots. */
	private void startWaiting(QueueLane lane, Instant at) {
		while (lane.hasFreeSlot()) {
			RunRecord next = lane.pollWaiting();
			if (next == null) {
				return;
			}
			if (next.state != RunState.PENDING) {
				continue;
			}
			if (!at.isBefore(next.expiresAt)) {
				// A start at or after the expiry instant expires instead.
				expire(next, next.expiresAt);
				continue;
			}
			lane.take(next);
			startAttempt(next, at);
		}
	}

	/** An exception while processing a run: the run fails, the engine goes on. */
	private void systemFailure(RunRecord run, Instant at, RuntimeException failure) {
		try {
			if (!run.state.isTerminal()) {
				run.state = RunState.SYSTEM_FAILURE;
				run.error = Outcomes.error(failure);
				run.finishedAt = at;
				run.updatedAt = at;
				AttemptRecord attempt = run.lastAttempt();
				if (attempt != null) {
					attempt.end(at, AttemptRecord.Outcome.CRASHED, run.error);
				}
				detach(run, at);
			}
		}
		catch (RuntimeException ex) {
			failure.addSuppressed(ex);
		}
	}

	// ---- triggers

	/** A run and whether a key's live run was answered. */
	record Admitted(RunRecord run, boolean cached) {
	}

	/** The run a trigger's keys point to, if any; changes nothing. */
	private @Nullable Admitted lookup(TriggerSpec spec, Instant now) {
		if (spec.requestKey() != null) {
			String id = this.requestKeys.live(scopedRequestKey(spec), now);
			RunRecord run = (id != null) ? this.runs.get(id) : null;
			if (run != null) {
				return new Admitted(run, false);
			}
		}
		if (spec.idempotencyKey() != null) {
			String id = this.idempotencyKeys.live(scoped(spec), now);
			RunRecord run = (id != null) ? this.runs.get(id) : null;
			if (run != null && !KEY_RELEASING.contains(run.state)) {
				return new Admitted(run, true);
			}
		}
		return null;
	}

	private static String scoped(TriggerSpec spec) {
		return spec.task() + "\u0000" + spec.idempotencyKey();
	}

	/** A request key is scoped to its task (and environment), as on the server. */
	private static String scopedRequestKey(TriggerSpec spec) {
		return spec.task() + "\u0000" + spec.requestKey();
	}

	/** The run a trigger's keys point to, or a new one (validated first). */
	private Admitted admit(TriggerSpec spec, Instant now, @Nullable String batchId) {
		Admitted found = lookup(spec, now);
		if (found != null) {
			return found;
		}
		validate(spec);
		RunRecord run = create(spec, now, batchId);
		if (spec.idempotencyKey() != null) {
			Duration ttl = (spec.idempotencyKeyTtl() != null) ? spec.idempotencyKeyTtl() : IDEMPOTENCY_TTL;
			this.idempotencyKeys.put(scoped(spec), run.id, Times.plus(now, ttl));
		}
		if (spec.requestKey() != null) {
			run.requestKey = scopedRequestKey(spec);
			this.requestKeys.put(run.requestKey, run.id, Times.plus(now, REQUEST_IDEMPOTENCY_TTL));
		}
		return new Admitted(run, false);
	}

	private static void validate(TriggerSpec spec) {
		int tags = tags(spec.tags()).size();
		if (tags > MAX_TAGS) {
			throw new EngineException(422,
					"Runs can only have " + MAX_TAGS + " tags, you're trying to set " + tags + ".");
		}
		if (spec.metadata() != null) {
			checkMetadataSize(spec.metadata());
		}
	}

	private static void checkMetadataSize(JsonNode metadata) {
		if (metadata.toString().getBytes(StandardCharsets.UTF_8).length > MAX_METADATA_BYTES) {
			throw new EngineException(413, "Metadata exceeds maximum size of " + MAX_METADATA_BYTES + " bytes");
		}
	}

	/** Tags without blanks and repeats, in order. */
	private static List<String> tags(List<String> tags) {
		Set<String> kept = new LinkedHashSet<>();
		for (String tag : tags) {
			if (tag != null && !tag.isBlank()) {
				kept.add(tag);
			}
		}
		return List.copyOf(kept);
	}

	/** Creates a validated trigger's run at {@code now}, delayed or queued. */
	private RunRecord create(TriggerSpec spec, Instant now, @Nullable String batchId) {
		JsonNode payload = (spec.payload() != null) ? spec.payload().deepCopy() : null;
		JsonNode metadata = (spec.metadata() != null) ? spec.metadata().deepCopy() : null;
		List<String> tags = tags(spec.tags());
		TaskSpec task = this.tasks.get(spec.task());
		QueueLane lane = (task != null) ? lane(spec) : null;
		Duration ttl = (spec.ttl() != null) ? nonNegative(spec.ttl()) : DEFAULT_TTL;
		String ttlText = (spec.ttlText() != null) ? spec.ttlText()
				: ((spec.ttl() != null) ? Times.format(ttl) : DEFAULT_TTL_TEXT);
		int maxAttempts = (spec.maxAttempts() != null) ? Math.max(1, spec.maxAttempts())
				: ((task != null) ? Math.max(1, task.maxAttempts()) : DEFAULT_MAX_ATTEMPTS);
		TriggerSpec replay = new TriggerSpec(spec.task(), payload, tags, metadata, spec.ttl(), spec.ttlText(), null,
				spec.maxAttempts(), spec.queue(), spec.machine(), spec.test(), null, null, null, "trigger",
				spec.queueConcurrencyLimit(), null,
				(spec.idempotencyKey() != null) ? spec.idempotencyKeyOptions() : null, spec.payloadPacket());
		String id = Ids.newId("run_", now, ++this.sequence);
		RunRecord run = new RunRecord(id, spec.task(), task, lane, (task != null) ? this.currentVersion : null, payload,
				now, spec.test(), maxAttempts, ttl, ttlText, spec.idempotencyKey(), spec.triggerFunction(),
				spec.queue(), spec.machine(), batchId, spec.scheduleId(), tags, metadata, replay);
		this.runs.add(run);
		Instant delayUntil = spec.delayUntil();
		if (delayUntil != null && delayUntil.isAfter(now)) {
			run.state = RunState.DELAYED;
			run.delayedUntil = delayUntil;
			this.events.schedule(delayUntil, TimedEvent.Kind.DELAY_END, run, null);
		}
		else {
			queue(run, now);
		}
		return run;
	}

	/**
	 * The queue of a declared task's trigger: its custom queue (created when new), else
	 * the task's own.
	 */
	private QueueLane lane(TriggerSpec spec) {
		String name = (spec.queue() != null) ? spec.queue() : taskQueue(spec.task());
		QueueLane lane = this.queues.get(name);
		if (lane == null) {
			lane = new QueueLane(name, null, (spec.queueConcurrencyLimit() != null) ? spec.queueConcurrencyLimit() : 0);
			this.queues.put(name, lane);
		}
		else if (lane.taskIdentifier == null && spec.queueConcurrencyLimit() != null) {
			lane.limit(spec.queueConcurrencyLimit());
		}
		return lane;
	}

	/** A task's own queue: {@code task/<id>}. */
	static String taskQueue(String taskIdentifier) {
		return "task/" + taskIdentifier;
	}

	private RunRecord require(String runId, String missing) {
		RunRecord run = (runId != null) ? this.runs.get(runId) : null;
		if (run == null) {
			throw new EngineException(404, missing);
		}
		return run;
	}

	private static Duration nonNegative(Duration duration) {
		return duration.isNegative() ? Duration.ZERO : duration;
	}

}
