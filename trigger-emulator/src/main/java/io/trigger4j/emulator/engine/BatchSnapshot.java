package io.trigger4j.emulator.engine;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An immutable view of a batch at one instant, its status computed from its runs' states.
 *
 * @param id the batch id
 * @param status the status now
 * @param idempotencyKey the batch's idempotency key, or {@code null}
 * @param createdAt when it was created
 * @param updatedAt when it last changed (sealed, or completed as its last run finished)
 * @param processingCompletedAt when every item of a two-phase batch had been processed,
 * or {@code null}
 * @param runCount the number of items
 * @param runs the runs in item order; a two-phase batch shows none until it is sealed, as
 * the server writes them all at once
 * @param successfulRunCount the runs a sealed two-phase batch created, else {@code null}
 * @param failedRunCount the items a sealed two-phase batch could not trigger, else
 * {@code null}
 * @param errors the items that could not be triggered, by index
 */
public record BatchSnapshot(String id, BatchStatus status, @Nullable String idempotencyKey, Instant createdAt,
		Instant updatedAt, @Nullable Instant processingCompletedAt, long runCount, List<RunSnapshot> runs,
		@Nullable Integer successfulRunCount, @Nullable Integer failedRunCount, List<BatchItemError> errors) {

	/**
	 * Copies the lists.
	 * @param id the batch id
	 * @param status the status now
	 * @param idempotencyKey the batch's idempotency key, or {@code null}
	 * @param createdAt when it was created
	 * @param updatedAt when it last changed (sealed, or completed as its last run
	 * finished)
	 * @param processingCompletedAt when every item of a two-phase batch had been
	 * processed, or {@code null}
	 * @param runCount the number of items
	 * @param runs the runs in item order; a two-phase batch shows none until it is
	 * sealed, as the server writes them all at once
	 * @param successfulRunCount the runs a sealed two-phase batch created, else
	 * {@code null}
	 * @param failedRunCount the items a sealed two-phase batch could not trigger, else
	 * {@code null}
	 * @param errors the items that could not be triggered, by index
	 */
	public BatchSnapshot {
		runs = List.copyOf(runs);
		errors = List.copyOf(errors);
	}

}
