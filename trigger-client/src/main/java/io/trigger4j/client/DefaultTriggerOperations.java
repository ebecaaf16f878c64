package io.trigger4j.client;

import java.util.Objects;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The {@link TriggerOperations} implementation: one view's implementation per resource,
 * all on one {@link TriggerHttp}.
 */
final class DefaultTriggerOperations implements TriggerOperations {

	private final TriggerHttp http;

	private final TriggerEnvironmentType environmentType;

	private final TrackingClientSignals lifecycle;

	private final TasksOperations tasks;

	private final RunsOperations runs;

	private final SchedulesOperations schedules;

	private final EnvVarsOperations envVars;

	private final QueuesOperations queues;

	private final DeploymentsOperations deployments;

	private final WaitpointsOperations waitpoints;

	private final BatchesOperations batches;

	private final QueryOperations query;

	private final IdempotencyKeysOperations idempotencyKeys;

	private final AuthOperations auth;

	/**
	 * @param lifecycle the client's calls, shared by all its views, for closing it
	 */
	DefaultTriggerOperations(TriggerHttp http, TriggerEnvironmentType environmentType,
			TrackingClientSignals lifecycle) {
		this.http = http;
		this.environmentType = environmentType;
		this.lifecycle = lifecycle;
		this.runs = new DefaultRunsOperations(http);
		this.tasks = new DefaultTasksOperations(http, this.runs);
		this.schedules = new DefaultSchedulesOperations(http);
		this.envVars = new DefaultEnvVarsOperations(http);
		this.queues = new DefaultQueuesOperations(http);
		this.deployments = new DefaultDeploymentsOperations(http);
		this.waitpoints = new DefaultWaitpointsOperations(http);
		this.batches = new DefaultBatchesOperations(http);
		this.query = new DefaultQueryOperations(http);
		this.idempotencyKeys = new DefaultIdempotencyKeysOperations(http);
		this.auth = new DefaultAuthOperations(http);
	}

	/**
	 * The transport of this view, for giving an operation other collaborators (tests).
	 */
	TriggerHttp http() {
		return this.http;
	}

	@Override
	public TriggerOperations withOptions(RequestOptions options) {
		Objects.requireNonNull(options, "options must not be null");
		return new DefaultTriggerOperations(this.http.withOptions(options), this.environmentType, this.lifecycle);
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
	public SchedulesOperations schedules() {
		return this.schedules;
	}

	@Override
	public EnvVarsOperations envVars() {
		return this.envVars;
	}

	@Override
	public QueuesOperations queues() {
		return this.queues;
	}

	@Override
	public DeploymentsOperations deployments() {
		return this.deployments;
	}

	@Override
	public WaitpointsOperations waitpoints() {
		return this.waitpoints;
	}

	@Override
	public BatchesOperations batches() {
		return this.batches;
	}

	@Override
	public QueryOperations query() {
		return this.query;
	}

	@Override
	public IdempotencyKeysOperations idempotencyKeys() {
		return this.idempotencyKeys;
	}

	@Override
	public AuthOperations auth() {
		return this.auth;
	}

	@Override
	public String baseUrl() {
		return this.http.baseUrl();
	}

	@Override
	public TriggerEnvironmentType environmentType() {
		return this.environmentType;
	}

	@Override
	public void close() {
		Mono<Void> shutdown = shutdown();
		if (Schedulers.isInNonBlockingThread()) {
			// Cannot wait here: the shutdown goes on, bounded by the grace, on its own.
			return;
		}
		shutdown.block();
	}

	/**
	 * Starts closing the client, once, and completes when every accepted call has ended
	 * (those still running after the grace failed); for tests in virtual time.
	 */
	Mono<Void> shutdown() {
		return this.lifecycle.shutdown();
	}

	/** The client's calls and its closing, shared by all its views. */
	TrackingClientSignals lifecycle() {
		return this.lifecycle;
	}

	@Override
	public String toString() {
		return "TriggerOperations[baseUrl=" + baseUrl() + ", environment=" + this.environmentType + "]";
	}

}
