package io.trigger4j.client.model.deployments;

import org.jspecify.annotations.Nullable;

/**
 * A task of a deployed worker.
 *
 * @param id the task's id in this worker
 * @param slug the task's identifier, such as {@code send-welcome-email}
 * @param filePath the file that defines the task
 * @param exportName the name the task is exported under
 */
public record DeploymentTask(@Nullable String id, @Nullable String slug, @Nullable String filePath,
		@Nullable String exportName) {
}
