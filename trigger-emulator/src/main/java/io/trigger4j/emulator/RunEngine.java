package io.trigger4j.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The runs, their lifecycle and the server's rules about them, in memory. Every public
 * method holds the engine's lock. Time comes only from the {@link Clock}; {@link #tick()}
 * moves every run as far as the clock allows, and transitions happen at the instants they
 * were due, however late the tick.
 */
final class RunEngine {

	static final int MAX_TAGS = 10;

	static final int MAX_TAG_LENGTH = 128;

	static final int MAX_METADATA_BYTES = 262_144;

	static final Duration DEFAULT_DEV_TTL = Duration.ofMinutes(10);

	static final Duration IDEMPOTENCY_TTL = Duration.ofDays(30);

	static final Duration REQUEST_IDEMPOTENCY_TTL = Duration.ofHours(24);

	static final Duration METADATA_WINDOW = Duration.ofHours(1);

	static final Duration DEFAULT_WINDOW = Duration.ofDays(7);

	private static final Set<RunState> KEY_RELEASING = Set.of(RunState.COMPLETED_WITH_ERRORS, RunState.INTERRUPTED,
			RunState.SYSTEM_FAILURE, RunState.CRASHED, RunState.TIMED_OUT, RunState.EXPIRED);

	private static final char[] BASE32HEX = "0123456789abcdefghijklmnopqrstuv".toCharArray();

	private static final Comparator<EmulatedRun> NEWEST_FIRST = Comparator.comparing((EmulatedRun run) -> run.createdAt)
		.thenComparingLong((run) -> run.sequence)
		.reversed();

	private final Clock clock;

	private final Map<String, EmulatedTask> tasks;

	private final Map<String, EmulatedRun> runs = new LinkedHashMap<>();

	private final Map<String, KeyEntry> idempotencyKeys = new HashMap<>();

	private final Map<String, KeyEntry> requestKeys = new HashMap<>();

	private final Map<String, Batch> batches = new HashMap<>();

	private final Map<String, KeyEntry> batchKeys = new HashMap<>();

	private final AtomicLong sequence = new AtomicLong();

	RunEngine(Clock clock, Map<String, EmulatedTask> tasks) {
		this.clock = clock;
		this.tasks = Map.copyOf(tasks);
	}

	Instant now() {
		return this.clock.instant();
	}

	/** A trigger's options, as read from the request. */
	record TriggerSpec(String task, @Nullable JsonNode payload, @Nullable JsonNode options,
			@Nullable String idempotencyKey, @Nullable String idempotencyKeyTtl, @Nullable String requestKey,
			String triggerFunction) {
	}

	/** What a trigger produced. */
	record Triggered(EmulatedRun run, boolean cached) {
	}

	/**
	 * A batch and its runs in item order; {@code runCached} says which items matched a
	 * live run, and {@code cached} whether the whole batch was a repeat of its
	 * idempotency key.
	 */
	record Batch(String id, List<EmulatedRun> runs, List<Boolean> runCached, boolean cached,
			@Nullable String idempotencyKey) {
	}

	private record KeyEntry(String id, @Nullable Instant expiresAt) {

		boolean live(Instant now) {
			return this.expiresAt == null || now.isBefore(this.expiresAt);
		}

	}

	synchronized Triggered trigger(TriggerSpec spec) {
		tick();
		Triggered triggered = admit(spec, now());
		tick();
		return triggered;
	}

