package io.trigger4j.client.model.deployments;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The worker a deployment built.
 *
 * @param id the worker's id
 * @param version the worker's version, the deployment's version
 * @param tasks the tasks the worker runs
 */
public record DeploymentWorker(@Nullable String id, @Nullable String version, List<DeploymentTask> tasks) {

	/**
	 * Copies the tasks; {@code null} gives an empty list.
	 * @param id the worker's id
	 * @param version the worker's version, the deployment's version
	 * @param tasks the tasks the worker runs
	 */
	public DeploymentWorker {
		tasks = (tasks != null) ? List.copyOf(tasks) : List.of();
	}

}
