package io.trigger4j.client;

/** The request conflicts with the resource's state (HTTP 409). */
public class ConflictException extends TriggerApiException {

	private static final long serialVersionUID = 1L;

	ConflictException(Response response) {
		super(response);
	}

}
