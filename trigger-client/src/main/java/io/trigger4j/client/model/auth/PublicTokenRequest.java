package io.trigger4j.client.model.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import io.trigger4j.client.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * What a public access token grants and how long it lives, for
 * {@code AuthOperations.createPublicToken}. Immutable; build with {@link #builder()}, or
 * use {@link #of(Scopes)}, {@link #forTrigger(String, String...)} or
 * {@link #forBatchTrigger(String, String...)}. A token expires 15 minutes after it is
 * minted unless {@link Builder#expiresIn(Duration)} or {@link Builder#expiresAt(Instant)}
 * says otherwise.
 *
 * <pre>{@code
 * PublicTokenRequest.builder()
 *     .scopes(Scopes.builder().read(ScopeResource.RUNS, runId).build())
 *     .expiresIn(Duration.ofHours(1))
 *     .build();
 * }</pre>
 */
public final class PublicTokenRequest {

	/** How long a token lives unless the request says otherwise, as in the SDK. */
	public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(15);

	private final @Nullable Scopes scopes;

	private final @Nullable Duration expiresIn;

	private final @Nullable Instant expiresAt;

	private final @Nullable Boolean oneTimeUse;

	private final @Nullable List<String> skipColumns;

	private PublicTokenRequest(Builder builder) {
		this.scopes = builder.scopes;
		this.expiresIn = builder.expiresIn;
		this.expiresAt = builder.expiresAt;
		this.oneTimeUse = builder.oneTimeUse;
		this.skipColumns = builder.skipColumns;
	}

	/**
	 * {@return a builder for a request}
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * {@return a token granting these scopes for 15 minutes}
	 * @param scopes what the token grants
	 */
	public static PublicTokenRequest of(Scopes scopes) {
		return builder().scopes(scopes).build();
	}

	/**
	 * A one-time-use token that triggers one of these tasks once
	 * ({@code trigger:tasks:<id>}), as the SDK's {@code auth.createTriggerPublicToken}.
	 * Use {@link #toBuilder()} to change its lifetime or allow more uses.
	 * @param task the identifier of a task it may trigger
	 * @param moreTasks more tasks' identifiers
	 * @return the request
	 */
	public static PublicTokenRequest forTrigger(String task, String... moreTasks) {
		return builder().scopes(Scopes.builder().trigger(ScopeResource.TASKS, task, moreTasks).build())
			.oneTimeUse(true)
			.build();
	}

	/**
	 * A one-time-use token that batch-triggers these tasks once
	 * ({@code batchTrigger:tasks:<id>}), as the SDK's
	 * {@code auth.createBatchTriggerPublicToken}.
	 * @param task the identifier of a task it may batch-trigger
	 * @param moreTasks more tasks' identifiers
	 * @return the request
	 */
	public static PublicTokenRequest forBatchTrigger(String task, String... moreTasks) {
		return builder().scopes(Scopes.builder().batchTrigger(ScopeResource.TASKS, task, moreTasks).build())
			.oneTimeUse(true)
			.build();
	}

	/**
	 * A builder holding this request's values.
	 * @return this builder
	 */
	public Builder toBuilder() {
		Builder builder = new Builder();
		builder.scopes = this.scopes;
		builder.expiresIn = this.expiresIn;
		builder.expiresAt = this.expiresAt;
		builder.oneTimeUse = this.oneTimeUse;
		builder.skipColumns = this.skipColumns;
		return builder;
	}

	/**
	 * The scopes, or {@code null} when none were given: the token then carries no
	 * {@code scopes} claim (a root secret key only; a key with {@code _sk_} needs
	 * scopes).
	 * @return the scopes, or {@code null}
	 */
	public @Nullable Scopes scopes() {
		return this.scopes;
	}

	/**
	 * {@return how long after minting the token expires, if set}
	 */
	public @Nullable Duration expiresIn() {
		return this.expiresIn;
	}

	/**
	 * {@return when the token expires, if set as an instant}
	 */
	public @Nullable Instant expiresAt() {
		return this.expiresAt;
	}

	/**
	 * Whether the token can be used once only (claim {@code otu}), if set; the server
	 * honours it on trigger routes.
	 * @return whether the token can be used once only, or {@code null}
	 */
	public @Nullable Boolean oneTimeUse() {
		return this.oneTimeUse;
	}

	/**
	 * {@return the run columns a realtime subscription with this token leaves out, if
	 * set}
	 */
	public @Nullable List<String> skipColumns() {
		return this.skipColumns;
	}

	@Override
	public String toString() {
		return "PublicTokenRequest[scopes=" + this.scopes + ", expiresIn=" + this.expiresIn + ", expiresAt="
				+ this.expiresAt + ", oneTimeUse=" + this.oneTimeUse + ", skipColumns=" + this.skipColumns + "]";
	}

	/** Builds a {@link PublicTokenRequest}; each setter checks its argument. */
	public static final class Builder {

		private @Nullable Scopes scopes;

		private @Nullable Duration expiresIn;

		private @Nullable Instant expiresAt;

		private @Nullable Boolean oneTimeUse;

		private @Nullable List<String> skipColumns;

		private Builder() {
		}

		/**
		 * What the token grants; {@link Scopes#none()} grants nothing.
		 * @param scopes what the token grants
		 * @return this builder
		 */
		public Builder scopes(Scopes scopes) {
			this.scopes = Objects.requireNonNull(scopes, "scopes must not be null");
			return this;
		}

		/**
		 * The token expires this long after it is minted: a positive whole number of
		 * seconds. Replaces {@link #expiresAt(Instant)}.
		 * @param expiresIn how long after minting the token expires
		 * @return this builder
		 */
		public Builder expiresIn(Duration expiresIn) {
			this.expiresIn = Checks.requirePositiveWholeSeconds("expiresIn", expiresIn);
			this.expiresAt = null;
			return this;
		}

		/**
		 * The token expires at this instant (whole seconds; checked to be in the future
		 * when the token is minted). Replaces {@link #expiresIn(Duration)}.
		 * @param expiresAt when the token expires
		 * @return this builder
		 */
		public Builder expiresAt(Instant expiresAt) {
			this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt must not be null");
			this.expiresIn = null;
			return this;
		}

		/**
		 * Whether the token can be used once only.
		 * @param oneTimeUse whether the token can be used once only
		 * @return this builder
		 */
		public Builder oneTimeUse(boolean oneTimeUse) {
			this.oneTimeUse = oneTimeUse;
			return this;
		}

		/**
		 * Run columns that realtime subscriptions with this token leave out, such as
		 * {@code payload} and {@code output}.
		 * @param columns the columns' names
		 * @return this builder
		 */
		public Builder skipColumns(String... columns) {
			Objects.requireNonNull(columns, "columns must not be null");
			for (int i = 0; i < columns.length; i++) {
				Checks.requireText("columns[" + i + "]", columns[i]);
			}
			this.skipColumns = List.copyOf(Arrays.asList(columns));
			return this;
		}

		/**
		 * {@return the request}
		 */
		public PublicTokenRequest build() {
			return new PublicTokenRequest(this);
		}

	}

}
