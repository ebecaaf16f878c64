package io.trigger4j.client.model.tasks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import io.trigger4j.client.internal.Checks;
import io.trigger4j.client.model.JsonValue;
import io.trigger4j.client.model.MachinePreset;
import org.jspecify.annotations.Nullable;

/**
 * Options for triggering a run ({@code options} and {@code context} of {@code POST
 * /api/v1/tasks/{taskIdentifier}/trigger}). Immutable; build with {@link #builder()}, or
 * use {@link #none()}. Every value is checked when it is set, so bad input fails before
 * any request is sent.
 *
 * <p>
 * Metadata and context are the application's own values: the client writes them with the
 * application's JSON mapper when the trigger is made, and checks metadata then (a JSON
 * object of at most 256 KiB). Metadata given as a {@link JsonValue} is checked at once.
 *
 * <p>
 * An {@linkplain Builder#idempotencyKey(String) idempotency key} makes a trigger safe to
 * retry: trigger4j retries a trigger after a timeout or a 5xx only when one is set (see
 * {@code TriggerRetrySettings}).
 */
public final class TriggerOptions {

	private static final TriggerOptions NONE = builder().build();

	private final @Nullable Queue queue;

	private final @Nullable String concurrencyKey;

	private final @Nullable IdempotencyKey idempotencyKey;

	private final @Nullable String idempotencyKeyTtl;

	private final @Nullable String delay;

	private final @Nullable String ttl;

	private final @Nullable List<String> tags;

	private final @Nullable Object metadata;

	private final @Nullable Integer maxAttempts;

	private final @Nullable Duration maxDuration;

	private final @Nullable MachinePreset machine;

	private final @Nullable Boolean test;

	private final @Nullable Duration priority;

	private final @Nullable String region;

	private final @Nullable String lockToVersion;

	private final @Nullable Object context;

	private TriggerOptions(Builder builder) {
		this.queue = builder.queue;
		this.concurrencyKey = builder.concurrencyKey;
		this.idempotencyKey = builder.idempotencyKey;
		this.idempotencyKeyTtl = builder.idempotencyKeyTtl;
		this.delay = builder.delay;
		this.ttl = builder.ttl;
		this.tags = builder.tags;
		this.metadata = builder.metadata;
		this.maxAttempts = builder.maxAttempts;
		this.maxDuration = builder.maxDuration;
		this.machine = builder.machine;
		this.test = builder.test;
		this.priority = builder.priority;
		this.region = builder.region;
		this.lockToVersion = builder.lockToVersion;
		this.context = builder.context;
	}

	/**
	 * {@return options that set nothing: the task's defaults apply}
	 */
	public static TriggerOptions none() {
		return NONE;
	}

	/**
	 * {@return a builder for options}
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * {@return the queue to run on, if one was set}
	 */
	public @Nullable Queue queue() {
		return this.queue;
	}

	/**
	 * {@return the concurrency key, if one was set}
	 */
	public @Nullable String concurrencyKey() {
		return this.concurrencyKey;
	}

	/**
	 * The idempotency key as it is sent (its hash, and the text shown in the dashboard),
	 * if one was set.
	 * @return the idempotency key, or {@code null}
	 */
	public @Nullable IdempotencyKey idempotencyKey() {
		return this.idempotencyKey;
	}

	/**
	 * {@return how long the idempotency key is kept, such as {@code 2h}, if set}
	 */
	public @Nullable String idempotencyKeyTtl() {
		return this.idempotencyKeyTtl;
	}

	/**
	 * {@return the delay: a duration such as {@code 1h30m} or an ISO-8601 date-time, if
	 * set}
	 */
	public @Nullable String delay() {
		return this.delay;
	}

	/**
	 * {@return the time-to-live, such as {@code 10m}, if set}
	 */
	public @Nullable String ttl() {
		return this.ttl;
	}

	/**
	 * {@return the tags, if set}
	 */
	public @Nullable List<String> tags() {
		return this.tags;
	}

	/**
	 * The metadata as given (the client writes it with the application's mapper), if set.
	 * @return the metadata, or {@code null}
	 */
	public @Nullable Object metadata() {
		return this.metadata;
	}

