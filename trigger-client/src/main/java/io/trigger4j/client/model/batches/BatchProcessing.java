package io.trigger4j.client.model.batches;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * How the server's processing of a batch's items went (the {@code processing} object of
 * the newer batch shape, which the TypeScript SDK reads from {@code GET
 * /api/v2/batches/{batchId}}).
 *
 * @param completedAt when every item was processed
 * @param errors the items that did not become runs
 */
public record BatchProcessing(@Nullable Instant completedAt, List<BatchItemError> errors) {

	/**
	 * Copies the errors; {@code null} gives an empty list.
	 * @param completedAt when every item was processed
	 * @param errors the items that did not become runs
	 */
	public BatchProcessing {
		errors = (errors != null) ? List.copyOf(errors) : List.of();
	}

}
