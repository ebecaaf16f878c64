package io.trigger4j.client;

/**
 * The resource does not exist, or the run has not finished where a finished run is needed
 * (HTTP 404).
 */
public class NotFoundException extends TriggerApiException {

	private static final long serialVersionUID = 1L;

	NotFoundException(Response response) {
		super(response);
	}

}