	/**
	 * {@return the most attempts, if set}
	 */
	public @Nullable Integer maxAttempts() {
		return this.maxAttempts;
	}

	/**
	 * {@return the longest the run may execute, if set}
	 */
	public @Nullable Duration maxDuration() {
		return this.maxDuration;
	}

	/**
	 * {@return the machine preset, if set}
	 */
	public @Nullable MachinePreset machine() {
		return this.machine;
	}

	/**
	 * {@return whether the run is a test run, if set}
	 */
	public @Nullable Boolean test() {
		return this.test;
	}

	/**
	 * {@return how much earlier than now the run is ordered, if set}
	 */
	public @Nullable Duration priority() {
		return this.priority;
	}

	/**
	 * {@return the region, if set}
	 */
	public @Nullable String region() {
		return this.region;
	}

	/**
	 * {@return the version the run is locked to, if set}
	 */
	public @Nullable String lockToVersion() {
		return this.lockToVersion;
	}

	/**
	 * {@return the {@code context} value sent beside the payload, as given, if set}
	 */
	public @Nullable Object context() {
		return this.context;
	}

	@Override
	public String toString() {
		List<String> set = new ArrayList<>();
		add(set, "queue", this.queue);
		add(set, "concurrencyKey", this.concurrencyKey);
		add(set, "idempotencyKey", this.idempotencyKey);
		add(set, "idempotencyKeyTtl", this.idempotencyKeyTtl);
		add(set, "delay", this.delay);
		add(set, "ttl", this.ttl);
		add(set, "tags", this.tags);
		add(set, "metadata", this.metadata);
		add(set, "maxAttempts", this.maxAttempts);
		add(set, "maxDuration", this.maxDuration);
		add(set, "machine", this.machine);
		add(set, "test", this.test);
		add(set, "priority", this.priority);
		add(set, "region", this.region);
		add(set, "lockToVersion", this.lockToVersion);
		add(set, "context", this.context);
		return "TriggerOptions" + set;
	}

	private static void add(List<String> set, String name, @Nullable Object value) {
		if (value != null) {
			set.add(name + "=" + value);
		}
	}

	/**
	 * A queue for the run.
	 *
	 * @param name the queue's name
	 * @param concurrencyLimit the queue's concurrency limit (0 to 1000), or {@code null}
	 * to keep the queue's own
	 */
	public record Queue(String name, @Nullable Integer concurrencyLimit) {

		/**
		 * Checks the name and the limit.
		 * @param name the queue's name
		 * @param concurrencyLimit the queue's concurrency limit (0 to 1000), or
		 * {@code null} to keep the queue's own
		 * @throws IllegalArgumentException if the name is blank or the limit out of range
		 */
		public Queue {
			Checks.requireText("queue", name);
			if (concurrencyLimit != null) {
				Checks.requireRange("concurrencyLimit", concurrencyLimit, 0, 1000);
			}
		}

	}

	/**
	 * Builds {@link TriggerOptions}; each setter checks its argument and throws on bad
	 * input.
	 */
	public static final class Builder {

		private @Nullable Queue queue;

		private @Nullable String concurrencyKey;

		private @Nullable IdempotencyKey idempotencyKey;

		private @Nullable String idempotencyKeyTtl;

		private @Nullable String delay;

		private @Nullable String ttl;

		private @Nullable List<String> tags;

		private @Nullable Object metadata;

		private @Nullable Integer maxAttempts;

		private @Nullable Duration maxDuration;

		private @Nullable MachinePreset machine;

		private @Nullable Boolean test;

		private @Nullable Duration priority;

		private @Nullable String region;

		private @Nullable String lockToVersion;

		private @Nullable Object context;

		private Builder() {
		}

		/**
		 * Runs on the named queue instead of the task's default queue.
		 * @param name the queue's name
		 * @return this builder
		 */
		public Builder queue(String name) {
			this.queue = new Queue(name, null);
			return this;
		}

