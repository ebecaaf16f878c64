package io.trigger4j.client;

import io.trigger4j.client.internal.Checks;
import io.trigger4j.client.model.batches.Batch;
import io.trigger4j.client.model.batches.BatchResults;
import reactor.core.publisher.Mono;

/** The {@link BatchesOperations} implementation. */
final class DefaultBatchesOperations implements BatchesOperations {

	private static final String BATCH_PREFIX = "batch_";

	private final TriggerHttp http;

	DefaultBatchesOperations(TriggerHttp http) {
		this.http = http;
	}

	@Override
	public Mono<Batch> retrieve(String batchId) {
		return this.http.execute(ApiCall.to(Operation.BATCHES_RETRIEVE, requireBatchId(batchId)).reading(Batch.class));
	}

	@Override
	public Mono<BatchResults> results(String batchId) {
		return this.http
			.execute(ApiCall.to(Operation.BATCHES_RESULTS, requireBatchId(batchId)).reading(BatchResults.class));
	}

	/** Checks a batch id: {@code batch_} and more. */
	static String requireBatchId(String batchId) {
		Checks.requireId("batchId", batchId);
		if (!batchId.startsWith(BATCH_PREFIX) || batchId.length() == BATCH_PREFIX.length()) {
			throw new IllegalArgumentException(
					"batchId must be a batch id starting with " + BATCH_PREFIX + " but was '" + batchId + "'");
		}
		return batchId;
	}

}
