package io.trigger4j.client.model.batches;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

import io.trigger4j.client.internal.Checks;
import io.trigger4j.client.model.tasks.IdempotencyKey;
import org.jspecify.annotations.Nullable;

/**
 * Options for a whole batch trigger: an idempotency key that makes repeating the batch
 * return the same batch (and the call safe to retry), its TTL, and the processing
 * strategy. Immutable.
 *
 * <p>
 * The key is sent as the official TypeScript SDK sends it (see {@link IdempotencyKey}):
 * hashed, with the text as {@code idempotencyKeyOptions} on the two-phase route. Each
 * item without its own key gets the key the SDK derives for it,
 * {@link IdempotencyKey#item(long) hash([batchKey, index])}, so a repeated batch never
 * makes a second run of an item; an item without its own key TTL takes the batch's.
 *
 * @param idempotencyKey deduplicates the batch and, through derived keys, its items
 * @param idempotencyKeyTtl how long the keys are kept, such as {@code 1h}; also the TTL
 * of item keys that have none
 * @param processingStrategy how the server processes the items (only the multi-task batch
 * of at most 500 items)
 */
public record BatchOptions(@Nullable IdempotencyKey idempotencyKey, @Nullable String idempotencyKeyTtl,
		@Nullable ProcessingStrategy processingStrategy) {

	private static final BatchOptions NONE = new BatchOptions(null, null, null);

	/**
	 * Checks the idempotency key TTL.
	 * @param idempotencyKey deduplicates the batch and, through derived keys, its items
	 * @param idempotencyKeyTtl how long the keys are kept, such as {@code 1h}; also the
	 * TTL of item keys that have none
	 * @param processingStrategy how the server processes the items (only the multi-task
	 * batch of at most 500 items)
	 * @throws IllegalArgumentException if the TTL is not in the server's grammar
	 */
	public BatchOptions {
		if (idempotencyKeyTtl != null) {
			Checks.requireKeyTtl("idempotencyKeyTtl", idempotencyKeyTtl);
		}
	}

	/**
	 * {@return batch options that set nothing}
	 */
	public static BatchOptions none() {
		return NONE;
	}

	/**
	 * Options with an idempotency key given as text (at most 2048 characters), hashed
	 * when sent as {@link IdempotencyKey#of(String...)} describes; a key of 64 characters
	 * is taken as already hashed.
	 * @param idempotencyKey the key as text
	 * @return the options
	 */
	public static BatchOptions idempotent(String idempotencyKey) {
		Checks.requireIdempotencyKey("idempotencyKey", idempotencyKey);
		return new BatchOptions(IdempotencyKey.of(idempotencyKey), null, null);
	}

	/**
	 * Options with an idempotency key made by {@code IdempotencyKeys.create(parts)}.
	 * @param idempotencyKey the key
	 * @return the options
	 */
	public static BatchOptions idempotent(IdempotencyKey idempotencyKey) {
		return new BatchOptions(Objects.requireNonNull(idempotencyKey, "idempotencyKey must not be null"), null, null);
	}

	/**
	 * {@return a copy with the idempotency key's TTL}
	 * @param ttl how long the idempotency key is kept
	 */
	public BatchOptions withIdempotencyKeyTtl(Duration ttl) {
		return new BatchOptions(this.idempotencyKey, Checks.keyTtl("idempotencyKeyTtl", ttl), this.processingStrategy);
	}

	/**
	 * {@return a copy with the processing strategy}
	 * @param strategy the processing strategy
	 */
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

		/**
		 * {@return the header value, such as {@code parallel}}
		 */
		public String value() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
