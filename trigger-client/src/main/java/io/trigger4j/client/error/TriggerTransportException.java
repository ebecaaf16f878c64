package io.trigger4j.client.error;

import org.jspecify.annotations.Nullable;

/**
 * The request did not get an HTTP response: the connection failed, was reset, or timed
 * out. {@link #isConnectFailure()} tells whether the request certainly never reached the
 * server.
 */
public class TriggerTransportException extends TriggerException {

	private static final long serialVersionUID = 1L;

	private final String operation;

	private final String reason;

	private final boolean connectFailure;

	/**
	 * Creates an exception.
	 * @param operation the operation that failed, such as {@code runs.retrieve}
	 * @param message what happened; never a key or token
	 * @param connectFailure whether the connection could not be established
	 * @param cause the underlying failure
	 */
	public TriggerTransportException(String operation, String message, boolean connectFailure,
			@Nullable Throwable cause) {
		super(operation + " failed: " + message, cause);
		this.operation = operation;
		this.reason = message;
		this.connectFailure = connectFailure;
	}

	/** The operation that failed, such as {@code runs.retrieve}. */
	public String operation() {
		return this.operation;
	}

	/**
	 * What happened, without the operation: the message after
	 * {@code "<operation> failed: "}.
	 */
	public String reason() {
		return this.reason;
	}

	/**
	 * Whether the connection could not be established, so the server never saw the
	 * request.
	 */
	public boolean isConnectFailure() {
		return this.connectFailure;
	}

}
