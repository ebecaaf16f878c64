/**
 * Spring Boot auto-configuration for trigger4j:
 * {@link io.trigger4j.autoconfigure.TriggerProperties} ({@code trigger.*}), the
 * {@link io.trigger4j.client.TriggerOperations} bean, the {@code trigger} health
 * indicator and secret-key masking in Actuator.
 */
@NullMarked
package io.trigger4j.autoconfigure;

import org.jspecify.annotations.NullMarked;
