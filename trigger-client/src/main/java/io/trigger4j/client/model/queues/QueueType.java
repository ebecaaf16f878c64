package io.trigger4j.client.model.queues;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.trigger4j.client.model.ServerEnum;

/**
 * The type of a queue, as the server wrote it: {@code task} for a task's own queue,
 * {@code custom} for a queue declared in code with {@code queue()}. A value this version
 * of trigger4j does not know is {@link Known#UNKNOWN}, never a decoding failure.
 */
public final class QueueType extends ServerEnum<QueueType.Known> {

	/** The queue types trigger4j knows. */
	public enum Known {

		/** {@code task}: created for each task; its name is the task's identifier. */
		TASK,
		/** {@code custom}: declared in code with {@code queue()}. */
		CUSTOM,
		/**
		 * A type this version of trigger4j does not know; see {@link QueueType#value()}.
		 */
		UNKNOWN

	}

	/** A task's own queue. */
	public static final QueueType TASK = of("task");

	/** A queue declared in code. */
	public static final QueueType CUSTOM = of("custom");

	private QueueType(String value, Known known) {
		super(value, known);
	}

	/**
	 * The type for a raw name such as {@code task}; never fails, unknown names give
	 * {@link Known#UNKNOWN}.
	 * @param value the raw name
	 * @return the type
	 */
	@JsonCreator
	public static QueueType of(String value) {
		Objects.requireNonNull(value, "value must not be null");
		Known known = switch (value) {
			case "task" -> Known.TASK;
			case "custom" -> Known.CUSTOM;
			default -> Known.UNKNOWN;
		};
		return new QueueType(value, known);
	}

}
