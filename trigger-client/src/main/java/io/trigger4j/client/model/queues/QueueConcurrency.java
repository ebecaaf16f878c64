package io.trigger4j.client.model.queues;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.jspecify.annotations.Nullable;

/**
 * A queue's concurrency limit and its override.
 *
 * @param current the limit in force now (the override when there is one), or {@code null}
 * for none (the environment's limit applies)
 * @param base the limit defined in code
 * @param override the limit set through the API or the dashboard, while it is in force
 * @param overriddenAt when the override was set
 * @param overriddenBy who set the override from the dashboard; {@code null} when it was
 * set through the API
 */
public record QueueConcurrency(@Nullable Integer current, @Nullable Integer base, @Nullable Integer override,
		@Nullable Instant overriddenAt, @Nullable String overriddenBy) {

	/**
	 * {@return whether an override is in force}
	 */
	@JsonIgnore
	public boolean isOverridden() {
		return this.overriddenAt != null || this.override != null;
	}

}
