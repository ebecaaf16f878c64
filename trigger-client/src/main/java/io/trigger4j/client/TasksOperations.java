package io.trigger4j.client;

import java.time.Duration;
import java.util.List;

import io.trigger4j.client.error.TriggerTimeoutException;
import io.trigger4j.client.model.JsonValue;
import io.trigger4j.client.model.batches.BatchHandle;
import io.trigger4j.client.model.batches.BatchItem;
import io.trigger4j.client.model.batches.BatchOptions;
import io.trigger4j.client.model.batches.BatchTriggerResult;
import io.trigger4j.client.model.batches.BatchTriggered;
import io.trigger4j.client.model.tasks.RunFailedException;
import io.trigger4j.client.model.tasks.TaskRef;
import io.trigger4j.client.model.tasks.TriggerOptions;
import io.trigger4j.client.model.tasks.TriggeredRun;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;

/** Triggering tasks. Obtain from {@link TriggerOperations#tasks()}. */
public interface TasksOperations {

	/**
	 * Triggers a run of a task with default options. {@code POST
	 * /api/v1/tasks/{taskIdentifier}/trigger}.
	 * @param taskIdentifier the task's id, such as {@code send-welcome-email}
	 * @param payload anything that serialises to JSON (a record, a map, a
	 * {@link JsonValue}, ...)
	 * @see #trigger(String, Object, TriggerOptions)
	 * @return the triggered run's id and whether it was cached
	 */
	Mono<TriggeredRun> trigger(String taskIdentifier, Object payload);

	/**
	 * Triggers a run of a task. {@code POST /api/v1/tasks/{taskIdentifier}/trigger}.
	 *
	 * <p>
	 * Retried after a timeout or 5xx only when {@code options} carry an idempotency key,
	 * since a repeat could otherwise create a second run. With a key, a repeat returns
	 * the first run with {@link TriggeredRun#isCached()} set. The key is sent hashed, as
	 * the TypeScript SDK sends it (see {@link TriggerOptions.Builder#idempotencyKey}).
	 * @param taskIdentifier the task's id
	 * @param payload anything that serialises to JSON
	 * @param options delay, TTL, tags, idempotency key, queue and other options
	 * @return the triggered run's id and whether it was cached
	 */
	Mono<TriggeredRun> trigger(String taskIdentifier, Object payload, TriggerOptions options);

	/**
	 * Triggers a run of a typed task; the compiler checks the payload's type. {@code POST
	 * /api/v1/tasks/{taskIdentifier}/trigger}.
	 * @param task the task
	 * @param payload the payload
	 * @param options delay, TTL, tags, idempotency key, queue and other options
	 * @see #trigger(String, Object, TriggerOptions)
	 * @param <P> the task's payload type
	 * @return the triggered run's id and whether it was cached
	 */
	<P> Mono<TriggeredRun> trigger(TaskRef<P, ?> task, P payload, TriggerOptions options);

	/**
	 * Triggers a run, follows it until it finishes, and reads its output as the given
	 * type: {@code POST /api/v1/tasks/{taskIdentifier}/trigger}, then
	 * {@link RunsOperations#subscribeToRun(String)}.
	 *
	 * <p>
	 * Emits the output of a COMPLETED run, or completes empty when the run completed
	 * without an output. A run that ends in any other terminal status (FAILED, CRASHED,
	 * SYSTEM_FAILURE, EXPIRED, TIMED_OUT, CANCELED, ...) signals a
	 * {@link RunFailedException} carrying the run and its error. When the run has not
	 * finished within {@code timeout}, counted from the trigger's answer (the trigger
	 * request itself is bounded by the client's deadline), a
	 * {@link TriggerTimeoutException} naming the run is signalled; the run itself goes on
	 * (cancel it with {@link RunsOperations#cancel(String)} if needed). Cancelling the
	 * subscription stops following, not the run.
	 * @param <T> the type to decode into
	 * @param taskIdentifier the task's id
	 * @param payload anything that serialises to JSON
	 * @param options the trigger's options
	 * @param outputType the output's class ({@link Void} to ignore the output)
	 * @param timeout the longest to wait for the run to finish (positive)
	 * @return the run's output, or empty when it completed without one
	 */
	<T> Mono<T> triggerAndAwait(String taskIdentifier, Object payload, TriggerOptions options, Class<T> outputType,
			Duration timeout);

