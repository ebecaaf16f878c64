package io.trigger4j.client;

import java.util.List;

import io.trigger4j.client.model.envvars.EnvVar;
import io.trigger4j.client.model.envvars.ImportEnvVarsRequest;
import reactor.core.publisher.Mono;

/**
 * A project's environment variables. Obtain from {@link TriggerOperations#envVars()}.
 *
 * <p>
 * These routes take the environment's secret key (the default; the key's project and
 * environment must be {@code projectRef} and {@code env}, else the server answers 400) or
 * a personal access token, sent when the view's {@link RequestOptions} name it:
 * {@code trigger.withOptions(RequestOptions.builder().credential(Credential.PERSONAL_ACCESS_TOKEN).build()).envVars()}.
 *
 * <p>
 * The server never returns a secret variable's value: it sends {@value EnvVar#REDACTED}
 * with {@link EnvVar#isSecret()} true.
 *
 * <p>
 * Names are checked before sending: letters, digits and underscores
 * ({@code [A-Za-z0-9_]+}). Values must not be blank. {@code TRIGGER_SECRET_KEY} and
 * {@code TRIGGER_API_URL} cannot be set (the server would drop them silently).
 * {@code projectRef} is a {@code proj_...} ref and {@code env} an environment slug:
 * {@code dev}, {@code staging}, {@code prod} or {@code preview} (with the
 * {@code x-trigger-branch} header for a branch).
 */
public interface EnvVarsOperations {

	/**
	 * Lists the environment variables of a project's environment. {@code GET
	 * /api/v1/projects/{projectRef}/envvars/{env}}.
	 * @param projectRef the project's ref, {@code proj_...}
	 * @param env the environment's slug: {@code dev}, {@code staging}, {@code prod} or
	 * {@code preview}
	 * @return the variables
	 */
	Mono<List<EnvVar>> list(String projectRef, String env);

	/**
	 * Sets a variable, replacing its value if it is already set. {@code POST
	 * /api/v1/projects/{projectRef}/envvars/{env}}. Safe to retry.
	 * @param projectRef the project's ref, {@code proj_...}
	 * @param env the environment's slug
	 * @param name the variable's name, such as {@code SLACK_API_KEY}
	 * @param value the value, not blank
	 * @return completes when the variable is set
	 */
	Mono<Void> create(String projectRef, String env, String name, String value);

	/**
	 * Sets several variables at once. {@code POST
	 * /api/v1/projects/{projectRef}/envvars/{env}/import}. Without
	 * {@link ImportEnvVarsRequest#override()} the server refuses the whole import (400)
	 * when any name is already set, and a failed import is not retried where the server
	 * may have acted; with it the import is safe to repeat and is retried.
	 * @param projectRef the project's ref, {@code proj_...}
	 * @param env the environment's slug
	 * @param request the variables (at least one), override and secrecy
	 * @return completes when the variables are set
	 */
	Mono<Void> importVariables(String projectRef, String env, ImportEnvVarsRequest request);

	/**
	 * A variable. {@code GET /api/v1/projects/{projectRef}/envvars/{env}/{name}}. A
	 * secret variable's value is {@value EnvVar#REDACTED}.
	 * @param projectRef the project's ref, {@code proj_...}
	 * @param env the environment's slug
	 * @param name the variable's name
	 * @return the variable
	 */
	Mono<EnvVar> retrieve(String projectRef, String env, String name);

	/**
	 * Changes the value of a variable that is set. {@code PUT
	 * /api/v1/projects/{projectRef}/envvars/{env}/{name}}. Safe to retry.
	 * @param projectRef the project's ref, {@code proj_...}
	 * @param env the environment's slug
	 * @param name the variable's name
	 * @param value the new value, not blank
	 * @return completes when the value is changed
	 */
	Mono<Void> update(String projectRef, String env, String name, String value);

	/**
	 * Deletes a variable's value in the environment. {@code DELETE
	 * /api/v1/projects/{projectRef}/envvars/{env}/{name}}. Not retried after a failure
	 * where the server may have acted: a repeat answers 400 or 404.
	 * @param projectRef the project's ref, {@code proj_...}
	 * @param env the environment's slug
	 * @param name the variable's name
	 * @return completes when the variable is deleted
	 */
	Mono<Void> delete(String projectRef, String env, String name);

}
