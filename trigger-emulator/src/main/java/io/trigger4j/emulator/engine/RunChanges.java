package io.trigger4j.emulator.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;

/**
 * Changes of runs, for the realtime feeds: the rows of a feed with their revisions, and
 * watches that complete when a feed (or a run's data stream) changes. A run's revision
 * grows engine-wide whenever anything a feed shows of it changes (its snapshot, when it
 * was queued, its streams), however it changed: a request, a tick of the clock, a step of
 * a task. Watches are checked each time the engine's lock is released, and complete just
 * after, on the releasing thread: a watcher must only hand the news on, never block.
 *
 * <p>
 * While any watch is open, a daemon thread ticks the engine every
 * {@link #tickInterval()}, so that timed events (a step ends, a wait ends) and a manual
 * clock moved forward reach held requests without any other request coming.
 */
public final class RunChanges {

	/** The default of {@link #maxHeldRequests()}. */
	public static final int MAX_HELD_REQUESTS = 1000;

	static final String TICKER_THREAD_NAME = "trigger-emulator-realtime";

	private final Engine engine;

	/** The open watches; checked under the engine's lock, cancelled from anywhere. */
	private final Set<Watch> watches = ConcurrentHashMap.newKeySet();

	/** The last revision handed out; under the engine's lock. */
	private long revision;

	private volatile Duration holdTimeout = Duration.ofSeconds(20);

	private volatile Duration tickInterval = Duration.ofMillis(250);

	private volatile Duration streamInactivityTimeout = Duration.ofSeconds(60);

	private volatile int maxHeldRequests = MAX_HELD_REQUESTS;

	/** Held requests now: live realtime requests and open data stream connections. */
	private final AtomicInteger held = new AtomicInteger();

	private @Nullable ScheduledExecutorService ticker;

	/** Whether the engine closed: no ticker starts again. */
	private boolean closed;

	private @Nullable ScheduledFuture<?> ticking;

	RunChanges(Engine engine) {
		this.engine = engine;
	}

	/**
	 * How long a live realtime request is held without a change (the server's 20 s,
	 * jittered by the api layer).
	 * @return the hold timeout (real time)
	 */
	public Duration holdTimeout() {
		return this.holdTimeout;
	}

	/**
	 * Sets how long a live realtime request is held without a change.
	 * @param holdTimeout positive; measured in real time
	 */
	public void holdTimeout(Duration holdTimeout) {
		this.holdTimeout = positive("holdTimeout", holdTimeout);
	}

	/**
	 * {@return how often the engine is ticked (real time) while a watch is open (default
	 * 250 ms)}
	 */
	public Duration tickInterval() {
		return this.tickInterval;
	}

	/**
	 * Sets how often the engine is ticked while a watch is open; applies from the next
	 * time watches open.
	 * @param tickInterval positive; measured in real time
	 */
	public void tickInterval(Duration tickInterval) {
		this.tickInterval = positive("tickInterval", tickInterval);
	}

	/**
	 * How long a data stream's connection stays open without a new record when the
	 * request does not say ({@code Timeout-Seconds}); the server's 60 s.
	 * @return the inactivity timeout (real time)
	 */
	public Duration streamInactivityTimeout() {
		return this.streamInactivityTimeout;
	}

	/**
	 * Sets how long a data stream's connection stays open without a new record when the
	 * request does not say.
	 * @param timeout positive; measured in real time
	 */
	public void streamInactivityTimeout(Duration timeout) {
		this.streamInactivityTimeout = positive("streamInactivityTimeout", timeout);
	}

	/**
	 * How many requests may be held at once: live realtime requests and data stream
	 * connections together (default {@value #MAX_HELD_REQUESTS}); the api answers one
	 * more 429, as the server answers a live request over its realtime concurrency limit.
	 * @return the most held requests
	 */
	public int maxHeldRequests() {
		return this.maxHeldRequests;
	}

	/**
	 * Sets how many requests may be held at once; places taken already stay taken.
	 * @param maxHeldRequests at least 1
	 */
	public void maxHeldRequests(int maxHeldRequests) {
		if (maxHeldRequests < 1) {
			throw new IllegalArgumentException("maxHeldRequests must be at least 1 but was " + maxHeldRequests);
		}
		this.maxHeldRequests = maxHeldRequests;
	}

