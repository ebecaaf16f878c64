package io.trigger4j.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.trigger4j.client.internal.Checks;
import io.trigger4j.client.model.MachinePreset;
import io.trigger4j.client.model.batches.BatchItem;
import io.trigger4j.client.model.batches.BatchOptions;
import io.trigger4j.client.model.batches.BatchTriggerResult;
import io.trigger4j.client.model.batches.BatchTriggered;
import io.trigger4j.client.model.tasks.TriggerOptions;
import io.trigger4j.client.model.tasks.TriggeredRun;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** The {@link TasksOperations} implementation. */
final class DefaultTasksOperations implements TasksOperations {

	static final int MAX_TASK_BATCH_ITEMS = 100;

	static final int MAX_BATCH_ITEMS = 500;

	/** The response header carrying a public access token for what was triggered. */
	private static final String JWT_HEADER = "x-trigger-jwt";

	private final TriggerHttp http;

	DefaultTasksOperations(TriggerHttp http) {
		this.http = http;
	}

	@Override
	public Mono<TriggeredRun> trigger(String taskIdentifier, Object payload) {
		return trigger(taskIdentifier, payload, TriggerOptions.none());
	}

	@Override
	public Mono<TriggeredRun> trigger(String taskIdentifier, Object payload, TriggerOptions options) {
		Operation.TASKS_TRIGGER.checkPath(taskIdentifier);
		Objects.requireNonNull(payload, "payload must not be null");
		Objects.requireNonNull(options, "options must not be null");
		return this.http.execute(ApiCall.to(Operation.TASKS_TRIGGER, taskIdentifier)
			.body(item("", null, payload, options))
			.idempotencyKey(options.idempotencyKey())
			.reading(TriggerAnswer.class, (answer, headers) -> new TriggeredRun(answer.id(), answer.isCached(),
					headers.getFirst(JWT_HEADER))));
	}

	@Override
	public Mono<BatchTriggerResult> batchTrigger(String taskIdentifier, List<BatchItem> items, BatchOptions options) {
		Operation.TASKS_BATCH_TRIGGER.checkPath(taskIdentifier);
		requireItems(items, MAX_TASK_BATCH_ITEMS);
		Objects.requireNonNull(options, "options must not be null");
		return this.http.execute(batch(ApiCall.to(Operation.TASKS_BATCH_TRIGGER, taskIdentifier), items, false, options)
			.reading(BatchAnswer.class, (answer, headers) -> new BatchTriggerResult(answer.id(),
					answer.runs().stream().map(RunRef::id).toList(), headers.getFirst(JWT_HEADER))));
	}

	@Override
	public Mono<BatchTriggered> batchTrigger(List<BatchItem> items, BatchOptions options) {
		requireItems(items, MAX_BATCH_ITEMS);
		Objects.requireNonNull(options, "options must not be null");
		return this.http.execute(batch(ApiCall.to(Operation.TASKS_BATCH_TRIGGER_MANY), items, true, options)
			.header("batch-processing-strategy",
					(options.processingStrategy() != null) ? options.processingStrategy().value() : null)
			.reading(BatchAnswer.class, (answer, headers) -> {
				List<BatchTriggered.BatchRun> runs = answer.runs()
					.stream()
					.map((run) -> new BatchTriggered.BatchRun(run.id(), run.taskIdentifier(), run.isCached(),
							run.idempotencyKey()))
					.toList();
				return new BatchTriggered(answer.id(), answer.isCached(), answer.idempotencyKey(), runs,
						headers.getFirst(JWT_HEADER));
			}));
	}

	private ApiCall.Builder batch(ApiCall.Builder call, List<BatchItem> items, boolean withTask, BatchOptions options) {
		List<ItemBody> bodies = new ArrayList<>(items.size());
		for (int i = 0; i < items.size(); i++) {
			BatchItem item = items.get(i);
			bodies.add(item("items[" + i + "].", withTask ? item.task() : null, item.payload(), item.options()));
		}
		return call.header("idempotency-key", options.idempotencyKey())
			.header("idempotency-key-ttl", options.idempotencyKeyTtl())
			.body(new BatchBody(bodies))
			.idempotencyKey(options.idempotencyKey());
	}

