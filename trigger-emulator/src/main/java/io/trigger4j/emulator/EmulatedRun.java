package io.trigger4j.emulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/**
 * A run the emulator holds, as it was when {@link TriggerEmulator#runs()} was called:
 * what a test asserts on after the code under test triggered it, without going through
 * the REST API. Immutable.
 *
 * @param id the run id, {@code run_...}
 * @param taskIdentifier the task, such as {@code send-email}
 * @param status the status as the API shows it to a current client, such as
 * {@code QUEUED}, {@code EXECUTING}, {@code WAITING}, {@code COMPLETED}, {@code FAILED}
 * or {@code CANCELED}
 * @param finished whether the run has finished (its status will not change any more)
 * @param payloadJson the payload as plain JSON text, or {@code null} when none was sent
 * @param tags the run's tags, in the order they were added
 * @param idempotencyKey the idempotency key as the code under test gave it (the text
 * behind the hash a client sends, when the client sent it), or {@code null}
 * @param createdAt when the run was created (emulator time)
 * @param metadataJson the run's metadata as JSON text, or {@code null}
 * @param outputJson the output of a completed run as JSON text, or {@code null}
 */
public record EmulatedRun(String id, String taskIdentifier, String status, boolean finished,
		@Nullable String payloadJson, List<String> tags, @Nullable String idempotencyKey, Instant createdAt,
		@Nullable String metadataJson, @Nullable String outputJson) {

	/**
	 * A run's snapshot; the tags are copied.
	 * @param id the run id, {@code run_...}
	 * @param taskIdentifier the task
	 * @param status the status as the API shows it to a current client
	 * @param finished whether the run has finished
	 * @param payloadJson the payload as plain JSON text, or {@code null}
	 * @param tags the run's tags
	 * @param idempotencyKey the idempotency key as the code under test gave it, or
	 * {@code null}
	 * @param createdAt when the run was created
	 * @param metadataJson the metadata as JSON text, or {@code null}
	 * @param outputJson the output as JSON text, or {@code null}
	 */
	public EmulatedRun {
		Objects.requireNonNull(id, "id must not be null");
		Objects.requireNonNull(taskIdentifier, "taskIdentifier must not be null");
		Objects.requireNonNull(status, "status must not be null");
		tags = List.copyOf(tags);
		Objects.requireNonNull(createdAt, "createdAt must not be null");
	}

	/**
	 * The payload read as a type.
	 * @param <T> the payload type
	 * @param type the payload type, such as a record
	 * @return the payload, or {@code null} when none was sent
	 * @throws IllegalArgumentException if the payload cannot be read as the type
	 */
	public <T> @Nullable T payload(Class<T> type) {
		return read(this.payloadJson, type, "payload");
	}

	/**
	 * The payload as a map.
	 * @return the payload's fields, empty unless the payload is a JSON object
	 */
	public Map<String, Object> payloadAsMap() {
		if (this.payloadJson == null) {
			return Map.of();
		}
		JsonNode node = EmulatorJson.MAPPER.readTree(this.payloadJson);
		return node.isObject() ? EmulatorJson.MAPPER.convertValue(node, new TypeReference<Map<String, Object>>() {
		}) : Map.of();
	}

	/**
	 * The output read as a type.
	 * @param <T> the output type
	 * @param type the output type, such as a record
	 * @return the output, or {@code null} unless the run completed with one
	 * @throws IllegalArgumentException if the output cannot be read as the type
	 */
	public <T> @Nullable T output(Class<T> type) {
		return read(this.outputJson, type, "output");
	}

	private <T> @Nullable T read(@Nullable String json, Class<T> type, String what) {
		Objects.requireNonNull(type, "type must not be null");
		if (json == null) {
			return null;
		}
		try {
			return EmulatorJson.MAPPER.readValue(json, type);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(what + " of " + this.id + " is not a " + type.getName(), ex);
		}
	}

}
