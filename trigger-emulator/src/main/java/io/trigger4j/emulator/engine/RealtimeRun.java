package io.trigger4j.emulator.engine;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A run as the realtime feeds show it: its snapshot and the columns the run snapshot does
 * not carry, with the revision it was seen at.
 *
 * @param run the run
 * @param revision its revision: it grows (engine-wide) whenever anything of the run a
 * feed shows changes
 * @param queuedAt when the run was queued, or {@code null}
 * @param number the run's number among its task's runs, from 1
 * @param streams the keys of the realtime data streams the run wrote, in order
 */
public record RealtimeRun(RunSnapshot run, long revision, @Nullable Instant queuedAt, int number,
		List<String> streams) {

	/**
	 * Copies the stream keys.
	 * @param run the run
	 * @param revision its revision: it grows (engine-wide) whenever anything of the run a
	 * feed shows changes
	 * @param queuedAt when the run was queued, or {@code null}
	 * @param number the run's number among its task's runs, from 1
	 * @param streams the keys of the realtime data streams the run wrote, in order
	 */
	public RealtimeRun {
		streams = List.copyOf(streams);
	}

}
