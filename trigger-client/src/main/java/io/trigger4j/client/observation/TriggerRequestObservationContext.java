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
	 * @param operation the operation, such as {@code runs.retrieve}
	 * @param method the HTTP method
	 */
	public TriggerRequestObservationContext(String operation, String method) {
		this.operation = operation;
		this.method = method;
	}

	/**
	 * {@return the operation, such as {@code runs.retrieve}}
	 */
	public String getOperation() {
		return this.operation;
	}

	/**
	 * {@return the HTTP method}
	 */
	public String getMethod() {
		return this.method;
	}

	/**
	 * {@return the HTTP status of the last response, or 0 if none arrived}
	 */
	public int getStatusCode() {
		return this.statusCode;
	}

	/**
	 * Records the HTTP status of a response.
	 * @param statusCode the HTTP status
	 */
	public void setStatusCode(int statusCode) {
		this.statusCode = statusCode;
	}

}
