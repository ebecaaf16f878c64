package io.trigger4j.emulator.api;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import io.trigger4j.emulator.engine.TriggerSpec;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads the replay route's body ({@code POST /api/v1/runs/{runId}/replay}), the official
 * SDK's {@code ReplayRunRequestBody} (core/v3/schemas/api.ts, SDK 4.8.3): a strict object
 * of overrides, each read with the trigger options' rules ({@link TriggerRequests},
 * {@link Payloads}, {@link Durations}). An unknown key is 400 "Validation error:
 * Unrecognized key(s) in object: ..." as zod's {@code strictObject} answers; no body, or
 * {@code {}}, is a plain replay.
 *
 * <p>
 * The overrides apply over the original run's trigger (its payload and options, without
 * its idempotency key and delay), as the server's {@code ReplayTaskRunService} applies
 * its override options: what the body sets wins, the rest is the original's.
 * {@code concurrencyKey}, {@code version}, {@code region}, {@code maxDuration} and
 * {@code priority} are checked and kept by no emulated run.
 */
final class ReplayRequests {

	/** The body's limit (the server's default for builder routes). */
	static final int MAX_BODY_BYTES = 3_145_728;

	private static final Set<String> KEYS = Set.of("payload", "payloadType", "metadata", "tags", "queue",
			"concurrencyKey", "machine", "version", "region", "delay", "ttl", "idempotencyKey", "idempotencyKeyTTL",
			"maxAttempts", "maxDuration", "priority");

	private static final List<String> PAYLOAD_TYPES = List.of(Payloads.JSON, Payloads.SUPER_JSON);

	private ReplayRequests() {
	}

	/**
	 * The overrides a body sets, checked before anything is stored.
	 * @param bytes the body, empty for none
	 * @param now the engine's time, which a delay counts from
	 */
	static Overrides parse(byte[] bytes, Instant now) {
		if (bytes.length == 0) {
			return Overrides.NONE;
		}
		JsonNode body = Bodies.builderObject(bytes);
		List<String> unknown = new ArrayList<>();
		for (Iterator<String> names = body.propertyNames().iterator(); names.hasNext();) {
			String name = names.next();
			if (!KEYS.contains(name)) {
				unknown.add("'" + name + "'");
			}
		}
		if (!unknown.isEmpty()) {
			throw ApiError.of(400, "Validation error: Unrecognized key(s) in object: " + String.join(", ", unknown));
		}
		String payloadType = payloadType(body);
		JsonNode metadata = Bodies.object(body, "metadata", "metadata");
		List<String> tags = (Bodies.field(body, "tags") != null)
				? Bodies.tags(body, "tags", TriggerRequests.MAX_TAG_LENGTH) : null;
		String queue = Bodies.string(body, "queue", "queue");
		TriggerRequests.concurrencyKey(body, "concurrencyKey");
		String machine = TriggerRequests.machine(body, "machine");
		Bodies.string(body, "version", "version");
		Bodies.string(body, "region", "region");
		Instant delayUntil = delay(body, now);
		TriggerRequests.Ttl ttl = TriggerRequests.ttl(body, "ttl");
		String key = Bodies.string(body, "idempotencyKey", "idempotencyKey");
		if (key != null && key.length() > TriggerRequests.MAX_IDEMPOTENCY_KEY_LENGTH) {
			throw ApiError.validation("idempotencyKey must be 2048 characters or less", "idempotencyKey");
		}
		Duration keyTtl = TriggerRequests
			.idempotencyKeyTtl(Bodies.string(body, "idempotencyKeyTTL", "idempotencyKeyTTL"), "idempotencyKeyTTL");
		Long maxAttempts = Bodies.integer(body, "maxAttempts", "maxAttempts", 1, Long.MAX_VALUE);
		nonNegative(body, "maxDuration");
		Bodies.number(body, "priority", "priority");
		JsonNode payloadNode = body.get("payload");
		if (Payloads.SUPER_JSON.equals(payloadType) && (payloadNode == null || !payloadNode.isString())) {
			throw ApiError.validation("payload must be a SuperJSON string when payloadType is application/super+json",
					"payload");
		}
		boolean hasPayload = payloadNode != null;
		JsonNode payload = hasPayload ? Payloads.decode(payloadNode, payloadType) : null;
		return new Overrides(hasPayload, payload, metadata, tags, queue, machine, delayUntil, ttl, key, keyTtl,
				TriggerRequests.maxAttempts(maxAttempts));
	}

