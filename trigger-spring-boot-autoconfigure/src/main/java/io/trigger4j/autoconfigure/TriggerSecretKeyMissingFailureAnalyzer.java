package io.trigger4j.autoconfigure;

import io.trigger4j.client.TriggerOperations;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start-up failure caused by a missing secret key and access token, and which
 * properties to set.
 */
class TriggerSecretKeyMissingFailureAnalyzer extends AbstractFailureAnalyzer<TriggerSecretKeyMissingException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, TriggerSecretKeyMissingException cause) {
		return new FailureAnalysis("trigger4j could not create " + TriggerOperations.class.getSimpleName()
				+ ": no Trigger.dev secret key is configured, and no personal access token either "
				+ "(trigger.secret-key and trigger.access-token are missing or blank, and neither TRIGGER_SECRET_KEY "
				+ "nor TRIGGER_ACCESS_TOKEN is set).",
				"Set the property 'trigger.secret-key' (for example in application.yml) or the environment variable "
						+ "TRIGGER_SECRET_KEY to your environment's secret key (tr_dev_..., tr_prod_...), found under "
						+ "API keys in the Trigger.dev dashboard. For the project-wide operations only, set the "
						+ "property 'trigger.access-token' or the environment variable TRIGGER_ACCESS_TOKEN to a "
						+ "personal access token (tr_pat_...); both may be set. Or define your own "
						+ "TriggerConnectionDetails or TriggerOperations bean.",
				cause);
	}

}
