package io.trigger4j.emulator;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A schedule the emulator holds, as it was when {@link TriggerEmulator#schedules()} was
 * called. Immutable.
 *
 * @param id the schedule id, {@code sched_...}
 * @param task the scheduled task
 * @param type {@code IMPERATIVE} (created through the API) or {@code DECLARATIVE}
 * (declared with its task, {@link EmulatedTask#asScheduled(String)})
 * @param active whether it fires
 * @param cron the cron expression
 * @param timezone the IANA timezone the expression is read in ({@code UTC} by default)
 * @param deduplicationKey the deduplication key the caller gave, or {@code null}
 * @param externalId the caller's id, or {@code null}
 * @param createdAt when it was created (emulator time)
 * @param nextRun when it fires next, or {@code null} if it never fires again
 */
public record EmulatedSchedule(String id, String task, String type, boolean active, String cron, String timezone,
		@Nullable String deduplicationKey, @Nullable String externalId, Instant createdAt, @Nullable Instant nextRun) {

	/**
	 * A schedule's snapshot.
	 * @param id the schedule id, {@code sched_...}
	 * @param task the scheduled task
	 * @param type {@code IMPERATIVE} or {@code DECLARATIVE}
	 * @param active whether it fires
	 * @param cron the cron expression
	 * @param timezone the IANA timezone the expression is read in
	 * @param deduplicationKey the deduplication key the caller gave, or {@code null}
	 * @param externalId the caller's id, or {@code null}
	 * @param createdAt when it was created
	 * @param nextRun when it fires next, or {@code null}
	 */
	public EmulatedSchedule {
		Objects.requireNonNull(id, "id must not be null");
		Objects.requireNonNull(task, "task must not be null");
		Objects.requireNonNull(type, "type must not be null");
		Objects.requireNonNull(cron, "cron must not be null");
		Objects.requireNonNull(timezone, "timezone must not be null");
		Objects.requireNonNull(createdAt, "createdAt must not be null");
	}

	/**
	 * Whether it was created through the API, rather than declared with its task.
	 * @return {@code true} for an {@code IMPERATIVE} schedule
	 */
	public boolean imperative() {
		return "IMPERATIVE".equals(this.type);
	}

}
