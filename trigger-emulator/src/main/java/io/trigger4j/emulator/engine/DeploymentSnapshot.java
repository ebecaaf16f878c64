package io.trigger4j.emulator.engine;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A deployment of the emulated tasks.
 *
 * @param id the deployment id, {@code deployment_} and 21 characters
 * @param shortCode its 8-character short code
 * @param version its version, {@code YYYYMMDD.N}
 * @param status its status: {@code PENDING}, {@code INSTALLING}, {@code BUILDING},
 * {@code DEPLOYING}, {@code DEPLOYED}, {@code FAILED}, {@code CANCELED} or
 * {@code TIMED_OUT}
 * @param contentHash the hash of its content
 * @param createdAt when it was created
 * @param worker the worker it deployed, or {@code null} when it got none (before
 * {@code DEPLOYING}, or failed)
 * @param current whether new runs get its version
 */
public record DeploymentSnapshot(String id, String shortCode, String version, String status, String contentHash,
		Instant createdAt, @Nullable Worker worker, boolean current) {

	/** The statuses a deployment may have. */
	public static final List<String> STATUSES = List.of("PENDING", "INSTALLING", "BUILDING", "DEPLOYING", "DEPLOYED",
			"FAILED", "CANCELED", "TIMED_OUT");

	/**
	 * A deployment's worker.
	 *
	 * @param id the worker id, {@code worker_} and 21 characters
	 * @param version the deployment's version
	 * @param tasks its tasks, by identifier
	 */
	public record Worker(String id, String version, List<Task> tasks) {

		/**
		 * Copies the tasks.
		 * @param id the worker id, {@code worker_} and 21 characters
		 * @param version the deployment's version
		 * @param tasks its tasks, by identifier
		 */
		public Worker {
			tasks = List.copyOf(tasks);
		}

	}

	/**
	 * A task of a worker.
	 *
	 * @param id the task's id, {@code task_} and 21 characters
	 * @param slug the task identifier
	 * @param filePath the file it was declared in
	 * @param exportName the name it was exported as
	 */
	public record Task(String id, String slug, String filePath, String exportName) {
	}

}
