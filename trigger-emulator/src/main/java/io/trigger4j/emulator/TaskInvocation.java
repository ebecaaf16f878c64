package io.trigger4j.emulator;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/**
 * One step of an attempt of an emulated run, as its {@link TaskHandler} sees it: the run,
 * the payload, the outcome of the token the previous step waited for, and a way to create
 * waitpoint tokens (as {@code wait.createToken} does in a real task).
 *
 * <pre>{@code
 * EmulatedTask.of("review", (run) -> switch (run.step()) {
 *     case 1 -> TaskStep.waitForToken(run.createToken(Duration.ofHours(1)));
 *     default -> run.tokenResult().ok() ? run.tokenResult().outputAsMap() : TaskStep.fail("timed out");
 * });
 * }</pre>
 */
public final class TaskInvocation {

	/** The most tags a token may have. */
	private static final int MAX_TOKEN_TAGS = 10;

	/** The longest tag of a token. */
	private static final int MAX_TAG_LENGTH = 128;

	private final String runId;

	private final String taskIdentifier;

	private final int attempt;

	private final int step;

	private final @Nullable String payloadJson;

	private final @Nullable TokenResult tokenResult;

	private final @Nullable TokenFactory tokens;

	private final @Nullable StreamSink streams;

	/**
	 * An invocation outside an emulator (to call a handler directly): it has no token
	 * result and cannot create tokens.
	 * @param runId the run id
	 * @param taskIdentifier the task
	 * @param attempt the attempt number, from 1
	 * @param step the step within the attempt, from 1
	 * @param payloadJson the payload as plain JSON text, or {@code null}
	 */
	public TaskInvocation(String runId, String taskIdentifier, int attempt, int step, @Nullable String payloadJson) {
		this(runId, taskIdentifier, attempt, step, payloadJson, null, null);
	}

	TaskInvocation(String runId, String taskIdentifier, int attempt, int step, @Nullable String payloadJson,
			@Nullable TokenResult tokenResult, @Nullable TokenFactory tokens) {
		this(runId, taskIdentifier, attempt, step, payloadJson, tokenResult, tokens, null);
	}

	TaskInvocation(String runId, String taskIdentifier, int attempt, int step, @Nullable String payloadJson,
			@Nullable TokenResult tokenResult, @Nullable TokenFactory tokens, @Nullable StreamSink streams) {
		this.runId = Objects.requireNonNull(runId, "runId must not be null");
		this.taskIdentifier = Objects.requireNonNull(taskIdentifier, "taskIdentifier must not be null");
		this.attempt = attempt;
		this.step = step;
		this.payloadJson = payloadJson;
		this.tokenResult = tokenResult;
		this.tokens = tokens;
		this.streams = streams;
	}

	/**
	 * {@return the run id ({@code run_...})}
	 */
	public String runId() {
		return this.runId;
	}

	/**
	 * {@return the identifier of the task the run belongs to}
	 */
	public String taskIdentifier() {
		return this.taskIdentifier;
	}

	/**
	 * {@return the attempt number, from 1}
	 */
	public int attempt() {
		return this.attempt;
	}

	/**
	 * The step within the attempt, from 1: after {@link TaskStep#waitFor} or
	 * {@link TaskStep#waitForToken} the handler is called again with the next step.
	 * @return the step number
	 */
	public int step() {
		return this.step;
	}

	/**
	 * The payload as plain JSON text ({@code null} when none was sent); a payload the
	 * official SDK sent as superjson arrives decoded.
	 * @return the payload's JSON text, or {@code null}
	 */
	public @Nullable String payloadJson() {
		return this.payloadJson;
	}

	/**
	 * The payload read as the given type.
	 * @param <T> the type to read
	 * @param type the class Jackson reads the payload's JSON into
	 * @return the payload, or {@code null} without payload
	 * @throws IllegalArgumentException if the payload is not a {@code type}
	 */
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

	/**
	 * {@return the payload as a map (empty unless it is a JSON object)}
	 */
	public Map<String, Object> payloadAsMap() {
		return asMap(this.payloadJson);
	}

