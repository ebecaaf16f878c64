/**
 * Environment variables of a project's environment.
 */
@NullMarked
package io.trigger4j.client.model.envvars;

import org.jspecify.annotations.NullMarked;
