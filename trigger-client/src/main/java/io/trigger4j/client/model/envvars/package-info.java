/**
 * Environment variables of a project's environment: the variable record and the import
 * request.
 */
@NullMarked
package io.trigger4j.client.model.envvars;

import org.jspecify.annotations.NullMarked;
