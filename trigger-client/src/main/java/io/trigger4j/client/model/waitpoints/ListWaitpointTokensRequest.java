package io.trigger4j.client.model.waitpoints;

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

import io.trigger4j.client.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * Filters and paging for listing waitpoint tokens
 * ({@code GET /api/v1/waitpoints/tokens}), newest first. Immutable; build with
 * {@link #builder()}, or use {@link #all()}.
 *
 * <p>
 * List filters match tokens having <em>any</em> of the values given. Unlike runs, tokens
 * are not limited to a recent window when no created-at filter is given.
 */
public final class ListWaitpointTokensRequest {

	private static final ListWaitpointTokensRequest ALL = builder().build();

	private final Map<String, String> query;

	private final @Nullable Integer pageSize;

	private ListWaitpointTokensRequest(Map<String, String> query, @Nullable Integer pageSize) {
		this.query = Collections.unmodifiableMap(new TreeMap<>(query));
		this.pageSize = pageSize;
	}

	/**
	 * {@return the request with no filter: every token, in pages of the server's default
	 * size (25)}
	 */
	public static ListWaitpointTokensRequest all() {
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
		return "ListWaitpointTokensRequest" + this.query
				+ ((this.pageSize != null) ? "[pageSize=" + this.pageSize + "]" : "");
	}

	/**
	 * Builds a {@link ListWaitpointTokensRequest}; each setter checks its argument and
	 * throws on bad input.
	 */
	public static final class Builder {

		private final Map<String, String> query = new LinkedHashMap<>();

		private @Nullable Instant from;

		private @Nullable Instant to;

		private @Nullable Integer pageSize;

		private Builder() {
		}

		/**
		 * Only tokens in one of these statuses. The server knows {@code WAITING},
		 * {@code COMPLETED} and {@code TIMED_OUT}, and answers 400 to any other, so an
		 * {@link WaitpointTokenStatus.Known#UNKNOWN} status is refused here.
		 * @param statuses the statuses
		 * @return this builder
		 */
		public Builder statuses(WaitpointTokenStatus... statuses) {
			Objects.requireNonNull(statuses, "statuses must not be null");
			return statuses(Arrays.asList(statuses));
		}

		/**
		 * Only tokens in one of these statuses.
		 * @param statuses the statuses
		 * @return this builder
		 */
		public Builder statuses(Collection<WaitpointTokenStatus> statuses) {
			Objects.requireNonNull(statuses, "statuses must not be null");
			if (statuses.isEmpty()) {
				throw new IllegalArgumentException("statuses must not be empty");
			}
			List<String> names = statuses.stream().map((status) -> {
				Objects.requireNonNull(status, "statuses must not contain null");
				if (status.known() == WaitpointTokenStatus.Known.UNKNOWN) {
					throw new IllegalArgumentException(
							"statuses must be WAITING, COMPLETED or TIMED_OUT but got '" + status.value() + "'");
				}
				return status.value();
			}).distinct().toList();
			this.query.put("filter[status]", String.join(",", names));
			return this;
		}

		/**
		 * Only the token created with this idempotency key.
		 * @param idempotencyKey the idempotency key
		 * @return this builder
		 */
		public Builder idempotencyKey(String idempotencyKey) {
			this.query.put("filter[idempotencyKey]", Checks.requireIdempotencyKey("idempotencyKey", idempotencyKey));
			return this;
		}

		/**
		 * Only tokens having any of these tags (at most 10, each at most 128 characters).
		 * @param tags the tags
		 * @return this builder
		 */
		public Builder tags(String... tags) {
			Objects.requireNonNull(tags, "tags must not be null");
			return tags(Arrays.asList(tags));
		}

		/**
		 * Only tokens having any of these tags (at most 10, each at most 128 characters).
		 * @param tags the tags
		 * @return this builder
		 */
		public Builder tags(Collection<String> tags) {
			List<String> checked = Checks.requireTags("tags", tags);
			if (checked.isEmpty()) {
				throw new IllegalArgumentException("tags must not be empty");
			}
			for (String tag : checked) {
				if (tag.contains(",")) {
					throw new IllegalArgumentException("tags values must not contain ',' but got '" + tag + "'");
				}
			}
			this.query.put("filter[tags]", String.join(",", checked));
			return this;
		}

		/**
		 * Only tokens created at or after this instant. Sent as epoch milliseconds, as
		 * the TypeScript SDK does (the server also reads ISO-8601).
		 * @param from the earliest creation time
		 * @return this builder
		 */
		public Builder createdFrom(Instant from) {
			this.from = Objects.requireNonNull(from, "createdFrom must not be null");
			this.query.put("filter[createdAt][from]", Long.toString(from.toEpochMilli()));
			return this;
		}

		/**
		 * Only tokens created at or before this instant. Sent as epoch milliseconds, as
		 * the TypeScript SDK does.
		 * @param to the latest creation time
		 * @return this builder
		 */
		public Builder createdTo(Instant to) {
			this.to = Objects.requireNonNull(to, "createdTo must not be null");
			this.query.put("filter[createdAt][to]", Long.toString(to.toEpochMilli()));
			return this;
		}

		/**
		 * Only tokens created within this period before now, such as 1 hour or 7 days
		 * (whole seconds; sent as {@code 1h}, {@code 7d}). Cannot be combined with
		 * {@link #createdFrom(Instant)} or {@link #createdTo(Instant)}.
		 * @param period the period before now
		 * @return this builder
		 */
		public Builder period(Duration period) {
			this.query.put("filter[createdAt][period]", Checks.duration("period", period));
			return this;
		}

		/**
		 * Tokens per page, 1 to 100 (the server's default is 25).
		 * @param pageSize the page size
		 * @return this builder
		 */
		public Builder pageSize(int pageSize) {
			this.pageSize = Checks.requireRange("pageSize", pageSize, 1, 100);
			return this;
		}

		/**
		 * Builds the request.
		 * @return the request
		 * @throws IllegalArgumentException if {@code createdFrom} is after
		 * {@code createdTo}, or a period is combined with either
		 */
		public ListWaitpointTokensRequest build() {
			if (this.from != null && this.to != null && this.from.isAfter(this.to)) {
				throw new IllegalArgumentException(
						"createdFrom must not be after createdTo but was " + this.from + " > " + this.to);
			}
			if (this.query.containsKey("filter[createdAt][period]") && (this.from != null || this.to != null)) {
				throw new IllegalArgumentException(
						"period cannot be combined with createdFrom or createdTo: give a period or a from/to range");
			}
			return new ListWaitpointTokensRequest(this.query, this.pageSize);
		}

	}

}
