package io.trigger4j.emulator.engine;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * Batches: retrieval with a status computed from their runs' live states, and the
 * two-phase batch the official SDK creates ({@code POST /api/v3/batches} announces the
 * count, {@code POST /api/v3/batches/{id}/items} streams the items). Texts are the
 * server's ({@code createBatch.server.ts}, {@code streamBatchItems.server.ts},
 * {@code batchSystem.ts}).
 *
 * <p>
 * An item is triggered as soon as it arrives, as the server's batch queue does; an item
 * whose trigger is refused (too many tags, metadata too large) becomes an error of the
 * batch instead of a run. When every announced item has arrived the batch is sealed: its
 * runs are shown, and it completes when they have all finished.
 */
public final class Batches {

	/** The most items of a two-phase batch ({@code STREAMING_BATCH_MAX_ITEMS}). */
	public static final int MAX_STREAMED_ITEMS = 1_000;

	/** The code of an item whose trigger was refused. */
	public static final String TRIGGER_ERROR = "TRIGGER_ERROR";

	private final Engine engine;

	/**
	 * Two-phase batch ids by idempotency key scoped with the item tasks, for the server's
	 * request cache (24 h); under the engine's lock.
	 */
	private final KeyStore createKeys = new KeyStore();

	Batches(Engine engine) {
		this.engine = engine;
	}

	/** Forgets the two-phase batches' keys; under the engine's lock. */
	void reset() {
		this.createKeys.clear();
	}

	/**
	 * Looks a batch up, with its status computed from its runs as they are now.
	 * @param batchId the batch's id ({@code batch_...})
	 * @return the batch, or empty if there is none (or it was evicted)
	 */
	public Optional<BatchSnapshot> find(String batchId) {
		Objects.requireNonNull(batchId, "batchId must not be null");
		return this.engine.locked(() -> {
			BatchRecord batch = this.engine.batchStore().get(batchId);
			return (batch != null) ? Optional.of(batch.snapshot(this.engine.runStore()))
					: Optional.<BatchSnapshot>empty();
		});
	}

	/**
	 * Creates a two-phase batch waiting for {@code runCount} items (phase 1). A key
	 * repeated with the same tasks within 24 hours answers the first batch, cached; a key
	 * any other batch holds (of either route, expired or not) is refused with 422 "Cannot
	 * create batch as it has already been created with the same idempotency key.". 400
	 * "runCount must be a positive integer"; 400 "Batch runCount of N exceeds maximum
	 * allowed of 1000.".
	 * @param runCount how many items the batch will take, 1 to
	 * {@value #MAX_STREAMED_ITEMS}
	 * @param idempotencyKey the batch's idempotency key, or {@code null}
	 * @param taskIdentifiers the distinct tasks announced, which scope the key (empty
	 * when not announced)
	 * @return the batch's id and count, and whether an earlier batch was returned
	 */
	public BatchCreated create(long runCount, @Nullable String idempotencyKey, List<String> taskIdentifiers) {
		Objects.requireNonNull(taskIdentifiers, "taskIdentifiers must not be null");
		if (runCount <= 0) {
			throw new EngineException(400, "runCount must be a positive integer");
		}
		if (runCount > MAX_STREAMED_ITEMS) {
			throw new EngineException(400,
					"Batch runCount of " + runCount + " exceeds maximum allowed of " + MAX_STREAMED_ITEMS + ".");
		}
		String scoped = (idempotencyKey != null)
				? idempotencyKey + "\u0000" + String.join("\u0000", new TreeSet<>(taskIdentifiers)) : null;
		return this.engine.locked(() -> {
			Instant now = this.engine.horizon();
			BatchStore store = this.engine.batchStore();
			if (scoped != null) {
				String id = this.createKeys.live(scoped, now);
				BatchRecord cached = (id != null) ? store.get(id) : null;
				if (cached != null) {
					return new BatchCreated(cached.id, cached.runCount, true, null);
				}
				if (store.hasKey(idempotencyKey)) {
					throw new EngineException(422,
							"Cannot create batch as it has already been created with the same idempotency key.");
				}
			}
			BatchRecord batch = BatchRecord.twoPhase(this.engine.newId("batch_"), now, idempotencyKey, runCount);
			// A two-phase batch's key never expires.
			store.add(batch, Times.NEVER);
			if (scoped != null) {
				this.createKeys.put(scoped, batch.id, Times.plus(now, Engine.REQUEST_IDEMPOTENCY_TTL));
			}
			return new BatchCreated(batch.id, runCount, false, idempotencyKey);
		});
	}

