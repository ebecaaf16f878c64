package io.trigger4j.autoconfigure;

import java.util.function.Supplier;

import io.trigger4j.client.AuthOperations;
import io.trigger4j.client.BatchesOperations;
import io.trigger4j.client.DeploymentsOperations;
import io.trigger4j.client.EnvVarsOperations;
import io.trigger4j.client.IdempotencyKeysOperations;
import io.trigger4j.client.QueryOperations;
import io.trigger4j.client.QueuesOperations;
import io.trigger4j.client.RequestOptions;
import io.trigger4j.client.RunsOperations;
import io.trigger4j.client.SchedulesOperations;
import io.trigger4j.client.TasksOperations;
import io.trigger4j.client.TriggerEnvironmentType;
import io.trigger4j.client.TriggerOperations;
import io.trigger4j.client.WaitpointsOperations;
import org.jspecify.annotations.Nullable;

/**
 * The auto-configured client, built on its first use rather than with the context: the
 * HTTP stack it rides on (Reactor Netty, the context's {@code WebClient.Builder} and
 * connector) takes hundreds of milliseconds to load, which an application should not pay
 * at start-up for a client it may call only later. Everything that can be wrong with the
 * configuration is checked when the context starts; the base URL and environment type are
 * known without building. Thread-safe: concurrent first calls build one client.
 */
final class LazyTriggerOperations implements TriggerOperations {

	private final String shownBaseUrl;

	private final TriggerEnvironmentType shownEnvironmentType;

	private final Supplier<TriggerOperations> factory;

	private volatile @Nullable TriggerOperations delegate;

	private boolean closed;

	/**
	 * @param baseUrl the base URL the client will call, shown until it is built
	 * @param environmentType the environment its secret key belongs to, shown until it is
	 * built
	 * @param factory builds the client, once
	 */
	LazyTriggerOperations(String baseUrl, TriggerEnvironmentType environmentType, Supplier<TriggerOperations> factory) {
		this.shownBaseUrl = baseUrl;
		this.shownEnvironmentType = environmentType;
		this.factory = factory;
	}

	/** The client, built now if this is its first use. */
	TriggerOperations delegate() {
		TriggerOperations delegate = this.delegate;
		if (delegate == null) {
			synchronized (this) {
				delegate = this.delegate;
				if (delegate == null) {
					if (this.closed) {
						// Closed with the context before its first use: nothing to build
						// (the context's beans may be gone), and a closed client refuses.
						throw new IllegalStateException(
								"the Trigger.dev client is closed (its application context was closed)");
					}
					delegate = this.factory.get();
					this.delegate = delegate;
				}
			}
		}
		return delegate;
	}

	/** Whether the client was built (used at least once). */
	boolean isBuilt() {
		return this.delegate != null;
	}

	@Override
	public TasksOperations tasks() {
		return delegate().tasks();
	}

	@Override
	public RunsOperations runs() {
		return delegate().runs();
	}

	@Override
	public SchedulesOperations schedules() {
		return delegate().schedules();
	}

	@Override
	public EnvVarsOperations envVars() {
		return delegate().envVars();
	}

	@Override
	public QueuesOperations queues() {
		return delegate().queues();
	}

	@Override
	public DeploymentsOperations deployments() {
		return delegate().deployments();
	}

	@Override
	public WaitpointsOperations waitpoints() {
		return delegate().waitpoints();
	}

	@Override
	public BatchesOperations batches() {
		return delegate().batches();
	}

	@Override
	public QueryOperations query() {
		return delegate().query();
	}

	@Override
	public IdempotencyKeysOperations idempotencyKeys() {
		return delegate().idempotencyKeys();
	}

	@Override
	public AuthOperations auth() {
		return delegate().auth();
	}

	@Override
	public TriggerOperations withOptions(RequestOptions options) {
		return delegate().withOptions(options);
	}

	@Override
	public String baseUrl() {
		// as configured until built (a customizer may change it), so that reading it
		// (/actuator/info) does not build the client
		TriggerOperations delegate = this.delegate;
		return (delegate != null) ? delegate.baseUrl() : this.shownBaseUrl;
	}

	@Override
	public TriggerEnvironmentType environmentType() {
		TriggerOperations delegate = this.delegate;
		return (delegate != null) ? delegate.environmentType() : this.shownEnvironmentType;
	}

	@Override
	public void close() {
		TriggerOperations delegate;
		synchronized (this) {
			this.closed = true;
			delegate = this.delegate;
		}
		if (delegate != null) {
			delegate.close();
		}
	}

	@Override
	public String toString() {
		TriggerOperations delegate = this.delegate;
		return (delegate != null) ? delegate.toString() : "TriggerOperations[baseUrl=" + this.shownBaseUrl
				+ ", environment=" + this.shownEnvironmentType + ", built on first use]";
	}

}