	/**
	 * The outcome of the token the previous step waited for
	 * ({@link TaskStep#waitForToken}): its completion data, or its timeout error;
	 * {@code null} after any other step.
	 * @return the token's outcome, or {@code null}
	 */
	public @Nullable TokenResult tokenResult() {
		return this.tokenResult;
	}

	/**
	 * Creates a waitpoint token without timeout, key or tags.
	 * @return the token's id ({@code waitpoint_...})
	 * @throws IllegalStateException outside an emulator
	 */
	public String createToken() {
		return createToken(null, null, List.of());
	}

	/**
	 * Creates a waitpoint token that times out after this long (emulator time), without
	 * key or tags.
	 * @param timeout how long until the token times out, not negative
	 * @return the token's id ({@code waitpoint_...})
	 * @throws IllegalStateException outside an emulator
	 */
	public String createToken(Duration timeout) {
		return createToken(null, Objects.requireNonNull(timeout, "timeout must not be null"), List.of());
	}

	/**
	 * Creates a waitpoint token as {@code POST /api/v1/waitpoints/tokens} does, and
	 * returns its id ({@code waitpoint_...}); a live idempotency key returns the token it
	 * made before (so a retried attempt waits on the same token). The token is listed and
	 * completed through the API like any other.
	 * @param idempotencyKey the key (kept for ever), or {@code null}
	 * @param timeout how long until the token times out (emulator time), or {@code null}
	 * for never
	 * @param tags at most 10 tags of at most 128 characters
	 * @return the token's id ({@code waitpoint_...})
	 * @throws IllegalStateException outside an emulator
	 */
	public String createToken(@Nullable String idempotencyKey, @Nullable Duration timeout, List<String> tags) {
		Objects.requireNonNull(tags, "tags must not be null");
		if (timeout != null && timeout.isNegative()) {
			throw new IllegalArgumentException("timeout must not be negative but was " + timeout);
		}
		if (tags.size() > MAX_TOKEN_TAGS) {
			throw new IllegalArgumentException(
					"tags must be at most " + MAX_TOKEN_TAGS + " but were " + tags.size() + " tags");
		}
		for (String tag : tags) {
			Objects.requireNonNull(tag, "tags must not contain null");
			if (tag.length() > MAX_TAG_LENGTH) {
				throw new IllegalArgumentException(
						"tags must be at most " + MAX_TAG_LENGTH + " characters but one has " + tag.length());
			}
		}
		if (this.tokens == null) {
			throw new IllegalStateException("createToken needs a run of a started TriggerEmulator");
		}
		return this.tokens.create(idempotencyKey, timeout, List.copyOf(tags));
	}

	/**
	 * A realtime data stream of the run, as {@code streams.pipe}/{@code metadata.stream}
	 * makes in a real task: what it appends is served at {@code GET
	 * /realtime/v1/streams/{runId}/{key}} (the official SDK's {@code runs.fetchStream}
	 * and {@code subscribeToRun(...).withStreams()}), and the key is listed in the run's
	 * {@code realtimeStreams}. <pre>{@code
	 * RunStream tokens = run.stream("openai");
	 * tokens.append(Map.of("delta", "Hel"));
	 * tokens.append(Map.of("delta", "lo"));
	 * }</pre>
	 * @param key the stream's key, not blank, without {@code /}
	 * @return the stream, for appending records
	 */
	public RunStream stream(String key) {
		Objects.requireNonNull(key, "key must not be null");
		if (key.isBlank() || key.contains("/")) {
			throw new IllegalArgumentException("key must be a non-blank path segment but was '" + key + "'");
		}
		return new RunStream(key);
	}

