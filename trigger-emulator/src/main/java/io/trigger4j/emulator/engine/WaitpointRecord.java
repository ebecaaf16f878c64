package io.trigger4j.emulator.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One waitpoint token in the engine. Mutable; only touched while holding the engine's
 * lock. Its JSON values are copies made when stored, never changed afterwards.
 */
final class WaitpointRecord {

	final String id;

	final String internalId;

	final Instant createdAt;

	final boolean userProvidedIdempotencyKey;

	final @Nullable Instant idempotencyKeyExpiresAt;

	final @Nullable Instant timeoutAt;

	final List<String> tags;

	/** The key the token is found by: the caller's, or a random one. */
	String idempotencyKey;

	/** The caller's key once it expired and was used again. */
	@Nullable String inactiveIdempotencyKey;

	WaitpointStatus status = WaitpointStatus.WAITING;

	@Nullable Instant completedAt;

	@Nullable JsonNode output;

	boolean outputIsError;

	/** The timeout's timer, while the token waits for it. */
	@Nullable Timer timer;

	/** The runs waiting on the token (some may have moved on since: check theirs). */
	final List<RunRecord> waiters = new ArrayList<>();

	WaitpointRecord(String id, Instant createdAt, String idempotencyKey, boolean userProvidedIdempotencyKey,
			@Nullable Instant idempotencyKeyExpiresAt, @Nullable Instant timeoutAt, List<String> tags) {
		this.id = id;
		this.internalId = id.substring(WaitpointSnapshot.PREFIX.length());
		this.createdAt = createdAt;
		this.idempotencyKey = idempotencyKey;
		this.userProvidedIdempotencyKey = userProvidedIdempotencyKey;
		this.idempotencyKeyExpiresAt = idempotencyKeyExpiresAt;
		this.timeoutAt = timeoutAt;
		this.tags = List.copyOf(tags);
	}

	WaitpointSnapshot snapshot(String callbackHash) {
		return new WaitpointSnapshot(this.id, this.status, this.idempotencyKey, this.userProvidedIdempotencyKey,
				this.inactiveIdempotencyKey, this.idempotencyKeyExpiresAt, this.timeoutAt, this.completedAt,
				this.createdAt, this.tags, this.output, this.outputIsError, callbackHash);
	}

	@Override
	public String toString() {
		return this.id + "[" + this.status + "]";
	}

}
