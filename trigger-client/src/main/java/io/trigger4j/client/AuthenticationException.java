package io.trigger4j.client;

/** The credentials were missing or not accepted (HTTP 401). */
public class AuthenticationException extends TriggerApiException {

	private static final long serialVersionUID = 1L;

	AuthenticationException(Response response) {
		super(response);
	}

}
