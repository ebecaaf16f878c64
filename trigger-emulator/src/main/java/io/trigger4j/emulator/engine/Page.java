package io.trigger4j.emulator.engine;

import java.util.List;

/**
 * One page of the run list.
 *
 * @param data the runs, newest first
 * @param hasNext whether the api should give a next (older) cursor, from the last run
 * @param hasPrevious whether the api should give a previous (newer) cursor, from the
 * first run
 */
public record Page(List<RunSnapshot> data, boolean hasNext, boolean hasPrevious) {

	/**
	 * Copies the list.
	 * @param data the runs, newest first
	 * @param hasNext whether the api should give a next (older) cursor, from the last run
	 * @param hasPrevious whether the api should give a previous (newer) cursor, from the
	 * first run
	 */
	public Page {
		data = List.copyOf(data);
	}

}
