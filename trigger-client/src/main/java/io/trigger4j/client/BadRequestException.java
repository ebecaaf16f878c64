package io.trigger4j.client;

/**
 * The request was invalid (HTTP 400). {@link #details()} lists validation issues when the
 * server sent them.
 */
public class BadRequestException extends TriggerApiException {

	private static final long serialVersionUID = 1L;

	BadRequestException(Response response) {
		super(response);
	}

}
