package io.trigger4j.client.model.runs;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.trigger4j.client.internal.Checks;
import io.trigger4j.client.model.MachinePreset;
import org.jspecify.annotations.Nullable;

/**
 * Filters and paging for listing runs ({@code GET /api/v1/runs}). Immutable; build with
 * {@link #builder()}, or use {@link #all()}.
 *
 * <p>
 * <strong>Time window:</strong> without {@link Builder#createdFrom(Instant)},
 * {@link Builder#createdTo(Instant)} or {@link Builder#period(Duration)}, the server
 * lists only runs created in the <em>last 7 days</em>. Set a period or a from-date to see
 * older runs.
 *
 * <p>
 * List filters match runs having <em>any</em> of the values given.
 */
public final class ListRunsRequest {

	private static final ListRunsRequest ALL = builder().build();

	private final Map<String, String> query;

	private final @Nullable Integer pageSize;

	private ListRunsRequest(Map<String, String> query, @Nullable Integer pageSize) {
		this.query = Collections.unmodifiableMap(new TreeMap<>(query));
		this.pageSize = pageSize;
	}

	/**
	 * {@return the request with no filter: the last 7 days of runs, in pages of the
	 * server's default size (25)}
	 */
	public static ListRunsRequest all() {
		return ALL;
	}

	/**
	 * {@return a builder for a request}
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * {@return the page size asked for, or {@code null} for the server's default (25)}
	 */
	public @Nullable Integer pageSize() {
		return this.pageSize;
	}

	/**
	 * The filter parameters this request sends ({@code filter[status]},
	 * {@code filter[createdAt][from]}, ...), in a stable order; the page size and cursor
	 * are added per page.
	 * @return the filter parameters, name to value
	 */
	public Map<String, String> queryParameters() {
		return this.query;
	}

	@Override
	public String toString() {
		return "ListRunsRequest" + this.query;
	}

	/**
	 * Builds a {@link ListRunsRequest}; each setter checks its argument and throws on bad
	 * input.
	 */
	public static final class Builder {

		private final Map<String, String> query = new LinkedHashMap<>();

		private @Nullable Instant from;

		private @Nullable Instant to;

		private @Nullable Integer pageSize;

		private Builder() {
		}

		/**
		 * Only runs in one of these statuses (current or legacy names).
		 * @param statuses the statuses
		 * @return this builder
		 */
		public Builder statuses(RunStatus... statuses) {
			return csv("filter[status]", "statuses", Arrays.asList(statuses), RunStatus::value);
		}

		/**
		 * Only runs in one of these statuses (current or legacy names).
		 * @param statuses the statuses
		 * @return this builder
		 */
		public Builder statuses(Collection<RunStatus> statuses) {
			return csv("filter[status]", "statuses", statuses, RunStatus::value);
		}

		/**
		 * Only runs of these tasks.
		 * @param taskIdentifiers the tasks' identifiers
		 * @return this builder
		 */
		public Builder taskIdentifiers(String... taskIdentifiers) {
			return csv("filter[taskIdentifier]", "taskIdentifiers", Arrays.asList(taskIdentifiers),
					Function.identity());
		}

		/**
		 * Only runs executed by these worker versions, such as {@code 20260820.3}.
		 * @param versions the worker versions
		 * @return this builder
		 */
		public Builder versions(String... versions) {
			return csv("filter[version]", "versions", Arrays.asList(versions), Function.identity());
		}

		/**
		 * Only runs having any of these tags.
		 * @param tags the tags
		 * @return this builder
		 */
		public Builder tags(String... tags) {
			Objects.requireNonNull(tags, "tags must not be null");
			Checks.requireTags("tags", Arrays.asList(tags));
			return csv("filter[tag]", "tags", Arrays.asList(tags), Function.identity());
		}

		/**
		 * Only runs on these queues (raw names; a task's queue is {@code task/<taskId>}).
		 * @param queues the queues' raw names
		 * @return this builder
		 */
		public Builder queues(String... queues) {
			return csv("filter[queue]", "queues", Arrays.asList(queues), Function.identity());
		}

