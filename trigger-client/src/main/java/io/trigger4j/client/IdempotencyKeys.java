package io.trigger4j.client;

import io.trigger4j.client.model.tasks.IdempotencyKey;
import io.trigger4j.client.model.tasks.TriggerOptions;

/**
 * Idempotency keys made as the official TypeScript SDK's {@code idempotencyKeys.create}
 * makes them outside a task, so that a key made here for a business key deduplicates
 * against the same key made by a TypeScript service:
 *
 * <pre class="code">
 * IdempotencyKey key = IdempotencyKeys.create("order", orderId);
 * trigger.tasks().trigger("ship-order", payload, TriggerOptions.builder().idempotencyKey(key).build());
 * </pre>
 *
 * A key given to {@link TriggerOptions.Builder#idempotencyKey(String)} as text is hashed
 * the same way when sent; resetting a key is
 * {@link IdempotencyKeysOperations#reset(String, IdempotencyKey)}.
 */
public final class IdempotencyKeys {

	private IdempotencyKeys() {
	}

	/**
	 * A key from its parts: {@code sha256_hex(parts.join("-"))}, sent with the joined
	 * text as {@code idempotencyKeyOptions: {key, scope: "run"}}. Byte for byte the hash
	 * {@code idempotencyKeys.create(parts)} makes outside a task (where every scope adds
	 * nothing).
	 * @param parts one or more parts, such as {@code "order", "42"}
	 * @return the key
	 * @throws IllegalArgumentException if there is no part, or a part is null
	 */
	public static IdempotencyKey create(String... parts) {
		return IdempotencyKey.fromParts(parts);
	}

}
