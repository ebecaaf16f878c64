package io.trigger4j.emulator.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** The batches, by id. Only touched while holding the engine's lock. */
final class BatchStore {

	private final Map<String, Batch> batches = new HashMap<>();

	void add(Batch batch) {
		this.batches.put(batch.id(), batch);
	}

	@Nullable Batch get(String id) {
		return this.batches.get(id);
	}

	/** A batch as created: its runs in item order. */
	record Batch(String id, List<RunRecord> runs) {

		Batch {
			runs = List.copyOf(runs);
		}

	}

}