	/**
	 * Takes a place for a held request (a live long-poll or an open stream), or answers
	 * {@code null} when all are taken. The place is given back by the returned
	 * {@link Runnable} once the request is answered or abandoned; running it again
	 * changes nothing.
	 * @return the action giving the place back, or {@code null} when all are taken
	 */
	public @Nullable Runnable tryHold() {
		while (true) {
			int now = this.held.get();
			if (now >= this.maxHeldRequests) {
				return null;
			}
			if (this.held.compareAndSet(now, now + 1)) {
				AtomicBoolean released = new AtomicBoolean();
				return () -> {
					if (released.compareAndSet(false, true)) {
						this.held.decrementAndGet();
					}
				};
			}
		}
	}

	/**
	 * {@return how many places are taken by held requests}
	 */
	public int heldRequests() {
		return this.held.get();
	}

	/**
	 * The feed's rows now. 404 "Not found" for an unknown run or batch.
	 * @param feed the feed
	 * @return its runs (one run; newest first for tags, at most
	 * {@value RealtimeFeed#MAX_ROWS}; item order for a batch) and the revision they were
	 * read at
	 */
	public RealtimeRows rows(RealtimeFeed feed) {
		Objects.requireNonNull(feed, "feed must not be null");
		return this.engine.locked(() -> {
			List<RunRecord> members = members(feed);
			if (members == null) {
				throw new EngineException(404, "Not found");
			}
			List<RealtimeRun> rows = new ArrayList<>(members.size());
			for (RunRecord run : members) {
				rows.add(view(run));
			}
			return new RealtimeRows(rows, this.revision);
		});
	}

	/**
	 * A watch completing once a row of the feed has a revision greater than {@code since}
	 * (a run of the feed changed, or a run joined it), at once if one already has. Cancel
	 * it when no longer needed.
	 * @param feed the feed
	 * @param since the revision the caller has seen, from {@link RealtimeRows#revision()}
	 * @return the watch
	 */
	public Watch watch(RealtimeFeed feed, long since) {
		Objects.requireNonNull(feed, "feed must not be null");
		return open(() -> {
			List<RunRecord> members = members(feed);
			if (members == null) {
				return false;
			}
			boolean changed = false;
			for (RunRecord run : members) {
				// Every member's revision is brought up to date, not just the first.
				changed |= view(run).revision() > since;
			}
			return changed;
		});
	}

	/**
	 * A watch completing once a run's data stream has a record after {@code afterId}
	 * ({@code null}: any record), or the run has finished, or it is unknown.
	 * @param runId the run's id
	 * @param key the stream's key
	 * @param afterId the id of the last record the caller has seen, or {@code null}
	 * @return the watch
	 */
	public Watch watchStream(String runId, String key, @Nullable String afterId) {
		Objects.requireNonNull(runId, "runId must not be null");
		Objects.requireNonNull(key, "key must not be null");
		return open(() -> {
			RunRecord run = this.engine.runStore().get(runId);
			if (run == null || run.state.isTerminal()) {
				return true;
			}
			StreamLog log = run.streams.get(key);
			return log != null && log.hasAfter(afterId);
		});
	}

	private Watch open(BooleanSupplier condition) {
		Watch watch = new Watch(condition);
		this.engine.locked(() -> {
			this.watches.add(watch);
			startTicking();
			return null;
		});
		// Checked when the lock above was released: a change before it completes it.
		return watch;
	}

	/**
	 * The watches whose condition holds, removed, as actions completing them; called
	 * under the lock as it is released.
	 */
	List<Runnable> changedWatches() {
		if (this.watches.isEmpty()) {
			return List.of();
		}
		List<Runnable> woken = new ArrayList<>();
		for (Watch watch : this.watches) {
			if (watch.changed.isDone()) {
				this.watches.remove(watch);
				continue;
			}
			if (watch.condition.getAsBoolean()) {
				this.watches.remove(watch);
				woken.add(() -> watch.changed.complete(null));
			}
		}
		if (this.watches.isEmpty()) {
			stopTicking();
		}
		return woken;
	}

	/**
	 * Every open watch, removed, as actions completing them: after a reset of the engine
	 * the held requests look at their feeds again. Called under the lock; the actions are
	 * run once it is released.
	 */
	List<Runnable> wakeAll() {
		List<Runnable> woken = new ArrayList<>();
		for (Watch watch : this.watches) {
			this.watches.remove(watch);
			woken.add(() -> watch.changed.complete(null));
		}
		stopTicking();
		return woken;
	}

