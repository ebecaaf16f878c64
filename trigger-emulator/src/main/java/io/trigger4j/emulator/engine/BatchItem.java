package io.trigger4j.emulator.engine;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One item streamed to a two-phase batch, already parsed by the api layer: a trigger, or
 * an item the parser already failed (an oversized line), which is recorded as the item's
 * error instead of a run.
 *
 * @param index the item's index in the batch, from 0
 * @param task the item's task
 * @param trigger the trigger, or {@code null} for a failed item
 * @param error why a failed item failed, or {@code null}
 * @param errorCode the failed item's code, or {@code null}
 */
public record BatchItem(long index, String task, @Nullable TriggerSpec trigger, @Nullable String error,
		@Nullable String errorCode) {

	/**
	 * Checks that the item has a task and either a trigger or an error.
	 * @param index the item's index in the batch, from 0
	 * @param task the item's task
	 * @param trigger the trigger, or {@code null} for a failed item
	 * @param error why a failed item failed, or {@code null}
	 * @param errorCode the failed item's code, or {@code null}
	 */
	public BatchItem {
		Objects.requireNonNull(task, "task must not be null");
		if ((trigger == null) == (error == null)) {
			throw new IllegalArgumentException("an item has either a trigger or an error");
		}
	}

	/**
	 * An item to trigger.
	 * @param index the item's index in the batch, from 0
	 * @param trigger the trigger, which names the task
	 * @return the item
	 */
	public static BatchItem of(long index, TriggerSpec trigger) {
		return new BatchItem(index, trigger.task(), trigger, null, null);
	}

	/**
	 * An item the parser already failed, recorded as an error of the batch.
	 * @param index the item's index in the batch, from 0
	 * @param task the item's task
	 * @param error why it failed
	 * @param errorCode the error's code
	 * @return the item
	 */
	public static BatchItem failed(long index, String task, String error, String errorCode) {
		return new BatchItem(index, task, null, error, errorCode);
	}

}
