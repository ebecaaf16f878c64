package io.trigger4j.client;

import java.util.List;

import io.trigger4j.client.model.JsonValue;
import io.trigger4j.client.model.batches.BatchItem;
import io.trigger4j.client.model.batches.BatchOptions;
import io.trigger4j.client.model.batches.BatchTriggerResult;
import io.trigger4j.client.model.batches.BatchTriggered;
import io.trigger4j.client.model.tasks.TriggerOptions;
import io.trigger4j.client.model.tasks.TriggeredRun;
import reactor.core.publisher.Mono;

/** Triggering tasks. Obtain from {@link TriggerOperations#tasks()}. */
public interface TasksOperations {

	/**
	 * Triggers a run of a task with default options. {@code POST
	 * /api/v1/tasks/{taskIdentifier}/trigger}.
	 * @param taskIdentifier the task's id, such as {@code send-welcome-email}
	 * @param payload anything that serialises to JSON (a record, a map, a
	 * {@link JsonValue}, ...)
	 * @see #trigger(String, Object, TriggerOptions)
	 */
	Mono<TriggeredRun> trigger(String taskIdentifier, Object payload);

	/**
	 * Triggers a run of a task. {@code POST /api/v1/tasks/{taskIdentifier}/trigger}.
	 *
	 * <p>
	 * Retried after a timeout or 5xx only when {@code options} carry an idempotency key,
	 * since a repeat could otherwise create a second run. With a key, a repeat returns
	 * the first run with {@link TriggeredRun#isCached()} set.
	 * @param taskIdentifier the task's id
	 * @param payload anything that serialises to JSON
	 * @param options delay, TTL, tags, idempotency key, queue and other options
	 */
	Mono<TriggeredRun> trigger(String taskIdentifier, Object payload, TriggerOptions options);

	/**
	 * Triggers up to 100 runs of one task. {@code POST
	 * /api/v1/tasks/{taskIdentifier}/batch}. The items' {@link BatchItem#task()} is
	 * ignored: every item runs {@code taskIdentifier}.
	 * @param taskIdentifier the task's id
	 * @param items 1 to 100 items
	 * @param options the batch's idempotency key (makes the call retry-safe)
	 */
	Mono<BatchTriggerResult> batchTrigger(String taskIdentifier, List<BatchItem> items, BatchOptions options);

	/**
	 * Triggers up to 500 runs of any tasks in one batch.
	 * {@code POST /api/v1/tasks/batch}.
	 * @param items 1 to 500 items, each naming its task
	 * @param options the batch's idempotency key and TTL (makes the call retry-safe),
	 * processing strategy
	 */
	Mono<BatchTriggered> batchTrigger(List<BatchItem> items, BatchOptions options);

}
