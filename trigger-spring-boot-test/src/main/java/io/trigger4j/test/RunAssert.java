package io.trigger4j.test;

import java.util.Arrays;
import java.util.Objects;

import io.trigger4j.client.model.JsonValue;
import io.trigger4j.client.model.runs.Run;
import io.trigger4j.client.model.runs.RunStatus;
import io.trigger4j.client.model.tasks.IdempotencyKey;
import org.assertj.core.api.AbstractObjectAssert;
import org.assertj.core.api.ObjectAssert;

/**
 * Assertions on one {@link Run}: its status, tags, idempotency key, payload and output.
 */
public final class RunAssert extends AbstractObjectAssert<RunAssert, Run> {

	RunAssert(Run run) {
		super(run, RunAssert.class);
	}

	/**
	 * Verifies the run's status.
	 * @param status the expected status, such as {@link RunStatus#COMPLETED}
	 * @return this
	 */
	public RunAssert hasStatus(RunStatus status) {
		isNotNull();
		if (!this.actual.status().equals(status)) {
			failWithMessage("Expected run %s to have status %s but was %s", this.actual.id(), status,
					this.actual.status());
		}
		return this;
	}

	/**
	 * Verifies that the run has these tags, among others.
	 * @param tags the tags
	 * @return this
	 */
	public RunAssert hasTags(String... tags) {
		isNotNull();
		if (!this.actual.tags().containsAll(Arrays.asList(tags))) {
			failWithMessage("Expected run %s to have tags %s but had %s", this.actual.id(), Arrays.asList(tags),
					this.actual.tags());
		}
		return this;
	}

	/**
	 * Verifies that the run was triggered with an idempotency key, given as the code
	 * under test gave it to {@code TriggerOptions} (the key a trigger sends is its hash).
	 * @param idempotencyKey the key as given to the trigger
	 * @return this
	 */
	public RunAssert hasIdempotencyKey(String idempotencyKey) {
		Objects.requireNonNull(idempotencyKey, "idempotencyKey must not be null");
		isNotNull();
		String actualKey = this.actual.idempotencyKey();
		if (!idempotencyKey.equals(actualKey) && !IdempotencyKey.of(idempotencyKey).hash().equals(actualKey)) {
			failWithMessage("Expected run %s to have idempotency key '%s' but had %s", this.actual.id(), idempotencyKey,
					(actualKey != null) ? "'" + actualKey + "'" : "none");
		}
		return this;
	}

	/**
	 * Verifies the run's payload: the expected value, written as JSON, equals the
	 * payload.
	 * @param expected the expected payload, such as a record or a map
	 * @return this
	 */
	public RunAssert hasPayload(Object expected) {
		isNotNull();
		JsonValue expectedJson = JsonValue.of(expected);
		if (!expectedJson.equals(this.actual.payload())) {
			failWithMessage("Expected run %s to have payload %s but was %s", this.actual.id(), expectedJson,
					this.actual.payload());
		}
		return this;
	}

	/**
	 * Assertions on the run's payload read as a type.
	 * @param <T> the payload type
	 * @param type the payload type, such as a record
	 * @return assertions on the payload ({@code null} when the run has none)
	 */
	public <T> ObjectAssert<T> payloadAs(Class<T> type) {
		isNotNull();
		return new ObjectAssert<>(this.actual.payload(type)).as("payload of run %s", this.actual.id());
	}

	/**
	 * Assertions on the run's output read as a type.
	 * @param <T> the output type
	 * @param type the output type, such as a record
	 * @return assertions on the output ({@code null} when the run has none, for example
	 * before it completed)
	 */
	public <T> ObjectAssert<T> outputAs(Class<T> type) {
		isNotNull();
		return new ObjectAssert<>(this.actual.output(type)).as("output of run %s", this.actual.id());
	}

}
