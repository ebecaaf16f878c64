package io.trigger4j.emulator.engine;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An immutable view of a schedule at one instant, handed to the api layer.
 *
 * @param id the schedule id, {@code sched_} and 21 characters
 * @param type {@code IMPERATIVE} (created by the API) or {@code DECLARATIVE} (declared
 * with its task)
 * @param task the scheduled task
 * @param active whether it fires
 * @param deduplicationKey the key the caller gave, or {@code null} when none was given
 * @param externalId the caller's id, or {@code null}
 * @param cron the cron expression
 * @param description the expression in plain English (cronstrue's)
 * @param timezone the IANA timezone the expression is read in ({@code UTC} by default)
 * @param window the window as the server shows it, or {@code null}
 * @param createdAt when it was created
 * @param nextRun the next cron instant after now (whether active or not), or {@code null}
 * if it never fires
 */
public record ScheduleSnapshot(String id, String type, String task, boolean active, @Nullable String deduplicationKey,
		@Nullable String externalId, String cron, String description, String timezone, @Nullable String window,
		Instant createdAt, @Nullable Instant nextRun) {

}
