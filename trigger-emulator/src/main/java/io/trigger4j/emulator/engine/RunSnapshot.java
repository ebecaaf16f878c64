package io.trigger4j.emulator.engine;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * An immutable view of a run at one instant, handed to the api layer. Its JSON values are
 * never changed by the engine once stored.
 *
 * @param id the run id
 * @param taskIdentifier the task
 * @param version the deployment version the run got, or {@code null} for an undeclared
 * task
 * @param state the internal state
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param startedAt when its first attempt started
 * @param finishedAt when it finished
 * @param delayedUntil when a delayed run is queued
 * @param expiredAt when it expired
 * @param ttl the TTL as shown, such as {@code 10m}
 * @param test whether it is a test run
 * @param tags its tags
 * @param metadata its metadata, or {@code null}
 * @param payload its payload as plain JSON, or {@code null}
 * @param output the output of a completed run, or {@code null}
 * @param error the error of a failed run, or {@code null}
 * @param idempotencyKey the idempotency key it was triggered with
 * @param triggerFunction {@code trigger} or {@code batchTrigger}
 * @param batchId the batch it was created by
 * @param queue its queue name, or {@code null} for the task's
 * @param machine its machine preset, or {@code null}
 * @param attemptCount attempts so far
 * @param executionMillis time spent executing, in milliseconds
 * @param scheduleId the schedule that fired the run, or {@code null}
 * @param idempotencyKeyOptions the user's key behind a hashed idempotency key, or
 * {@code null}
 * @param payloadPacket the storage path of an offloaded payload, or {@code null}
 */
public record RunSnapshot(String id, String taskIdentifier, @Nullable String version, RunState state, Instant createdAt,
		Instant updatedAt, @Nullable Instant startedAt, @Nullable Instant finishedAt, @Nullable Instant delayedUntil,
		@Nullable Instant expiredAt, @Nullable String ttl, boolean test, List<String> tags, @Nullable JsonNode metadata,
		@Nullable JsonNode payload, @Nullable JsonNode output, @Nullable JsonNode error,
		@Nullable String idempotencyKey, String triggerFunction, @Nullable String batchId, @Nullable String queue,
		@Nullable String machine, int attemptCount, long executionMillis, @Nullable String scheduleId,
		TriggerSpec.@Nullable KeyOptions idempotencyKeyOptions, @Nullable String payloadPacket) {

	/**
	 * Copies the tags.
	 * @param id the run id
	 * @param taskIdentifier the task
	 * @param version the deployment version the run got, or {@code null} for an
	 * undeclared task
	 * @param state the internal state
	 * @param createdAt when it was created
	 * @param updatedAt when it last changed
	 * @param startedAt when its first attempt started
	 * @param finishedAt when it finished
	 * @param delayedUntil when a delayed run is queued
	 * @param expiredAt when it expired
	 * @param ttl the TTL as shown, such as {@code 10m}
	 * @param test whether it is a test run
	 * @param tags its tags
	 * @param metadata its metadata, or {@code null}
	 * @param payload its payload as plain JSON, or {@code null}
	 * @param output the output of a completed run, or {@code null}
	 * @param error the error of a failed run, or {@code null}
	 * @param idempotencyKey the idempotency key it was triggered with
	 * @param triggerFunction {@code trigger} or {@code batchTrigger}
	 * @param batchId the batch it was created by
	 * @param queue its queue name, or {@code null} for the task's
	 * @param machine its machine preset, or {@code null}
	 * @param attemptCount attempts so far
	 * @param executionMillis time spent executing, in milliseconds
	 * @param scheduleId the schedule that fired the run, or {@code null}
	 * @param idempotencyKeyOptions the user's key behind a hashed idempotency key, or
	 * {@code null}
	 * @param payloadPacket the storage path of an offloaded payload, or {@code null}
	 */
	public RunSnapshot {
		tags = List.copyOf(tags);
	}

	/**
	 * A run without idempotency key options and with an inline payload.
	 * @param id the run id
	 * @param taskIdentifier the task
	 * @param version the deployment version the run got, or {@code null} for an
	 * undeclared task
	 * @param state the internal state
	 * @param createdAt when it was created
	 * @param updatedAt when it last changed
	 * @param startedAt when its first attempt started
	 * @param finishedAt when it finished
	 * @param delayedUntil when a delayed run is queued
	 * @param expiredAt when it expired
	 * @param ttl the TTL as shown, such as {@code 10m}
	 * @param test whether it is a test run
	 * @param tags its tags
	 * @param metadata its metadata, or {@code null}
	 * @param payload its payload as plain JSON, or {@code null}
	 * @param output the output of a completed run, or {@code null}
	 * @param error the error of a failed run, or {@code null}
	 * @param idempotencyKey the idempotency key it was triggered with
	 * @param triggerFunction {@code trigger} or {@code batchTrigger}
	 * @param batchId the batch it was created by
	 * @param queue its queue name, or {@code null} for the task's
	 * @param machine its machine preset, or {@code null}
	 * @param attemptCount attempts so far
	 * @param executionMillis time spent executing, in milliseconds
	 * @param scheduleId the schedule that fired the run, or {@code null}
	 */
	public RunSnapshot(String id, String taskIdentifier, @Nullable String version, RunState state, Instant createdAt,
			Instant updatedAt, @Nullable Instant startedAt, @Nullable Instant finishedAt,
			@Nullable Instant delayedUntil, @Nullable Instant expiredAt, @Nullable String ttl, boolean test,
			List<String> tags, @Nullable JsonNode metadata, @Nullable JsonNode payload, @Nullable JsonNode output,
			@Nullable JsonNode error, @Nullable String idempotencyKey, String triggerFunction, @Nullable String batchId,
			@Nullable String queue, @Nullable String machine, int attemptCount, long executionMillis,
			@Nullable String scheduleId) {
		this(id, taskIdentifier, version, state, createdAt, updatedAt, startedAt, finishedAt, delayedUntil, expiredAt,
				ttl, test, tags, metadata, payload, output, error, idempotencyKey, triggerFunction, batchId, queue,
				machine, attemptCount, executionMillis, scheduleId, null, null);
	}

}
