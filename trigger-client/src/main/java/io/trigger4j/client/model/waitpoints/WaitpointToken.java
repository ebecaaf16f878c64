package io.trigger4j.client.model.waitpoints;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.trigger4j.client.error.TriggerDecodingException;
import io.trigger4j.client.model.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * A waitpoint token, as returned by retrieve ({@code GET
 * /api/v1/waitpoints/tokens/{waitpointId}}) and list ({@code GET
 * /api/v1/waitpoints/tokens}). List items leave out the completion data ({@code output},
 * {@code outputType}, {@code outputIsError}): use retrieve for it.
 *
 * <p>
 * A completed token holds the data it was completed with: read it with
 * {@link #output(Class)}. A timed-out token has the status {@code TIMED_OUT} and holds an
 * error instead ({@link #isTimedOut()}, {@link #error()}); its {@link #output(Class)} is
 * {@code null}.
 *
 * @param id the token id ({@code waitpoint_...})
 * @param status the token's status
 * @param url the callback URL that completes the token without a credential; treat it as
 * a secret ({@link #toString()} masks its hash)
 * @param completedAt when the token was completed or timed out
 * @param timeoutAt when the token times out, if it has a timeout
 * @param completedAfter the server's name for {@code timeoutAt}, kept for completeness
 * @param idempotencyKey the idempotency key it was created with
 * @param idempotencyKeyExpiresAt when that key stops deduplicating
 * @param tags the token's tags
 * @param createdAt when the token was created
 * @param output the completion data as JSON (retrieve only): the JSON the token was
 * completed with (a text completion is a JSON string), the timeout error when
 * {@code outputIsError}, or {@code null} when there is none. The server keeps data as
 * {@code application/json}, {@code application/super+json} (the TypeScript SDK's
 * serialisation; its {@code json} part is taken) or {@code text/plain}; data the server
 * stored elsewhere ({@code application/store}) is not fetched and is {@code null} here
 * @param outputType how the server stored the data, such as {@code application/json}
 * @param outputIsError whether {@code output} is an error (a timeout) rather than data
 */
public record WaitpointToken(String id, WaitpointTokenStatus status, @Nullable String url,
		@Nullable Instant completedAt, @Nullable Instant timeoutAt, @Nullable Instant completedAfter,
		@Nullable String idempotencyKey, @Nullable Instant idempotencyKeyExpiresAt, List<String> tags,
		@Nullable Instant createdAt, @Nullable JsonValue output, @Nullable String outputType, boolean outputIsError) {

	public WaitpointToken {
		Objects.requireNonNull(id, "id must not be null");
		status = (status != null) ? status : WaitpointTokenStatus.of("UNKNOWN");
		tags = (tags != null) ? List.copyOf(tags) : List.of();
	}

	/** Whether the token was completed with data (not timed out). */
	public boolean isCompleted() {
		return this.status.known() == WaitpointTokenStatus.Known.COMPLETED && !this.outputIsError;
	}

	/** Whether the token timed out before it was completed. */
	public boolean isTimedOut() {
		return this.status.known() == WaitpointTokenStatus.Known.TIMED_OUT || this.outputIsError;
	}

	/**
	 * The data the token was completed with, read as the given type; {@code null} when it
	 * has none, is not completed, or timed out (see {@link #error()}).
	 * @throws TriggerDecodingException if the data does not fit the type
	 */
	public <T> @Nullable T output(Class<T> type) {
		Objects.requireNonNull(type, "type must not be null");
		return (this.output != null && !this.outputIsError) ? this.output.as(type) : null;
	}

	/**
	 * The error the token holds instead of data (its timeout), or {@code null} when it
	 * holds none.
	 */
	public @Nullable WaitpointError error() {
		if (!this.outputIsError) {
			return null;
		}
		if (this.output == null || !this.output.isObject()) {
			return new WaitpointError(null, (this.output != null) ? this.output.toString() : null);
		}
		Map<String, Object> error = this.output.asMap();
		return new WaitpointError(text(error.get("code")), text(error.get("message")));
	}

	private static @Nullable String text(@Nullable Object value) {
		return (value != null) ? value.toString() : null;
	}

	@Override
	public String toString() {
		return "WaitpointToken[id=" + this.id + ", status=" + this.status + ", url=" + maskCallbackUrl(this.url)
				+ ", completedAt=" + this.completedAt + ", timeoutAt=" + this.timeoutAt + ", idempotencyKey="
				+ this.idempotencyKey + ", idempotencyKeyExpiresAt=" + this.idempotencyKeyExpiresAt + ", tags="
				+ this.tags + ", createdAt=" + this.createdAt + ", output=" + this.output + ", outputType="
				+ this.outputType + ", outputIsError=" + this.outputIsError + "]";
	}

	/**
	 * A callback URL with its hash (the HMAC that lets anyone holding the URL complete
	 * the token) masked.
	 */
	static @Nullable String maskCallbackUrl(@Nullable String url) {
		if (url == null) {
			return null;
		}
		int callback = url.lastIndexOf("/callback/");
		return (callback >= 0) ? url.substring(0, callback) + "/callback/******" : url;
	}

}
