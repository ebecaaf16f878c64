package io.trigger4j.emulator.engine;

import java.util.List;

/**
 * One page of the schedule list.
 *
 * @param data the schedules, newest first
 * @param count how many schedules there are in all
 * @param deployed whether any task is declared; without one the server answers an empty
 * first page of one
 */
public record SchedulePage(List<ScheduleSnapshot> data, int count, boolean deployed) {

	/**
	 * Copies the list.
	 * @param data the schedules, newest first
	 * @param count how many schedules there are in all
	 * @param deployed whether any task is declared; without one the server answers an
	 * empty first page of one
	 */
	public SchedulePage {
		data = List.copyOf(data);
	}

}