		/**
		 * Runs on the named queue with a concurrency limit (0 to 1000).
		 * @param name the queue's name
		 * @param concurrencyLimit the queue's concurrency limit
		 * @return this builder
		 */
		public Builder queue(String name, int concurrencyLimit) {
			Checks.requireRange("concurrencyLimit", concurrencyLimit, 0, 1000);
			this.queue = new Queue(name, concurrencyLimit);
			return this;
		}

		/**
		 * Scopes the queue's concurrency limit to this key (one concurrency slot set per
		 * key).
		 * @param concurrencyKey the concurrency key
		 * @return this builder
		 */
		public Builder concurrencyKey(String concurrencyKey) {
			this.concurrencyKey = Checks.requireText("concurrencyKey", concurrencyKey);
			return this;
		}

		/**
		 * Deduplicates triggers: while a run with this key is live (and not failed or
		 * expired), a trigger with the same key returns that run
		 * ({@link TriggeredRun#isCached()}). At most 2048 characters.
		 *
		 * <p>
		 * Sent as the official TypeScript SDK sends a key given as text, so that the same
		 * key from a TypeScript service deduplicates against this one:
		 * {@code idempotencyKey} is the lowercase hex SHA-256 of the text, and
		 * {@code idempotencyKeyOptions} is {@code {key: <the text>, scope: "run"}} (the
		 * dashboard and a retrieved run show the text; run lists show the hash). A key of
		 * exactly 64 characters is taken as already hashed and sent as it is, without
		 * options, as the SDK does. See {@link IdempotencyKey#of(String...)}.
		 * @param idempotencyKey the key, at most 2048 characters
		 * @return this builder
		 */
		public Builder idempotencyKey(String idempotencyKey) {
			Checks.requireIdempotencyKey("idempotencyKey", idempotencyKey);
			this.idempotencyKey = IdempotencyKey.of(idempotencyKey);
			return this;
		}

		/**
		 * Deduplicates triggers with a key made by {@code IdempotencyKeys.create(parts)}
		 * (or {@link IdempotencyKey}): its hash is sent as {@code idempotencyKey}, with
		 * its text, if it has one, as {@code idempotencyKeyOptions}.
		 * @param idempotencyKey the key
		 * @return this builder
		 */
		public Builder idempotencyKey(IdempotencyKey idempotencyKey) {
			this.idempotencyKey = Objects.requireNonNull(idempotencyKey, "idempotencyKey must not be null");
			return this;
		}

		/**
		 * How long the idempotency key is kept (the server's default is 30 days).
		 * @param ttl how long the idempotency key is kept
		 * @return this builder
		 */
		public Builder idempotencyKeyTtl(Duration ttl) {
			this.idempotencyKeyTtl = Checks.keyTtl("idempotencyKeyTtl", ttl);
			return this;
		}

		/**
		 * How long the idempotency key is kept, such as {@code 30s}, {@code 10m},
		 * {@code 2h}, {@code 7d}.
		 * @param ttl how long the idempotency key is kept, such as {@code 2h}
		 * @return this builder
		 */
		public Builder idempotencyKeyTtl(String ttl) {
			this.idempotencyKeyTtl = Checks.requireKeyTtl("idempotencyKeyTtl", ttl);
			return this;
		}

		/**
		 * Queues the run only after this delay (whole seconds).
		 * @param delay the delay
		 * @return this builder
		 */
		public Builder delay(Duration delay) {
			this.delay = Checks.duration("delay", delay);
			return this;
		}

		/**
		 * Queues the run only at this instant; an instant in the past means no delay.
		 * @param until when the run is queued
		 * @return this builder
		 */
		public Builder delayUntil(Instant until) {
			this.delay = Checks.instant("delayUntil", until);
			return this;
		}

		/**
		 * Queues the run after a delay given as a duration ({@code 1h30m}) or ISO-8601
		 * date-time.
		 * @param delay the delay: a duration such as {@code 1h30m} or an ISO-8601
		 * date-time
		 * @return this builder
		 */
		public Builder delay(String delay) {
			this.delay = Checks.requireDelay("delay", delay);
			return this;
		}

