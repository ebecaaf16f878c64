package io.trigger4j.client.model.runs;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An attempt of a run. Current servers no longer report attempts (the list is always
 * empty); the type exists for older servers and stubs.
 *
 * @param id the attempt id ({@code attempt_...})
 * @param status the attempt status: PENDING, EXECUTING, PAUSED, COMPLETED, FAILED or
 * CANCELED
 * @param error the attempt's error, if it failed
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param startedAt when it started
 * @param completedAt when it completed
 */
public record RunAttempt(String id, @Nullable String status, @Nullable RunError error, @Nullable Instant createdAt,
		@Nullable Instant updatedAt, @Nullable Instant startedAt, @Nullable Instant completedAt) {
}
