package io.trigger4j.emulator.engine;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A page of the run list, filters already parsed: each non-null filter must match (list
 * filters match any of their values), newest first by (createdAt, run id).
 *
 * @param states internal states to match, or {@code null} for any
 * @param taskIdentifiers tasks, or {@code null}
 * @param versions versions ({@code 20260101.1} for declared tasks, none otherwise), or
 * {@code null}
 * @param queues queue names ({@code task/<id>} for a run without its own queue), or
 * {@code null}
 * @param regions regions ({@code local}), or {@code null}
 * @param tags tags (any), or {@code null}
 * @param machines machine presets ({@code small-1x} for a run without its own), or
 * {@code null}
 * @param test whether test runs ({@code true}) or other runs ({@code false}), or
 * {@code null}
 * @param batchId the batch, or {@code null}
 * @param matchNothing whether nothing can match (a bulk action filter)
 * @param createdFrom created at or after, or {@code null}
 * @param createdTo created at or before, or {@code null}
 * @param size the page size, 1 to 100
 * @param after the position after which the page starts (older runs), or {@code null}
 * @param before the position before which the page ends (newer runs), or {@code null}
 * @param scheduleId the schedule ({@code sched_...}) that fired the runs, or {@code null}
 */
public record ListQuery(@Nullable Set<RunState> states, @Nullable List<String> taskIdentifiers,
		@Nullable List<String> versions, @Nullable List<String> queues, @Nullable List<String> regions,
		@Nullable List<String> tags, @Nullable List<String> machines, @Nullable Boolean test, @Nullable String batchId,
		boolean matchNothing, @Nullable Instant createdFrom, @Nullable Instant createdTo, int size,
		@Nullable Position after, @Nullable Position before, @Nullable String scheduleId) {

	/**
	 * A query without a schedule filter.
	 * @param states internal states to match, or {@code null} for any
	 * @param taskIdentifiers tasks, or {@code null}
	 * @param versions versions, or {@code null}
	 * @param queues queue names ({@code task/<id>} for a run without its own queue), or
	 * {@code null}
	 * @param regions regions ({@code local}), or {@code null}
	 * @param tags tags (any), or {@code null}
	 * @param machines machine presets, or {@code null}
	 * @param test whether test runs ({@code true}) or other runs ({@code false}), or
	 * {@code null}
	 * @param batchId the batch, or {@code null}
	 * @param matchNothing whether nothing can match (a bulk action filter)
	 * @param createdFrom created at or after, or {@code null}
	 * @param createdTo created at or before, or {@code null}
	 * @param size the page size, 1 to 100
	 * @param after the position after which the page starts (older runs), or {@code null}
	 * @param before the position before which the page ends (newer runs), or {@code null}
	 */
	public ListQuery(@Nullable Set<RunState> states, @Nullable List<String> taskIdentifiers,
			@Nullable List<String> versions, @Nullable List<String> queues, @Nullable List<String> regions,
			@Nullable List<String> tags, @Nullable List<String> machines, @Nullable Boolean test,
			@Nullable String batchId, boolean matchNothing, @Nullable Instant createdFrom, @Nullable Instant createdTo,
			int size, @Nullable Position after, @Nullable Position before) {
		this(states, taskIdentifiers, versions, queues, regions, tags, machines, test, batchId, matchNothing,
				createdFrom, createdTo, size, after, before, null);
	}

	/**
	 * A place in the list: a run's creation time (milliseconds) and id.
	 *
	 * @param createdAtMillis the run's createdAt in epoch milliseconds
	 * @param runId the run's id without {@code run_}
	 */
	public record Position(long createdAtMillis, String runId) {
	}

}
