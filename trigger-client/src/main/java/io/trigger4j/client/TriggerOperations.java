package io.trigger4j.client;

import io.trigger4j.client.error.TriggerException;

/**
 * The Trigger.dev v3 REST API, one accessor per resource. Build one with
 * {@link TriggerClient#builder()}, or inject it with the Spring Boot starter.
 * Thread-safe; share one instance per key.
 *
 * <p>
 * Every method returns a cold {@code Mono} or {@code Flux}: nothing is sent until it is
 * subscribed, and each subscription sends the call again. Arguments are checked when the
 * method is called, before anything is sent: bad input throws
 * {@link IllegalArgumentException} (or {@link NullPointerException} for a null) naming
 * the argument, and a call that needs a credential the client was not given throws
 * {@link IllegalStateException} naming the property to set. Failures are signalled as
 * {@link TriggerException}s.
 *
 * <p>
 * {@link #close()} ends the client: a call subscribed after it fails with an
 * {@link IllegalStateException}, and the calls already running may finish within the
 * {@linkplain TriggerClient.Builder#shutdownGrace(java.time.Duration) shutdown grace}.
 * The Spring Boot starter closes the client with the application context.
 */
public interface TriggerOperations extends AutoCloseable {

	/**
	 * {@return the operations for triggering tasks, one at a time or in batches}
	 */
	TasksOperations tasks();

	/**
	 * {@return the operations for retrieving, listing and managing runs}
	 */
	RunsOperations runs();

	/**
	 * {@return the operations on schedules and the timezones they support}
	 */
	SchedulesOperations schedules();

	/**
	 * {@return the operations on a project's environment variables}
	 */
	EnvVarsOperations envVars();

	/**
	 * {@return the operations on queues: listing, pausing and concurrency limits}
	 */
	QueuesOperations queues();

	/**
	 * {@return the operations on deployments: retrieving them and promoting a version}
	 */
	DeploymentsOperations deployments();

	/**
	 * {@return the operations on waitpoint tokens: runs wait on them until they are
	 * completed or time out}
	 */
	WaitpointsOperations waitpoints();

	/**
	 * {@return the operations on batches: retrieving a batch and its results}
	 */
	BatchesOperations batches();

	/**
	 * {@return the operations for queries of the run data in TRQL}
	 */
	QueryOperations query();

	/**
	 * {@return the operations on idempotency keys: resetting one so that a new run may
	 * take it}
	 */
	IdempotencyKeysOperations idempotencyKeys();

	/**
	 * {@return the operations for public access tokens: scoped, expiring tokens for
	 * browsers and other services}
	 */
	AuthOperations auth();

	/**
	 * A view of these operations whose calls use the given options (response timeout,
	 * retries, deadline, extra headers, credential) over this view's; options not set
	 * keep this view's. The view shares this one's connection, credentials, observations
	 * and state: closing a view closes the client. <pre>{@code
	 * trigger.withOptions(RequestOptions.builder().deadline(Duration.ofSeconds(5)).build())
	 *     .runs().retrieve(runId);
	 * }</pre>
	 * @param options the options
	 * @return the view
	 */
	TriggerOperations withOptions(RequestOptions options);

	/**
	 * A view that retries as the given settings say; for example
	 * {@code withRetry(TriggerRetrySettings.none())} for a call that must answer fast. A
	 * shortcut for {@link #withOptions(RequestOptions)}.
	 * @param retry the retry settings
	 * @return the view
	 */
	default TriggerOperations withRetry(TriggerRetrySettings retry) {
		return withOptions(RequestOptions.builder().retry(retry).build());
	}

	/**
	 * {@return the API base URL the calls go to, such as {@code https://api.trigger.dev}}
	 */
	String baseUrl();

	/**
	 * The environment type of the secret key ({@link TriggerEnvironmentType#UNKNOWN}
	 * without one). Safe to show: it reveals nothing of the key.
	 * @return the environment type
	 */
	TriggerEnvironmentType environmentType();

	/**
	 * Closes the client (and every view of it); waits at most the
	 * {@linkplain TriggerClient.Builder#shutdownGrace(java.time.Duration) shutdown
	 * grace}. From now on a subscribed call fails at once with an
	 * {@link IllegalStateException} ({@code "the Trigger.dev client is closed"}) and
	 * sends nothing. The calls already subscribed, including those waiting for the
	 * rate-limit bucket or a back-off, may finish within the grace; those still running
	 * after it are cancelled and fail with a {@link TriggerException} saying the client
	 * was closed during the call. None is dropped silently. Closing again does nothing
	 * more and returns once the first close has ended. Connection pools are not the
	 * client's: Reactor Netty's shared resources (or Spring Boot's) stay open for their
	 * owner to release.
	 */
	@Override
	void close();

}