	/**
	 * Returns the run a trigger's keys point to, or creates one; the caller ticks around
	 * it.
	 */
	private Triggered admit(TriggerSpec spec, Instant now) {
		if (spec.requestKey() != null) {
			KeyEntry seen = this.requestKeys.get(spec.requestKey());
			if (seen != null && seen.live(now) && this.runs.containsKey(seen.id())) {
				return new Triggered(this.runs.get(seen.id()), false);
			}
		}
		String scopedKey = (spec.idempotencyKey() != null) ? spec.task() + "\u0000" + spec.idempotencyKey() : null;
		if (scopedKey != null) {
			KeyEntry existing = this.idempotencyKeys.get(scopedKey);
			if (existing != null) {
				EmulatedRun run = this.runs.get(existing.id());
				if (run != null && existing.live(now) && !KEY_RELEASING.contains(run.state)) {
					return new Triggered(run, true);
				}
				this.idempotencyKeys.remove(scopedKey);
			}
		}
		EmulatedRun run = create(spec, now);
		if (scopedKey != null) {
			// A malformed TTL is ignored silently and the default applies, as on the
			// server.
			String ttl = spec.idempotencyKeyTtl();
			Duration keyTtl = (ttl != null && ttl.matches("^\\d+[smhd]$")) ? Durations.parse(ttl) : IDEMPOTENCY_TTL;
			this.idempotencyKeys.put(scopedKey, new KeyEntry(run.id, now.plus(keyTtl)));
		}
		if (spec.requestKey() != null) {
			this.requestKeys.put(spec.requestKey(), new KeyEntry(run.id, now.plus(REQUEST_IDEMPOTENCY_TTL)));
		}
		return new Triggered(run, false);
	}

	private EmulatedRun create(TriggerSpec spec, Instant now) {
		JsonNode options = spec.options();
		EmulatedTask task = this.tasks.get(spec.task());
		List<String> tags = tags(options);
		if (tags.size() > MAX_TAGS) {
			throw ApiError.of(422,
					"Runs can only have " + MAX_TAGS + " tags, you're trying to set " + tags.size() + ".");
		}
		JsonNode metadata = (options != null && options.path("metadata").isObject()) ? options.get("metadata") : null;
		if (metadata != null && metadata.toString().getBytes(StandardCharsets.UTF_8).length > MAX_METADATA_BYTES) {
			throw ApiError.of(413, "Metadata exceeds maximum size of " + MAX_METADATA_BYTES + " bytes");
		}
		String ttlText = null;
		Duration ttl = null;
		JsonNode ttlNode = (options != null) ? options.get("ttl") : null;
		if (ttlNode != null && ttlNode.isNumber()) {
			ttl = Duration.ofSeconds(ttlNode.asLong());
			ttlText = Durations.format(ttlNode.asLong());
		}
		else if (ttlNode != null && ttlNode.isString() && Durations.parse(ttlNode.asString()) != null) {
			ttl = Durations.parse(ttlNode.asString());
			ttlText = ttlNode.asString();
		}
		else {
			ttl = DEFAULT_DEV_TTL;
			ttlText = "10m";
		}
		int maxAttempts = (options != null && options.path("maxAttempts").isInt())
				? Math.max(1, options.get("maxAttempts").asInt()) : ((task != null) ? task.maxAttempts() : 3);
		String queue = (options != null && options.path("queue").path("name").isString())
				? options.get("queue").get("name").asString() : null;
		String machine = (options != null && options.path("machine").isString()) ? options.get("machine").asString()
				: null;
		long sequence = this.sequence.incrementAndGet();
		EmulatedRun run = new EmulatedRun(newId("run_", now, sequence), sequence, spec.task(), task, spec.payload(),
				options, now, options != null && options.path("test").asBoolean(false), maxAttempts, ttlText, ttl,
				spec.idempotencyKey(), spec.triggerFunction(), queue, machine);
		run.tags = new ArrayList<>(tags);
		run.metadata = (metadata != null) ? metadata.deepCopy() : null;
		Instant delayUntil = (options != null && options.path("delay").isString())
				? Durations.parseDelay(options.get("delay").asString(), now) : null;
		if (delayUntil != null && delayUntil.isAfter(now)) {
			// A past date means no delay; an unparseable one is ignored, as the server
			// does.
			run.state = RunState.DELAYED;
			run.delayedUntil = delayUntil;
		}
		else {
			run.queuedAt = now;
		}
		this.runs.put(run.id, run);
		return run;
	}

	/**
	 * Tags as the server reads them: a string or an array, blank ones dropped; 400 over
	 * 128 characters.
	 */
	static List<String> tags(@Nullable JsonNode options) {
		JsonNode node = (options != null) ? options.get("tags") : null;
		List<String> tags = new ArrayList<>();
		if (node == null || node.isNull()) {
			return tags;
		}
		List<JsonNode> values = new ArrayList<>();
		if (node.isArray()) {
			node.forEach(values::add);
		}
		else {
			values.add(node);
		}
		for (JsonNode value : values) {
			if (!value.isString()) {
				throw ApiError.of(400, "Validation error: Expected string, received "
						+ value.getNodeType().toString().toLowerCase(Locale.ROOT) + " at \"options.tags\"");
			}
			String tag = value.asString();
			if (tag.length() > MAX_TAG_LENGTH) {
				throw ApiError.of(400, "Validation error: Tags must be less than 128 characters at \"options.tags\"");
			}
			if (!tag.isBlank() && !tags.contains(tag)) {
				tags.add(tag);
			}
		}
		return tags;
	}

