package io.trigger4j.emulator.engine;

import java.math.BigDecimal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An immutable view of a queue at one instant, as the server's queue row and run engine
 * show it.
 *
 * @param id the queue id, {@code queue_} and 21 characters
 * @param name the queue's name: {@code task/<id>} for a task's own queue, the name a
 * trigger gave for a custom one
 * @param taskQueue whether it is a task's own queue (type {@code task}) rather than a
 * custom one
 * @param running the runs holding a slot
 * @param queued the runs waiting for a slot
 * @param paused whether the queue starts no run
 * @param concurrencyLimit the limit in force: the override while overridden, else the
 * queue's own; {@code null} for none
 * @param concurrencyLimitBase the queue's own limit while overridden ({@code null} for
 * none); {@code null} when not overridden, as the server keeps it
 * @param overriddenAt when the limit was overridden, or {@code null}
 * @param overridePercent the percentage of the environment's limit an override was given
 * as, or {@code null}
 */
public record QueueSnapshot(String id, String name, boolean taskQueue, int running, int queued, boolean paused,
		@Nullable Integer concurrencyLimit, @Nullable Integer concurrencyLimitBase, @Nullable Instant overriddenAt,
		@Nullable BigDecimal overridePercent) {

	/**
	 * {@return the name the API shows: a task's own queue without its {@code task/}
	 * prefix}
	 */
	public String displayName() {
		return this.name.startsWith("task/") ? this.name.substring("task/".length()) : this.name;
	}

}
