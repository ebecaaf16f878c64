package io.trigger4j.client.model.waitpoints;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.trigger4j.client.error.TriggerDecodingException;
import io.trigger4j.client.internal.MediaTypes;
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
 * <p>
 * Data the server stored apart because it was large ({@code outputType}
 * {@code application/store}) is not fetched: {@link #output()}, {@link #output(Class)}
 * and {@link #error()} then fail with a {@link TriggerDecodingException} rather than
 * return {@code null}, which would read as "no data".
 *
 * @param id the token id ({@code waitpoint_...})
 * @param status the token's status; a token the server sent without one has the status
 * {@code UNKNOWN} (as {@code Run} does)
 * @param url the callback URL that completes the token without a credential; treat it as
 * a secret ({@link #toString()} masks its hash)
 * @param completedAt when the token was completed or timed out
 * @param timeoutAt when the token times out, if it has a timeout (the server also sends
 * it as {@code completedAfter}, the same value)
 * @param idempotencyKey the idempotency key it was created with
 * @param idempotencyKeyExpiresAt when that key stops deduplicating
 * @param tags the token's tags
 * @param createdAt when the token was created
 * @param output the completion data as JSON (retrieve only): the JSON the token was
 * completed with (a text completion is a JSON string), the timeout error when
 * {@code outputIsError}, or {@code null} when there is none. The server keeps data as
 * {@code application/json}, {@code application/super+json} (the TypeScript SDK's
 * serialisation; its {@code json} part is taken) or {@code text/plain}; for data the
 * server stored apart ({@code application/store}) the accessor fails (see above)
 * @param outputType how the server stored the data, such as {@code application/json}
 * (compared by type and subtype, parameters such as {@code charset} ignored)
 * @param outputIsError whether {@code output} is an error (a timeout) rather than data
 */
public record WaitpointToken(String id, WaitpointTokenStatus status, @Nullable String url,
		@Nullable Instant completedAt, @Nullable Instant timeoutAt, @Nullable String idempotencyKey,
		@Nullable Instant idempotencyKeyExpiresAt, List<String> tags, @Nullable Instant createdAt,
		@Nullable JsonValue output, @Nullable String outputType, boolean outputIsError) {

	/**
	 * Checks that the id is present; a missing status gives {@code UNKNOWN} and missing
	 * tags an empty list.
	 * @param id the token id ({@code waitpoint_...})
	 * @param status the token's status; a token the server sent without one has the
	 * status {@code UNKNOWN} (as {@code Run} does)
	 * @param url the callback URL that completes the token without a credential; treat it
	 * as a secret ({@link #toString()} masks its hash)
	 * @param completedAt when the token was completed or timed out
	 * @param timeoutAt when the token times out, if it has a timeout (the server also
	 * sends it as {@code completedAfter}, the same value)
	 * @param idempotencyKey the idempotency key it was created with
	 * @param idempotencyKeyExpiresAt when that key stops deduplicating
	 * @param tags the token's tags
	 * @param createdAt when the token was created
	 * @param output the completion data as JSON (retrieve only): the JSON the token was
	 * completed with (a text completion is a JSON string), the timeout error when
	 * {@code outputIsError}, or {@code null} when there is none. The server keeps data as
	 * {@code application/json}, {@code application/super+json} (the TypeScript SDK's
	 * serialisation; its {@code json} part is taken) or {@code text/plain}; for data the
	 * server stored apart ({@code application/store}) the accessor fails (see above)
	 * @param outputType how the server stored the data, such as {@code application/json}
	 * (compared by type and subtype, parameters such as {@code charset} ignored)
	 * @param outputIsError whether {@code output} is an error (a timeout) rather than
	 * data
	 */
	public WaitpointToken {
		Objects.requireNonNull(id, "id must not be null");
		status = (status != null) ? status : WaitpointTokenStatus.of("UNKNOWN");
		tags = (tags != null) ? List.copyOf(tags) : List.of();
	}

	/**
	 * {@return whether the token was completed with data (not timed out)}
	 */
	public boolean isCompleted() {
		return this.status.known() == WaitpointTokenStatus.Known.COMPLETED && !this.outputIsError;
	}

	/**
	 * {@return whether the token timed out before it was completed}
	 */
	public boolean isTimedOut() {
		return this.status.known() == WaitpointTokenStatus.Known.TIMED_OUT || this.outputIsError;
	}

	/**
	 * The completion data as JSON (retrieve only), or {@code null} when there is none.
	 * @return the completion data, or {@code null}
	 * @throws TriggerDecodingException if the server stored the data apart
	 * ({@code application/store}): trigger4j does not fetch it
	 */
	@Override
	public @Nullable JsonValue output() {
		requireInline();
		return this.output;
	}

	/**
	 * The data the token was completed with, read as the given type; {@code null} when it
	 * has none, is not completed, or timed out (see {@link #error()}).
	 * @param <T> the type to decode into
	 * @param type the class to decode into
	 * @return the data, or {@code null}
	 * @throws TriggerDecodingException if the data does not fit the type, or the server
	 * stored it apart ({@code application/store})
	 */
	public <T> @Nullable T output(Class<T> type) {
		Objects.requireNonNull(type, "type must not be null");
		if (this.output == null || this.outputIsError) {
			return null;
		}
		requireInline();
		return this.output.as(type);
	}

	/**
	 * The error the token holds instead of data (its timeout), or {@code null} when it
	 * holds none.
	 * @return the error, or {@code null}
	 * @throws TriggerDecodingException if the server stored the error apart
	 * ({@code application/store})
	 */
	public @Nullable WaitpointError error() {
		if (!this.outputIsError) {
			return null;
		}
		requireInline();
		if (this.output == null || !this.output.isObject()) {
			return new WaitpointError(null, (this.output != null) ? this.output.toString() : null);
		}
		Map<String, Object> error = this.output.asMap();
		return new WaitpointError(text(error.get("code")), text(error.get("message")));
	}

	/**
	 * Fails when the data was stored apart: the output then holds its storage path, not
	 * the data.
	 */
	private void requireInline() {
		if (this.output != null && MediaTypes.isStore(this.outputType)) {
			String path = (this.output.as(Object.class) instanceof String text) ? text : this.output.toString();
			throw new TriggerDecodingException("The data of waitpoint token " + this.id
					+ " was stored apart by the server (outputType " + this.outputType + ", storage path '" + path
					+ "') and trigger4j does not fetch it; the TypeScript SDK downloads it through "
					+ "GET /api/v1/packets/{path}");
		}
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
