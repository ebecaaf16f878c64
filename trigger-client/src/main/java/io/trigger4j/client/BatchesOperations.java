package io.trigger4j.client;

import io.trigger4j.client.error.NotFoundException;
import io.trigger4j.client.model.batches.Batch;
import io.trigger4j.client.model.batches.BatchResults;
import reactor.core.publisher.Mono;

/**
 * Batches: retrieving a batch and its results. Obtain from
 * {@link TriggerOperations#batches()}. A batch is named by its id, {@code batch_...}, as
 * the batch triggers of {@link TasksOperations} return it; any other id is refused before
 * sending.
 */
public interface BatchesOperations {

	/**
	 * Retrieves a batch: its status, its runs' ids and the items that did not become
	 * runs. {@code GET /api/v1/batches/{batchId}}. A 404 just after the batch was
	 * triggered is retried, as the server advises ({@code x-should-retry}); an unknown
	 * batch then fails with {@link NotFoundException}.
	 * @param batchId the batch id ({@code batch_...})
	 * @return the batch
	 */
	Mono<Batch> retrieve(String batchId);

	/**
	 * Retrieves the execution results of a batch's finished runs. {@code GET
	 * /api/v1/batches/{batchId}/results}. Current servers leave out most runs (see
	 * {@link BatchResults}); prefer {@link RunsOperations#retrieve(String)} for each run
	 * of {@link Batch#runs()}.
	 * @param batchId the batch id ({@code batch_...})
	 * @return the batch's results
	 */
	Mono<BatchResults> results(String batchId);

}
