package io.trigger4j.client.model.tasks;

import java.lang.reflect.Type;
import java.util.Objects;

import io.trigger4j.client.internal.Checks;
import tools.jackson.core.type.TypeReference;

/**
 * A typed handle on a task: its identifier, the type of its payload and the type of its
 * output. A service declares its tasks once and the compiler checks every trigger's
 * payload and every awaited output against them:
 *
 * <pre class="code">
 * static final TaskRef&lt;Greeting, Reply&gt; HELLO = TaskRef.of("hello-world", Greeting.class, Reply.class);
 *
 * Mono&lt;Reply&gt; reply = trigger.tasks().triggerAndAwait(HELLO, new Greeting("Ada"), TriggerOptions.none(), Duration.ofMinutes(5));
 * </pre>
 *
 * Immutable; equal when the identifier and both types are equal.
 *
 * @param <P> the payload type
 * @param <O> the output type
 */
public final class TaskRef<P, O> {

	private final String id;

	private final Type payloadType;

	private final Type outputType;

	private TaskRef(String id, Type payloadType, Type outputType) {
		this.id = Checks.requireId("id", id);
		this.payloadType = payloadType;
		this.outputType = outputType;
	}

	/**
	 * A handle on a task whose payload and output are plain classes.
	 * @param <P> the payload's type
	 * @param <O> the output's type
	 * @param id the task's identifier, such as {@code hello-world}
	 * @param payloadType the payload's class
	 * @param outputType the output's class ({@link Void} for a task without output)
	 * @return the handle
	 */
	public static <P, O> TaskRef<P, O> of(String id, Class<P> payloadType, Class<O> outputType) {
		return new TaskRef<>(id, Objects.requireNonNull(payloadType, "payloadType must not be null"),
				Objects.requireNonNull(outputType, "outputType must not be null"));
	}

	/**
	 * A handle on a task whose payload or output is a generic type, such as {@code new
	 * TypeReference<List<Reply>>() {}}.
	 * @param <P> the payload's type
	 * @param <O> the output's type
	 * @param id the task's identifier
	 * @param payloadType the payload's type
	 * @param outputType the output's type
	 * @return the handle
	 */
	public static <P, O> TaskRef<P, O> of(String id, TypeReference<P> payloadType, TypeReference<O> outputType) {
		return new TaskRef<>(id, Objects.requireNonNull(payloadType, "payloadType must not be null").getType(),
				Objects.requireNonNull(outputType, "outputType must not be null").getType());
	}

	/**
	 * {@return the task's identifier}
	 */
	public String id() {
		return this.id;
	}

	/**
	 * {@return the payload's type (a class or a parameterized type)}
	 */
	public Type payloadType() {
		return this.payloadType;
	}

	/**
	 * The output's type (a class or a parameterized type), as awaited outputs are read.
	 * @return the output's type
	 */
	public Type outputType() {
		return this.outputType;
	}

	@Override
	public boolean equals(Object other) {
		return this == other || (other instanceof TaskRef<?, ?> that && this.id.equals(that.id)
				&& this.payloadType.equals(that.payloadType) && this.outputType.equals(that.outputType));
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.id, this.payloadType, this.outputType);
	}

	@Override
	public String toString() {
		return "TaskRef[id=" + this.id + ", payloadType=" + this.payloadType.getTypeName() + ", outputType="
				+ this.outputType.getTypeName() + "]";
	}

}
