package io.trigger4j.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** One run in the engine. Mutable; only touched while holding the engine's lock. */
final class EmulatedRun {

	final String id;

	final long sequence;

	final String taskIdentifier;

	final @Nullable EmulatedTask task;

	final @Nullable JsonNode payload;

	final @Nullable JsonNode options;

	final Instant createdAt;

	final boolean test;

	final int maxAttempts;

	final @Nullable String ttl;

	final @Nullable Duration ttlDuration;

	final @Nullable String idempotencyKey;

	final String triggerFunction;

	final @Nullable String queue;

	final @Nullable String machine;

	@Nullable String batchId;

	RunState state;

	Instant updatedAt;

	@Nullable Instant delayedUntil;

	/** When the run (last) became queued: where its TTL counts from. */
	@Nullable Instant queuedAt;

	@Nullable Instant startedAt;

	@Nullable Instant finishedAt;

	@Nullable Instant expiredAt;

	int attemptCount;

	@Nullable Instant attemptEndsAt;

	@Nullable Instant nextAttemptAt;

	/** The result of the attempt in progress: output on success, error on failure. */
	@Nullable JsonNode attemptOutput;

	@Nullable JsonNode attemptError;

	@Nullable JsonNode output;

	@Nullable JsonNode error;

	@Nullable JsonNode metadata;

	List<String> tags = new ArrayList<>();

	long executionMillis;

	EmulatedRun(String id, long sequence, String taskIdentifier, @Nullable EmulatedTask task,
			@Nullable JsonNode payload, @Nullable JsonNode options, Instant createdAt, boolean test, int maxAttempts,
			@Nullable String ttl, @Nullable Duration ttlDuration, @Nullable String idempotencyKey,
			String triggerFunction, @Nullable String queue, @Nullable String machine) {
		this.id = id;
		this.sequence = sequence;
		this.taskIdentifier = taskIdentifier;
		this.task = task;
		this.payload = payload;
		this.options = options;
		this.createdAt = createdAt;
		this.updatedAt = createdAt;
		this.test = test;
		this.maxAttempts = maxAttempts;
		this.ttl = ttl;
		this.ttlDuration = ttlDuration;
		this.idempotencyKey = idempotencyKey;
		this.triggerFunction = triggerFunction;
		this.queue = queue;
		this.machine = machine;
		this.state = RunState.PENDING;
	}

}
