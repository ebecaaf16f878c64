package io.trigger4j.client.observation;

import io.micrometer.observation.Observation;

/**
 * The context of one trigger4j API call's observation: the operation, its HTTP method
 * and, once known, the status of the last response. Ids are not held here, so they never
 * become tags.
 */
public class TriggerRequestObservationContext extends Observation.Context {

	private final String operation;

	private final String method;

	private volatile int statusCode;

	/**
	 * Creates a context for an operation such as {@code runs.retrieve} sent with an HTTP
	 * method.
	 */
	public TriggerRequestObservationContext(String operation, String method) {
		this.operation = operation;
		this.method = method;
	}

	/** The operation, such as {@code runs.retrieve}. */
	public String getOperation() {
		return this.operation;
	}

	/** The HTTP method. */
	public String getMethod() {
		return this.method;
	}

	/** The HTTP status of the last response, or 0 if none arrived. */
	public int getStatusCode() {
		return this.statusCode;
	}

	/** Records the HTTP status of a response. */
	public void setStatusCode(int statusCode) {
		this.statusCode = statusCode;
	}

}
