package io.trigger4j.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Options for triggering a run ({@code options} of {@code POST
 * /api/v1/tasks/{taskIdentifier}/trigger}). Immutable; build with {@link #builder()}, or
 * use {@link #none()}. Every value is checked when it is set, so bad input fails before
 * any request is sent.
 *
 * <p>
 * An {@linkplain Builder#idempotencyKey(String) idempotency key} makes a trigger safe to
 * retry: trigger4j retries a trigger after a timeout or a 5xx only when one is set (see
 * {@link TriggerRetrySettings}).
 */
public final class TriggerOptions {

	private static final TriggerOptions NONE = builder().build();

	private final Map<String, Object> options;

	private final @Nullable JsonValue context;

	private final @Nullable String idempotencyKey;

	private TriggerOptions(Builder builder) {
		this.options = Map.copyOf(builder.options);
		this.context = builder.context;
		this.idempotencyKey = (String) builder.options.get("idempotencyKey");
	}

	/** No options: the task's defaults apply. */
	public static TriggerOptions none() {
		return NONE;
	}

	/** A builder for options. */
	public static Builder builder() {
		return new Builder();
	}

	/** The idempotency key, if one was set. */
	public @Nullable String idempotencyKey() {
		return this.idempotencyKey;
	}

	/** The {@code options} object as sent. */
	Map<String, Object> toJson() {
		return this.options;
	}

	/** The top-level {@code context} value, if set. */
	@Nullable JsonValue context() {
		return this.context;
	}

	@Override
	public String toString() {
		return "TriggerOptions" + this.options;
	}

	/**
	 * Builds {@link TriggerOptions}; each setter checks its argument and throws on bad
	 * input.
	 */
	public static final class Builder {

		private final Map<String, Object> options = new LinkedHashMap<>();

		private @Nullable JsonValue context;

		private Builder() {
		}

		/** Runs on the named queue instead of the task's default queue. */
		public Builder queue(String name) {
			this.options.put("queue", Map.of("name", Checks.requireText("queue", name)));
			return this;
		}

		/** Runs on the named queue with a concurrency limit (0 to 1000). */
		public Builder queue(String name, int concurrencyLimit) {
			Checks.requireRange("concurrencyLimit", concurrencyLimit, 0, 1000);
			this.options.put("queue",
					Map.of("name", Checks.requireText("queue", name), "concurrencyLimit", concurrencyLimit));
			return this;
		}

		/**
		 * Scopes the queue's concurrency limit to this key (one concurrency slot set per
		 * key).
		 */
		public Builder concurrencyKey(String concurrencyKey) {
			this.options.put("concurrencyKey", Checks.requireText("concurrencyKey", concurrencyKey));
			return this;
		}

		/**
		 * Deduplicates triggers: while a run with this key is live (and not failed or
		 * expired), a trigger with the same key returns that run
		 * ({@link TriggeredRun#isCached()}). At most 2048 characters. Sent as-is: the
		 * TypeScript SDK hashes its keys, so a key from this client does not match a key
		 * made by {@code idempotencyKeys.create()} for the same text.
		 */
		public Builder idempotencyKey(String idempotencyKey) {
			this.options.put("idempotencyKey", Checks.requireIdempotencyKey("idempotencyKey", idempotencyKey));
			return this;
		}

		/** How long the idempotency key is kept (the server's default is 30 days). */
		public Builder idempotencyKeyTtl(Duration ttl) {
			this.options.put("idempotencyKeyTTL", Checks.keyTtl("idempotencyKeyTtl", ttl));
			return this;
		}

		/**
		 * How long the idempotency key is kept, such as {@code 30s}, {@code 10m},
		 * {@code 2h}, {@code 7d}.
		 */
		public Builder idempotencyKeyTtl(String ttl) {
			this.options.put("idempotencyKeyTTL", Checks.requireKeyTtl("idempotencyKeyTtl", ttl));
			return this;
		}

		/** Queues the run only after this delay (whole seconds). */
		public Builder delay(Duration delay) {
			this.options.put("delay", Checks.duration("delay", delay));
			return this;
		}

		/** Queues the run only at this instant; an instant in the past means no delay. */
		public Builder delayUntil(Instant until) {
			this.options.put("delay", Checks.instant("delayUntil", until));
			return this;
		}

		/**
		 * Queues the run after a delay given as a duration ({@code 1h30m}) or ISO-8601
		 * date-time.
		 */
		public Builder delay(String delay) {
			this.options.put("delay", Checks.requireDelay("delay", delay));
			return this;
		}

		/**
		 * Expires the run if it has not started within this time (whole seconds, at least
		 * 1 s).
		 */
		public Builder ttl(Duration ttl) {
			this.options.put("ttl", Checks.duration("ttl", ttl));
			return this;
		}

		/**
		 * Expires the run if it has not started within this time, such as {@code 1h42m}.
		 */
		public Builder ttl(String ttl) {
			this.options.put("ttl", Checks.requireDuration("ttl", ttl));
			return this;
		}

		/**
		 * Tags for the run: at most 10, each at most 128 characters. Replaces earlier
		 * tags.
		 */
		public Builder tags(String... tags) {
			Objects.requireNonNull(tags, "tags must not be null");
			return tags(Arrays.asList(tags));
		}

		/**
		 * Tags for the run: at most 10, each at most 128 characters. Replaces earlier
		 * tags.
		 */
		public Builder tags(Collection<String> tags) {
			this.options.put("tags", Checks.requireTags("tags", tags));
			return this;
		}

		/**
		 * Metadata for the run: any value that serialises to a JSON object of at most 256
		 * KiB.
		 */
		public Builder metadata(Object metadata) {
			this.options.put("metadata", Checks.requireMetadata("metadata", metadata));
			return this;
		}

		/** The most attempts the run may make (at least 1). */
		public Builder maxAttempts(int maxAttempts) {
			Checks.requireRange("maxAttempts", maxAttempts, 1, Integer.MAX_VALUE);
			this.options.put("maxAttempts", maxAttempts);
			return this;
		}

		/** The longest the run may execute (whole seconds, at least 1 s). */
		public Builder maxDuration(Duration maxDuration) {
			this.options.put("maxDuration",
					Checks.requirePositiveWholeSeconds("maxDuration", maxDuration).getSeconds());
			return this;
		}

		/** The machine preset to run on, overriding the task's. */
		public Builder machine(MachinePreset machine) {
			this.options.put("machine", Objects.requireNonNull(machine, "machine must not be null").value());
			return this;
		}

		/** Marks the run as a test run. */
		public Builder test(boolean test) {
			this.options.put("test", test);
			return this;
		}

		/**
		 * Priority as a time offset: the run is ordered as if triggered this much
		 * earlier.
		 */
		public Builder priority(Duration priority) {
			this.options.put("priority", Checks.requirePositiveWholeSeconds("priority", priority).getSeconds());
			return this;
		}

		/** The region to run in. */
		public Builder region(String region) {
			this.options.put("region", Checks.requireText("region", region));
			return this;
		}

		/** Locks the run to a deployed version, such as {@code 20260820.3}. */
		public Builder lockToVersion(String version) {
			this.options.put("lockToVersion", Checks.requireText("lockToVersion", version));
			return this;
		}

		/** The {@code context} value sent beside the payload (any JSON). */
		public Builder context(Object context) {
			this.context = JsonValue.of(Objects.requireNonNull(context, "context must not be null"));
			return this;
		}

		/** Builds the immutable options. */
		public TriggerOptions build() {
			return new TriggerOptions(this);
		}

	}

}