	/**
	 * Moves every run as far as the clock allows, oldest first. A second pass lets a
	 * queued run take a slot that a newer run freed later in the first.
	 */
	synchronized void tick() {
		Instant now = now();
		for (int pass = 0; pass < 2; pass++) {
			Slots slots = new Slots(this.runs.values());
			for (EmulatedRun run : this.runs.values()) {
				progress(run, now, slots);
			}
		}
	}

	/**
	 * Free execution slots of concurrency-limited tasks during one pass: for each task,
	 * the instants at which a slot became free, from the task's latest finishes. A run
	 * that finishes during the pass returns its slot at its finishing instant.
	 */
	private static final class Slots {

		private final Map<String, java.util.PriorityQueue<Instant>> free = new HashMap<>();

		Slots(java.util.Collection<EmulatedRun> runs) {
			Map<String, Integer> busy = new HashMap<>();
			for (EmulatedRun run : runs) {
				if (run.task != null && run.task.concurrencyLimit() > 0
						&& (run.state == RunState.EXECUTING || run.state == RunState.RETRYING_AFTER_FAILURE)) {
					busy.merge(run.taskIdentifier, 1, Integer::sum);
				}
			}
			Map<String, List<Instant>> finishes = new HashMap<>();
			for (EmulatedRun run : runs) {
				if (run.task != null && run.task.concurrencyLimit() > 0 && run.state.isTerminal()
						&& run.startedAt != null && run.finishedAt != null) {
					finishes.computeIfAbsent(run.taskIdentifier, (k) -> new ArrayList<>()).add(run.finishedAt);
				}
			}
			for (EmulatedRun run : runs) {
				if (run.task != null && run.task.concurrencyLimit() > 0 && !this.free.containsKey(run.taskIdentifier)) {
					List<Instant> latest = new ArrayList<>(finishes.getOrDefault(run.taskIdentifier, List.of()));
					latest.sort(Comparator.reverseOrder());
					java.util.PriorityQueue<Instant> queue = new java.util.PriorityQueue<>();
					int freeSlots = run.task.concurrencyLimit() - busy.getOrDefault(run.taskIdentifier, 0);
					for (int i = 0; i < freeSlots; i++) {
						queue.add((i < latest.size()) ? latest.get(i) : Instant.MIN);
					}
					this.free.put(run.taskIdentifier, queue);
				}
			}
		}

		/**
		 * The instant a slot is free for the run, or {@code null} if none is; takes it.
		 */
		@Nullable Instant take(EmulatedRun run) {
			java.util.PriorityQueue<Instant> queue = this.free.get(run.taskIdentifier);
			if (queue == null) {
				return Instant.MIN;
			}
			return queue.poll();
		}

		void release(EmulatedRun run, Instant at) {
			java.util.PriorityQueue<Instant> queue = this.free.get(run.taskIdentifier);
			if (queue != null) {
				queue.add(at);
			}
		}

	}

