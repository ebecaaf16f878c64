package io.trigger4j.client;

import java.net.URI;

/** The {@link TriggerOperations} implementation: holds one implementation per resource. */
final class DefaultTriggerOperations implements TriggerOperations {

	private final TasksOperations tasks;

	private final RunsOperations runs;

	private final URI baseUrl;

	private final TriggerEnvironmentType environmentType;

	DefaultTriggerOperations(TasksOperations tasks, RunsOperations runs, URI baseUrl,
			TriggerEnvironmentType environmentType) {
		this.tasks = tasks;
		this.runs = runs;
		this.baseUrl = baseUrl;
		this.environmentType = environmentType;
	}

	@Override
	public TasksOperations tasks() {
		return this.tasks;
	}

	@Override
	public RunsOperations runs() {
		return this.runs;
	}

	@Override
	public String toString() {
		return "TriggerOperations[baseUrl=" + this.baseUrl + ", environment=" + this.environmentType + "]";
	}

}
