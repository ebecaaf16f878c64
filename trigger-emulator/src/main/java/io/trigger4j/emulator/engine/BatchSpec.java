package io.trigger4j.emulator.engine;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A batch trigger.
 *
 * @param route which batch route it came from ({@code v1}: one task, {@code v2}: many);
 * an idempotency key is the environment's, whichever route uses it
 * @param items the triggers, in order
 * @param idempotencyKey the batch's idempotency key, or {@code null}
 * @param idempotencyKeyTtl how long the batch key is kept; {@code null} for ever
 */
public record BatchSpec(String route, List<TriggerSpec> items, @Nullable String idempotencyKey,
		@Nullable Duration idempotencyKeyTtl) {

	/**
	 * Copies the items.
	 * @param route which batch route it came from ({@code v1}: one task, {@code v2}:
	 * many); an idempotency key is the environment's, whichever route uses it
	 * @param items the triggers, in order
	 * @param idempotencyKey the batch's idempotency key, or {@code null}
	 * @param idempotencyKeyTtl how long the batch key is kept; {@code null} for ever
	 */
	public BatchSpec {
		items = List.copyOf(items);
	}

}
