package io.trigger4j.client;

import io.trigger4j.client.model.batches.Batch;
import io.trigger4j.client.model.batches.BatchResults;
import reactor.core.publisher.Mono;

/**
 * The {@link BatchesOperations} implementation; batch ids are checked by
 * {@link PathParameter#BATCH_ID}.
 */
final class DefaultBatchesOperations implements BatchesOperations {

	private final TriggerHttp http;

	DefaultBatchesOperations(TriggerHttp http) {
		this.http = http;
	}

	@Override
	public Mono<Batch> retrieve(String batchId) {
		return this.http.execute(ApiCall.to(Operation.BATCHES_RETRIEVE, batchId).reading(Batch.class));
	}

	@Override
	public Mono<BatchResults> results(String batchId) {
		return this.http.execute(ApiCall.to(Operation.BATCHES_RESULTS, batchId).reading(BatchResults.class));
	}

}