		/**
		 * Expires the run if it has not started within this time (whole seconds, at least
		 * 1 s).
		 * @param ttl the time-to-live
		 * @return this builder
		 */
		public Builder ttl(Duration ttl) {
			this.ttl = Checks.duration("ttl", ttl);
			return this;
		}

		/**
		 * Expires the run if it has not started within this time, such as {@code 1h42m}.
		 * @param ttl the time-to-live, such as {@code 10m}
		 * @return this builder
		 */
		public Builder ttl(String ttl) {
			this.ttl = Checks.requireDuration("ttl", ttl);
			return this;
		}

		/**
		 * Tags for the run: at most 10, each at most 128 characters. Replaces earlier
		 * tags.
		 * @param tags the tags
		 * @return this builder
		 */
		public Builder tags(String... tags) {
			Objects.requireNonNull(tags, "tags must not be null");
			return tags(Arrays.asList(tags));
		}

		/**
		 * Tags for the run: at most 10, each at most 128 characters. Replaces earlier
		 * tags.
		 * @param tags the tags
		 * @return this builder
		 */
		public Builder tags(Collection<String> tags) {
			this.tags = Checks.requireTags("tags", tags);
			return this;
		}

		/**
		 * Metadata for the run: any value that serialises to a JSON object of at most 256
		 * KiB. The client writes it with the application's mapper and checks it when the
		 * trigger is made; a {@link JsonValue} is checked at once.
		 * @param metadata the metadata
		 * @return this builder
		 */
		public Builder metadata(Object metadata) {
			Objects.requireNonNull(metadata, "metadata must not be null");
			if (metadata instanceof JsonValue json) {
				Checks.requireMetadata("metadata", json.toString());
			}
			this.metadata = metadata;
			return this;
		}

		/**
		 * The most attempts the run may make (at least 1).
		 * @param maxAttempts the most attempts
		 * @return this builder
		 */
		public Builder maxAttempts(int maxAttempts) {
			this.maxAttempts = Checks.requireRange("maxAttempts", maxAttempts, 1, Integer.MAX_VALUE);
			return this;
		}

		/**
		 * The longest the run may execute (whole seconds, at least 1 s).
		 * @param maxDuration the longest the run may execute
		 * @return this builder
		 */
		public Builder maxDuration(Duration maxDuration) {
			this.maxDuration = Checks.requirePositiveWholeSeconds("maxDuration", maxDuration);
			return this;
		}

		/**
		 * The machine preset to run on, overriding the task's.
		 * @param machine the machine preset
		 * @return this builder
		 */
		public Builder machine(MachinePreset machine) {
			this.machine = Objects.requireNonNull(machine, "machine must not be null");
			return this;
		}

		/**
		 * Marks the run as a test run.
		 * @param test whether the run is a test run
		 * @return this builder
		 */
		public Builder test(boolean test) {
			this.test = test;
			return this;
		}

		/**
		 * Orders the run as if it had been triggered this much earlier (whole seconds, at
		 * least 1 s).
		 * @param priority how much earlier than now the run is ordered
		 * @return this builder
		 */
		public Builder priority(Duration priority) {
			this.priority = Checks.requirePositiveWholeSeconds("priority", priority);
			return this;
		}

		/**
		 * The region to run in.
		 * @param region the region
		 * @return this builder
		 */
		public Builder region(String region) {
			this.region = Checks.requireText("region", region);
			return this;
		}

		/**
		 * Locks the run to a deployed version, such as {@code 20260820.3}.
		 * @param version the version
		 * @return this builder
		 */
		public Builder lockToVersion(String version) {
			this.lockToVersion = Checks.requireText("lockToVersion", version);
			return this;
		}

		/**
		 * The {@code context} value sent beside the payload (any value the application's
		 * mapper can write).
		 * @param context the {@code context} value sent beside the payload, as given
		 * @return this builder
		 */
		public Builder context(Object context) {
			this.context = Objects.requireNonNull(context, "context must not be null");
			return this;
		}

		/**
		 * Builds the immutable options.
		 * @return the options
		 */
		public TriggerOptions build() {
			return new TriggerOptions(this);
		}

	}

}