	/** {@code z.enum(["application/json", "application/super+json"])}. */
	private static @Nullable String payloadType(JsonNode body) {
		JsonNode node = Bodies.field(body, "payloadType");
		if (node == null) {
			return null;
		}
		String expected = "Expected 'application/json' | 'application/super+json'";
		if (!node.isString()) {
			throw ApiError.validation(expected + ", received " + Bodies.typeName(node), "payloadType");
		}
		if (!PAYLOAD_TYPES.contains(node.asString())) {
			throw ApiError.validation("Invalid enum value. " + expected + ", received '" + node.asString() + "'",
					"payloadType");
		}
		return node.asString();
	}

	/**
	 * {@code z.string().or(z.coerce.date())}: a text as a trigger's delay, anything else
	 * as {@code new Date(value)}; a date not in the future is no delay.
	 */
	private static @Nullable Instant delay(JsonNode body, Instant now) {
		JsonNode node = body.get("delay");
		if (node == null) {
			return null;
		}
		if (node.isString()) {
			return TriggerRequests.delay(node.asString(), "delay", now);
		}
		Instant date = Bodies.coercedDate(node);
		if (date == null) {
			throw ApiError.of(400, "Validation error: Expected string, received " + Bodies.typeName(node)
					+ " at \"delay\", or Invalid date at \"delay\"");
		}
		return date;
	}

	/** {@code z.number().nonnegative()}. */
	private static void nonNegative(JsonNode body, String name) {
		BigDecimal value = Bodies.number(body, name, name);
		if (value != null && value.signum() < 0) {
			throw ApiError.validation("Number must be greater than or equal to 0", name);
		}
	}

	/**
	 * What a replay's body sets; {@code null} (or {@code false}) for what it leaves to
	 * the original run.
	 *
	 * @param hasPayload whether a payload was sent (a JSON {@code null} is one)
	 * @param payload the payload, decoded by its type
	 * @param metadata the metadata object
	 * @param tags the tags, blank ones and repeats dropped
	 * @param queue the queue's name
	 * @param machine the machine preset
	 * @param delayUntil when the new run is queued
	 * @param ttl the TTL
	 * @param idempotencyKey the new run's idempotency key
	 * @param idempotencyKeyTtl how long the key lives
	 * @param maxAttempts the most attempts
	 */
	record Overrides(boolean hasPayload, @Nullable JsonNode payload, @Nullable JsonNode metadata,
			@Nullable List<String> tags, @Nullable String queue, @Nullable String machine, @Nullable Instant delayUntil,
			TriggerRequests.@Nullable Ttl ttl, @Nullable String idempotencyKey, @Nullable Duration idempotencyKeyTtl,
			@Nullable Integer maxAttempts) {

		static final Overrides NONE = new Overrides(false, null, null, null, null, null, null, null, null, null, null);

		/** The original run's trigger with these overrides. */
		TriggerSpec over(TriggerSpec original) {
			return new TriggerSpec(original.task(), this.hasPayload ? this.payload : original.payload(),
					(this.tags != null) ? this.tags : original.tags(),
					(this.metadata != null) ? this.metadata : original.metadata(),
					(this.ttl != null) ? this.ttl.duration() : original.ttl(),
					(this.ttl != null) ? this.ttl.text() : original.ttlText(), this.delayUntil,
					(this.maxAttempts != null) ? this.maxAttempts : original.maxAttempts(),
					(this.queue != null) ? this.queue : original.queue(),
					(this.machine != null) ? this.machine : original.machine(), original.test(), this.idempotencyKey,
					this.idempotencyKeyTtl, null, original.triggerFunction(), original.queueConcurrencyLimit(), null);
		}

	}

}
