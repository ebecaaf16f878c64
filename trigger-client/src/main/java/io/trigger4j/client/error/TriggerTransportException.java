package io.trigger4j.client.error;

import org.jspecify.annotations.Nullable;

/**
 * The request did not get an HTTP response: no connection could be had, or it was reset,
 * or it timed out. {@link #isConnectFailure()} tells whether the request certainly never
 * reached the server. The cause never holds the request (its headers and credentials): it
 * is the underlying failure, or a stand-in naming its type and message.
 */
public class TriggerTransportException extends TriggerException {

	private static final long serialVersionUID = 1L;

	/** The operation that failed. */
	private final String operation;

	/** What happened, without the operation. */
	private final String reason;

	/** Whether the request certainly never left the client. */
	private final boolean connectFailure;

	/**
	 * Creates an exception.
	 * @param operation the operation that failed, such as {@code runs.retrieve}
	 * @param message what happened; never a key or token
	 * @param connectFailure whether the request certainly never left the client (see
	 * {@link #isConnectFailure()})
	 * @param cause the underlying failure
	 */
	public TriggerTransportException(String operation, String message, boolean connectFailure,
			@Nullable Throwable cause) {
		super(operation + " failed: " + message, cause);
		this.operation = operation;
		this.reason = message;
		this.connectFailure = connectFailure;
	}

	/**
	 * {@return the operation that failed, such as {@code runs.retrieve}}
	 */
	public String operation() {
		return this.operation;
	}

	/**
	 * What happened, without the operation: the message after
	 * {@code "<operation> failed: "}.
	 * @return what happened
	 */
	public String reason() {
		return this.reason;
	}

	/**
	 * Whether the request certainly never left the client, so the server never saw it: no
	 * connection could be had from the pool, the host name did not resolve, the
	 * connection was refused or timed out, or its TLS handshake failed. Such a failure is
	 * retried for every call, even a trigger without an idempotency key.
	 * @return whether the request never left the client
	 */
	public boolean isConnectFailure() {
		return this.connectFailure;
	}

}
