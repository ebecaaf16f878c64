package io.trigger4j.autoconfigure;

import io.trigger4j.client.TriggerClient;

/**
 * Customizes the {@link TriggerClient.Builder} the auto-configuration builds
 * {@code TriggerOperations} from, after the properties were applied. Declare beans of
 * this type; they run in order.
 */
@FunctionalInterface
public interface TriggerClientBuilderCustomizer {

	/**
	 * Customizes the builder.
	 * @param builder the builder of the auto-configured client
	 */
	void customize(TriggerClient.Builder builder);

}