	/**
	 * How long the {@code triggerAndAwait} forms without a timeout wait for the run to
	 * finish.
	 */
	Duration DEFAULT_AWAIT_TIMEOUT = Duration.ofHours(1);

	/**
	 * Triggers a run, follows it until it finishes and reads its output as the given
	 * type, waiting at most {@link #DEFAULT_AWAIT_TIMEOUT}; otherwise as
	 * {@link #triggerAndAwait(String, Object, TriggerOptions, Class, Duration)}.
	 * @param <T> the type to decode into
	 * @param taskIdentifier the task's id
	 * @param payload anything that serialises to JSON
	 * @param options the trigger's options
	 * @param outputType the output's class ({@link Void} to ignore the output)
	 * @return the run's output, or empty when it completed without one
	 */
	default <T> Mono<T> triggerAndAwait(String taskIdentifier, Object payload, TriggerOptions options,
			Class<T> outputType) {
		return triggerAndAwait(taskIdentifier, payload, options, outputType, DEFAULT_AWAIT_TIMEOUT);
	}

	/**
	 * Triggers a run, follows it until it finishes and reads its output as a generic
	 * type, waiting at most {@link #DEFAULT_AWAIT_TIMEOUT}; otherwise as
	 * {@link #triggerAndAwait(String, Object, TriggerOptions, Class, Duration)}.
	 * @param <T> the type to decode into
	 * @param taskIdentifier the task's id
	 * @param payload anything that serialises to JSON
	 * @param options the trigger's options
	 * @param outputType the output's type
	 * @return the run's output, or empty when it completed without one
	 */
	default <T> Mono<T> triggerAndAwait(String taskIdentifier, Object payload, TriggerOptions options,
			TypeReference<T> outputType) {
		return triggerAndAwait(taskIdentifier, payload, options, outputType, DEFAULT_AWAIT_TIMEOUT);
	}

	/**
	 * Triggers a run of a typed task, follows it until it finishes and reads its output,
	 * waiting at most {@link #DEFAULT_AWAIT_TIMEOUT}; otherwise as
	 * {@link #triggerAndAwait(TaskRef, Object, TriggerOptions, Duration)}.
	 * @param <P> the task's payload type
	 * @param <O> the task's output type
	 * @param task the task
	 * @param payload the payload
	 * @param options the trigger's options
	 * @return the run's output, or empty when it completed without one
	 */
	default <P, O> Mono<O> triggerAndAwait(TaskRef<P, O> task, P payload, TriggerOptions options) {
		return triggerAndAwait(task, payload, options, DEFAULT_AWAIT_TIMEOUT);
	}

	/**
	 * Triggers a run, follows it until it finishes, and reads its output as a generic
	 * type, such as {@code new TypeReference<List<Reply>>() {}}; otherwise as
	 * {@link #triggerAndAwait(String, Object, TriggerOptions, Class, Duration)}.
	 * @param <T> the type to decode into
	 * @param taskIdentifier the task's id
	 * @param payload anything that serialises to JSON
	 * @param options the trigger's options
	 * @param outputType the output's type
	 * @param timeout the longest to wait for the run to finish (positive)
	 * @return the run's output, or empty when it completed without one
	 */
	<T> Mono<T> triggerAndAwait(String taskIdentifier, Object payload, TriggerOptions options,
			TypeReference<T> outputType, Duration timeout);

