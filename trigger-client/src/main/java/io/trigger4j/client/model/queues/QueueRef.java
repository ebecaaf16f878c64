package io.trigger4j.client.model.queues;

import java.util.Locale;
import java.util.regex.Pattern;

import io.trigger4j.client.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * Names a queue for the queue operations: by its id ({@link #id(String)}), by the task
 * whose queue it is ({@link #task(String)}) or by the name of a custom queue
 * ({@link #custom(String)}). The server reads the path value by the {@code type} sent
 * with it: {@code id}, {@code task} or {@code custom}.
 *
 * <p>
 * The factories check their argument: the server keeps only {@code [a-zA-Z0-9_-/]} of a
 * queue name and cuts it to 128 characters without saying so, so a name it would change
 * can never be found and is rejected here. Immutable; equal when kind and value are.
 */
public final class QueueRef {

	/** The longest queue name the server keeps. */
	public static final int MAX_NAME_LENGTH = 128;

	/** The prefix of a task's queue name, which the API leaves out. */
	private static final String TASK_PREFIX = "task/";

	private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_\\-/]+");

	private static final Pattern ID = Pattern.compile("queue_[a-zA-Z0-9]+");

	/**
	 * How the server reads a queue reference; its {@link #value()} is sent as
	 * {@code type}.
	 */
	public enum Kind {

		/** A queue id, {@code queue_...}. */
		ID,
		/** A task's identifier: the task's own queue. */
		TASK,
		/** A custom queue's name. */
		CUSTOM;

		/**
		 * {@return the wire value: {@code id}, {@code task} or {@code custom}}
		 */
		public String value() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	private final Kind kind;

	private final String value;

	private QueueRef(Kind kind, String value) {
		this.kind = kind;
		this.value = value;
	}

	/**
	 * A queue by its id, such as {@code queue_9r4e2w1q8t6y5u3i0o7p}.
	 * @param queueId the queue id
	 * @return the reference
	 * @throws IllegalArgumentException if the id does not start with {@code queue_}
	 * followed by letters and digits
	 */
	public static QueueRef id(String queueId) {
		Checks.requireText("queueId", queueId);
		if (!ID.matcher(queueId).matches()) {
			throw new IllegalArgumentException(
					"queueId must be a queue id (queue_ followed by letters and digits) but was '" + queueId
							+ "'; use QueueRef.task(...) or QueueRef.custom(...) to name a queue");
		}
		return new QueueRef(Kind.ID, queueId);
	}

	/**
	 * A task's own queue, such as {@code send-welcome-email}. The server stores it as
	 * {@code task/<taskIdentifier>}, so the identifier may have at most 123 characters.
	 * @param taskIdentifier the task's identifier
	 * @return the reference
	 * @throws IllegalArgumentException if the identifier has characters other than
	 * {@code [a-zA-Z0-9_-/]} or is too long for a queue name
	 */
	public static QueueRef task(String taskIdentifier) {
		requireName("taskIdentifier", taskIdentifier);
		String task = taskIdentifier.startsWith(TASK_PREFIX) ? taskIdentifier.substring(TASK_PREFIX.length())
				: taskIdentifier;
		int longest = MAX_NAME_LENGTH - TASK_PREFIX.length();
		if (task.isEmpty() || task.length() > longest) {
			throw new IllegalArgumentException("taskIdentifier must have 1 to " + longest
					+ " characters (its queue is task/<taskIdentifier>, at most " + MAX_NAME_LENGTH
					+ " characters) but had " + task.length());
		}
		return new QueueRef(Kind.TASK, taskIdentifier);
	}

	/**
	 * A custom queue by the name given in code, such as {@code emails} or
	 * {@code tenant/acme}.
	 * @param name the queue's name
	 * @return the reference
	 * @throws IllegalArgumentException if the name has characters other than
	 * {@code [a-zA-Z0-9_-/]} or more than 128 characters
	 */
	public static QueueRef custom(String name) {
		requireName("name", name);
		if (name.length() > MAX_NAME_LENGTH) {
			throw new IllegalArgumentException(
					"name must be at most " + MAX_NAME_LENGTH + " characters but was " + name.length());
		}
		return new QueueRef(Kind.CUSTOM, name);
	}

	/**
	 * {@return how the server reads {@link #value()}}
	 */
	public Kind kind() {
		return this.kind;
	}

	/**
	 * {@return the queue id, task identifier or custom name, as given}
	 */
	public String value() {
		return this.value;
	}

	private static void requireName(String argument, String name) {
		Checks.requireText(argument, name);
		if (!NAME.matcher(name).matches()) {
			throw new IllegalArgumentException(argument
					+ " must contain only letters, digits, '_', '-' and '/' (the server silently drops any other character from a queue name) but was '"
					+ name + "'");
		}
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other
				|| (other instanceof QueueRef ref && this.kind == ref.kind && this.value.equals(ref.value));
	}

	@Override
	public int hashCode() {
		return 31 * this.kind.hashCode() + this.value.hashCode();
	}

	/** Such as {@code task:send-welcome-email}. */
	@Override
	public String toString() {
		return this.kind.value() + ":" + this.value;
	}

}
