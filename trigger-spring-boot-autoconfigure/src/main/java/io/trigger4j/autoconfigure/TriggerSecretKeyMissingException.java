package io.trigger4j.autoconfigure;

/**
 * Neither a secret key nor a personal access token is configured, so
 * {@code TriggerOperations} cannot be created.
 */
public class TriggerSecretKeyMissingException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	TriggerSecretKeyMissingException() {
		super("No Trigger.dev secret key or access token is configured: set trigger.secret-key (or TRIGGER_SECRET_KEY), "
				+ "or trigger.access-token (or TRIGGER_ACCESS_TOKEN)");
	}

}