	/**
	 * Triggers a run of a typed task, follows it until it finishes, and reads its output
	 * as the task's output type; the compiler checks the payload's and the output's
	 * types. Otherwise as
	 * {@link #triggerAndAwait(String, Object, TriggerOptions, Class, Duration)}.
	 * @param <P> the task's payload type
	 * @param <O> the task's output type
	 * @param task the task
	 * @param payload the payload
	 * @param options the trigger's options
	 * @param timeout the longest to wait for the run to finish (positive)
	 * @return the run's output, or empty when it completed without one
	 */
	<P, O> Mono<O> triggerAndAwait(TaskRef<P, O> task, P payload, TriggerOptions options, Duration timeout);

	/**
	 * Triggers up to 100 runs of one task in one request. {@code POST
	 * /api/v1/tasks/{taskIdentifier}/batch}. The items' {@link BatchItem#task()} is
	 * ignored: every item runs {@code taskIdentifier}. For more items, use
	 * {@link #batchTrigger(Flux, BatchOptions)}.
	 * @param taskIdentifier the task's id
	 * @param items 1 to 100 items
	 * @param options the batch's idempotency key (makes the call retry-safe; items
	 * without their own key get one derived from it)
	 * @return the batch's id and its runs
	 */
	Mono<BatchTriggerResult> batchTrigger(String taskIdentifier, List<BatchItem> items, BatchOptions options);

	/**
	 * Triggers up to 500 runs of any tasks in one request and answers their run ids.
	 * {@code POST /api/v1/tasks/batch}. For more items, use
	 * {@link #batchTrigger(Flux, BatchOptions)}.
	 * @param items 1 to 500 items, each naming its task
	 * @param options the batch's idempotency key and TTL (makes the call retry-safe;
	 * items without their own key get one derived from it), processing strategy
	 * @return the batch's id and its runs' ids, in item order
	 */
	Mono<BatchTriggered> batchTrigger(List<BatchItem> items, BatchOptions options);

	/**
	 * Triggers any number of runs of any tasks through the two-phase batch API the
	 * TypeScript SDK uses: for each 1000 items in input order, {@code POST
	 * /api/v3/batches} announces a batch, then {@code POST
	 * /api/v3/batches/{batchId}/items} sends its items as NDJSON. Emits one
	 * {@link BatchHandle} per batch, in input order; at most two batches are in flight
	 * and at most that many batches of items (2000) are taken from the source and held in
	 * memory, so the items may come from a large or slow source. A batch is sent once it
	 * has 1000 items or the source completed (its run count is announced first).
	 *
	 * <p>
	 * Retry-safe: sending a batch's items again never makes a second run (the server
	 * deduplicates items by index), and with an idempotency key a repeated call returns
	 * the same batches ({@link BatchHandle#isCached()}) and items get keys derived from
	 * it, as the SDK derives them. Unlike the SDK, a cached batch's items are sent again,
	 * so that a call repeated after a failure completes a batch whose items never arrived
	 * (the server answers at once for a batch already sealed). Without a key, a batch is
	 * not announced again after a failure where the server may have acted. The first
	 * batch takes the key itself (so a batch of up to 1000 items is keyed exactly as the
	 * SDK keys it); each later one a key derived from it
	 * ({@link io.trigger4j.client.model.tasks.IdempotencyKey#part(String, long)
	 * key.part("chunk", n)}). An item that cannot be written fails the returned
	 * {@code Flux} before its batch is sent; batches sent before stay.
	 * @param items one or more items, each naming its task
	 * @param options the idempotency key and its TTL (the processing strategy does not
	 * apply)
	 * @return one handle per batch created, in input order
	 */
	Flux<BatchHandle> batchTrigger(Flux<BatchItem> items, BatchOptions options);

	/**
	 * Triggers any number of runs of one typed task, one per payload, as
	 * {@link #batchTrigger(Flux, BatchOptions)} does; the compiler checks the payloads'
	 * type.
	 * @param <P> the task's payload type
	 * @param task the task
	 * @param payloads one or more payloads
	 * @param options the idempotency key and its TTL
	 * @return one handle per batch created, in input order
	 */
	<P> Flux<BatchHandle> batchTrigger(TaskRef<P, ?> task, Flux<? extends P> payloads, BatchOptions options);

}
