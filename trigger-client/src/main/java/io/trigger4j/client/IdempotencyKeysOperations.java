package io.trigger4j.client;

import io.trigger4j.client.model.tasks.IdempotencyKey;
import io.trigger4j.client.model.tasks.TriggerOptions;
import reactor.core.publisher.Mono;

/**
 * Idempotency keys: resetting a key so that a new trigger with it makes a new run. Obtain
 * from {@link TriggerOperations#idempotencyKeys()}. Keys are made with
 * {@link IdempotencyKeys#create(String...)} or given as text to
 * {@link TriggerOptions.Builder#idempotencyKey(String)}.
 */
public interface IdempotencyKeysOperations {

	/**
	 * Resets a key given as text, so that the next trigger of the task with it makes a
	 * new run. {@code POST /api/v1/idempotencyKeys/{idempotencyKey}/reset} with
	 * {@code {taskIdentifier}}.
	 *
	 * <p>
	 * The key is hashed as a trigger hashes it ({@link IdempotencyKey#of(String...)}). A
	 * key of exactly 64 characters may be a hash or a key that happens to be that long:
	 * it is reset as it is first and, if the server does not know it (404), as its hash,
	 * as the TypeScript SDK does; if neither is known, the first
	 * {@link io.trigger4j.client.error.NotFoundException} is signalled.
	 * @param taskIdentifier the task the key was used with
	 * @param idempotencyKey the key as given to the trigger (at most 2048 characters)
	 * @return completes when the key is reset
	 */
	Mono<Void> reset(String taskIdentifier, String idempotencyKey);

	/**
	 * Resets a key made by {@link IdempotencyKeys#create(String...)}: {@code POST
	 * /api/v1/idempotencyKeys/{hash}/reset} with {@code {taskIdentifier}}.
	 * @param taskIdentifier the task the key was used with
	 * @param idempotencyKey the key
	 * @return completes when the key is reset
	 */
	Mono<Void> reset(String taskIdentifier, IdempotencyKey idempotencyKey);

}
