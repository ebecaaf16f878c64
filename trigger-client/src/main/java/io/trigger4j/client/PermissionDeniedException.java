package io.trigger4j.client;

/** The credentials lack the permission the operation needs (HTTP 403). */
public class PermissionDeniedException extends TriggerApiException {

	private static final long serialVersionUID = 1L;

	PermissionDeniedException(Response response) {
		super(response);
	}

}