	private void progress(EmulatedRun run, Instant now, Slots slots) {
		for (int step = 0; step < 1000; step++) {
			switch (run.state) {
				case DELAYED -> {
					if (run.delayedUntil == null || now.isBefore(run.delayedUntil)) {
						return;
					}
					run.state = RunState.PENDING;
					run.queuedAt = run.delayedUntil;
					run.updatedAt = run.delayedUntil;
				}
				case PENDING, PENDING_VERSION -> {
					Instant queuedAt = (run.queuedAt != null) ? run.queuedAt : run.createdAt;
					Instant expiresAt = (run.ttlDuration != null) ? queuedAt.plus(run.ttlDuration) : Instant.MAX;
					if (run.task == null) {
						if (!now.isBefore(expiresAt)) {
							expire(run, expiresAt);
						}
						else if (run.state != RunState.PENDING_VERSION) {
							run.state = RunState.PENDING_VERSION;
							run.updatedAt = queuedAt;
						}
						return;
					}
					Instant slot = slots.take(run);
					Instant startAt = (slot == null || slot.isBefore(queuedAt)) ? queuedAt : slot;
					if (slot == null || now.isBefore(startAt) || !startAt.isBefore(expiresAt)) {
						if (slot != null) {
							slots.release(run, slot);
						}
						if (!now.isBefore(expiresAt)) {
							expire(run, expiresAt);
						}
						return;
					}
					startAttempt(run, startAt);
				}
				case RETRYING_AFTER_FAILURE -> {
					if (run.nextAttemptAt == null || now.isBefore(run.nextAttemptAt)) {
						return;
					}
					startAttempt(run, run.nextAttemptAt);
				}
				case EXECUTING -> {
					if (run.attemptEndsAt == null || now.isBefore(run.attemptEndsAt)) {
						return;
					}
					Instant endedAt = run.attemptEndsAt;
					finishAttempt(run, endedAt);
					if (run.state.isTerminal()) {
						slots.release(run, endedAt);
					}
				}
				default -> {
					return;
				}
			}
		}
	}

	private void expire(EmulatedRun run, Instant at) {
		run.state = RunState.EXPIRED;
		run.expiredAt = at;
		run.finishedAt = at;
		run.updatedAt = at;
	}

	private void startAttempt(EmulatedRun run, Instant at) {
		EmulatedTask task = run.task;
		run.state = RunState.EXECUTING;
		run.attemptCount++;
		if (run.startedAt == null) {
			run.startedAt = at;
		}
		run.updatedAt = at;
		run.attemptEndsAt = at.plus(task.duration());
		run.attemptOutput = null;
		run.attemptError = null;
		String payload = (run.payload != null) ? run.payload.toString() : null;
		try {
			Object output = task.handler()
				.run(new TaskInvocation(run.id, run.taskIdentifier, run.attemptCount, payload));
			run.attemptOutput = EmulatorJson.MAPPER.valueToTree(output);
		}
		catch (Exception | Error ex) {
			ObjectNode error = EmulatorJson.MAPPER.createObjectNode();
			error.put("message", String.valueOf(ex.getMessage()));
			error.put("name", ex.getClass().getSimpleName());
			error.put("stackTrace", ex.getClass().getName() + ": " + ex.getMessage());
			run.attemptError = error;
		}
	}

	private void finishAttempt(EmulatedRun run, Instant at) {
		run.executionMillis += Duration.between(run.updatedAt, at).toMillis();
		run.updatedAt = at;
		if (run.attemptError == null) {
			run.state = RunState.COMPLETED_SUCCESSFULLY;
			run.output = run.attemptOutput;
			run.finishedAt = at;
		}
		else if (run.attemptCount < run.maxAttempts) {
			run.state = RunState.RETRYING_AFTER_FAILURE;
			run.nextAttemptAt = at.plus(run.task.retryDelay());
		}
		else {
			run.state = RunState.COMPLETED_WITH_ERRORS;
			run.error = run.attemptError;
			run.finishedAt = at;
		}
	}

	synchronized @Nullable EmulatedRun find(String id) {
		tick();
		return this.runs.get(id);
	}

	synchronized EmulatedRun require(String id, ApiError missing) {
		EmulatedRun run = find(id);
		if (run == null) {
			throw missing;
		}
		return run;
	}

	/** Cancels an unfinished run; a finished one is left as it is. */
	synchronized EmulatedRun cancel(String id) {
		EmulatedRun run = require(id, ApiError.of(404, "Resource not found"));
		if (!run.state.isTerminal()) {
			Instant now = now();
			run.state = RunState.CANCELED;
			run.finishedAt = now;
			run.updatedAt = now;
		}
		return run;
	}