	/**
	 * The feed's runs (newest first for tags, item order for a batch), or {@code null}
	 * for an unknown run or batch; under the lock.
	 */
	private @Nullable List<RunRecord> members(RealtimeFeed feed) {
		switch (feed.kind()) {
			case RUN -> {
				RunRecord run = this.engine.runStore().get(String.valueOf(feed.runId()));
				return (run != null) ? List.of(run) : null;
			}
			case BATCH -> {
				BatchRecord batch = this.engine.batchStore().get(String.valueOf(feed.batchId()));
				return (batch != null) ? batch.runs(this.engine.runStore()) : null;
			}
			default -> {
				Instant after = Objects.requireNonNull(feed.createdAfter());
				List<RunRecord> runs = new ArrayList<>();
				for (RunRecord run : this.engine.runStore().newestFirst()) {
					if (!run.createdAt.isAfter(after) || runs.size() == RealtimeFeed.MAX_ROWS) {
						break;
					}
					if (run.tags.containsAll(feed.tags())) {
						runs.add(run);
					}
				}
				return runs;
			}
		}
	}

	/** The run as a feed shows it, its revision brought up to date; under the lock. */
	private RealtimeRun view(RunRecord run) {
		RunSnapshot snapshot = run.snapshot();
		List<String> streams = List.copyOf(run.streams.keySet());
		Seen seen = new Seen(snapshot, run.queuedAt, streams);
		if (!seen.equals(run.seen)) {
			run.seen = seen;
			run.revision = ++this.revision;
		}
		return new RealtimeRun(snapshot, run.revision, run.queuedAt, run.number, streams);
	}

	/** What a feed last saw of a run. */
	record Seen(RunSnapshot run, @Nullable Instant queuedAt, List<String> streams) {
	}

	private synchronized void startTicking() {
		if (this.ticking != null || this.closed) {
			return;
		}
		if (this.ticker == null) {
			ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, (task) -> {
				Thread thread = new Thread(task, TICKER_THREAD_NAME);
				thread.setDaemon(true);
				return thread;
			});
			executor.setRemoveOnCancelPolicy(true);
			this.ticker = executor;
		}
		long nanos = this.tickInterval.toNanos();
		this.ticking = this.ticker.scheduleWithFixedDelay(() -> {
			try {
				this.engine.tick();
			}
			catch (RuntimeException ex) {
				// The next tick tries again.
			}
		}, nanos, nanos, TimeUnit.NANOSECONDS);
	}

	/** Stops the ticker's thread for good. */
	synchronized void close() {
		stopTicking();
		if (this.ticker != null) {
			this.ticker.shutdownNow();
		}
		this.closed = true;
	}

	private synchronized void stopTicking() {
		if (this.ticking != null) {
			this.ticking.cancel(false);
			this.ticking = null;
		}
	}

	/** Whether the ticker is ticking; for tests. */
	synchronized boolean ticking() {
		return this.ticking != null;
	}

	/**
	 * How many watches are open (held realtime requests and data stream connections
	 * waiting for a change).
	 * @return the number of open watches
	 */
	public int watching() {
		int open = 0;
		for (Watch watch : this.watches) {
			if (!watch.changed.isDone()) {
				open++;
			}
		}
		return open;
	}

	private static Duration positive(String name, Duration value) {
		Objects.requireNonNull(value, () -> name + " must not be null");
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(name + " must be positive but was " + value);
		}
		return value;
	}

	/**
	 * A wait for a change: {@link #changed()} completes once it happened. Cancelling it
	 * (at any time, from any thread) stops the check.
	 */
	public static final class Watch {

		private final BooleanSupplier condition;

		private final CompletableFuture<Void> changed = new CompletableFuture<>();

		private Watch(BooleanSupplier condition) {
			this.condition = condition;
		}

		/**
		 * {@return a future completing once the change happened; it never fails, and is
		 * cancelled by {@link #cancel()}}
		 */
		public CompletableFuture<Void> changed() {
			return this.changed;
		}

		/** Stops waiting; the watch is dropped at the next check. */
		public void cancel() {
			this.changed.cancel(false);
		}

	}

}
