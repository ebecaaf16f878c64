package io.trigger4j.client.model.schedules;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

import io.trigger4j.client.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * What {@code PUT /api/v1/schedules/{scheduleId}} sets on an {@code IMPERATIVE} schedule:
 * the task and cron expression (both required), and optionally the external id, timezone
 * and window. An update replaces these fields, so give every one you want to keep.
 * Immutable; build with {@link #builder()}. Every value is checked when it is set, and
 * the required ones when it is built, so bad input fails before any request is sent.
 *
 * <pre>{@code
 * UpdateScheduleRequest.builder().task("hourly-report").cron("30 * * * *").build();
 * }</pre>
 */
public final class UpdateScheduleRequest {

	private final String task;

	private final String cron;

	private final @Nullable String externalId;

	private final @Nullable String timezone;

	private final @Nullable String window;

	private UpdateScheduleRequest(Builder builder, String task, String cron) {
		this.task = task;
		this.cron = cron;
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
		return "UpdateScheduleRequest[task=" + this.task + ", cron=" + this.cron + ", externalId=" + this.externalId
				+ ", timezone=" + this.timezone + ", window=" + this.window + "]";
	}

	/**
	 * Builds an {@link UpdateScheduleRequest}; each setter checks its argument and throws
	 * on bad input.
	 */
	public static final class Builder {

		private @Nullable String task;

		private @Nullable String cron;

		private @Nullable String externalId;

		private @Nullable String timezone;

		private @Nullable String window;

		private Builder() {
		}

		/**
		 * The identifier of the task to trigger; the server answers 422 unless it is a
		 * scheduled task of the project. Required.
		 * @param task the identifier of the scheduled task to trigger
		 * @return this builder
		 */
		public Builder task(String task) {
			this.task = ScheduleChecks.task(task);
			return this;
		}

		/**
		 * A Unix cron expression of exactly 5 fields (minute hour day-of-month month
		 * day-of-week), such as {@code 0 * * * *}; no seconds field. Required. See
		 * {@link CreateScheduleRequest.Builder#cron(String)}.
		 * @param cron the Unix cron expression, 5 fields
		 * @return this builder
		 */
		public Builder cron(String cron) {
			this.cron = ScheduleChecks.cron(cron);
			return this;
		}

		/**
		 * Any id that is useful to you (a user or tenant id).
		 * @param externalId the external id
		 * @return this builder
		 */
		public Builder externalId(String externalId) {
			this.externalId = Checks.requireText("externalId", externalId);
			return this;
		}

		/**
		 * The IANA timezone the cron expression is read in, such as
		 * {@code America/New_York}; the server's default is {@code UTC}.
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
		 * How far after each nominal time a run may start: {@code 30m}, {@code 2h} (up to
		 * 24 hours) or {@code 50%} of the interval between runs.
		 * @param window the window, such as {@code 30m}, {@code 2h} or {@code 50%}
		 * @return this builder
		 */
		public Builder window(String window) {
			this.window = ScheduleChecks.window(window);
			return this;
		}

		/**
		 * How far after each nominal time a run may start: whole minutes from 0 to 24
		 * hours.
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
		 * @throws IllegalStateException if {@code task} or {@code cron} was not set
		 */
		public UpdateScheduleRequest build() {
			return new UpdateScheduleRequest(this, required("task", this.task), required("cron", this.cron));
		}

		private static String required(String name, @Nullable String value) {
			if (value == null) {
				throw new IllegalStateException(name + " must be set: UpdateScheduleRequest.builder()." + name
						+ "(...); task and cron are required");
			}
			return value;
		}

	}

}
