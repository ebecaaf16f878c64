package io.trigger4j.client.model.queues;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A queue, as returned by every queue operation ({@code QueueObject}).
 *
 * @param id the queue id ({@code queue_...})
 * @param name the queue's name: for a task's queue the task identifier (without the
 * {@code task/} prefix the server stores), for a custom queue the name given in code
 * @param type {@code task} or {@code custom}
 * @param running how many runs are executing
 * @param queued how many runs are waiting
 * @param paused whether the queue is paused: no new runs start while it is
 * @param concurrencyLimit the limit in force, or {@code null} for none (the environment's
 * limit applies)
 * @param concurrency the limit's details: base, override, when and by whom
 * @param concurrencyLimitOverridePercent the share of the environment's maximum the
 * override was given as, when it was given as one (retrieve and list only; not in the
 * contract)
 */
public record Queue(@JsonProperty(required = true) String id, @JsonProperty(required = true) String name,
		QueueType type, int running, int queued, boolean paused, @Nullable Integer concurrencyLimit,
		@Nullable QueueConcurrency concurrency, @Nullable Double concurrencyLimitOverridePercent) {

	/**
	 * Checks that the id and the name are present; a missing type gives {@code unknown}.
	 * @param id the queue id ({@code queue_...})
	 * @param name the queue's name: for a task's queue the task identifier (without the
	 * {@code task/} prefix the server stores), for a custom queue the name given in code
	 * @param type {@code task} or {@code custom}
	 * @param running how many runs are executing
	 * @param queued how many runs are waiting
	 * @param paused whether the queue is paused: no new runs start while it is
	 * @param concurrencyLimit the limit in force, or {@code null} for none (the
	 * environment's limit applies)
	 * @param concurrency the limit's details: base, override, when and by whom
	 * @param concurrencyLimitOverridePercent the share of the environment's maximum the
	 * override was given as, when it was given as one (retrieve and list only; not in the
	 * contract)
	 */
	public Queue {
		Objects.requireNonNull(id, "id must not be null");
		Objects.requireNonNull(name, "name must not be null");
		type = (type != null) ? type : QueueType.of("unknown");
	}

	/**
	 * This queue named by its id, to pass to the other queue operations.
	 * @return the queue's reference
	 * @throws IllegalArgumentException if the server's id is not a {@code queue_...} id
	 */
	public QueueRef ref() {
		return QueueRef.id(this.id);
	}

}
