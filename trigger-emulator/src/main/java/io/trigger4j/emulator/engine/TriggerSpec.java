package io.trigger4j.emulator.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One trigger, every value already parsed and validated by the api layer: the engine
 * reads no request JSON. The payload, context and metadata are plain JSON values the
 * engine stores as they are and never changes.
 *
 * @param task the task identifier
 * @param payload the payload as plain JSON (after the payload type was decoded), or
 * {@code null}
 * @param tags the tags, blank ones and repeats already dropped
 * @param metadata the metadata object, or {@code null}
 * @param ttl how long the run may wait to start, counted from when it is queued;
 * {@code null} for the default (10 minutes, as on dev)
 * @param ttlText the TTL as the run shows it, such as {@code 1h42m}; {@code null} for the
 * default's {@code 10m}
 * @param delayUntil when a delayed run is queued; {@code null} or a past instant for no
 * delay
 * @param maxAttempts the most attempts, or {@code null} for the task's
 * @param queue the queue name, or {@code null} for the task's queue
 * @param machine the machine preset, or {@code null}
 * @param test whether it is a test run
 * @param idempotencyKey the idempotency key, or {@code null}
 * @param idempotencyKeyTtl how long the key is kept; {@code null} for 30 days
 * @param requestKey the request idempotency key
 * ({@code x-trigger-request-idempotency-key}), or {@code null}
 * @param triggerFunction {@code trigger} or {@code batchTrigger}
 * @param queueConcurrencyLimit the concurrency limit given with a custom queue, or
 * {@code null}
 * @param scheduleId the schedule firing the run, or {@code null}
 * @param idempotencyKeyOptions the user's key and scope the official SDK sends beside the
 * hashed {@code idempotencyKey} ({@code options.idempotencyKeyOptions}), or {@code null}
 * @param payloadPacket the storage path of an offloaded payload (a trigger with
 * {@code payloadType: "application/store"}), whose stored packet {@code payload} holds,
 * or {@code null} for an inline payload
 */
public record TriggerSpec(String task, @Nullable JsonNode payload, List<String> tags, @Nullable JsonNode metadata,
		@Nullable Duration ttl, @Nullable String ttlText, @Nullable Instant delayUntil, @Nullable Integer maxAttempts,
		@Nullable String queue, @Nullable String machine, boolean test, @Nullable String idempotencyKey,
		@Nullable Duration idempotencyKeyTtl, @Nullable String requestKey, String triggerFunction,
		@Nullable Integer queueConcurrencyLimit, @Nullable String scheduleId,
		@Nullable KeyOptions idempotencyKeyOptions, @Nullable String payloadPacket) {

	/**
	 * Checks that the task and trigger function are present and copies the tags.
	 * @param task the task identifier
	 * @param payload the payload as plain JSON (after the payload type was decoded), or
	 * {@code null}
	 * @param tags the tags, blank ones and repeats already dropped
	 * @param metadata the metadata object, or {@code null}
	 * @param ttl how long the run may wait to start, counted from when it is queued;
	 * {@code null} for the default (10 minutes, as on dev)
	 * @param ttlText the TTL as the run shows it, such as {@code 1h42m}; {@code null} for
	 * the default's {@code 10m}
	 * @param delayUntil when a delayed run is queued; {@code null} or a past instant for
	 * no delay
	 * @param maxAttempts the most attempts, or {@code null} for the task's
	 * @param queue the queue name, or {@code null} for the task's queue
	 * @param machine the machine preset, or {@code null}
	 * @param test whether it is a test run
	 * @param idempotencyKey the idempotency key, or {@code null}
	 * @param idempotencyKeyTtl how long the key is kept; {@code null} for 30 days
	 * @param requestKey the request idempotency key
	 * ({@code x-trigger-request-idempotency-key}), or {@code null}
	 * @param triggerFunction {@code trigger} or {@code batchTrigger}
	 * @param queueConcurrencyLimit the concurrency limit given with a custom queue, or
	 * {@code null}
	 * @param scheduleId the schedule firing the run, or {@code null}
	 * @param idempotencyKeyOptions the user's key and scope the official SDK sends beside
	 * the hashed {@code idempotencyKey} ({@code options.idempotencyKeyOptions}), or
	 * {@code null}
	 * @param payloadPacket the storage path of an offloaded payload (a trigger with
	 * {@code payloadType: "application/store"}), whose stored packet {@code payload}
	 * holds, or {@code null} for an inline payload
	 */
	public TriggerSpec {
		Objects.requireNonNull(task, "task must not be null");
		tags = List.copyOf(tags);
		Objects.requireNonNull(triggerFunction, "triggerFunction must not be null");
	}

	/**
	 * A trigger without idempotency key options and with an inline payload.
	 * @param task the task identifier
	 * @param payload the payload as plain JSON (after the payload type was decoded), or
	 * {@code null}
	 * @param tags the tags, blank ones and repeats already dropped
	 * @param metadata the metadata object, or {@code null}
	 * @param ttl how long the run may wait to start, counted from when it is queued;
	 * {@code null} for the default (10 minutes, as on dev)
	 * @param ttlText the TTL as the run shows it, such as {@code 1h42m}; {@code null} for
	 * the default's {@code 10m}
	 * @param delayUntil when a delayed run is queued; {@code null} or a past instant for
	 * no delay
	 * @param maxAttempts the most attempts, or {@code null} for the task's
	 * @param queue the queue name, or {@code null} for the task's queue
	 * @param machine the machine preset, or {@code null}
	 * @param test whether it is a test run
	 * @param idempotencyKey the idempotency key, or {@code null}
	 * @param idempotencyKeyTtl how long the key is kept; {@code null} for 30 days
	 * @param requestKey the request idempotency key
	 * ({@code x-trigger-request-idempotency-key}), or {@code null}
	 * @param triggerFunction {@code trigger} or {@code batchTrigger}
	 * @param queueConcurrencyLimit the concurrency limit given with a custom queue, or
	 * {@code null}
	 * @param scheduleId the schedule firing the run, or {@code null}
	 */
	public TriggerSpec(String task, @Nullable JsonNode payload, List<String> tags, @Nullable JsonNode metadata,
			@Nullable Duration ttl, @Nullable String ttlText, @Nullable Instant delayUntil,
			@Nullable Integer maxAttempts, @Nullable String queue, @Nullable String machine, boolean test,
			@Nullable String idempotencyKey, @Nullable Duration idempotencyKeyTtl, @Nullable String requestKey,
			String triggerFunction, @Nullable Integer queueConcurrencyLimit, @Nullable String scheduleId) {
		this(task, payload, tags, metadata, ttl, ttlText, delayUntil, maxAttempts, queue, machine, test, idempotencyKey,
				idempotencyKeyTtl, requestKey, triggerFunction, queueConcurrencyLimit, scheduleId, null, null);
	}

	/**
	 * The user's idempotency key as the official SDK describes its hash
	 * ({@code idempotencyKeyOptions}).
	 *
	 * @param key the key parts joined with {@code -}
	 * @param scope {@code run}, {@code attempt} or {@code global}
	 */
	public record KeyOptions(String key, String scope) {

		/**
		 * Checks that the key and scope are present.
		 * @param key the key parts joined with {@code -}
		 * @param scope {@code run}, {@code attempt} or {@code global}
		 */
		public KeyOptions {
			Objects.requireNonNull(key, "key must not be null");
			Objects.requireNonNull(scope, "scope must not be null");
		}

	}

}
