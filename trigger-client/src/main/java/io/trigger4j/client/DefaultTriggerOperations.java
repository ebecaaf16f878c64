package io.trigger4j.client;

import java.net.URI;
import java.util.Objects;

/**
 * The {@link TriggerOperations} implementation: holds one implementation per resource.
 */
final class DefaultTriggerOperations implements TriggerOperations {

	private final TriggerHttp http;

	private final TasksOperations tasks;

	private final RunsOperations runs;

	private final URI baseUrl;

	private final TriggerEnvironmentType environmentType;

	DefaultTriggerOperations(TriggerHttp http, URI baseUrl, TriggerEnvironmentType environmentType) {
		this.http = http;
		this.tasks = new DefaultTasksOperations(http);
		this.runs = new DefaultRunsOperations(http);
		this.baseUrl = baseUrl;
		this.environmentType = environmentType;
	}

	@Override
	public TriggerOperations withRetry(TriggerRetrySettings retry) {
		Objects.requireNonNull(retry, "retry must not be null");
		return new DefaultTriggerOperations(this.http.withRetry(retry), this.baseUrl, this.environmentType);
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