	/** A new run with the payload and options of another. */
	synchronized EmulatedRun replay(String id) {
		EmulatedRun original = require(id, ApiError.of(404, "Resource not found"));
		ObjectNode options = (original.options != null && original.options.isObject())
				? ((ObjectNode) original.options).deepCopy() : EmulatorJson.MAPPER.createObjectNode();
		options.remove("idempotencyKey");
		options.remove("idempotencyKeyTTL");
		options.remove("delay");
		EmulatedRun run = create(
				new TriggerSpec(original.taskIdentifier, original.payload, options, null, null, null, "trigger"),
				now());
		tick();
		return run;
	}

	synchronized EmulatedRun reschedule(String id, @Nullable String delay) {
		EmulatedRun run = require(id, ApiError.of(404, "Run not found"));
		if (run.state != RunState.DELAYED) {
			throw ApiError.of(400, "Cannot reschedule a run that is not delayed");
		}
		Instant now = now();
		Instant until = Durations.parseDelay(delay, now);
		if (until == null || until.isBefore(now)) {
			throw ApiError.of(400, "Invalid delay: " + delay);
		}
		run.delayedUntil = until;
		run.updatedAt = now;
		return run;
	}

	/**
	 * Adds tags without duplicates; the answer's message, or a 422 naming the tags left
	 * out.
	 */
	synchronized String addTags(String id, List<String> tags) {
		EmulatedRun run = require(id, ApiError.of(404, "Run not found"));
		Set<String> fresh = new LinkedHashSet<>();
		for (String tag : tags) {
			if (!tag.isBlank() && !run.tags.contains(tag)) {
				fresh.add(tag);
			}
		}
		if (fresh.isEmpty()) {
			return "No new tags to add";
		}
		int total = run.tags.size() + fresh.size();
		if (total > MAX_TAGS) {
			List<String> left = new ArrayList<>(fresh).subList(MAX_TAGS - run.tags.size(), fresh.size());
			throw ApiError.of(422,
					"Runs can only have " + MAX_TAGS + " tags, you're trying to set " + total
							+ ". These tags have not been set: "
							+ String.join(", ", left.stream().map((t) -> "'" + t + "'").toList()) + ".");
		}
		run.tags.addAll(fresh);
		run.updatedAt = now();
		return "Successfully set " + fresh.size() + " new tags.";
	}

	synchronized JsonNode replaceMetadata(String id, JsonNode metadata) {
		EmulatedRun run = require(id, ApiError.of(404, "Resource not found"));
		if (metadata.toString().getBytes(StandardCharsets.UTF_8).length > MAX_METADATA_BYTES) {
			throw ApiError.of(413, "Metadata exceeds maximum size of " + MAX_METADATA_BYTES + " bytes");
		}
		Instant now = now();
		if (run.finishedAt != null && now.isAfter(run.finishedAt.plus(METADATA_WINDOW))) {
			throw ApiError.of(422, "Cannot update metadata for a completed run");
		}
		run.metadata = metadata.deepCopy();
		run.updatedAt = now;
		return run.metadata;
	}

	/**
	 * Triggers a batch; a repeat of its idempotency key returns the first batch, marked
	 * cached.
	 */
	synchronized Batch batch(String route, List<TriggerSpec> items, @Nullable String idempotencyKey,
			@Nullable String idempotencyKeyTtl) {
		tick();
		Instant now = now();
		String scopedKey = (idempotencyKey != null) ? route + "\u0000" + idempotencyKey : null;
		if (scopedKey != null) {
			KeyEntry existing = this.batchKeys.get(scopedKey);
			if (existing != null && existing.live(now)) {
				Batch batch = this.batches.get(existing.id());
				return new Batch(batch.id(), batch.runs(), batch.runs().stream().map((r) -> true).toList(), true,
						idempotencyKey);
			}
		}
		List<EmulatedRun> runs = new ArrayList<>();
		List<Boolean> runCached = new ArrayList<>();
		String batchId = newId("batch_", now, this.sequence.incrementAndGet());
		for (TriggerSpec item : items) {
			Triggered triggered = admit(item, now);
			if (!triggered.cached()) {
				triggered.run().batchId = batchId;
			}
			runs.add(triggered.run());
			runCached.add(triggered.cached());
		}
		tick();
		Batch batch = new Batch(batchId, List.copyOf(runs), List.copyOf(runCached), false, idempotencyKey);
		this.batches.put(batchId, batch);
		if (scopedKey != null) {
			Duration ttl = Durations.parse(idempotencyKeyTtl);
			this.batchKeys.put(scopedKey, new KeyEntry(batchId, (ttl != null) ? now.plus(ttl) : null));
		}
		return batch;
	}

