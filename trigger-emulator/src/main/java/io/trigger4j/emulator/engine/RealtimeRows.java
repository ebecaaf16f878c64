package io.trigger4j.emulator.engine;

import java.util.List;

/**
 * The rows of a realtime feed at one moment.
 *
 * @param rows the runs, newest first
 * @param revision the engine's revision when read: every change after the read gets a
 * greater one
 */
public record RealtimeRows(List<RealtimeRun> rows, long revision) {

	/**
	 * Copies the rows.
	 * @param rows the runs, newest first
	 * @param revision the engine's revision when read: every change after the read gets a
	 * greater one
	 */
	public RealtimeRows {
		rows = List.copyOf(rows);
	}

}
