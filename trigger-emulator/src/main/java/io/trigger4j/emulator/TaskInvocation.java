package io.trigger4j.emulator;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/**
 * One attempt of an emulated run, as its {@link TaskHandler} sees it.
 *
 * @param runId the run id
 * @param taskIdentifier the task
 * @param attempt the attempt number, from 1
 * @param step the step within the attempt, from 1: after {@link TaskStep#waitFor} the
 * handler is called again with the next step
 * @param payloadJson the payload as plain JSON text ({@code null} when none was sent); a
 * payload the official SDK sent as superjson arrives decoded
 */
public record TaskInvocation(String runId, String taskIdentifier, int attempt, int step, @Nullable String payloadJson) {

	/** The payload read as the given type ({@code null} without payload). */
	public <T> @Nullable T payload(Class<T> type) {
		if (this.payloadJson == null) {
			return null;
		}
		try {
			return EmulatorJson.MAPPER.readValue(this.payloadJson, type);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("payload of " + this.runId + " is not a " + type.getName(), ex);
		}
	}

	/** The payload as a map (empty unless it is a JSON object). */
	public Map<String, Object> payloadAsMap() {
		if (this.payloadJson == null) {
			return Map.of();
		}
		JsonNode node = EmulatorJson.MAPPER.readTree(this.payloadJson);
		return node.isObject() ? EmulatorJson.MAPPER.convertValue(node, new TypeReference<Map<String, Object>>() {
		}) : Map.of();
	}

}