	/** One page of the list, newest first; see api-semantics.md section 4.1. */
	record Page(List<EmulatedRun> data, @Nullable String next, @Nullable String previous) {
	}

	synchronized Page list(Predicate<EmulatedRun> filter, int size, @Nullable String after, @Nullable String before) {
		tick();
		List<EmulatedRun> matching = this.runs.values().stream().filter(filter).sorted(NEWEST_FIRST).toList();
		if (before != null) {
			Cursor cursor = Cursor.decode(before);
			List<EmulatedRun> newer = matching.stream().filter((run) -> cursor.isOlderThan(run)).toList();
			int from = Math.max(0, newer.size() - size);
			List<EmulatedRun> data = newer.subList(from, newer.size());
			String previous = (from > 0 && !data.isEmpty()) ? Cursor.of(data.get(0)).encode() : null;
			String next = data.isEmpty() ? null : Cursor.of(data.get(data.size() - 1)).encode();
			return new Page(data, next, previous);
		}
		List<EmulatedRun> older = matching;
		boolean hasNewer = false;
		if (after != null) {
			Cursor cursor = Cursor.decode(after);
			older = matching.stream().filter((run) -> !cursor.isOlderThan(run) && !cursor.is(run)).toList();
			hasNewer = older.size() < matching.size();
		}
		List<EmulatedRun> data = older.subList(0, Math.min(size, older.size()));
		String next = (older.size() > size) ? Cursor.of(data.get(data.size() - 1)).encode() : null;
		String previous = (hasNewer && !data.isEmpty()) ? Cursor.of(data.get(0)).encode() : null;
		return new Page(data, next, previous);
	}

	/**
	 * The server's opaque cursor: base64url JSON {@code {"c": createdAtMs, "r":
	 * internalId}}.
	 */
	record Cursor(long createdAt, String runId) {

		static Cursor of(EmulatedRun run) {
			return new Cursor(run.createdAt.toEpochMilli(), run.id.substring("run_".length()));
		}

		String encode() {
			String json = "{\"c\":" + this.createdAt + ",\"r\":\"" + this.runId + "\"}";
			return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
		}

		static Cursor decode(String text) {
			try {
				JsonNode json = EmulatorJson.MAPPER.readTree(Base64.getUrlDecoder().decode(text));
				return new Cursor(json.path("c").asLong(), json.path("r").asString());
			}
			catch (RuntimeException ex) {
				throw ApiError.queryError(List.of(ApiError.issue("custom", "Invalid cursor", "page[after]")));
			}
		}

		boolean is(EmulatedRun run) {
			return run.createdAt.toEpochMilli() == this.createdAt && run.id.substring(4).equals(this.runId);
		}

		/**
		 * Whether the cursor's position is older than the run (the run comes before it,
		 * newest first).
		 */
		boolean isOlderThan(EmulatedRun run) {
			long created = run.createdAt.toEpochMilli();
			return created > this.createdAt
					|| (created == this.createdAt && run.id.substring(4).compareTo(this.runId) > 0);
		}

	}

	/**
	 * {@code prefix} + 24 base32hex chars (6-byte ms time, 9-byte sequence) + region
	 * {@code e} + version {@code 1}.
	 */
	private static String newId(String prefix, Instant now, long sequence) {
		byte[] bytes = new byte[15];
		long millis = now.toEpochMilli();
		for (int i = 5; i >= 0; i--) {
			bytes[i] = (byte) (millis & 0xff);
			millis >>>= 8;
		}
		long seq = sequence;
		for (int i = 14; i >= 6; i--) {
			bytes[i] = (byte) (seq & 0xff);
			seq >>>= 8;
		}
		StringBuilder id = new StringBuilder(prefix);
		int buffer = 0;
		int bits = 0;
		for (byte b : bytes) {
			buffer = (buffer << 8) | (b & 0xff);
			bits += 8;
			while (bits >= 5) {
				id.append(BASE32HEX[(buffer >>> (bits - 5)) & 31]);
				bits -= 5;
			}
		}
		return id.append("e1").toString();
	}

}
