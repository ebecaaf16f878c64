package io.trigger4j.client;

/** The server failed (HTTP 5xx); usually transient. */
public class ServerException extends TriggerApiException {

	private static final long serialVersionUID = 1L;

	ServerException(Response response) {
		super(response);
	}

}
