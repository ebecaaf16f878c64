package io.trigger4j.client.model.tasks;

import java.util.Objects;

import io.trigger4j.client.internal.Secrets;
import org.jspecify.annotations.Nullable;

/**
 * The answer to a trigger ({@code POST /api/v1/tasks/{taskIdentifier}/trigger}).
 *
 * @param id the run id ({@code run_...})
 * @param isCached {@code true} when an idempotency key matched a live run and that run
 * was returned instead of a new one
 * @param publicAccessToken a short-lived token scoped to reading this run (the
 * {@code x-trigger-jwt} response header), for handing to a browser; never printed by
 * {@link #toString()}
 */
public record TriggeredRun(String id, boolean isCached, @Nullable String publicAccessToken) {

	/**
	 * Checks that the id is present.
	 * @param id the run id ({@code run_...})
	 * @param isCached {@code true} when an idempotency key matched a live run and that
	 * run was returned instead of a new one
	 * @param publicAccessToken a short-lived token scoped to reading this run (the
	 * {@code x-trigger-jwt} response header), for handing to a browser; never printed by
	 * {@link #toString()}
	 */
	public TriggeredRun {
		Objects.requireNonNull(id, "id must not be null");
	}

	@Override
	public String toString() {
		return "TriggeredRun[id=" + this.id + ", isCached=" + this.isCached + ", publicAccessToken="
				+ Secrets.mask(this.publicAccessToken) + "]";
	}

}
