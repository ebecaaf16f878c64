package io.trigger4j.client.model.batches;

import java.util.List;
import java.util.Objects;

import io.trigger4j.client.internal.Secrets;
import org.jspecify.annotations.Nullable;

/**
 * The answer to a batch trigger of many tasks ({@code POST /api/v1/tasks/batch}). The
 * server answers 202 with this shape, not the {@code {batchId, runs: [string]}} the
 * OpenAPI contract describes.
 *
 * @param id the batch id ({@code batch_...})
 * @param isCached whether the batch's idempotency key matched an existing batch
 * @param idempotencyKey the batch's idempotency key
 * @param runs the runs, in item order
 * @param publicAccessToken a token scoped to reading this batch ({@code x-trigger-jwt});
 * never printed
 */
public record BatchTriggered(String id, boolean isCached, @Nullable String idempotencyKey, List<BatchRun> runs,
		@Nullable String publicAccessToken) {

	/**
	 * Checks that the id is present and copies the runs ({@code null} gives an empty
	 * list).
	 * @param id the batch id ({@code batch_...})
	 * @param isCached whether the batch's idempotency key matched an existing batch
	 * @param idempotencyKey the batch's idempotency key
	 * @param runs the runs, in item order
	 * @param publicAccessToken a token scoped to reading this batch
	 * ({@code x-trigger-jwt}); never printed
	 */
	public BatchTriggered {
		Objects.requireNonNull(id, "id must not be null");
		runs = (runs != null) ? List.copyOf(runs) : List.of();
	}

	@Override
	public String toString() {
		return "BatchTriggered[id=" + this.id + ", isCached=" + this.isCached + ", idempotencyKey="
				+ this.idempotencyKey + ", runs=" + this.runs + ", publicAccessToken="
				+ Secrets.mask(this.publicAccessToken) + "]";
	}

	/**
	 * A run created by a multi-task batch.
	 *
	 * @param id the run id
	 * @param taskIdentifier the task
	 * @param isCached whether an item idempotency key matched an existing run
	 * @param idempotencyKey the item's idempotency key
	 */
	public record BatchRun(String id, @Nullable String taskIdentifier, boolean isCached,
			@Nullable String idempotencyKey) {

		/**
		 * Checks that the id is present.
		 * @param id the run id
		 * @param taskIdentifier the task
		 * @param isCached whether an item idempotency key matched an existing run
		 * @param idempotencyKey the item's idempotency key
		 */
		public BatchRun {
			Objects.requireNonNull(id, "id must not be null");
		}
	}

}
