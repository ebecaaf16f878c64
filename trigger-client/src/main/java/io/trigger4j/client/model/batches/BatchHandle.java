package io.trigger4j.client.model.batches;

import java.util.Objects;

import io.trigger4j.client.internal.Secrets;
import org.jspecify.annotations.Nullable;

/**
 * One batch made by a batch trigger of any size (the two-phase batch API: {@code POST
 * /api/v3/batches}, then its items as NDJSON to {@code POST
 * /api/v3/batches/{batchId}/items}). A batch holds at most 1000 items; more items make
 * several batches, reported in input order. The batch's runs are read with
 * {@code batches().retrieve(batchId)}.
 *
 * @param batchId the batch id ({@code batch_...})
 * @param firstIndex the input index of the batch's first item (0, 1000, 2000, ...)
 * @param runCount how many items the batch holds
 * @param isCached whether the batch's idempotency key matched an existing batch (its
 * items are sent again all the same, which the server deduplicates by index, so that a
 * batch whose items never arrived is completed)
 * @param publicAccessToken a token scoped to reading this batch ({@code x-trigger-jwt}),
 * if the server sent one; never printed
 */
public record BatchHandle(String batchId, long firstIndex, int runCount, boolean isCached,
		@Nullable String publicAccessToken) {

	/**
	 * Checks that the batch id is present.
	 * @param batchId the batch id ({@code batch_...})
	 * @param firstIndex the input index of the batch's first item (0, 1000, 2000, ...)
	 * @param runCount how many items the batch holds
	 * @param isCached whether the batch's idempotency key matched an existing batch (its
	 * items are sent again all the same, which the server deduplicates by index, so that
	 * a batch whose items never arrived is completed)
	 * @param publicAccessToken a token scoped to reading this batch
	 * ({@code x-trigger-jwt}), if the server sent one; never printed
	 */
	public BatchHandle {
		Objects.requireNonNull(batchId, "batchId must not be null");
	}

	@Override
	public String toString() {
		return "BatchHandle[batchId=" + this.batchId + ", firstIndex=" + this.firstIndex + ", runCount=" + this.runCount
				+ ", isCached=" + this.isCached + ", publicAccessToken=" + Secrets.mask(this.publicAccessToken) + "]";
	}

}
