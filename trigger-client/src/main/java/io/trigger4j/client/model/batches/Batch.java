package io.trigger4j.client.model.batches;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A batch of runs, as returned by {@code GET /api/v1/batches/{batchId}}.
 *
 * <p>
 * The per-item errors come in two shapes. The route this client calls,
 * {@code /api/v1/batches/{batchId}}, sends them as the top-level {@code errors} (with
 * {@code successfulRunCount} and {@code failedRunCount}); {@code processing} is sent only
 * by the server's v2 route ({@code GET /api/v2/batches/{batchId}}, which the TypeScript
 * SDK reads), so from the v1 route it is {@code null}. {@link #errors()} holds the errors
 * of either shape: read it rather than {@code processing}.
 *
 * @param id the batch id ({@code batch_...})
 * @param status the batch's status; a batch the server sent without one has the status
 * {@code UNKNOWN} (as {@code Run} does)
 * @param idempotencyKey the idempotency key the batch was triggered with
 * @param createdAt when the batch was created
 * @param updatedAt when the batch last changed
 * @param runCount how many runs the batch has (or will have)
 * @param runs the ids of its runs, in item order
 * @param successfulRunCount how many runs succeeded, once known (v1 shape)
 * @param failedRunCount how many runs failed, once known (v1 shape)
 * @param errors the items that did not become runs: the top-level {@code errors}, else
 * those of {@code processing}; empty when there are none
 * @param processing how processing the items went: only in the v2 route's shape, so
 * {@code null} from the v1 route this client calls
 */
public record Batch(@JsonProperty(required = true) String id, BatchStatus status, @Nullable String idempotencyKey,
		@Nullable Instant createdAt, @Nullable Instant updatedAt, @Nullable Integer runCount, List<String> runs,
		@Nullable Integer successfulRunCount, @Nullable Integer failedRunCount, List<BatchItemError> errors,
		@Nullable BatchProcessing processing) {

	/**
	 * Fills in what the server left out: an {@code UNKNOWN} status, empty lists, and the
	 * errors of {@code processing} when there are no top-level errors.
	 * @param id the batch id ({@code batch_...})
	 * @param status the batch's status; a batch the server sent without one has the
	 * status {@code UNKNOWN} (as {@code Run} does)
	 * @param idempotencyKey the idempotency key the batch was triggered with
	 * @param createdAt when the batch was created
	 * @param updatedAt when the batch last changed
	 * @param runCount how many runs the batch has (or will have)
	 * @param runs the ids of its runs, in item order
	 * @param successfulRunCount how many runs succeeded, once known (v1 shape)
	 * @param failedRunCount how many runs failed, once known (v1 shape)
	 * @param errors the items that did not become runs: the top-level {@code errors},
	 * else those of {@code processing}; empty when there are none
	 * @param processing how processing the items went: only in the v2 route's shape, so
	 * {@code null} from the v1 route this client calls
	 */
	public Batch {
		Objects.requireNonNull(id, "id must not be null");
		status = (status != null) ? status : BatchStatus.of("UNKNOWN");
		runs = (runs != null) ? List.copyOf(runs) : List.of();
		if (errors == null || errors.isEmpty()) {
			errors = (processing != null) ? processing.errors() : List.of();
		}
		else {
			errors = List.copyOf(errors);
		}
	}

}
