package io.trigger4j.autoconfigure;

import io.trigger4j.client.TriggerOperations;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start-up failure caused by a missing secret key, and which property to set.
 */
class TriggerSecretKeyMissingFailureAnalyzer extends AbstractFailureAnalyzer<TriggerSecretKeyMissingException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, TriggerSecretKeyMissingException cause) {
		return new FailureAnalysis(
				"trigger4j could not create TriggerOperations: no Trigger.dev secret key is configured "
						+ "(trigger.secret-key is missing or blank, and TRIGGER_SECRET_KEY is not set).",
				"Set the property 'trigger.secret-key' (for example in application.yml) or the environment variable "
						+ "TRIGGER_SECRET_KEY to your environment's secret key (tr_dev_..., tr_prod_...), found under "
						+ "API keys in the Trigger.dev dashboard. Or define your own TriggerOperations bean.",
				cause);
	}

}