		/**
		 * Only runs in these regions.
		 * @param regions the regions
		 * @return this builder
		 */
		public Builder regions(String... regions) {
			return csv("filter[region]", "regions", Arrays.asList(regions), Function.identity());
		}

		/**
		 * Only runs on these machine presets.
		 * @param machines the machine presets
		 * @return this builder
		 */
		public Builder machines(MachinePreset... machines) {
			return csv("filter[machine]", "machines", Arrays.asList(machines), MachinePreset::value);
		}

		/**
		 * Only runs of this bulk action ({@code bulk_...}).
		 * @param bulkActionId the bulk action's id, {@code bulk_...}
		 * @return this builder
		 */
		public Builder bulkAction(String bulkActionId) {
			this.query.put("filter[bulkAction]", Checks.requireId("bulkAction", bulkActionId));
			return this;
		}

		/**
		 * Only runs triggered by this schedule ({@code sched_...}).
		 * @param scheduleId the schedule's id, {@code sched_...}
		 * @return this builder
		 */
		public Builder schedule(String scheduleId) {
			this.query.put("filter[schedule]", Checks.requireId("schedule", scheduleId));
			return this;
		}

		/**
		 * Only runs of this batch ({@code batch_...}).
		 * @param batchId the batch's id, {@code batch_...}
		 * @return this builder
		 */
		public Builder batch(String batchId) {
			this.query.put("filter[batch]", Checks.requireId("batch", batchId));
			return this;
		}

		/**
		 * Only test runs ({@code true}) or only non-test runs ({@code false}).
		 * @param test whether to list test runs or non-test runs
		 * @return this builder
		 */
		public Builder test(boolean test) {
			this.query.put("filter[isTest]", Boolean.toString(test));
			return this;
		}

		/**
		 * Only runs created at or after this instant. Replaces the 7-day default window.
		 * @param from the earliest creation time
		 * @return this builder
		 */
		public Builder createdFrom(Instant from) {
			this.from = Objects.requireNonNull(from, "createdFrom must not be null");
			this.query.put("filter[createdAt][from]", from.toString());
			return this;
		}

		/**
		 * Only runs created at or before this instant (the server clamps it to now).
		 * @param to the latest creation time
		 * @return this builder
		 */
		public Builder createdTo(Instant to) {
			this.to = Objects.requireNonNull(to, "createdTo must not be null");
			this.query.put("filter[createdAt][to]", to.toString());
			return this;
		}

		/**
		 * Only runs created within this period before now, such as 1 hour or 30 days
		 * (whole seconds).
		 * @param period the period before now
		 * @return this builder
		 */
		public Builder period(Duration period) {
			this.query.put("filter[createdAt][period]", Checks.duration("period", period));
			return this;
		}

		/**
		 * Runs per page, 1 to 100 (the server's default is 25).
		 * @param pageSize the page size
		 * @return this builder
		 */
		public Builder pageSize(int pageSize) {
			this.pageSize = Checks.requireRange("pageSize", pageSize, 1, 100);
			return this;
		}

		/**
		 * Builds the request; fails if {@code createdFrom} is after {@code createdTo}.
		 * @return the request
		 */
		public ListRunsRequest build() {
			if (this.from != null && this.to != null && this.from.isAfter(this.to)) {
				throw new IllegalArgumentException(
						"createdFrom must not be after createdTo but was " + this.from + " > " + this.to);
			}
			return new ListRunsRequest(this.query, this.pageSize);
		}

		private <T> Builder csv(String parameter, String argument, Collection<T> values, Function<T, String> text) {
			Objects.requireNonNull(values, () -> argument + " must not be null");
			if (values.isEmpty()) {
				throw new IllegalArgumentException(argument + " must not be empty");
			}
			List<String> texts = values.stream().map((value) -> {
				Objects.requireNonNull(value, () -> argument + " must not contain null");
				return Checks.requireText(argument + " element", text.apply(value));
			}).toList();
			for (String value : texts) {
				if (value.contains(",")) {
					throw new IllegalArgumentException(
							argument + " values must not contain ',' but got '" + value + "'");
				}
			}
			this.query.put(parameter, texts.stream().collect(Collectors.joining(",")));
			return this;
		}

	}

}
