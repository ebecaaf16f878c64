package io.trigger4j.emulator.engine;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The batches, by id, and their idempotency keys. Only touched while holding the engine's
 * lock.
 *
 * <p>
 * As on the server (a unique key per environment on {@code BatchTaskRun}), a key belongs
 * to at most one batch, whichever route created it; it has an expiry (never, for a
 * two-phase batch and the one-task batch route). A batch-trigger route answers the batch
 * holding a live key, and takes an expired key over; a two-phase create is refused while
 * any batch holds the key.
 *
 * <p>
 * A batch is kept until every run it created has been evicted over the engine's retention
 * bound; then it goes with them, its key with it ({@link #remove}).
 */
final class BatchStore {

	private final Map<String, BatchRecord> batches = new HashMap<>();

	/** The batch holding each key, and until when. */
	private final Map<String, KeyHolder> byKey = new HashMap<>();

	/**
	 * Adds a batch; its idempotency key, if any, is held by it until {@code keyExpiresAt}
	 * ({@link Times#NEVER} for ever).
	 */
	void add(BatchRecord batch, Instant keyExpiresAt) {
		this.batches.put(batch.id, batch);
		if (batch.idempotencyKey != null) {
			this.byKey.put(batch.idempotencyKey, new KeyHolder(batch.id, keyExpiresAt));
		}
	}

	/** Forgets a batch, and its idempotency key if it still holds it. */
	void remove(BatchRecord batch) {
		this.batches.remove(batch.id);
		if (batch.idempotencyKey != null) {
			KeyHolder holder = this.byKey.get(batch.idempotencyKey);
			if (holder != null && holder.batchId().equals(batch.id)) {
				this.byKey.remove(batch.idempotencyKey);
			}
		}
	}

	@Nullable BatchRecord get(String id) {
		return this.batches.get(id);
	}

	/**
	 * The batch holding a key that has not expired (the server's
	 * {@code idempotencyKeyExpiresAt < now} is expired), or {@code null}. An expired key
	 * is let go: its batch no longer holds it.
	 */
	@Nullable BatchRecord liveByKey(String idempotencyKey, Instant now) {
		KeyHolder holder = this.byKey.get(idempotencyKey);
		if (holder == null) {
			return null;
		}
		if (holder.expiresAt().isBefore(now)) {
			this.byKey.remove(idempotencyKey);
			return null;
		}
		return this.batches.get(holder.batchId());
	}

	/** Whether any batch holds this idempotency key, expired or not. */
	boolean hasKey(String idempotencyKey) {
		return this.byKey.containsKey(idempotencyKey);
	}

	/** Forgets every batch and key. */
	void clear() {
		this.batches.clear();
		this.byKey.clear();
	}

	int size() {
		return this.batches.size();
	}

	private record KeyHolder(String batchId, Instant expiresAt) {
	}

}
