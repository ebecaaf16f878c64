package io.trigger4j.client.model.batches;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

import io.trigger4j.client.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * Options for a whole batch trigger: an idempotency key (the {@code idempotency-key}
 * header) that makes repeating the batch return the same batch, its TTL, and the
 * processing strategy. Immutable.
 *
 * @param idempotencyKey deduplicates the batch; also makes it safe for trigger4j to retry
 * @param idempotencyKeyTtl how long the key is kept, such as {@code 1h} (only the
 * multi-task batch honours it)
 * @param processingStrategy how the server processes the items (only the multi-task
 * batch)
 */
public record BatchOptions(@Nullable String idempotencyKey, @Nullable String idempotencyKeyTtl,
		@Nullable ProcessingStrategy processingStrategy) {

	private static final BatchOptions NONE = new BatchOptions(null, null, null);

	public BatchOptions {
		if (idempotencyKey != null) {
			Checks.requireIdempotencyKey("idempotencyKey", idempotencyKey);
		}
		if (idempotencyKeyTtl != null) {
			Checks.requireKeyTtl("idempotencyKeyTtl", idempotencyKeyTtl);
		}
	}

	/** No batch options. */
	public static BatchOptions none() {
		return NONE;
	}

	/** Options with an idempotency key. */
	public static BatchOptions idempotent(String idempotencyKey) {
		return new BatchOptions(idempotencyKey, null, null);
	}

	/** A copy with the idempotency key's TTL. */
	public BatchOptions withIdempotencyKeyTtl(Duration ttl) {
		return new BatchOptions(this.idempotencyKey, Checks.keyTtl("idempotencyKeyTtl", ttl), this.processingStrategy);
	}

	/** A copy with the processing strategy. */
	public BatchOptions withProcessingStrategy(ProcessingStrategy strategy) {
		return new BatchOptions(this.idempotencyKey, this.idempotencyKeyTtl,
				Objects.requireNonNull(strategy, "strategy must not be null"));
	}

	/**
	 * How the server processes a batch's items ({@code batch-processing-strategy}
	 * header).
	 */
	public enum ProcessingStrategy {

		/** One item after another. */
		SEQUENTIAL,
		/** Items in parallel. */
		PARALLEL;

		/** The header value, such as {@code parallel}. */
		public String value() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
