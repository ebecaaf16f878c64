package io.trigger4j.emulator.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Queues of the emulated project: every declared task's own queue ({@code task/<id>}) and
 * the custom queues triggers named. Their state drives the engine: a paused queue starts
 * no run until resumed, an overridden limit replaces the queue's own until reset. Texts
 * are the server's ({@code concurrencySystem.server.ts}, {@code pauseQueue}).
 */
public final class Queues {

	/**
	 * The environment's concurrency limit, the server's default
	 * ({@code DEFAULT_ENV_EXECUTION_CONCURRENCY_LIMIT}): an override may not exceed it,
	 * and a percentage override is a share of it.
	 */
	public static final int ENVIRONMENT_CONCURRENCY_LIMIT = 100;

	/** How a queue is named in a request. */
	public enum By {

		/** By its {@code queue_...} id. */
		ID,
		/** By its task's identifier ({@code task/} prefix optional). */
		TASK,
		/** By its name. */
		CUSTOM

	}

	private final Engine engine;

	/** What the engine's lanes do not keep, by queue name; under the engine's lock. */
	private final Map<String, QueueInfo> infos = new HashMap<>();

	Queues(Engine engine) {
		this.engine = engine;
	}

	/** Forgets the queues' ids and overrides; under the engine's lock. */
	void reset() {
		this.infos.clear();
	}

	/**
	 * One page of the queues ordered by name (a task's own queue by its task identifier),
	 * as the server's list orders them.
	 * @param page the page, from 1
	 * @param perPage queues per page, 1 to 100
	 * @return the page's queues and how many there are in all
	 */
	public QueuePage list(long page, int perPage) {
		if (page < 1 || perPage < 1) {
			throw new IllegalArgumentException("page and perPage must be at least 1");
		}
		return this.engine.locked(() -> {
			List<QueueLane> lanes = new ArrayList<>(this.engine.queueLanes().values());
			lanes.sort(Comparator.comparing(Queues::orderableName).thenComparing((lane) -> lane.name));
			List<QueueSnapshot> data = new ArrayList<>();
			long skip = (page - 1 > Long.MAX_VALUE / perPage) ? Long.MAX_VALUE : (page - 1) * perPage;
			for (int i = 0; i < lanes.size(); i++) {
				QueueLane lane = lanes.get(i);
				QueueSnapshot snapshot = snapshot(lane);
				if (i >= skip && data.size() < perPage) {
					data.add(snapshot);
				}
			}
			return new QueuePage(data, lanes.size());
		});
	}

	/**
	 * Looks a queue up.
	 * @param by how {@code value} names the queue
	 * @param value the queue's id, task identifier or name
	 * @return the queue, or empty for an unknown one
	 */
	public Optional<QueueSnapshot> retrieve(By by, String value) {
		return change(by, value, (lane) -> {
		});
	}

	/**
	 * Pauses a queue (its runs stay queued) or resumes it (its waiting runs start as
	 * slots allow); empty for an unknown queue.
	 * @param by how {@code value} names the queue
	 * @param value the queue's id, task identifier or name
	 * @param paused {@code true} to pause, {@code false} to resume
	 * @return the queue as it is then, or empty
	 */
	public Optional<QueueSnapshot> pause(By by, String value, boolean paused) {
		return change(by, value, (lane) -> {
			lane.pause(paused);
			if (!paused) {
				this.engine.drain(lane);
			}
		});
	}

	/**
	 * Overrides a queue's limit; empty for an unknown queue. 400 "Concurrency limit (N)
	 * cannot exceed the environment limit (100)" above the environment's limit.
	 * @param by how {@code value} names the queue
	 * @param value the queue's id, task identifier or name
	 * @param limit the new limit, 0 to {@value #ENVIRONMENT_CONCURRENCY_LIMIT}
	 * @return the queue as it is then, or empty
	 */
	public Optional<QueueSnapshot> overrideLimit(By by, String value, int limit) {
		return change(by, value, (lane) -> {
			if (limit < 0) {
				throw new EngineException(400, "Concurrency limit must be a non-negative number");
			}
			if (limit > ENVIRONMENT_CONCURRENCY_LIMIT) {
				throw new EngineException(400, "Concurrency limit (" + limit + ") cannot exceed the environment limit ("
						+ ENVIRONMENT_CONCURRENCY_LIMIT + ")");
			}
			override(lane, limit, null);
		});
	}

