package io.trigger4j.autoconfigure;

/** No secret key is configured, so {@code TriggerOperations} cannot be created. */
public class TriggerSecretKeyMissingException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	TriggerSecretKeyMissingException() {
		super("No Trigger.dev secret key is configured: set trigger.secret-key (or TRIGGER_SECRET_KEY)");
	}

}
