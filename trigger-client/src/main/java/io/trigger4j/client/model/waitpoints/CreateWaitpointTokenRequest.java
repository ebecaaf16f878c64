package io.trigger4j.client.model.waitpoints;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import io.trigger4j.client.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * What {@code POST /api/v1/waitpoints/tokens} creates: a waitpoint token, with an
 * optional idempotency key, timeout and tags. Immutable; build with {@link #builder()},
 * or use {@link #none()} for a token with no options. Every value is checked when it is
 * set, and a timeout instant again against the client's clock when the token is created,
 * so bad input fails before any request is sent.
 *
 * <pre>{@code
 * CreateWaitpointTokenRequest.builder()
 *     .idempotencyKey("approval-order-1234")
 *     .timeout(Duration.ofHours(24))
 *     .tags("order:1234")
 *     .build();
 * }</pre>
 */
public final class CreateWaitpointTokenRequest {

	private static final CreateWaitpointTokenRequest NONE = builder().build();

	private final @Nullable String idempotencyKey;

	private final @Nullable String idempotencyKeyTtl;

	private final @Nullable String timeout;

	private final @Nullable Instant timeoutAt;

	private final @Nullable List<String> tags;

	private CreateWaitpointTokenRequest(Builder builder) {
		this.idempotencyKey = builder.idempotencyKey;
		this.idempotencyKeyTtl = builder.idempotencyKeyTtl;
		this.timeout = builder.timeout;
		this.timeoutAt = builder.timeoutAt;
		this.tags = builder.tags;
	}

	/**
	 * {@return a token with no idempotency key, no timeout and no tags}
	 */
	public static CreateWaitpointTokenRequest none() {
		return NONE;
	}

	/**
	 * {@return a builder for a request}
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * {@return the idempotency key, sent as given, if set}
	 */
	public @Nullable String idempotencyKey() {
		return this.idempotencyKey;
	}

	/**
	 * {@return how long the idempotency key is kept, such as {@code 1h}, if set}
	 */
	public @Nullable String idempotencyKeyTtl() {
		return this.idempotencyKeyTtl;
	}

	/**
	 * The timeout as sent: a duration such as {@code 1h30m} or an ISO-8601 instant, if
	 * set.
	 * @return the timeout as sent, or {@code null}
	 */
	public @Nullable String timeout() {
		return this.timeout;
	}

	/**
	 * The instant the token times out, when the timeout was set as one with
	 * {@link Builder#timeoutAt(Instant)}; the client checks it is in the future when the
	 * token is created.
	 * @return the instant, or {@code null}
	 */
	public @Nullable Instant timeoutAt() {
		return this.timeoutAt;
	}

	/**
	 * {@return the tags, if set}
	 */
	public @Nullable List<String> tags() {
		return this.tags;
	}

	@Override
	public String toString() {
		return "CreateWaitpointTokenRequest[idempotencyKey=" + this.idempotencyKey + ", idempotencyKeyTtl="
				+ this.idempotencyKeyTtl + ", timeout=" + this.timeout + ", tags=" + this.tags + "]";
	}

	/**
	 * Builds a {@link CreateWaitpointTokenRequest}; each setter checks its argument and
	 * throws on bad input.
	 */
	public static final class Builder {

		private @Nullable String idempotencyKey;

		private @Nullable String idempotencyKeyTtl;

		private @Nullable String timeout;

		private @Nullable Instant timeoutAt;

		private @Nullable List<String> tags;

		private Builder() {
		}

		/**
		 * Deduplicates creation: while the key is kept, creating a token with the same
		 * key returns the first token ({@link CreatedWaitpointToken#isCached()}), even if
		 * it was completed since. At most 2048 characters. Sent as given, not hashed (the
		 * TypeScript SDK does the same for tokens). A request with a key is also safe for
		 * the client to repeat after an ambiguous failure; one without is not repeated.
		 * @param idempotencyKey the idempotency key, sent as given
		 * @return this builder
		 */
		public Builder idempotencyKey(String idempotencyKey) {
			this.idempotencyKey = Checks.requireIdempotencyKey("idempotencyKey", idempotencyKey);
			return this;
		}

		/**
		 * How long the idempotency key is kept: a positive whole number of seconds, sent
		 * in the largest unit that divides it ({@code 30s}, {@code 10m}, {@code 2h},
		 * {@code 7d}).
		 * @param ttl how long the idempotency key is kept
		 * @return this builder
		 */
		public Builder idempotencyKeyTtl(Duration ttl) {
			this.idempotencyKeyTtl = Checks.keyTtl("idempotencyKeyTtl", ttl);
			return this;
		}

		/**
		 * How long the idempotency key is kept, such as {@code 30s}, {@code 10m},
		 * {@code 2h}, {@code 7d} (one number and one unit; the server ignores anything
		 * else).
		 * @param ttl how long the idempotency key is kept
		 * @return this builder
		 */
		public Builder idempotencyKeyTtl(String ttl) {
			this.idempotencyKeyTtl = Checks.requireKeyTtl("idempotencyKeyTtl", ttl);
			return this;
		}

		/**
		 * Times the token out this long after it is created: a positive whole number of
		 * seconds, sent as a duration such as {@code 1h30m}. A run waiting on a timed-out
		 * token resumes with an error.
		 * @param timeout how long after creation the token times out
		 * @return this builder
		 */
		public Builder timeout(Duration timeout) {
			this.timeout = Checks.duration("timeout", timeout);
			this.timeoutAt = null;
			return this;
		}

		/**
		 * Times the token out at this instant, sent as an ISO-8601 date-time. The server
		 * would take an instant already past as no timeout at all, so creating the token
		 * fails before sending when the instant is not after the client's clock then
		 * (this builder has no clock: the check is made at the call). Replaces a
		 * {@link #timeout(Duration)}.
		 * @param timeoutAt when the token times out
		 * @return this builder
		 */
		public Builder timeoutAt(Instant timeoutAt) {
			this.timeout = Checks.instant("timeoutAt", timeoutAt);
			this.timeoutAt = timeoutAt;
			return this;
		}

		/**
		 * Tags for the token, to find it again with
		 * {@link ListWaitpointTokensRequest.Builder#tags(String...)}: at most 10, each at
		 * most 128 characters. Replaces earlier tags.
		 * @param tags the tags
		 * @return this builder
		 */
		public Builder tags(String... tags) {
			Objects.requireNonNull(tags, "tags must not be null");
			return tags(Arrays.asList(tags));
		}

		/**
		 * Tags for the token: at most 10, each at most 128 characters. Replaces earlier
		 * tags.
		 * @param tags the tags
		 * @return this builder
		 */
		public Builder tags(Collection<String> tags) {
			List<String> checked = Checks.requireTags("tags", tags);
			this.tags = checked.isEmpty() ? null : checked;
			return this;
		}

		/**
		 * Builds the immutable request.
		 * @return the request
		 * @throws IllegalStateException if an idempotency key TTL was set without an
		 * idempotency key
		 */
		public CreateWaitpointTokenRequest build() {
			if (this.idempotencyKeyTtl != null && this.idempotencyKey == null) {
				throw new IllegalStateException(
						"idempotencyKeyTtl was set without an idempotencyKey: set idempotencyKey(...) too, or leave the TTL out");
			}
			return new CreateWaitpointTokenRequest(this);
		}

	}

}