	/**
	 * Overrides a queue's limit with a share of the environment's limit (rounded down, at
	 * least 1); empty for an unknown queue. 400 "Percent must be greater than 0 and less
	 * than or equal to 100" out of range.
	 * @param by how {@code value} names the queue
	 * @param value the queue's id, task identifier or name
	 * @param percent the share of the environment's limit, above 0 and at most 100
	 * @return the queue as it is then, or empty
	 */
	public Optional<QueueSnapshot> overridePercent(By by, String value, BigDecimal percent) {
		Objects.requireNonNull(percent, "percent must not be null");
		return change(by, value, (lane) -> {
			if (percent.signum() <= 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0) {
				throw new EngineException(400, "Percent must be greater than 0 and less than or equal to 100");
			}
			int limit = percent.multiply(BigDecimal.valueOf(ENVIRONMENT_CONCURRENCY_LIMIT))
				.divide(BigDecimal.valueOf(100), 0, RoundingMode.FLOOR)
				.intValue();
			override(lane, Math.min(Math.max(limit, 1), ENVIRONMENT_CONCURRENCY_LIMIT), percent);
		});
	}

	/**
	 * Gives an overridden queue its own limit back; empty for an unknown queue. 400
	 * "Queue is not overridden".
	 * @param by how {@code value} names the queue
	 * @param value the queue's id, task identifier or name
	 * @return the queue as it is then, or empty
	 */
	public Optional<QueueSnapshot> reset(By by, String value) {
		return change(by, value, (lane) -> {
			QueueInfo info = info(lane);
			if (info.overriddenAt == null) {
				throw new EngineException(400, "Queue is not overridden");
			}
			lane.override(null);
			info.overriddenAt = null;
			info.percent = null;
			this.engine.drain(lane);
		});
	}

	private void override(QueueLane lane, int limit, @Nullable BigDecimal percent) {
		QueueInfo info = info(lane);
		lane.override(limit);
		info.overriddenAt = this.engine.horizon();
		info.percent = percent;
		this.engine.drain(lane);
	}

	/** Finds the queue, changes it, and returns it as it is then; empty when unknown. */
	private Optional<QueueSnapshot> change(By by, String value, Consumer<QueueLane> action) {
		Objects.requireNonNull(by, "by must not be null");
		Objects.requireNonNull(value, "value must not be null");
		return this.engine.locked(() -> {
			QueueLane lane = find(by, value);
			if (lane == null) {
				return Optional.<QueueSnapshot>empty();
			}
			action.accept(lane);
			return Optional.of(snapshot(lane));
		});
	}

	/**
	 * The queue a request names: by id, by {@code task/<id>} for a task (a given
	 * {@code task/} prefix is not doubled), by its name otherwise; as the server looks it
	 * up, by name only, whatever the type.
	 */
	private @Nullable QueueLane find(By by, String value) {
		Map<String, QueueLane> lanes = this.engine.queueLanes();
		return switch (by) {
			case ID -> {
				for (QueueLane lane : lanes.values()) {
					if (info(lane).id.equals(value)) {
						yield lane;
					}
				}
				yield null;
			}
			case TASK -> lanes.get(Engine.taskQueue(value.startsWith("task/") ? value.substring(5) : value));
			case CUSTOM -> lanes.get(value);
		};
	}

	private QueueInfo info(QueueLane lane) {
		return this.infos.computeIfAbsent(lane.name, (name) -> new QueueInfo(Nanoids.friendlyId("queue_")));
	}

	private QueueSnapshot snapshot(QueueLane lane) {
		QueueInfo info = info(lane);
		Integer own = (lane.limit() > 0) ? lane.limit() : null;
		boolean overridden = info.overriddenAt != null;
		return new QueueSnapshot(info.id, lane.name, lane.taskIdentifier != null, lane.running(), lane.waitingCount(),
				lane.paused(), overridden ? lane.overrideLimit() : own, overridden ? own : null, info.overriddenAt,
				info.percent);
	}

	/**
	 * The server orders a task's own queue by its task identifier, a custom one by name.
	 */
	private static String orderableName(QueueLane lane) {
		return (lane.taskIdentifier != null) ? lane.taskIdentifier : lane.name;
	}

	/** A queue's id and override, which its lane does not keep. */
	private static final class QueueInfo {

		final String id;

		@Nullable Instant overriddenAt;

		@Nullable BigDecimal percent;

		QueueInfo(String id) {
			this.id = id;
		}

	}

}