	/**
	 * One trigger's body. The payload, context and metadata are written now with the
	 * application's mapper, so a value it cannot write fails before anything is sent.
	 * @param prefix what the argument names in errors start with, such as
	 * {@code items[3].}
	 */
	private ItemBody item(String prefix, @Nullable String task, Object payload, TriggerOptions options) {
		WireJson json = this.http.json();
		RawJson metadata = null;
		if (options.metadata() != null) {
			metadata = json.user(prefix + "metadata", options.metadata());
			Checks.requireMetadata(prefix + "metadata", metadata.json());
		}
		OptionsBody body = new OptionsBody(options.queue(), options.concurrencyKey(), options.idempotencyKey(),
				options.idempotencyKeyTtl(), options.delay(), options.ttl(), options.tags(), metadata,
				options.maxAttempts(), seconds(options.maxDuration()), options.machine(), options.test(),
				seconds(options.priority()), options.region(), options.lockToVersion());
		return new ItemBody(task, json.user(prefix + "payload", payload),
				(options.context() != null) ? json.user(prefix + "context", options.context()) : null,
				OptionsBody.EMPTY.equals(body) ? null : body);
	}

	private static @Nullable Long seconds(@Nullable Duration duration) {
		return (duration != null) ? duration.getSeconds() : null;
	}

	private static void requireItems(List<BatchItem> items, int max) {
		Objects.requireNonNull(items, "items must not be null");
		if (items.isEmpty() || items.size() > max) {
			throw new IllegalArgumentException(
					"items must have between 1 and " + max + " elements but had " + items.size());
		}
		for (int i = 0; i < items.size(); i++) {
			Objects.requireNonNull(items.get(i), "items[" + i + "] must not be null");
		}
	}

	/** One trigger: the body of a trigger, and an item of a batch. */
	record ItemBody(@Nullable String task, RawJson payload, @Nullable RawJson context, @Nullable OptionsBody options) {
	}

	/** The {@code options} of a trigger, as the server names them. */
	record OptionsBody(TriggerOptions.@Nullable Queue queue, @Nullable String concurrencyKey,
			@Nullable String idempotencyKey, @JsonProperty("idempotencyKeyTTL") @Nullable String idempotencyKeyTtl,
			@Nullable String delay, @Nullable String ttl, @Nullable List<String> tags, @Nullable RawJson metadata,
			@Nullable Integer maxAttempts, @Nullable Long maxDuration, @Nullable MachinePreset machine,
			@Nullable Boolean test, @Nullable Long priority, @Nullable String region, @Nullable String lockToVersion) {

		static final OptionsBody EMPTY = new OptionsBody(null, null, null, null, null, null, null, null, null, null,
				null, null, null, null, null);

	}

	record BatchBody(List<ItemBody> items) {
	}

	/** The answer of a trigger. */
	record TriggerAnswer(@JsonProperty(required = true) String id, boolean isCached) {

		TriggerAnswer {
			Objects.requireNonNull(id, "id must not be null");
		}

	}

	/**
	 * The answer of both batch triggers: the server's 202 body {@code {id, isCached,
	 * idempotencyKey?, runs: [{id, taskIdentifier, isCached}]}}, or the contract's
	 * {@code {batchId, runs: [string]}}.
	 */
	record BatchAnswer(@JsonProperty(required = true) @JsonAlias("batchId") String id, boolean isCached,
			@Nullable String idempotencyKey, @Nullable List<RunRef> runs) {

		BatchAnswer {
			Objects.requireNonNull(id, "id must not be null");
			runs = (runs != null) ? runs : List.of();
		}

	}

	/** A run of a batch: an object, or (in the contract's shape) only its id. */
	record RunRef(String id, @Nullable String taskIdentifier, boolean isCached, @Nullable String idempotencyKey) {

		@JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
		RunRef {
			Objects.requireNonNull(id, "id must not be null");
		}

		@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
		static RunRef of(String id) {
			return new RunRef(id, null, false, null);
		}

	}

}
