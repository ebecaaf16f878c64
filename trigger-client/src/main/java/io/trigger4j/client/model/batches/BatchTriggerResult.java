package io.trigger4j.client.model.batches;

import java.util.List;
import java.util.Objects;

import io.trigger4j.client.internal.Secrets;
import org.jspecify.annotations.Nullable;

/**
 * The answer to a batch trigger of one task ({@code POST
 * /api/v1/tasks/{taskIdentifier}/batch}).
 *
 * @param batchId the batch id ({@code batch_...})
 * @param runs the ids of the runs, in item order
 * @param publicAccessToken a token scoped to reading this batch ({@code x-trigger-jwt});
 * never printed
 */
public record BatchTriggerResult(String batchId, List<String> runs, @Nullable String publicAccessToken) {

	/**
	 * Checks that the batch id is present and copies the runs ({@code null} gives an
	 * empty list).
	 * @param batchId the batch id ({@code batch_...})
	 * @param runs the ids of the runs, in item order
	 * @param publicAccessToken a token scoped to reading this batch
	 * ({@code x-trigger-jwt}); never printed
	 */
	public BatchTriggerResult {
		Objects.requireNonNull(batchId, "batchId must not be null");
		runs = (runs != null) ? List.copyOf(runs) : List.of();
	}

	@Override
	public String toString() {
		return "BatchTriggerResult[batchId=" + this.batchId + ", runs=" + this.runs + ", publicAccessToken="
				+ Secrets.mask(this.publicAccessToken) + "]";
	}

}
