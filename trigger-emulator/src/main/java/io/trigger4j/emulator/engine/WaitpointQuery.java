package io.trigger4j.emulator.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A token list request, every value already read by the api layer.
 *
 * @param statuses the statuses to match, or {@code null} for all; as on the server, a
 * timed-out token is a completed one unless the only status asked for is
 * {@code COMPLETED} or {@code TIMED_OUT}
 * @param idempotencyKey matches the token's key, or the key it had before that expired
 * @param tags matches tokens with any of them, or {@code null} for all
 * @param period created at most this long ago, or {@code null}
 * @param from created at or after, or {@code null}
 * @param to created at or before, or {@code null}
 * @param pageSize 1 to 100
 * @param after an internal id: the page of older tokens, or {@code null}
 * @param before an internal id: the page of newer tokens (wins over {@code after}), or
 * {@code null}
 */
public record WaitpointQuery(@Nullable Set<WaitpointStatus> statuses, @Nullable String idempotencyKey,
		@Nullable List<String> tags, @Nullable Duration period, @Nullable Instant from, @Nullable Instant to,
		int pageSize, @Nullable String after, @Nullable String before) {

	/**
	 * Copies the filters.
	 * @throws IllegalArgumentException if the page size is below 1
	 * @param statuses the statuses to match, or {@code null} for all; as on the server, a
	 * timed-out token is a completed one unless the only status asked for is
	 * {@code COMPLETED} or {@code TIMED_OUT}
	 * @param idempotencyKey matches the token's key, or the key it had before that
	 * expired
	 * @param tags matches tokens with any of them, or {@code null} for all
	 * @param period created at most this long ago, or {@code null}
	 * @param from created at or after, or {@code null}
	 * @param to created at or before, or {@code null}
	 * @param pageSize 1 to 100
	 * @param after an internal id: the page of older tokens, or {@code null}
	 * @param before an internal id: the page of newer tokens (wins over {@code after}),
	 * or {@code null}
	 */
	public WaitpointQuery {
		statuses = (statuses != null) ? Set.copyOf(statuses) : null;
		tags = (tags != null) ? List.copyOf(tags) : null;
		if (pageSize < 1) {
			throw new IllegalArgumentException("pageSize must be at least 1 but was " + pageSize);
		}
	}

	/**
	 * {@return the query of the first page of all tokens, 25 at a time}
	 */
	public static WaitpointQuery all() {
		return new WaitpointQuery(null, null, null, null, null, null, 25, null, null);
	}

}
