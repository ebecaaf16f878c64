package io.trigger4j.emulator.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.trigger4j.emulator.engine.TriggerSpec;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Parses one trigger (a trigger's body, or a batch item) into a {@link TriggerSpec}:
 * every option is checked for its type and range with the server's 400 texts before
 * anything is stored (core/api.ts {@code TriggerTaskRequestBody}; unknown keys are
 * ignored).
 */
final class TriggerRequests {

	static final int MAX_TAG_LENGTH = 128;

	static final int MAX_IDEMPOTENCY_KEY_LENGTH = 2048;

	static final Set<String> MACHINES = Set.of("micro", "small-1x", "small-2x", "medium-1x", "medium-2x", "large-1x",
			"large-2x");

	private static final Set<String> KEY_SCOPES = Set.of("run", "attempt", "global");

	/** A malformed key TTL is ignored and the default applies, as on the server. */
	private static final String KEY_TTL = "^\\d+[smhd]$";

	private TriggerRequests() {
	}

	/**
	 * @param item the trigger's body or the batch item
	 * @param path where the item is in the body, for messages: {@code ""} for a trigger,
	 * {@code items[3].} for a batch item
	 * @param headerKey the {@code idempotency-key} header (wins over the body's), or
	 * {@code null}
	 * @param headerKeyTtl the {@code idempotency-key-ttl} header, or {@code null}
	 */
	static TriggerSpec parse(String task, JsonNode item, String path, @Nullable String headerKey,
			@Nullable String headerKeyTtl, @Nullable String requestKey, String triggerFunction, Instant now) {
		return parse(task, item, path, headerKey, headerKeyTtl, requestKey, triggerFunction, now, null);
	}

	/**
	 * As
	 * {@link #parse(String, JsonNode, String, String, String, String, String, Instant)},
	 * reading an offloaded payload ({@code payloadType: "application/store"}, the payload
	 * its storage path) from the packets.
	 * @param packets the packets, or {@code null} to keep such a payload as the path's
	 * text
	 */
	static TriggerSpec parse(String task, JsonNode item, String path, @Nullable String headerKey,
			@Nullable String headerKeyTtl, @Nullable String requestKey, String triggerFunction, Instant now,
			@Nullable PacketReader packets) {
		String at = path + "options";
		JsonNode options = Bodies.object(item, "options", at);
		String payloadType = Bodies.string(options, "payloadType", at + ".payloadType");
		JsonNode sent = Bodies.field(item, "payload");
		String payloadPacket = null;
		JsonNode payload;
		if (packets != null && PacketContents.STORE.equals(payloadType)) {
			if (sent == null || !sent.isString() || sent.asString().isEmpty()) {
				throw ApiError.validation("String must contain at least 1 character(s)", path + "payload");
			}
			payloadPacket = sent.asString();
			payload = packets.payload(payloadPacket);
		}
		else {
			payload = Payloads.decode(sent, payloadType);
		}
		List<String> tags = Bodies.tags(options, at + ".tags", MAX_TAG_LENGTH);
		JsonNode metadata = Bodies.field(options, "metadata");
		if (metadata != null && !metadata.isObject()) {
			// Only an object is metadata; anything else is left out, as before.
			metadata = null;
		}
		Ttl ttl = ttl(options, at + ".ttl");
		Instant delayUntil = delay(Bodies.string(options, "delay", at + ".delay"), at + ".delay", now);
		Long maxAttempts = Bodies.integer(options, "maxAttempts", at + ".maxAttempts", Long.MIN_VALUE, Long.MAX_VALUE);
		JsonNode queue = Bodies.object(options, "queue", at + ".queue");
		String queueName = Bodies.string(queue, "name", at + ".queue.name");
		Long queueLimit = Bodies.integer(queue, "concurrencyLimit", at + ".queue.concurrencyLimit", 0,
				Integer.MAX_VALUE);
		String machine = machine(options, at + ".machine");
		Boolean test = Bodies.bool(options, "test", at + ".test");
		Bodies.number(options, "maxDuration", at + ".maxDuration");
		Bodies.number(options, "priority", at + ".priority");
		concurrencyKey(options, at + ".concurrencyKey");
		for (String field : List.of("region", "lockToVersion", "metadataType")) {
			Bodies.string(options, field, at + "." + field);
		}
		String key = (headerKey != null) ? headerKey : Bodies.string(options, "idempotencyKey", at + ".idempotencyKey");
		if (key != null && key.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
			throw ApiError.validation("String must contain at most 2048 character(s)", at + ".idempotencyKey");
		}
		String keyTtlText = (headerKeyTtl != null) ? headerKeyTtl
				: Bodies.string(options, "idempotencyKeyTTL", at + ".idempotencyKeyTTL");
		TriggerSpec.KeyOptions keyOptions = keyOptions(options, at + ".idempotencyKeyOptions");
		return new TriggerSpec(task, payload, tags, metadata, (ttl != null) ? ttl.duration() : null,
				(ttl != null) ? ttl.text() : null, delayUntil, maxAttempts(maxAttempts), queueName, machine,
				Boolean.TRUE.equals(test), key, idempotencyKeyTtl(keyTtlText, at + ".idempotencyKeyTTL"), requestKey,
				triggerFunction, (queueLimit != null) ? queueLimit.intValue() : null, null,
				(key != null) ? keyOptions : null, payloadPacket);
	}

	/** Reads an offloaded payload by its storage path. */
	@FunctionalInterface
	interface PacketReader {

		/** The payload stored at the path; an {@link ApiError} when there is none. */
		JsonNode payload(String storagePath);

	}

	/**
	 * The {@code idempotencyKeyOptions} the official SDK sends beside its hashed key:
	 * {@code {key: string, scope: "run" | "attempt" | "global"}}.
	 */
	static TriggerSpec.@Nullable KeyOptions keyOptions(@Nullable JsonNode options, String path) {
		JsonNode keyOptions = Bodies.object(options, "idempotencyKeyOptions", path);
		if (keyOptions == null) {
			return null;
		}
		String key = Bodies.string(keyOptions, "key", path + ".key");
		String scope = Bodies.string(keyOptions, "scope", path + ".scope");
		if (key == null) {
			throw ApiError.validation("Required", path + ".key");
		}
		if (scope == null) {
			throw ApiError.validation("Required", path + ".scope");
		}
		if (!KEY_SCOPES.contains(scope)) {
			throw ApiError.validation(
					"Invalid enum value. Expected 'run' | 'attempt' | 'global', received '" + scope + "'",
					path + ".scope");
		}
		return new TriggerSpec.KeyOptions(key, scope);
	}

	/**
	 * A TTL and how the run shows it.
	 *
	 * @param duration how long the run may wait to start
	 * @param text as the run shows it ({@code 1h42m})
	 */
	record Ttl(Duration duration, String text) {
	}

	/**
	 * The {@code ttl} field: whole seconds (at least 0) or a duration; {@code null} when
	 * absent or a text that is not a duration (ignored, as the server does).
	 */
	static @Nullable Ttl ttl(@Nullable JsonNode parent, String path) {
		JsonNode node = Bodies.field(parent, "ttl");
		if (node == null) {
			return null;
		}
		if (node.isNumber()) {
			long seconds = Bodies.integer(parent, "ttl", path, 0, Durations.MAX_SECONDS);
			return new Ttl(Duration.ofSeconds(seconds), Durations.format(seconds));
		}
		String text = Bodies.string(parent, "ttl", path);
		Duration duration = duration(text, path);
		return (duration != null) ? new Ttl(duration, text) : null;
	}

	/**
	 * A delay text: a duration from now or a date; {@code null} for none or an
	 * unparseable one (ignored, as the server does).
	 */
	static @Nullable Instant delay(@Nullable String text, String path, Instant now) {
		if (text == null) {
			return null;
		}
		try {
			return Durations.parseDelay(text, now);
		}
		catch (Durations.TooLong ex) {
			throw ApiError.validation("Delay must be within " + Durations.MAX_SECONDS + " seconds", path);
		}
	}

	/** The {@code machine} field, one of the presets. */
	static @Nullable String machine(@Nullable JsonNode parent, String path) {
		String machine = Bodies.string(parent, "machine", path);
		if (machine != null && !MACHINES.contains(machine)) {
			throw ApiError.validation("Invalid enum value. Expected " + MACHINES + ", received '" + machine + "'",
					path);
		}
		return machine;
	}

	/**
	 * The {@code concurrencyKey} field: a string or a number (the emulator keeps none).
	 */
	static void concurrencyKey(@Nullable JsonNode parent, String path) {
		JsonNode concurrencyKey = Bodies.field(parent, "concurrencyKey");
		if (concurrencyKey != null && !concurrencyKey.isString() && !concurrencyKey.isNumber()) {
			throw Bodies.expected("string", concurrencyKey, path);
		}
	}

	/** The most attempts as the run keeps them: at least 1. */
	static @Nullable Integer maxAttempts(@Nullable Long maxAttempts) {
		return (maxAttempts != null) ? (int) Math.max(1, Math.min(maxAttempts, Integer.MAX_VALUE)) : null;
	}

	/**
	 * An idempotency key's TTL, {@code <n>s|m|h|d}; anything else is ignored and the
	 * default applies, as on the server.
	 */
	static @Nullable Duration idempotencyKeyTtl(@Nullable String text, String path) {
		return (text != null && text.matches(KEY_TTL)) ? duration(text, path) : null;
	}

	/** A duration in the server's grammar; {@code null} when it is not one (ignored). */
	private static @Nullable Duration duration(@Nullable String text, String path) {
		try {
			return Durations.parse(text);
		}
		catch (Durations.TooLong ex) {
			throw ApiError.validation("Duration must be at most " + Durations.MAX_SECONDS + " seconds", path);
		}
	}

}
