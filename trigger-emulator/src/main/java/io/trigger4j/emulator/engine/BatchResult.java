package io.trigger4j.emulator.engine;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A batch and its runs in item order.
 *
 * @param id the batch id, {@code batch_...}
 * @param runs the runs, in item order
 * @param runCached for each item, whether its idempotency key matched a live run
 * @param cached whether the whole batch repeated an earlier batch's idempotency key (then
 * every run is marked cached)
 * @param idempotencyKey the batch's idempotency key, or {@code null}
 */
public record BatchResult(String id, List<RunSnapshot> runs, List<Boolean> runCached, boolean cached,
		@Nullable String idempotencyKey) {

	/**
	 * Copies the lists.
	 * @param id the batch id, {@code batch_...}
	 * @param runs the runs, in item order
	 * @param runCached for each item, whether its idempotency key matched a live run
	 * @param cached whether the whole batch repeated an earlier batch's idempotency key
	 * (then every run is marked cached)
	 * @param idempotencyKey the batch's idempotency key, or {@code null}
	 */
	public BatchResult {
		runs = List.copyOf(runs);
		runCached = List.copyOf(runCached);
	}

}
