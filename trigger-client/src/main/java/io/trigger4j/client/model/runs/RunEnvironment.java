package io.trigger4j.client.model.runs;

import org.jspecify.annotations.Nullable;

/**
 * The environment a listed run belongs to.
 *
 * @param id the environment id
 * @param name the environment name, such as {@code prod}
 * @param user for a dev environment, the user it belongs to
 */
public record RunEnvironment(@Nullable String id, @Nullable String name, @Nullable String user) {
}
