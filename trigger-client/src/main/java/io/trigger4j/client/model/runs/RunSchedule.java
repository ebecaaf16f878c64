package io.trigger4j.client.model.runs;

import org.jspecify.annotations.Nullable;

/**
 * The schedule that triggered a run.
 *
 * @param id the schedule id ({@code sched_...})
 * @param externalId the schedule's external id
 * @param deduplicationKey the schedule's deduplication key
 * @param generator what generates the schedule's times
 */
public record RunSchedule(String id, @Nullable String externalId, @Nullable String deduplicationKey,
		@Nullable Generator generator) {

	/**
	 * A schedule generator.
	 *
	 * @param type the generator type, such as {@code CRON}
	 * @param expression the cron expression
	 * @param description the expression in plain English
	 */
	public record Generator(@Nullable String type, @Nullable String expression, @Nullable String description) {
	}

}
