package io.trigger4j.client;

/**
 * The server understood the request but refused it, e.g. too many tags or metadata on a
 * finished run (HTTP 422).
 */
public class UnprocessableEntityException extends TriggerApiException {

	private static final long serialVersionUID = 1L;

	UnprocessableEntityException(Response response) {
		super(response);
	}

}
