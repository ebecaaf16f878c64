package io.trigger4j.client;

import java.time.Duration;

/** No response arrived within the configured response timeout. */
public class TriggerTimeoutException extends TriggerTransportException {

	private static final long serialVersionUID = 1L;

	private final Duration timeout;

	TriggerTimeoutException(String operation, Duration timeout, Throwable cause) {
		super(operation, "no response within " + timeout, false, cause);
		this.timeout = timeout;
	}

	/** The timeout that passed. */
	public Duration timeout() {
		return this.timeout;
	}

}
