package io.trigger4j.test;

import java.util.List;

import io.trigger4j.client.model.runs.Run;
import io.trigger4j.client.model.schedules.Schedule;
import io.trigger4j.emulator.TriggerEmulator;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ListAssert;

/**
 * Assertions on what a {@link TriggerEmulator} was asked since its last reset: the runs
 * triggered, by task, and the schedules created. Obtain from
 * {@link TriggerAssertions#assertThat(TriggerEmulator)}.
 */
public final class TriggerEmulatorAssert extends AbstractAssert<TriggerEmulatorAssert, TriggerEmulator> {

	TriggerEmulatorAssert(TriggerEmulator emulator) {
		super(emulator, TriggerEmulatorAssert.class);
		isNotNull();
	}

	/**
	 * The runs of a task triggered since the last reset, oldest first.
	 * @param taskIdentifier the task's identifier, such as {@code send-email}
	 * @return assertions on the runs
	 */
	public RunsAssert triggered(String taskIdentifier) {
		List<Run> runs = TriggerEmulatorInspector.of(this.actual).runs(taskIdentifier);
		return new RunsAssert(runs).as("runs of task '%s'", taskIdentifier);
	}

	/**
	 * Every run triggered since the last reset, oldest first.
	 * @return assertions on the runs
	 */
	public RunsAssert runs() {
		return new RunsAssert(TriggerEmulatorInspector.of(this.actual).runs()).as("runs triggered");
	}

	/**
	 * Verifies that the task was triggered at least once since the last reset.
	 * @param taskIdentifier the task's identifier
	 * @return this
	 */
	public TriggerEmulatorAssert hasTriggered(String taskIdentifier) {
		if (TriggerEmulatorInspector.of(this.actual).runs(taskIdentifier).isEmpty()) {
			failWithMessage("Expected task '%s' to have been triggered, but it was not (tasks triggered: %s)",
					taskIdentifier, tasks());
		}
		return this;
	}

	/**
	 * Verifies that the task was not triggered since the last reset.
	 * @param taskIdentifier the task's identifier
	 * @return this
	 */
	public TriggerEmulatorAssert hasNotTriggered(String taskIdentifier) {
		List<Run> runs = TriggerEmulatorInspector.of(this.actual).runs(taskIdentifier);
		if (!runs.isEmpty()) {
			failWithMessage("Expected task '%s' not to have been triggered, but it was, %d time(s): %s", taskIdentifier,
					runs.size(), runs);
		}
		return this;
	}

	/**
	 * Verifies that nothing was triggered since the last reset.
	 * @return this
	 */
	public TriggerEmulatorAssert hasTriggeredNothing() {
		List<Run> runs = TriggerEmulatorInspector.of(this.actual).runs();
		if (!runs.isEmpty()) {
			failWithMessage("Expected nothing to have been triggered, but %d run(s) were: %s", runs.size(), runs);
		}
		return this;
	}

	/**
	 * The schedules created through the API since the last reset.
	 * @return assertions on the schedules
	 */
	public ListAssert<Schedule> schedules() {
		return Assertions.assertThat(TriggerEmulatorInspector.of(this.actual).schedules()).as("schedules created");
	}

	private List<String> tasks() {
		return TriggerEmulatorInspector.of(this.actual).runs().stream().map(Run::taskIdentifier).distinct().toList();
	}

}
