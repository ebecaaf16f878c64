package io.trigger4j.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.trigger4j.client.model.runs.Run;
import org.assertj.core.api.AbstractListAssert;

/**
 * Assertions on a list of runs, oldest first, as AssertJ's list assertions
 * ({@code hasSize}, {@code first()}, {@code singleElement()}, {@code element(i)}) whose
 * elements are {@link RunAssert}s.
 */
public final class RunsAssert extends AbstractListAssert<RunsAssert, List<Run>, Run, RunAssert> {

	RunsAssert(List<Run> runs) {
		super(runs, RunsAssert.class);
	}

	/**
	 * Keeps the runs that have a tag.
	 * @param tag the tag
	 * @return assertions on those runs
	 */
	public RunsAssert taggedWith(String tag) {
		Objects.requireNonNull(tag, "tag must not be null");
		isNotNull();
		return new RunsAssert(this.actual.stream().filter((run) -> run.tags().contains(tag)).toList())
			.as("runs tagged '%s'", tag);
	}

	/**
	 * Verifies that each run's payload, read as the type, is one of the expected
	 * payloads, in order.
	 * @param <T> the payload type
	 * @param type the payload type, such as a record
	 * @param expected the payloads
	 * @return this
	 */
	@SafeVarargs
	public final <T> RunsAssert hasPayloads(Class<T> type, T... expected) {
		isNotNull();
		List<T> payloads = new ArrayList<>();
		for (Run run : this.actual) {
			payloads.add(run.payload(type));
		}
		if (!payloads.equals(List.of(expected))) {
			failWithMessage("Expected payloads %s but were %s", List.of(expected), payloads);
		}
		return this;
	}

	@Override
	protected RunAssert toAssert(Run value, String description) {
		return new RunAssert(value).as(description);
	}

	@Override
	protected RunsAssert newAbstractIterableAssert(Iterable<? extends Run> iterable) {
		List<Run> runs = new ArrayList<>();
		iterable.forEach(runs::add);
		return new RunsAssert(runs);
	}

}
