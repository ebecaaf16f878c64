package io.trigger4j.emulator.engine;

import java.util.List;

/**
 * The records of a stream after a position, and whether more can come.
 *
 * @param records the records, in order
 * @param runFinished whether the run has finished: no more records will come
 */
public record StreamRead(List<StreamRecord> records, boolean runFinished) {

	/**
	 * Copies the records.
	 * @param records the records, in order
	 * @param runFinished whether the run has finished: no more records will come
	 */
	public StreamRead {
		records = List.copyOf(records);
	}

}
