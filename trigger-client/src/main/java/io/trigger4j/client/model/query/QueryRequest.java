package io.trigger4j.client.model.query;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.trigger4j.client.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * A TRQL query with its scope and time window ({@code POST /api/v1/query}). Immutable;
 * make one with {@link #of(String)} or {@link #builder(String)}. Every value is checked
 * when it is set, and the time window when the request is built, so bad input fails
 * before any request is sent.
 *
 * <p>
 * <strong>Time window:</strong> without a period or from/to instants, the server reads
 * the runs of its default period (7 days, or the organization's setting). A period and
 * from/to exclude each other. The server clips the window to the plan's longest query
 * period.
 */
public final class QueryRequest {

	private final String query;

	private final QueryScope scope;

	private final @Nullable String period;

	private final @Nullable Instant from;

	private final @Nullable Instant to;

	private QueryRequest(Builder builder) {
		this.query = builder.query;
		this.scope = builder.scope;
		this.period = builder.period;
		this.from = builder.from;
		this.to = builder.to;
	}

	/**
	 * A query over the credential's environment, in the server's default period.
	 * @param query the TRQL text, such as
	 * {@code SELECT run_id, status FROM runs LIMIT 10}
	 * @return the request
	 * @throws IllegalArgumentException if the query is blank
	 */
	public static QueryRequest of(String query) {
		return builder(query).build();
	}

	/**
	 * A builder for a query.
	 * @param query the TRQL text, such as
	 * {@code SELECT run_id, status FROM runs LIMIT 10}
	 * @return the builder
	 * @throws IllegalArgumentException if the query is blank
	 */
	public static Builder builder(String query) {
		return new Builder(query);
	}

	/**
	 * {@return the TRQL text}
	 */
	public String query() {
		return this.query;
	}

	/**
	 * {@return which runs the query reads}
	 */
	public QueryScope scope() {
		return this.scope;
	}

	/**
	 * {@return the period before now, such as {@code 7d}, if set}
	 */
	public @Nullable String period() {
		return this.period;
	}

	/**
	 * {@return the start of the time window, if set}
	 */
	public @Nullable Instant from() {
		return this.from;
	}

	/**
	 * {@return the end of the time window, if set}
	 */
	public @Nullable Instant to() {
		return this.to;
	}

	@Override
	public String toString() {
		List<String> set = new ArrayList<>();
		set.add("query=" + this.query);
		set.add("scope=" + this.scope.value());
		if (this.period != null) {
			set.add("period=" + this.period);
		}
		if (this.from != null) {
			set.add("from=" + this.from);
		}
		if (this.to != null) {
			set.add("to=" + this.to);
		}
		return "QueryRequest" + set;
	}

	/**
	 * Builds a {@link QueryRequest}; each setter checks its argument and throws on bad
	 * input.
	 */
	public static final class Builder {

		private final String query;

		private QueryScope scope = QueryScope.ENVIRONMENT;

		private @Nullable String period;

		private @Nullable Instant from;

		private @Nullable Instant to;

		private Builder(String query) {
			this.query = Checks.requireText("query", query);
		}

		/**
		 * Which runs the query reads; {@link QueryScope#ENVIRONMENT} by default.
		 * @param scope which runs the query reads
		 * @return this builder
		 */
		public Builder scope(QueryScope scope) {
			this.scope = Objects.requireNonNull(scope, "scope must not be null");
			return this;
		}

		/**
		 * Only runs within this period before now, such as 1 hour or 30 days (whole
		 * seconds). Excludes {@link #from(Instant)} and {@link #to(Instant)}.
		 * @param period the period before now, such as {@code 7d}
		 * @return this builder
		 */
		public Builder period(Duration period) {
			this.period = Checks.duration("period", period);
			return this;
		}

		/**
		 * Only runs within this period before now, such as {@code 1h}, {@code 7d} or
		 * {@code 30d}. Excludes {@link #from(Instant)} and {@link #to(Instant)}.
		 * @param period the period before now, such as {@code 7d}
		 * @return this builder
		 */
		public Builder period(String period) {
			this.period = Checks.requireDuration("period", period);
			return this;
		}

		/**
		 * Only runs at or after this instant. Excludes a period.
		 * @param from the start of the time window
		 * @return this builder
		 */
		public Builder from(Instant from) {
			this.from = Objects.requireNonNull(from, "from must not be null");
			return this;
		}

		/**
		 * Only runs at or before this instant. Excludes a period.
		 * @param to the end of the time window
		 * @return this builder
		 */
		public Builder to(Instant to) {
			this.to = Objects.requireNonNull(to, "to must not be null");
			return this;
		}

		/**
		 * Only runs between these instants (inclusive). Excludes a period.
		 * @param from the start of the time window
		 * @param to the end of the time window
		 * @return this builder
		 */
		public Builder between(Instant from, Instant to) {
			return from(from).to(to);
		}

		/**
		 * Builds the request.
		 * @return the request
		 * @throws IllegalArgumentException if a period is combined with from or to, or
		 * from is after to
		 */
		public QueryRequest build() {
			if (this.period != null && (this.from != null || this.to != null)) {
				throw new IllegalArgumentException("period must not be combined with from or to but period was "
						+ this.period + " and from/to " + this.from + "/" + this.to);
			}
			if (this.from != null && this.to != null && this.from.isAfter(this.to)) {
				throw new IllegalArgumentException("from must not be after to but was " + this.from + " > " + this.to);
			}
			return new QueryRequest(this);
		}

	}

}
