/**
 * Spring Boot auto-configuration for trigger4j:
 * {@link io.trigger4j.autoconfigure.TriggerProperties} ({@code trigger.*}),
 * {@link io.trigger4j.autoconfigure.TriggerConnectionDetails}, the
 * {@link io.trigger4j.client.TriggerOperations} bean, the {@code trigger} health
 * indicator, and masking of the secret key and access token in Actuator.
 */
@NullMarked
package io.trigger4j.autoconfigure;

import org.jspecify.annotations.NullMarked;
