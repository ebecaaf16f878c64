package io.trigger4j.emulator.api;

import java.math.BigDecimal;
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
		String at = path + "options";
		JsonNode options = Bodies.object(item, "options", at);
		JsonNode payload = Payloads.decode(Bodies.field(item, "payload"),
				Bodies.string(options, "payloadType", at + ".payloadType"));
		List<String> tags = Bodies.tags(options, at, MAX_TAG_LENGTH);
		JsonNode metadata = Bodies.field(options, "metadata");
		if (metadata != null && !metadata.isObject()) {
			// Only an object is metadata; anything else is left out, as before.
			metadata = null;
		}
		Duration ttl = null;
		String ttlText = null;
		JsonNode ttlNode = Bodies.field(options, "ttl");
		if (ttlNode != null && ttlNode.isNumber()) {
			long seconds = Bodies.integer(options, "ttl", at + ".ttl", 0, Durations.MAX_SECONDS);
			ttl = Duration.ofSeconds(seconds);
			ttlText = Durations.format(seconds);
		}
		else if (ttlNode != null) {
			String text = Bodies.string(options, "ttl", at + ".ttl");
			ttl = duration(text, at + ".ttl");
			ttlText = (ttl != null) ? text : null;
		}
		Instant delayUntil = null;
		String delay = Bodies.string(options, "delay", at + ".delay");
		if (delay != null) {
			try {
				// An unparseable delay is ignored, as the server does.
				delayUntil = Durations.parseDelay(delay, now);
			}
			catch (Durations.TooLong ex) {
				throw ApiError.validation("Delay must be within " + Durations.MAX_SECONDS + " seconds", at + ".delay");
			}
		}
		Long maxAttempts = Bodies.integer(options, "maxAttempts", at + ".maxAttempts", Long.MIN_VALUE, Long.MAX_VALUE);
		JsonNode queue = Bodies.object(options, "queue", at + ".queue");
		String queueName = Bodies.string(queue, "name", at + ".queue.name");
		Long queueLimit = Bodies.integer(queue, "concurrencyLimit", at + ".queue.concurrencyLimit", 0,
				Integer.MAX_VALUE);
		String machine = Bodies.string(options, "machine", at + ".machine");
		if (machine != null && !MACHINES.contains(machine)) {
			throw ApiError.validation("Invalid enum value. Expected " + MACHINES + ", received '" + machine + "'",
					at + ".machine");
		}
		Boolean test = Bodies.bool(options, "test", at + ".test");
		BigDecimal maxDuration = Bodies.number(options, "maxDuration", at + ".maxDuration");
		BigDecimal priority = Bodies.number(options, "priority", at + ".priority");
		JsonNode concurrencyKey = Bodies.field(options, "concurrencyKey");
		if (concurrencyKey != null && !concurrencyKey.isString() && !concurrencyKey.isNumber()) {
			throw Bodies.expected("string", concurrencyKey, at + ".concurrencyKey");
		}
		for (String field : List.of("region", "lockToVersion", "metadataType")) {
			Bodies.string(options, field, at + "." + field);
		}
		String key = (headerKey != null) ? headerKey : Bodies.string(options, "idempotencyKey", at + ".idempotencyKey");
		if (key != null && key.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
			throw ApiError.validation("String must contain at most 2048 character(s)", at + ".idempotencyKey");
		}
		String keyTtlText = (headerKeyTtl != null) ? headerKeyTtl
				: Bodies.string(options, "idempotencyKeyTTL", at + ".idempotencyKeyTTL");
		Duration keyTtl = (keyTtlText != null && keyTtlText.matches(KEY_TTL))
				? duration(keyTtlText, at + ".idempotencyKeyTTL") : null;
		return new TriggerSpec(task, payload, tags, metadata, ttl, ttlText, delayUntil,
				(maxAttempts != null) ? (int) Math.max(1, Math.min(maxAttempts, Integer.MAX_VALUE)) : null, queueName,
				machine, Boolean.TRUE.equals(test), key, keyTtl, requestKey, triggerFunction,
				(queueLimit != null) ? queueLimit.intValue() : null, null);
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
