package io.trigger4j.emulator.engine;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A waitpoint token as it was when the snapshot was taken. Immutable.
 *
 * @param id the friendly id, {@code waitpoint_...}
 * @param status the status
 * @param idempotencyKey the token's key: the caller's, else a random one, as the server
 * stores it; once the caller's key expires (and was used again) a random one
 * @param userProvidedIdempotencyKey whether the caller gave a key
 * @param inactiveIdempotencyKey the caller's key after it expired and was used again, or
 * {@code null}
 * @param idempotencyKeyExpiresAt when the caller's key expires, or {@code null}
 * @param timeoutAt when the token times out, or {@code null}
 * @param completedAt when it completed or timed out, or {@code null}
 * @param createdAt when it was created
 * @param tags its tags, as sent
 * @param output the completion data as sent ({@code null} for none; a JSON {@code null}
 * is a value), or for a timed-out token the error
 * {@code {"code":"TRIGGER_WAITPOINT_TIMEOUT","message":"Waitpoint timed out at ..."}}
 * @param outputIsError whether the output is the timeout error
 * @param callbackHash the hash of the callback URL: hex HMAC-SHA256 of the internal id
 * keyed with the environment's API key
 */
public record WaitpointSnapshot(String id, WaitpointStatus status, String idempotencyKey,
		boolean userProvidedIdempotencyKey, @Nullable String inactiveIdempotencyKey,
		@Nullable Instant idempotencyKeyExpiresAt, @Nullable Instant timeoutAt, @Nullable Instant completedAt,
		Instant createdAt, List<String> tags, @Nullable JsonNode output, boolean outputIsError, String callbackHash) {

	/** The prefix of the friendly id. */
	public static final String PREFIX = "waitpoint_";

	/**
	 * Copies the tags.
	 * @param id the friendly id, {@code waitpoint_...}
	 * @param status the status
	 * @param idempotencyKey the token's key: the caller's, else a random one, as the
	 * server stores it; once the caller's key expires (and was used again) a random one
	 * @param userProvidedIdempotencyKey whether the caller gave a key
	 * @param inactiveIdempotencyKey the caller's key after it expired and was used again,
	 * or {@code null}
	 * @param idempotencyKeyExpiresAt when the caller's key expires, or {@code null}
	 * @param timeoutAt when the token times out, or {@code null}
	 * @param completedAt when it completed or timed out, or {@code null}
	 * @param createdAt when it was created
	 * @param tags its tags, as sent
	 * @param output the completion data as sent ({@code null} for none; a JSON
	 * {@code null} is a value), or for a timed-out token the error
	 * {@code {"code":"TRIGGER_WAITPOINT_TIMEOUT","message":"Waitpoint timed out at ..."}}
	 * @param outputIsError whether the output is the timeout error
	 * @param callbackHash the hash of the callback URL: hex HMAC-SHA256 of the internal
	 * id keyed with the environment's API key
	 */
	public WaitpointSnapshot {
		tags = List.copyOf(tags);
	}

	/**
	 * {@return the internal id: the friendly id without its {@value #PREFIX} prefix, as
	 * the list's cursors carry it}
	 */
	public String internalId() {
		return this.id.substring(PREFIX.length());
	}

	/**
	 * {@return the timeout error's message, or {@code null} unless the token timed out}
	 */
	public @Nullable String errorMessage() {
		return (this.outputIsError && this.output != null) ? this.output.path("message").asString(null) : null;
	}

	/**
	 * The same snapshot with a copy of the output, for code that may change it (a step
	 * function): the stored output must not change.
	 */
	WaitpointSnapshot withOutputCopy() {
		if (this.output == null) {
			return this;
		}
		return new WaitpointSnapshot(this.id, this.status, this.idempotencyKey, this.userProvidedIdempotencyKey,
				this.inactiveIdempotencyKey, this.idempotencyKeyExpiresAt, this.timeoutAt, this.completedAt,
				this.createdAt, this.tags, this.output.deepCopy(), this.outputIsError, this.callbackHash);
	}

}
