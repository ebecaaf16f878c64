package io.trigger4j.client.model.schedules;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A schedule: a cron expression that triggers a scheduled task, as returned by create,
 * list, retrieve, update, activate and deactivate.
 *
 * <p>
 * Besides the contract's fields, the server sends the schedule's {@code window} (how far
 * after the nominal time a run may be placed) and {@code nextRunEffectiveAt} (when the
 * next run will actually be triggered, within that window). Fields the server leaves out
 * are {@code null}; an update answer, for one, may leave out {@code type}.
 *
 * @param id the schedule id ({@code sched_...})
 * @param task the identifier of the scheduled task it triggers
 * @param type {@code DECLARATIVE} or {@code IMPERATIVE}
 * @param active whether the schedule triggers runs
 * @param deduplicationKey the deduplication key given when it was created, if one was
 * given
 * @param externalId the external id given to it, such as a user or tenant id
 * @param generator what generates its times: the cron expression and its description
 * @param timezone the IANA timezone its cron expression is read in, such as
 * {@code Europe/Paris}
 * @param window how far after each nominal time a run may start: {@code 30m}, {@code 2h},
 * or a percentage of the interval such as {@code 50%}
 * @param nextRun the next nominal time
 * @param nextRunEffectiveAt when the next run will be triggered, {@code nextRun} moved
 * within the window
 * @param environments the environments it triggers runs in
 */
public record Schedule(@JsonProperty(required = true) String id, @Nullable String task, @Nullable ScheduleType type,
		boolean active, @Nullable String deduplicationKey, @Nullable String externalId, @Nullable Generator generator,
		@Nullable String timezone, @Nullable String window, @Nullable Instant nextRun,
		@Nullable Instant nextRunEffectiveAt, List<Environment> environments) {

	/**
	 * Checks that the id is present and copies the environments ({@code null} gives an
	 * empty list).
	 * @param id the schedule id ({@code sched_...})
	 * @param task the identifier of the scheduled task it triggers
	 * @param type {@code DECLARATIVE} or {@code IMPERATIVE}
	 * @param active whether the schedule triggers runs
	 * @param deduplicationKey the deduplication key given when it was created, if one was
	 * given
	 * @param externalId the external id given to it, such as a user or tenant id
	 * @param generator what generates its times: the cron expression and its description
	 * @param timezone the IANA timezone its cron expression is read in, such as
	 * {@code Europe/Paris}
	 * @param window how far after each nominal time a run may start: {@code 30m},
	 * {@code 2h}, or a percentage of the interval such as {@code 50%}
	 * @param nextRun the next nominal time
	 * @param nextRunEffectiveAt when the next run will be triggered, {@code nextRun}
	 * moved within the window
	 * @param environments the environments it triggers runs in
	 */
	public Schedule {
		Objects.requireNonNull(id, "id must not be null");
		environments = (environments != null) ? List.copyOf(environments) : List.of();
	}

	/**
	 * {@return the cron expression, such as {@code 0 * * * *}, or {@code null} if not
	 * sent}
	 */
	@JsonIgnore
	public @Nullable String cron() {
		return (this.generator != null) ? this.generator.expression() : null;
	}

	/**
	 * What generates a schedule's times.
	 *
	 * @param type the generator type, {@code CRON}
	 * @param expression the cron expression, such as {@code 0 0 * * *}
	 * @param description the expression in plain English, such as
	 * {@code Every day at midnight}
	 */
	public record Generator(@Nullable String type, @Nullable String expression, @Nullable String description) {
	}

	/**
	 * An environment a schedule triggers runs in.
	 *
	 * @param id the environment id
	 * @param type the environment type, such as {@code PRODUCTION} or {@code DEVELOPMENT}
	 * @param userName for a development environment, whose it is
	 * @param branchName for a preview branch, the branch's name
	 */
	public record Environment(@Nullable String id, @Nullable String type, @Nullable String userName,
			@Nullable String branchName) {
	}

}
