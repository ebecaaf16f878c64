package io.trigger4j.client;

import java.util.Objects;

import io.trigger4j.client.error.NotFoundException;
import io.trigger4j.client.internal.Checks;
import io.trigger4j.client.model.tasks.IdempotencyKey;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** The {@link IdempotencyKeysOperations} implementation. */
final class DefaultIdempotencyKeysOperations implements IdempotencyKeysOperations {

	private final TriggerHttp http;

	DefaultIdempotencyKeysOperations(TriggerHttp http) {
		this.http = http;
	}

	@Override
	public Mono<Void> reset(String taskIdentifier, String idempotencyKey) {
		Checks.requireId("taskIdentifier", taskIdentifier);
		Checks.requireIdempotencyKey("idempotencyKey", idempotencyKey);
		IdempotencyKey key = IdempotencyKey.of(idempotencyKey);
		if (key.key() != null) {
			return send(taskIdentifier, key.hash());
		}
		// 64 characters: a hash, or a key that long; as the SDK, the key first, then its
		// hash.
		String hash = IdempotencyKey.fromParts(idempotencyKey).hash();
		return send(taskIdentifier, idempotencyKey).onErrorResume(NotFoundException.class,
				(notFound) -> send(taskIdentifier, hash).onErrorMap(NotFoundException.class, (again) -> notFound));
	}

	@Override
	public Mono<Void> reset(String taskIdentifier, IdempotencyKey idempotencyKey) {
		Checks.requireId("taskIdentifier", taskIdentifier);
		Objects.requireNonNull(idempotencyKey, "idempotencyKey must not be null");
		return send(taskIdentifier, idempotencyKey.hash());
	}

	private Mono<Void> send(String taskIdentifier, String sent) {
		return this.http
			.execute(ApiCall.to(Operation.IDEMPOTENCY_KEYS_RESET, sent)
				.body(new ResetBody(taskIdentifier))
				.reading(ResetAnswer.class))
			.then();
	}

	/** The body: the task the key belongs to. */
	record ResetBody(String taskIdentifier) {
	}

	/** The answer: {@code {id}}. */
	record ResetAnswer(@Nullable String id) {
	}

}
