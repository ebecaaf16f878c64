package io.trigger4j.client.model.runs;

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
 * What to change when replaying a run ({@code POST /api/v1/runs/{runId}/replay}): the new
 * run keeps the original run's payload and options except those set here. These are the
 * overrides the official SDK 4.8 sends ({@code runs.replay(runId, options)}, its
 * {@code ReplayRunRequestBody}). Build with {@link #builder()}, or use {@link #none()} to
 * change nothing. Each value is checked when it is set, with the same rules as a
 * trigger's options, so bad input fails before any request is sent.
 *
 * <p>
 * The payload and metadata are the application's own objects, held as given: the client
 * writes them with the application's JSON mapper each time a replay is made with these
 * options, not at {@link Builder#build()}, and checks metadata then (a JSON object of at
 * most 256 KiB; metadata given as a {@link JsonValue} is checked at once). So the options
 * are immutable only as far as those objects are: a change to them after {@code build()}
 * shows in the next replay.
 */
public final class ReplayOptions {

	private static final ReplayOptions NONE = builder().build();

	private final @Nullable Object payload;

	private final @Nullable Object metadata;

	private final @Nullable List<String> tags;

	private final @Nullable String queue;

	private final @Nullable String concurrencyKey;

	private final @Nullable MachinePreset machine;

	private final @Nullable String lockToVersion;

	private final @Nullable String region;

	private final @Nullable String delay;

	private final @Nullable String ttl;

	private final @Nullable String idempotencyKey;

	private final @Nullable String idempotencyKeyTtl;

	private final @Nullable Integer maxAttempts;

	private final @Nullable Duration maxDuration;

	private final @Nullable Duration priority;

	private ReplayOptions(Builder builder) {
		this.payload = builder.payload;
		this.metadata = builder.metadata;
		this.tags = builder.tags;
		this.queue = builder.queue;
		this.concurrencyKey = builder.concurrencyKey;
		this.machine = builder.machine;
		this.lockToVersion = builder.lockToVersion;
		this.region = builder.region;
		this.delay = builder.delay;
		this.ttl = builder.ttl;
		this.idempotencyKey = builder.idempotencyKey;
		this.idempotencyKeyTtl = builder.idempotencyKeyTtl;
		this.maxAttempts = builder.maxAttempts;
		this.maxDuration = builder.maxDuration;
		this.priority = builder.priority;
	}

	/**
	 * {@return options with no overrides: the new run is a copy of the original}
	 */
	public static ReplayOptions none() {
		return NONE;
	}

	/**
	 * {@return a builder for replay options}
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * {@return the new payload as given (the client writes it with the application's
	 * mapper)}
	 */
	public @Nullable Object payload() {
		return this.payload;
	}

	/**
	 * {@return the new metadata as given (the client writes it with the application's
	 * mapper)}
	 */
	public @Nullable Object metadata() {
		return this.metadata;
	}

	/**
	 * {@return the new tags, if set}
	 */
	public @Nullable List<String> tags() {
		return this.tags;
	}

	/**
	 * {@return the queue's name, if set}
	 */
	public @Nullable String queue() {
		return this.queue;
	}

	/**
	 * {@return the concurrency key, if set}
	 */
	public @Nullable String concurrencyKey() {
		return this.concurrencyKey;
	}

	/**
	 * {@return the machine preset, if set}
	 */
	public @Nullable MachinePreset machine() {
		return this.machine;
	}

	/**
	 * {@return the version the new run is locked to (sent as {@code version}), if set}
	 */
	public @Nullable String lockToVersion() {
		return this.lockToVersion;
	}

	/**
	 * {@return the region, if set}
	 */
	public @Nullable String region() {
		return this.region;
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
	 * {@return the idempotency key, if set}
	 */
	public @Nullable String idempotencyKey() {
		return this.idempotencyKey;
	}

	/**
	 * {@return how long the idempotency key is kept, such as {@code 2h}, if set}
	 */
	public @Nullable String idempotencyKeyTtl() {
		return this.idempotencyKeyTtl;
	}

	/**
	 * {@return the most attempts, if set}
	 */
	public @Nullable Integer maxAttempts() {
		return this.maxAttempts;
	}

	/**
	 * {@return the longest the new run may execute, if set}
	 */
	public @Nullable Duration maxDuration() {
		return this.maxDuration;
	}

	/**
	 * {@return how much earlier than now the new run is ordered, if set}
	 */
	public @Nullable Duration priority() {
		return this.priority;
	}

	/** The options that are set; the payload and metadata are not shown. */
	@Override
	public String toString() {
		List<String> set = new ArrayList<>();
		if (this.payload != null) {
			set.add("payload=<set>");
		}
		if (this.metadata != null) {
			set.add("metadata=<set>");
		}
		add(set, "tags", this.tags);
		add(set, "queue", this.queue);
		add(set, "concurrencyKey", this.concurrencyKey);
		add(set, "machine", this.machine);
		add(set, "lockToVersion", this.lockToVersion);
		add(set, "region", this.region);
		add(set, "delay", this.delay);
		add(set, "ttl", this.ttl);
		add(set, "idempotencyKey", this.idempotencyKey);
		add(set, "idempotencyKeyTtl", this.idempotencyKeyTtl);
		add(set, "maxAttempts", this.maxAttempts);
		add(set, "maxDuration", this.maxDuration);
		add(set, "priority", this.priority);
		return "ReplayOptions" + set;
	}

	private static void add(List<String> set, String name, @Nullable Object value) {
		if (value != null) {
			set.add(name + "=" + value);
		}
	}

	/**
	 * Builds {@link ReplayOptions}; each setter checks its argument and throws on bad
	 * input.
	 */
	public static final class Builder {

		private @Nullable Object payload;

		private @Nullable Object metadata;

		private @Nullable List<String> tags;

		private @Nullable String queue;

		private @Nullable String concurrencyKey;

		private @Nullable MachinePreset machine;

		private @Nullable String lockToVersion;

		private @Nullable String region;

		private @Nullable String delay;

		private @Nullable String ttl;

		private @Nullable String idempotencyKey;

		private @Nullable String idempotencyKeyTtl;

		private @Nullable Integer maxAttempts;

		private @Nullable Duration maxDuration;

		private @Nullable Duration priority;

		private Builder() {
		}

		/**
		 * A new payload instead of the original run's: any value the application's mapper
		 * can write. Sent as plain JSON.
		 * @param payload the new payload as given (the client writes it with the
		 * application's mapper)
		 * @return this builder
		 */
		public Builder payload(Object payload) {
			this.payload = Objects.requireNonNull(payload, "payload must not be null");
			return this;
		}

		/**
		 * New metadata instead of the original run's: any value that serialises to a JSON
		 * object of at most 256 KiB. A {@link JsonValue} is checked at once.
		 * @param metadata the new metadata as given (the client writes it with the
		 * application's mapper)
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
		 * New tags instead of the original run's: at most 10, each at most 128
		 * characters. Replaces earlier tags.
		 * @param tags the new tags
		 * @return this builder
		 */
		public Builder tags(String... tags) {
			Objects.requireNonNull(tags, "tags must not be null");
			return tags(Arrays.asList(tags));
		}

		/**
		 * New tags instead of the original run's: at most 10, each at most 128
		 * characters. Replaces earlier tags.
		 * @param tags the new tags
		 * @return this builder
		 */
		public Builder tags(Collection<String> tags) {
			this.tags = Checks.requireTags("tags", tags);
			return this;
		}

		/**
		 * Runs on the named queue instead of the original run's.
		 * @param name the queue's name
		 * @return this builder
		 */
		public Builder queue(String name) {
			this.queue = Checks.requireText("queue", name);
			return this;
		}

		/**
		 * Scopes the queue's concurrency limit to this key.
		 * @param concurrencyKey the concurrency key
		 * @return this builder
		 */
		public Builder concurrencyKey(String concurrencyKey) {
			this.concurrencyKey = Checks.requireText("concurrencyKey", concurrencyKey);
			return this;
		}

		/**
		 * The machine preset to run on instead of the original run's.
		 * @param machine the machine preset
		 * @return this builder
		 */
		public Builder machine(MachinePreset machine) {
			this.machine = Objects.requireNonNull(machine, "machine must not be null");
			return this;
		}

		/**
		 * Locks the new run to a deployed version, such as {@code 20260820.3}; the server
		 * reads {@code latest} as no lock. Sent as {@code version}.
		 * @param version the version
		 * @return this builder
		 */
		public Builder lockToVersion(String version) {
			this.lockToVersion = Checks.requireText("lockToVersion", version);
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
		 * Queues the new run only after this delay (whole seconds).
		 * @param delay the delay
		 * @return this builder
		 */
		public Builder delay(Duration delay) {
			this.delay = Checks.duration("delay", delay);
			return this;
		}

		/**
		 * Queues the new run only at this instant.
		 * @param until when the new run is queued
		 * @return this builder
		 */
		public Builder delayUntil(Instant until) {
			this.delay = Checks.instant("delayUntil", until);
			return this;
		}

		/**
		 * Queues the new run after a delay given as a duration ({@code 1h30m}) or an
		 * ISO-8601 date-time.
		 * @param delay the delay: a duration such as {@code 1h30m} or an ISO-8601
		 * date-time
		 * @return this builder
		 */
		public Builder delay(String delay) {
			this.delay = Checks.requireDelay("delay", delay);
			return this;
		}

		/**
		 * Expires the new run if it has not started within this time (whole seconds, at
		 * least 1 s).
		 * @param ttl the time-to-live
		 * @return this builder
		 */
		public Builder ttl(Duration ttl) {
			this.ttl = Checks.duration("ttl", ttl);
			return this;
		}

		/**
		 * Expires the new run if it has not started within this time, such as
		 * {@code 1h42m}.
		 * @param ttl the time-to-live, such as {@code 10m}
		 * @return this builder
		 */
		public Builder ttl(String ttl) {
			this.ttl = Checks.requireDuration("ttl", ttl);
			return this;
		}

		/**
		 * Deduplicates replays: a replay with the key of a live run returns that run. At
		 * most 2048 characters; sent as-is.
		 * @param idempotencyKey the idempotency key
		 * @return this builder
		 */
		public Builder idempotencyKey(String idempotencyKey) {
			this.idempotencyKey = Checks.requireIdempotencyKey("idempotencyKey", idempotencyKey);
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
		 * The most attempts the new run may make (at least 1).
		 * @param maxAttempts the most attempts
		 * @return this builder
		 */
		public Builder maxAttempts(int maxAttempts) {
			this.maxAttempts = Checks.requireRange("maxAttempts", maxAttempts, 1, Integer.MAX_VALUE);
			return this;
		}

		/**
		 * The longest the new run may execute (whole seconds, at least 1 s).
		 * @param maxDuration the longest the new run may execute
		 * @return this builder
		 */
		public Builder maxDuration(Duration maxDuration) {
			this.maxDuration = Checks.requirePositiveWholeSeconds("maxDuration", maxDuration);
			return this;
		}

		/**
		 * Orders the new run as if it had been triggered this much earlier (whole
		 * seconds, at least 1 s).
		 * @param priority how much earlier than now the new run is ordered
		 * @return this builder
		 */
		public Builder priority(Duration priority) {
			this.priority = Checks.requirePositiveWholeSeconds("priority", priority);
			return this;
		}

		/**
		 * Builds the options (immutable but for the payload and metadata objects).
		 * @return the options
		 */
		public ReplayOptions build() {
			return new ReplayOptions(this);
		}

	}

}
