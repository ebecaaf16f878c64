package io.trigger4j.client;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.trigger4j.client.internal.Checks;
import io.trigger4j.client.model.envvars.EnvVar;
import io.trigger4j.client.model.envvars.ImportEnvVarsRequest;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** The {@link EnvVarsOperations} implementation. */
final class DefaultEnvVarsOperations implements EnvVarsOperations {

	/**
	 * The names trigger4j accepts: the dashboard's rule, which the API does not enforce.
	 */
	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+");

	/** The names the server drops silently from what it is asked to set. */
	static final Set<String> RESERVED_NAMES = Set.of("TRIGGER_SECRET_KEY", "TRIGGER_API_URL");

	/** Reads the {@code {"success":true}} of a change, which carries nothing more. */
	private static final ApiCall.ResponseReader<Boolean> DONE = (json, body, headers) -> Boolean.TRUE;

	private final TriggerHttp http;

	DefaultEnvVarsOperations(TriggerHttp http) {
		this.http = http;
	}

	/**
	 * A variable's name: letters, digits and underscores.
	 * @throws IllegalArgumentException naming the argument otherwise
	 */
	static String requireName(String argument, String name) {
		Checks.requireText(argument, name);
		if (!NAME.matcher(name).matches()) {
			throw new IllegalArgumentException(
					argument + " must be a variable name of letters, digits and underscores ([A-Za-z0-9_]+) but was "
							+ Checks.quote(name));
		}
		return name;
	}

	/** A name that can be set: not one the server drops silently. */
	private static String requireSettableName(String argument, String name) {
		requireName(argument, name);
		if (RESERVED_NAMES.contains(name)) {
			throw new IllegalArgumentException(argument + " must not be " + name
					+ ": Trigger.dev sets it for every run, and the server silently drops it");
		}
		return name;
	}

	@Override
	public Mono<List<EnvVar>> list(String projectRef, String env) {
		return this.http.execute(ApiCall.to(Operation.ENV_VARS_LIST, projectRef, env)
			.reading(EnvVar[].class, (variables, headers) -> List.of(variables)));
	}

	@Override
	public Mono<Void> create(String projectRef, String env, String name, String value) {
		ApiCall.Builder call = ApiCall.to(Operation.ENV_VARS_CREATE, projectRef, env);
		requireSettableName("name", name);
		Checks.requireText("value", value);
		return this.http.execute(call.body(new CreateBody(name, value)).reading(DONE)).then();
	}

	@Override
	public Mono<Void> importVariables(String projectRef, String env, ImportEnvVarsRequest request) {
		ApiCall.Builder call = ApiCall.to(Operation.ENV_VARS_IMPORT, projectRef, env);
		Objects.requireNonNull(request, "request must not be null");
		Map<String, String> variables = request.variables();
		if (variables.isEmpty()) {
			throw new IllegalArgumentException("variables must name at least one variable");
		}
		variables.forEach((name, value) -> {
			requireSettableName("variables name", name);
			Checks.requireText("variables[" + name + "]", value);
		});
		return this.http
			.execute(call.body(new ImportBody(variables, request.override(), request.isSecret() ? Boolean.TRUE : null))
				.repeatableWhen(request.override())
				.reading(DONE))
			.then();
	}

	@Override
	public Mono<EnvVar> retrieve(String projectRef, String env, String name) {
		return this.http.execute(ApiCall.to(Operation.ENV_VARS_RETRIEVE, projectRef, env, name)
			.reading(ValueAnswer.class, (answer, headers) -> answer.toEnvVar(name)));
	}

	@Override
	public Mono<Void> update(String projectRef, String env, String name, String value) {
		ApiCall.Builder call = ApiCall.to(Operation.ENV_VARS_UPDATE, projectRef, env, name);
		requireSettableName("name", name);
		Checks.requireText("value", value);
		return this.http.execute(call.body(new ValueBody(value)).reading(DONE)).then();
	}

	@Override
	public Mono<Void> delete(String projectRef, String env, String name) {
		return this.http.execute(ApiCall.to(Operation.ENV_VARS_DELETE, projectRef, env, name).reading(DONE)).then();
	}

	/** The body of create. */
	record CreateBody(String name, String value) {
	}

	/** The body of update. */
	record ValueBody(String value) {
	}

	/**
	 * The body of import, as the server reads it: {@code variables} as an object of name
	 * to value (the contract's array of {@code {name, value}} is not what it reads).
	 */
	record ImportBody(Map<String, String> variables, boolean override,
			@JsonProperty("isSecret") @Nullable Boolean isSecret) {
	}

	/**
	 * The answer of retrieve: {@code {value}}, or {@code {name, value, isSecret}}.
	 */
	record ValueAnswer(@Nullable String name, @JsonProperty(required = true) String value,
			@JsonProperty("isSecret") @Nullable Boolean isSecret) {

		ValueAnswer {
			Objects.requireNonNull(value, "value must not be null");
		}

		EnvVar toEnvVar(String requested) {
			return new EnvVar((this.name != null) ? this.name : requested, this.value,
					Boolean.TRUE.equals(this.isSecret));
		}

	}

}