	/**
	 * Takes streamed items of a two-phase batch (phase 2), in order: each new index is
	 * triggered (or recorded as failed), a repeated one is counted as deduplicated. The
	 * batch is sealed when all its items have arrived. A sealed batch takes nothing more
	 * and answers sealed (a retry of the stream); so does a batch of the batch-trigger
	 * routes.
	 *
	 * <p>
	 * As on the server, a refusal in the middle of the stream keeps the items before it:
	 * 422 "Item index N exceeds batch runCount M"; 422 "Batch {id} not found"; 422
	 * "Invalid batchFriendlyId: {id}" for an id that is not {@code prefix_body}; 422
	 * "Batch {id} is not in PENDING status (current: ABORTED)" for a batch none of whose
	 * items could be triggered.
	 * @param batchId the batch's id
	 * @param items the items, in the order streamed
	 * @return how many items were accepted and deduplicated, and whether the batch is
	 * sealed
	 */
	public BatchItemsResult addItems(String batchId, List<BatchItem> items) {
		Objects.requireNonNull(batchId, "batchId must not be null");
		Objects.requireNonNull(items, "items must not be null");
		String[] parts = batchId.split("_", -1);
		if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
			throw new EngineException(422, "Invalid batchFriendlyId: " + batchId);
		}
		return this.engine.locked(() -> {
			BatchRecord batch = this.engine.batchStore().get(batchId);
			if (batch == null) {
				throw new EngineException(422, "Batch " + batchId + " not found");
			}
			if (batch.sealed) {
				if (batch.status(this.engine.runStore()) == BatchStatus.ABORTED) {
					throw new EngineException(422,
							"Batch " + batchId + " is not in PENDING status (current: " + BatchStatus.ABORTED + ")");
				}
				return new BatchItemsResult(batchId, 0, 0, true, null, null, batch.runCount);
			}
			Instant now = this.engine.horizon();
			int accepted = 0;
			int deduplicated = 0;
			for (BatchItem item : items) {
				if (item.index() < 0 || item.index() >= batch.runCount) {
					throw new EngineException(422,
							"Item index " + item.index() + " exceeds batch runCount " + batch.runCount);
				}
				if (batch.has(item.index())) {
					deduplicated++;
					continue;
				}
				accepted++;
				batch.updatedAt = now;
				TriggerSpec trigger = item.trigger();
				if (trigger == null) {
					batch.fail(new BatchItemError(item.index(), item.task(), Objects.requireNonNull(item.error()),
							item.errorCode()));
					continue;
				}
				try {
					batch.put(item.index(), this.engine.admitItem(trigger, now, batchId).run());
				}
				catch (EngineException ex) {
					batch.fail(new BatchItemError(item.index(), item.task(), String.valueOf(ex.getMessage()),
							TRIGGER_ERROR));
				}
			}
			if (batch.arrived() < batch.runCount) {
				return new BatchItemsResult(batchId, accepted, deduplicated, false, batch.arrived(), batch.runCount,
						batch.runCount);
			}
			batch.sealed = true;
			batch.processingCompletedAt = now;
			batch.updatedAt = now;
			return new BatchItemsResult(batchId, accepted, deduplicated, true, null, null, batch.runCount);
		});
	}

}
