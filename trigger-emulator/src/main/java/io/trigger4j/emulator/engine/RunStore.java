package io.trigger4j.emulator.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * The runs, by id and newest first by (createdAt in milliseconds, run id), so the list
 * needs no sorting. Only touched while holding the engine's lock. Finished runs are
 * evicted, earliest created first, over the engine's retention bound
 * ({@link #evictFinished(int)}).
 */
final class RunStore {

	static final String REGION = "local";

	static final String DEFAULT_MACHINE = "small-1x";

	/** Newest first. */
	private static final Comparator<Key> NEWEST_FIRST = Comparator.comparingLong(Key::createdAtMillis)
		.thenComparing(Key::runId)
		.reversed();

	/** Sorts after every id suffix at the same millisecond (ids are base32hex). */
	private static final String AFTER_ANY_ID = "\uffff";

	private final Map<String, RunRecord> byId = new HashMap<>();

	private final TreeMap<Key, RunRecord> ordered = new TreeMap<>(NEWEST_FIRST);

	/** Runs stored per task, for the runs' numbers. */
	private final Map<String, Integer> counts = new HashMap<>();

	/** Stores a run and numbers it among its task's runs. */
	void add(RunRecord run) {
		this.byId.put(run.id, run);
		this.ordered.put(run.key, run);
		run.number = this.counts.merge(run.taskIdentifier, 1, Integer::sum);
	}

	/**
	 * Evicts finished runs, the earliest created first, until at most {@code limit} runs
	 * are held or only unfinished ones are left over it.
	 * @return the runs evicted
	 */
	List<RunRecord> evictFinished(int limit) {
		List<RunRecord> evicted = new ArrayList<>();
		Iterator<RunRecord> oldestFirst = this.ordered.descendingMap().values().iterator();
		while (this.byId.size() > limit && oldestFirst.hasNext()) {
			RunRecord run = oldestFirst.next();
			if (run.state.isTerminal()) {
				oldestFirst.remove();
				this.byId.remove(run.id);
				evicted.add(run);
			}
		}
		return evicted;
	}

	/** Forgets every run, and restarts the numbering of each task's runs. */
	void clear() {
		this.byId.clear();
		this.ordered.clear();
		this.counts.clear();
	}

	/** Every run, newest first. */
	Collection<RunRecord> newestFirst() {
		return this.ordered.values();
	}

	@Nullable RunRecord get(String id) {
		return this.byId.get(id);
	}

	int size() {
		return this.byId.size();
	}

	Collection<RunRecord> all() {
		return this.byId.values();
	}

	/** One page: the runs newest first, and whether there are pages either side. */
	record Slice(List<RunRecord> data, boolean hasNext, boolean hasPrevious) {
	}

	/**
	 * One page as the old list gave it: with {@code before}, the {@code size} matching
	 * runs just newer than it (a next page whenever there is data, a previous one when
	 * more newer runs match); otherwise the {@code size} matching runs older than
	 * {@code after} (or the newest), a next page when more match, a previous one when
	 * {@code after} was given and a matching run is at or newer than it.
	 */
	Slice page(ListQuery query) {
		int size = Math.max(1, query.size());
		if (query.matchNothing()) {
			return new Slice(List.of(), false, false);
		}
		Long toMillis = (query.createdTo() != null) ? Times.epochMillis(query.createdTo()) : null;
		Long fromMillis = (query.createdFrom() != null) ? Times.epochMillis(query.createdFrom()) : null;
		ListQuery.Position before = query.before();
		if (before != null) {
			List<RunRecord> data = new ArrayList<>();
			boolean more = false;
			for (RunRecord run : this.ordered.headMap(Key.of(before), false).descendingMap().values()) {
				if (toMillis != null && run.key.createdAtMillis() > toMillis) {
					break;
				}
				if (!matches(run, query)) {
					continue;
				}
				if (data.size() == size) {
					more = true;
					break;
				}
				data.add(run);
			}
			Collections.reverse(data);
			return new Slice(data, !data.isEmpty(), more && !data.isEmpty());
		}
		ListQuery.Position after = query.after();
		NavigableMap<Key, RunRecord> older = this.ordered;
		if (after != null) {
			older = older.tailMap(Key.of(after), false);
		}
		if (toMillis != null) {
			Key newestAllowed = new Key(toMillis, AFTER_ANY_ID);
			if (after == null || NEWEST_FIRST.compare(newestAllowed, Key.of(after)) > 0) {
				older = this.ordered.tailMap(newestAllowed, true);
			}
		}
		List<RunRecord> data = new ArrayList<>();
		boolean more = false;
		for (RunRecord run : older.values()) {
			if (fromMillis != null && run.key.createdAtMillis() < fromMillis) {
				break;
			}
			if (!matches(run, query)) {
				continue;
			}
			if (data.size() == size) {
				more = true;
				break;
			}
			data.add(run);
		}
		boolean newer = false;
		if (after != null && !data.isEmpty()) {
			for (RunRecord run : this.ordered.headMap(Key.of(after), true).descendingMap().values()) {
				if (toMillis != null && run.key.createdAtMillis() > toMillis) {
					break;
				}
				if (matches(run, query)) {
					newer = true;
					break;
				}
			}
		}
		return new Slice(data, more, newer);
	}

	/** Whether a run matches every filter of the query; list filters match any value. */
	static boolean matches(RunRecord run, ListQuery query) {
		if (query.states() != null && !query.states().contains(run.state)) {
			return false;
		}
		if (!anyOf(query.taskIdentifiers(), run.taskIdentifier)) {
			return false;
		}
		if (!anyOf(query.versions(), run.version)) {
			return false;
		}
		if (!anyOf(query.queues(), (run.queue != null) ? run.queue : "task/" + run.taskIdentifier)) {
			return false;
		}
		if (!anyOf(query.regions(), REGION)) {
			return false;
		}
		if (!anyOf(query.machines(), (run.machine != null) ? run.machine : DEFAULT_MACHINE)) {
			return false;
		}
		if (query.tags() != null && run.tags.stream().noneMatch(query.tags()::contains)) {
			return false;
		}
		if (query.test() != null && query.test() != run.test) {
			return false;
		}
		if (query.batchId() != null && !query.batchId().equals(run.batchId)) {
			return false;
		}
		if (query.scheduleId() != null && !query.scheduleId().equals(run.scheduleId)) {
			return false;
		}
		Instant from = query.createdFrom();
		if (from != null && run.createdAt.isBefore(from)) {
			return false;
		}
		Instant to = query.createdTo();
		return to == null || !run.createdAt.isAfter(to);
	}

	private static boolean anyOf(@Nullable List<String> wanted, @Nullable String value) {
		return wanted == null || (value != null && wanted.contains(value));
	}

	/**
	 * A run's place in the list.
	 *
	 * @param createdAtMillis its createdAt in epoch milliseconds
	 * @param runId its id without {@code run_}
	 */
	record Key(long createdAtMillis, String runId) {

		static Key of(String id, Instant createdAt) {
			return new Key(Times.epochMillis(createdAt), id.startsWith("run_") ? id.substring(4) : id);
		}

		static Key of(ListQuery.Position position) {
			return new Key(position.createdAtMillis(), String.valueOf(position.runId()));
		}

	}

}
