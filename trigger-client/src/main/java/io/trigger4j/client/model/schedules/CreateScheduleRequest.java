package io.trigger4j.client.model.schedules;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

import io.trigger4j.client.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * What {@code POST /api/v1/schedules} creates: an {@code IMPERATIVE} schedule of a
 * scheduled task. Creating is an upsert by the deduplication key: creating again with the
 * same key updates that schedule and returns it, with the same id. Immutable; build with
 * {@link #builder()}. Every value is checked when it is set, and the required ones
 * ({@code task}, {@code cron}, {@code deduplicationKey}) when it is built, so bad input
 * fails before any request is sent.
 *
 * <pre>{@code
 * CreateScheduleRequest.builder()
 *     .task("hourly-report")
 *     .cron("0 * * * *")
 *     .timezone("Europe/Paris")
 *     .deduplicationKey("hourly-report-acme")
 *     .build();
 * }</pre>
 */
public final class CreateScheduleRequest {

	private final String task;

	private final String cron;

	private final String deduplicationKey;

	private final @Nullable String externalId;

	private final @Nullable String timezone;

	private final @Nullable String window;

	private CreateScheduleRequest(Builder builder, String task, String cron, String deduplicationKey) {
		this.task = task;
		this.cron = cron;
		this.deduplicationKey = deduplicationKey;
		this.externalId = builder.externalId;
		this.timezone = builder.timezone;
		this.window = builder.window;
	}

	/**
	 * {@return a builder for a request}
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * {@return the identifier of the scheduled task to trigger}
	 */
	public String task() {
		return this.task;
	}

	/**
	 * {@return the Unix cron expression, 5 fields}
	 */
	public String cron() {
		return this.cron;
	}

	/**
	 * {@return the deduplication key the schedule is upserted by}
	 */
	public String deduplicationKey() {
		return this.deduplicationKey;
	}

	/**
	 * {@return the external id, if set}
	 */
	public @Nullable String externalId() {
		return this.externalId;
	}

	/**
	 * {@return the IANA timezone, if set (the server's default is {@code UTC})}
	 */
	public @Nullable String timezone() {
		return this.timezone;
	}

	/**
	 * {@return the window, such as {@code 30m}, {@code 2h} or {@code 50%}, if set}
	 */
	public @Nullable String window() {
		return this.window;
	}

	@Override
	public String toString() {
		return "CreateScheduleRequest[task=" + this.task + ", cron=" + this.cron + ", deduplicationKey="
				+ this.deduplicationKey + ", externalId=" + this.externalId + ", timezone=" + this.timezone
				+ ", window=" + this.window + "]";
	}

	/**
	 * Builds a {@link CreateScheduleRequest}; each setter checks its argument and throws
	 * on bad input.
	 */
	public static final class Builder {

		private @Nullable String task;

		private @Nullable String cron;

		private @Nullable String deduplicationKey;

		private @Nullable String externalId;

		private @Nullable String timezone;

		private @Nullable String window;

		private Builder() {
		}

		/**
		 * The identifier of the task to trigger; the server answers 422 unless it is a
		 * scheduled task of the project.
		 * @param task the identifier of the scheduled task to trigger
		 * @return this builder
		 */
		public Builder task(String task) {
			this.task = ScheduleChecks.task(task);
			return this;
		}

		/**
		 * A Unix cron expression of exactly 5 fields (minute hour day-of-month month
		 * day-of-week), such as {@code 0 * * * *} or {@code 30 4 1 * MON-FRI}; no seconds
		 * field. A day matches when either day field does. {@code L} ({@code L} last day
		 * of the month, {@code 5L} last Friday) and {@code #} ({@code 1#2} second Monday)
		 * are accepted as the server accepts them.
		 * @param cron the Unix cron expression, 5 fields
		 * @return this builder
		 */
		public Builder cron(String cron) {
			this.cron = ScheduleChecks.cron(cron);
			return this;
		}

		/**
		 * The key the schedule is upserted by: creating again with the same key updates
		 * the existing schedule instead of adding one. Required.
		 * @param deduplicationKey the deduplication key the schedule is upserted by
		 * @return this builder
		 */
		public Builder deduplicationKey(String deduplicationKey) {
			this.deduplicationKey = Checks.requireText("deduplicationKey", deduplicationKey);
			return this;
		}

		/**
		 * Any id that is useful to you (a user or tenant id); runs of the schedule carry
		 * it.
		 * @param externalId the external id
		 * @return this builder
		 */
		public Builder externalId(String externalId) {
			this.externalId = Checks.requireText("externalId", externalId);
			return this;
		}

		/**
		 * The IANA timezone the cron expression is read in, such as
		 * {@code America/New_York}, following daylight saving time; the server's default
		 * is {@code UTC}. Checked against the JDK's timezones; the server's own list is
		 * {@code schedules().timezones(false)}.
		 * @param timezone the IANA timezone (the server's default is {@code UTC})
		 * @return this builder
		 */
		public Builder timezone(String timezone) {
			this.timezone = ScheduleChecks.timezone(timezone);
			return this;
		}

		/**
		 * The timezone the cron expression is read in; a region, not an offset.
		 * @param timezone the timezone
		 * @return this builder
		 */
		public Builder timezone(ZoneId timezone) {
			Objects.requireNonNull(timezone, "timezone must not be null");
			this.timezone = ScheduleChecks.timezone(timezone.getId());
			return this;
		}

		/**
		 * How far after each nominal time a run may start, to spread load: a whole number
		 * of minutes or hours up to 24 hours ({@code 30m}, {@code 2h}) or a whole
		 * percentage of the interval between runs ({@code 50%}).
		 * @param window the window, such as {@code 30m}, {@code 2h} or {@code 50%}
		 * @return this builder
		 */
		public Builder window(String window) {
			this.window = ScheduleChecks.window(window);
			return this;
		}

		/**
		 * How far after each nominal time a run may start: whole minutes from 0 to 24
		 * hours, sent as {@code 30m} or {@code 2h}.
		 * @param window the window
		 * @return this builder
		 */
		public Builder window(Duration window) {
			this.window = ScheduleChecks.window(window);
			return this;
		}

		/**
		 * How far after each nominal time a run may start, as a whole percentage (0 to
		 * 100) of the interval between runs.
		 * @param percentage the percentage, 0 to 100
		 * @return this builder
		 */
		public Builder windowPercentage(int percentage) {
			this.window = ScheduleChecks.windowPercentage(percentage);
			return this;
		}

		/**
		 * Builds the immutable request.
		 * @return the request
		 * @throws IllegalStateException if {@code task}, {@code cron} or
		 * {@code deduplicationKey} was not set
		 */
		public CreateScheduleRequest build() {
			return new CreateScheduleRequest(this, required("task", this.task), required("cron", this.cron),
					required("deduplicationKey", this.deduplicationKey));
		}

		private static String required(String name, @Nullable String value) {
			if (value == null) {
				throw new IllegalStateException(name + " must be set: CreateScheduleRequest.builder()." + name
						+ "(...); task, cron and deduplicationKey are required");
			}
			return value;
		}

	}

}
