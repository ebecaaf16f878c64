package io.trigger4j.client;

import java.util.List;

import io.trigger4j.client.model.envvars.EnvVar;
import reactor.core.publisher.Mono;

/** The {@link EnvVarsOperations} implementation. */
final class DefaultEnvVarsOperations implements EnvVarsOperations {

	private final TriggerHttp http;

	DefaultEnvVarsOperations(TriggerHttp http) {
		this.http = http;
	}

	@Override
	public Mono<List<EnvVar>> list(String projectRef, String env) {
		return this.http.execute(ApiCall.to(Operation.ENV_VARS_LIST, projectRef, env)
			.reading(EnvVar[].class, (variables, headers) -> List.of(variables)));
	}

}
