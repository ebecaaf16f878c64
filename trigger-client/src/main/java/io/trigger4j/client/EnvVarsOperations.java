package io.trigger4j.client;

import java.util.List;

import io.trigger4j.client.model.envvars.EnvVar;
import reactor.core.publisher.Mono;

/**
 * A project's environment variables. Obtain from {@link TriggerOperations#envVars()}.
 * These routes accept the secret key of the environment (the default) or a personal
 * access token
 * ({@code RequestOptions.builder().credential(Credential.PERSONAL_ACCESS_TOKEN)}).
 */
public interface EnvVarsOperations {

	/**
	 * Lists the environment variables of a project's environment. {@code GET
	 * /api/v1/projects/{projectRef}/envvars/{env}}.
	 * @param projectRef the project's ref, {@code proj_...}
	 * @param env the environment's slug: {@code dev}, {@code staging}, {@code prod} or
	 * {@code preview}
	 */
	Mono<List<EnvVar>> list(String projectRef, String env);

}
