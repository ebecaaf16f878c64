package io.trigger4j.emulator.engine;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** The batches, by id. Only touched while holding the engine's lock. */
final class BatchStore {

	private final Map<String, BatchRecord> batches = new HashMap<>();

	/** Batch ids by idempotency key, whichever route created them. */
	private final Map<String, String> byKey = new HashMap<>();

	void add(BatchRecord batch) {
		this.batches.put(batch.id, batch);
		if (batch.idempotencyKey != null) {
			this.byKey.putIfAbsent(batch.idempotencyKey, batch.id);
		}
	}

	@Nullable BatchRecord get(String id) {
		return this.batches.get(id);
	}

	/**
	 * Whether any batch was created with this idempotency key (the server keeps one batch
	 * per key and environment).
	 */
	boolean hasKey(String idempotencyKey) {
		return this.byKey.containsKey(idempotencyKey);
	}

	int size() {
		return this.batches.size();
	}

}
