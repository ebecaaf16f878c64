package io.trigger4j.client.model.batches;

import java.util.Objects;

import io.trigger4j.client.TasksOperations;
import io.trigger4j.client.internal.Checks;
import io.trigger4j.client.model.tasks.TaskRef;
import io.trigger4j.client.model.tasks.TriggerOptions;

/**
 * One item of a batch trigger: a task, its payload and its options. The task is ignored
 * by {@link TasksOperations#batchTrigger(String, java.util.List, BatchOptions)}, where
 * every item runs the same task.
 *
 * @param task the task identifier
 * @param payload the payload (anything that serialises to JSON)
 * @param options the trigger options
 */
public record BatchItem(String task, Object payload, TriggerOptions options) {

	/**
	 * Checks the components.
	 * @param task the task identifier
	 * @param payload the payload (anything that serialises to JSON)
	 * @param options the trigger options
	 * @throws IllegalArgumentException if {@code task} is blank
	 */
	public BatchItem {
		Checks.requireId("task", task);
		Objects.requireNonNull(payload, "payload must not be null");
		Objects.requireNonNull(options, "options must not be null");
	}

	/**
	 * {@return an item for the given task with default options}
	 * @param task the task's identifier
	 * @param payload anything that serialises to JSON
	 */
	public static BatchItem of(String task, Object payload) {
		return new BatchItem(task, payload, TriggerOptions.none());
	}

	/**
	 * {@return an item for the given task with options}
	 * @param task the task's identifier
	 * @param payload anything that serialises to JSON
	 * @param options the run's options
	 */
	public static BatchItem of(String task, Object payload, TriggerOptions options) {
		return new BatchItem(task, payload, options);
	}

	/**
	 * An item for a typed task with default options; the compiler checks the payload's
	 * type.
	 * @param <P> the task's payload type
	 * @param task the task
	 * @param payload the payload
	 * @return the item
	 */
	public static <P> BatchItem of(TaskRef<P, ?> task, P payload) {
		return of(task, payload, TriggerOptions.none());
	}

	/**
	 * {@return an item for a typed task with options; the compiler checks the payload's
	 * type}
	 * @param <P> the task's payload type
	 * @param task the task
	 * @param payload the payload
	 * @param options the run's options
	 */
	public static <P> BatchItem of(TaskRef<P, ?> task, P payload, TriggerOptions options) {
		Objects.requireNonNull(task, "task must not be null");
		return new BatchItem(task.id(), payload, options);
	}

}
