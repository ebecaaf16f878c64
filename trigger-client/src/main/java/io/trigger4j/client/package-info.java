/**
 * Reactive client for the Trigger.dev v3 REST API.
 *
 * <p>
 * Start with {@link io.trigger4j.client.TriggerClient#builder()} (or inject
 * {@link io.trigger4j.client.TriggerOperations} with the Spring Boot starter), then use
 * the resource operations: {@code tasks()} and {@code runs()}.
 */
@NullMarked
package io.trigger4j.client;

import org.jspecify.annotations.NullMarked;
