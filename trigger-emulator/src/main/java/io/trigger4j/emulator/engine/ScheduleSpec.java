package io.trigger4j.emulator.engine;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A schedule to create or update, every value already read by the api layer (types
 * checked; the window's syntax too).
 *
 * @param task the scheduled task's identifier
 * @param cron the cron expression (5 fields), validated by the engine
 * @param deduplicationKey the key a create upserts by; {@code null} or empty for none (an
 * update never has one)
 * @param externalId the caller's id for the schedule, or {@code null}; empty means none
 * @param timezone the IANA timezone, or {@code null} for {@code UTC}
 * @param window how far each fire may be spread, such as {@code 30m} or {@code 50%}, or
 * {@code null} for none
 */
public record ScheduleSpec(String task, String cron, @Nullable String deduplicationKey, @Nullable String externalId,
		@Nullable String timezone, @Nullable String window) {

	/**
	 * Checks that the task and the cron expression are present; the engine checks the
	 * rest when the schedule is made.
	 * @param task the scheduled task's identifier
	 * @param cron the cron expression (5 fields), validated by the engine
	 * @param deduplicationKey the key a create upserts by; {@code null} or empty for none
	 * (an update never has one)
	 * @param externalId the caller's id for the schedule, or {@code null}; empty means
	 * none
	 * @param timezone the IANA timezone, or {@code null} for {@code UTC}
	 * @param window how far each fire may be spread, such as {@code 30m} or {@code 50%},
	 * or {@code null} for none
	 */
	public ScheduleSpec {
		Objects.requireNonNull(task, "task must not be null");
		Objects.requireNonNull(cron, "cron must not be null");
	}

}
