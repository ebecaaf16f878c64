package io.trigger4j.emulator.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One run in the engine. Mutable; only touched while holding the engine's lock. Its JSON
 * values are copies made when stored, never changed afterwards.
 */
final class RunRecord {

	final String id;

	final RunStore.Key key;

	final String taskIdentifier;

	/**
	 * The declared task, or {@code null} for an undeclared one (the run waits for a
	 * deploy).
	 */
	final @Nullable TaskSpec task;

	/** The run's queue, or {@code null} for an undeclared task. */
	final @Nullable QueueLane lane;

	/** The version the run got, or {@code null} for an undeclared task. */
	final @Nullable String version;

	/** The schedule that fired the run, or {@code null}. */
	final @Nullable String scheduleId;

	final @Nullable JsonNode payload;

	final Instant createdAt;

	final boolean test;

	final int maxAttempts;

	final Duration ttl;

	final String ttlText;

	/** The key as triggers sent it; cleared when the key is reset. */
	@Nullable String idempotencyKey;

	final String triggerFunction;

	final @Nullable String queue;

	final @Nullable String machine;

	final @Nullable String batchId;

	/** The trigger a replay repeats: this one's, without keys and delay. */
	final TriggerSpec replay;

	RunState state = RunState.PENDING;

	/** Bumped when the run's scheduled events no longer apply (cancel, reschedule). */
	int epoch;

	Instant updatedAt;

	@Nullable Instant delayedUntil;

	/** When the run became queued: where its TTL counts from. */
	@Nullable Instant queuedAt;

	/** When a queued run that has not started expires; {@link Times#NEVER} for never. */
	Instant expiresAt = Times.NEVER;

	@Nullable Instant startedAt;

	@Nullable Instant finishedAt;

	@Nullable Instant expiredAt;

	int attemptCount;

	/** The step of the current attempt, from 1. */
	int stepNumber;

	/** The step executing now. */
	@Nullable StepExecution currentStep;

	/**
	 * The token the run waits on (WAITING_TO_RESUME), or waited on until its next step
	 * starts; {@code null} otherwise.
	 */
	@Nullable String waitingForToken;

	/** When the executing step started: executed time counts from here. */
	@Nullable Instant stepStartedAt;

	/** Whether it holds one of its task's execution slots. */
	boolean holdsSlot;

	@Nullable JsonNode output;

	@Nullable JsonNode error;

	@Nullable JsonNode metadata;

	final List<String> tags;

	long executionMillis;

	/** The attempts so far, in order. */
	final List<AttemptRecord> attempts = new ArrayList<>();

	/** The scoped request idempotency key that made the run, if any. */
	@Nullable String requestKey;

	/** The run's number among its task's runs, from 1 (set when stored). */
	int number;

	/** The realtime data streams the run wrote, by key, in the order first written. */
	final Map<String, StreamLog> streams = new LinkedHashMap<>();

	/** What a realtime feed last saw of the run ({@link RunChanges}). */
	RunChanges.@Nullable Seen seen;

	/** The revision of what a realtime feed last saw of the run. */
	long revision;

	RunRecord(String id, String taskIdentifier, @Nullable TaskSpec task, @Nullable QueueLane lane,
			@Nullable String version, @Nullable JsonNode payload, Instant createdAt, boolean test, int maxAttempts,
			Duration ttl, String ttlText, @Nullable String idempotencyKey, String triggerFunction,
			@Nullable String queue, @Nullable String machine, @Nullable String batchId, @Nullable String scheduleId,
			List<String> tags, @Nullable JsonNode metadata, TriggerSpec replay) {
		this.id = id;
		this.key = RunStore.Key.of(id, createdAt);
		this.taskIdentifier = taskIdentifier;
		this.task = task;
		this.lane = lane;
		this.version = version;
		this.scheduleId = scheduleId;
		this.payload = payload;
		this.createdAt = createdAt;
		this.updatedAt = createdAt;
		this.test = test;
		this.maxAttempts = maxAttempts;
		this.ttl = ttl;
		this.ttlText = ttlText;
		this.idempotencyKey = idempotencyKey;
		this.triggerFunction = triggerFunction;
		this.queue = queue;
		this.machine = machine;
		this.batchId = batchId;
		this.tags = new ArrayList<>(tags);
		this.metadata = metadata;
		this.replay = replay;
	}

	RunSnapshot snapshot() {
		return new RunSnapshot(this.id, this.taskIdentifier, this.version, this.state, this.createdAt, this.updatedAt,
				this.startedAt, this.finishedAt, this.delayedUntil, this.expiredAt, this.ttlText, this.test, this.tags,
				this.metadata, this.payload, (this.state == RunState.COMPLETED_SUCCESSFULLY) ? this.output : null,
				this.error, this.idempotencyKey, this.triggerFunction, this.batchId, this.queue, this.machine,
				this.attemptCount, this.executionMillis, this.scheduleId, this.replay.idempotencyKeyOptions(),
				this.replay.payloadPacket());
	}

	/** The attempt executing or last executed, or {@code null} before the first. */
	@Nullable AttemptRecord lastAttempt() {
		return this.attempts.isEmpty() ? null : this.attempts.get(this.attempts.size() - 1);
	}

	@Override
	public String toString() {
		return this.id + "[" + this.taskIdentifier + ", " + this.state + "]";
	}

}