	/**
	 * Appends a record to the run's realtime data stream {@code key}; as
	 * {@code stream(key).append(record)}.
	 * @param key the stream's key, not blank, without {@code /}
	 * @param record the record (anything Jackson writes as JSON; {@code null} is JSON
	 * {@code null})
	 * @return the record's id ({@code <epochMillis>-<seq>} of emulator time)
	 */
	public String append(String key, @Nullable Object record) {
		return stream(key).append(record);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || (other instanceof TaskInvocation that && this.runId.equals(that.runId)
				&& this.taskIdentifier.equals(that.taskIdentifier) && this.attempt == that.attempt
				&& this.step == that.step && Objects.equals(this.payloadJson, that.payloadJson)
				&& Objects.equals(this.tokenResult, that.tokenResult));
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.runId, this.taskIdentifier, this.attempt, this.step, this.payloadJson,
				this.tokenResult);
	}

	@Override
	public String toString() {
		return "TaskInvocation[runId=" + this.runId + ", taskIdentifier=" + this.taskIdentifier + ", attempt="
				+ this.attempt + ", step=" + this.step + "]";
	}

	private static Map<String, Object> asMap(@Nullable String json) {
		if (json == null) {
			return Map.of();
		}
		JsonNode node = EmulatorJson.MAPPER.readTree(json);
		return node.isObject() ? EmulatorJson.MAPPER.convertValue(node, new TypeReference<Map<String, Object>>() {
		}) : Map.of();
	}

	/**
	 * How a waited-for token ended, as {@code wait.forToken} answers in a real task.
	 *
	 * @param tokenId the token's id
	 * @param ok whether it was completed ({@code false}: it timed out)
	 * @param outputJson the completion data as JSON text ({@code null} when completed
	 * without data, or timed out)
	 * @param error the timeout error's message ("Waitpoint timed out at ..."), or
	 * {@code null} when completed
	 */
	public record TokenResult(String tokenId, boolean ok, @Nullable String outputJson, @Nullable String error) {

		/**
		 * Checks that the token id is present.
		 * @param tokenId the token's id
		 * @param ok whether it was completed ({@code false}: it timed out)
		 * @param outputJson the completion data as JSON text ({@code null} when completed
		 * without data, or timed out)
		 * @param error the timeout error's message ("Waitpoint timed out at ..."), or
		 * {@code null} when completed
		 */
		public TokenResult {
			Objects.requireNonNull(tokenId, "tokenId must not be null");
		}

		/**
		 * The completion data read as the given type.
		 * @param <T> the type to read
		 * @param type the class Jackson reads the data's JSON into
		 * @return the data, or {@code null} without data
		 * @throws IllegalArgumentException if the data is not a {@code type}
		 */
		public <T> @Nullable T output(Class<T> type) {
			if (this.outputJson == null) {
				return null;
			}
			try {
				return EmulatorJson.MAPPER.readValue(this.outputJson, type);
			}
			catch (JacksonException ex) {
				throw new IllegalArgumentException("output of " + this.tokenId + " is not a " + type.getName(), ex);
			}
		}

		/**
		 * {@return the completion data as a map (empty unless it is a JSON object)}
		 */
		public Map<String, Object> outputAsMap() {
			return asMap(this.outputJson);
		}

	}

	/**
	 * One realtime data stream of the run, for appending records to it.
	 */
	public final class RunStream {

		private final String key;

		private RunStream(String key) {
			this.key = key;
		}

		/**
		 * {@return the stream's key}
		 */
		public String key() {
			return this.key;
		}

		/**
		 * Appends a record (anything Jackson writes as JSON; {@code null} is JSON
		 * {@code null}), stored at the step's emulator time; subscribers get it at once.
		 * @param record the record, or {@code null}
		 * @return the record's id ({@code <epochMillis>-<seq>})
		 * @throws IllegalStateException outside an emulator
		 */
		public String append(@Nullable Object record) {
			StreamSink sink = TaskInvocation.this.streams;
			if (sink == null) {
				throw new IllegalStateException("stream needs a run of a started TriggerEmulator");
			}
			return sink.append(this.key, record);
		}

		@Override
		public String toString() {
			return "RunStream[runId=" + TaskInvocation.this.runId + ", key=" + this.key + "]";
		}

	}

	/** Appends to the streams of the run in the emulator running the step. */
	@FunctionalInterface
	interface StreamSink {

		String append(String key, @Nullable Object record);

	}

	/** Creates tokens in the emulator running the step. */
	@FunctionalInterface
	interface TokenFactory {

		String create(@Nullable String idempotencyKey, @Nullable Duration timeout, List<String> tags);

	}

}
