package io.trigger4j.emulator.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.trigger4j.emulator.engine.Engine;
import io.trigger4j.emulator.engine.EnvVarRecord;
import io.trigger4j.emulator.engine.EnvVars;
import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Environment variables of the project's environments (api-semantics.md sections 1.2 and
 * 4.8; the server's {@code api.v1.projects.$projectRef.envvars.$slug*} routes).
 *
 * <p>
 * A personal (or organization) access token, {@code tr_pat_...} ({@code tr_oat_...}), may
 * address any environment of the project: another project is 404 "Project not found", an
 * unknown environment 404 "Environment not found", a branch (the emulator has none) 404
 * "Branch not found". A secret key addresses its own environment (a {@code tr_dev_} key,
 * or any other key, {@code dev}; {@code tr_stg_}, {@code tr_prod_}, {@code tr_preview_}
 * keys theirs): another project is 400 "Invalid project ref for this API key. ...". As on
 * the server ({@code resolveEnvironmentForAuthentication}), the slug is only compared
 * when a branch is asked for: the key's environment has none, so without
 * {@code x-trigger-branch} any slug is served from the key's environment, and with one
 * another slug is 400 "Invalid environment slug for this API key. ...". A {@code dev} or
 * {@code preview} key with a branch is 401 "No matching branch env".
 */
final class EnvVarRoutes {

	static final String PROJECT_REF_MISMATCH = "Invalid project ref for this API key. Make sure you are using an API key associated with that project.";

	static final String SLUG_MISMATCH = "Invalid environment slug for this API key. Make sure you are using an API key associated with that environment.";

	private static final int MAX_BODY_BYTES = 3_145_728;

	private static final List<String> BRANCH_REF_PREFIXES = List.of("refs/heads/", "refs/remotes/", "refs/tags/",
			"refs/pull/", "refs/merge/", "refs/release/");

	private final Engine engine;

	private final Guard guard;

	EnvVarRoutes(Engine engine, Guard guard) {
		this.engine = engine;
		this.guard = guard;
	}

	void register(RouterFunctions.Builder routes) {
		String base = "/api/v1/projects/{projectRef}/envvars/{env}";
		routes.GET(base, guarded(this::list))
			.POST(base + "/import", guarded(this::importVariables))
			.POST(base, guarded(this::create))
			.GET(base + "/{name}", guarded(this::retrieve))
			.PUT(base + "/{name}", guarded(this::update))
			// The server's action updates on POST too.
			.POST(base + "/{name}", guarded(this::update))
			.DELETE(base + "/{name}", guarded(this::delete));
	}

	/**
	 * The rate limiter and the secret key's check, personal access tokens let through.
	 */
	private HandlerFunction<ServerResponse> guarded(HandlerFunction<ServerResponse> handler) {
		return this.guard.guarded(Guard.Family.BUILDER, Guard::isUserToken, handler);
	}

	private Mono<ServerResponse> list(ServerRequest request) {
		String environment = environment(request);
		return EngineCalls.call(() -> this.engine.envVars().list(environment))
			.flatMap((variables) -> Answers.json(200, variables.stream().map(EnvVarRoutes::render).toList()));
	}

	private Mono<ServerResponse> retrieve(ServerRequest request) {
		String environment = environment(request);
		String name = request.pathVariable("name");
		return EngineCalls.call(() -> this.engine.envVars().retrieve(environment, name))
			.flatMap((variable) -> Answers.json(200, render(variable)));
	}

	private Mono<ServerResponse> create(ServerRequest request) {
		String environment = environment(request);
		return Bodies.read(request, MAX_BODY_BYTES, false).map((body) -> {
			List<Map<String, Object>> issues = new ArrayList<>();
			String name = requiredString(body, "name", issues);
			String value = requiredString(body, "value", issues);
			Boolean secret = optionalBoolean(body, "isSecret", issues);
			if (!issues.isEmpty()) {
				throw ApiError.invalidBody(issues);
			}
			return new Variable(name, value, secret);
		}).flatMap((variable) -> EngineCalls.call(() -> {
			this.engine.envVars().create(environment, variable.name(), variable.value(), variable.secret());
			return true;
		})).flatMap((done) -> success());
	}

	private Mono<ServerResponse> importVariables(ServerRequest request) {
		String environment = environment(request);
		return Bodies.read(request, MAX_BODY_BYTES, false)
			.onErrorMap((ex) -> ex instanceof ApiError error && error.status == 400, (ex) -> invalidImport())
			.map(EnvVarRoutes::importBody)
			.flatMap((body) -> EngineCalls.call(() -> this.engine.envVars()
				.importVariables(environment, body.variables(), body.override(), body.secret())))
			.flatMap((conflicts) -> {
				if (conflicts.isEmpty()) {
					return success();
				}
				Map<String, Object> answer = new LinkedHashMap<>();
				answer.put("error", EnvVars.ALREADY_SET);
				answer.put("variableErrors", conflicts.stream().map((conflict) -> {
					Map<String, Object> error = new LinkedHashMap<>();
					error.put("key", conflict.key());
					error.put("error", conflict.error());
					return error;
				}).toList());
				return Answers.json(400, answer);
			});
	}

	private Mono<ServerResponse> update(ServerRequest request) {
		String environment = environment(request);
		String name = request.pathVariable("name");
		return Bodies.read(request, MAX_BODY_BYTES, false).flatMap((body) -> {
			List<Map<String, Object>> issues = new ArrayList<>();
			String value = requiredString(body, "value", issues);
			return EngineCalls.call(() -> {
				if (!issues.isEmpty()) {
					// The server looks the variable up before it reads the body.
					if (!this.engine.envVars().exists(name)) {
						throw ApiError.of(404, "Environment variable not found");
					}
					throw ApiError.invalidBody(issues);
				}
				this.engine.envVars().update(environment, name, value);
				return true;
			});
		}).flatMap((done) -> success());
	}

	private Mono<ServerResponse> delete(ServerRequest request) {
		String environment = environment(request);
		String name = request.pathVariable("name");
		return EngineCalls.call(() -> {
			this.engine.envVars().delete(environment, name);
			return true;
		}).flatMap((done) -> success());
	}

	/**
	 * The environment the request may address, or the server's 400, 401 or 404 (see the
	 * class comment).
	 */
	private String environment(ServerRequest request) {
		String projectRef = request.pathVariable("projectRef");
		String requested = request.pathVariable("env");
		String slug = "staging".equals(requested) ? "stg" : requested;
		String branch = branch(request);
		String resolvedBranch = ("dev".equals(slug) && "default".equals(branch)) ? null : branch;
		String token = Guard.bearer(request);
		if (Guard.isUserToken(token)) {
			if (!projectRef.equals(this.engine.envVars().projectRef())) {
				throw ApiError.of(404, "Project not found");
			}
			if (resolvedBranch != null) {
				throw ApiError.of(404, "Branch not found");
			}
			String environment = EnvVars.environment(slug);
			if (environment == null) {
				throw ApiError.of(404, "Environment not found");
			}
			return environment;
		}
		String keyEnvironment = Guard.keyEnvironment(token);
		if ("preview".equals(keyEnvironment) && branch == null) {
			throw ApiError.of(401, "x-trigger-branch header required for preview env");
		}
		if (("preview".equals(keyEnvironment) || "dev".equals(keyEnvironment)) && branch != null
				&& !("dev".equals(keyEnvironment) && "default".equals(branch))) {
			throw ApiError.of(401, "No matching branch env");
		}
		if (!projectRef.equals(this.engine.envVars().projectRef())) {
			throw ApiError.of(400, PROJECT_REF_MISMATCH);
		}
		if (!slug.equals(keyEnvironment) && resolvedBranch != null) {
			throw ApiError.of(400, SLUG_MISMATCH);
		}
		return keyEnvironment;
	}

	/**
	 * The branch {@code x-trigger-branch} asks for, as the server sanitizes it: a
	 * {@code refs/heads/}-like prefix is dropped, any other {@code refs/} value is none.
	 */
	private static @Nullable String branch(ServerRequest request) {
		String ref = request.headers().firstHeader("x-trigger-branch");
		if (ref == null || ref.isEmpty()) {
			return null;
		}
		for (String prefix : BRANCH_REF_PREFIXES) {
			if (ref.startsWith(prefix)) {
				String branch = ref.substring(prefix.length());
				return branch.isEmpty() ? null : branch;
			}
		}
		return ref.startsWith("refs/") ? null : ref;
	}

	private static Map<String, Object> render(EnvVarRecord variable) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("name", variable.name());
		json.put("value", variable.value());
		json.put("isSecret", variable.secret());
		return json;
	}

	private static Mono<ServerResponse> success() {
		return Answers.json(200, Map.of("success", true));
	}

	/** A create body. */
	private record Variable(String name, String value, @Nullable Boolean secret) {
	}

	/** An import body. */
	private record Import(Map<String, String> variables, boolean override, @Nullable Boolean secret) {
	}

	/**
	 * An import body as {@code ImportEnvironmentVariablesRequestBody} reads it; anything
	 * else is 400 "Invalid body".
	 */
	private static Import importBody(JsonNode body) {
		JsonNode variables = body.get("variables");
		if (variables == null || !variables.isObject()) {
			throw invalidImport();
		}
		Map<String, String> values = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : variables.properties()) {
			if (!entry.getValue().isString()) {
				throw invalidImport();
			}
			values.put(entry.getKey(), entry.getValue().asString());
		}
		JsonNode parents = body.get("parentVariables");
		if (parents != null) {
			if (!parents.isObject()) {
				throw invalidImport();
			}
			for (Map.Entry<String, JsonNode> entry : parents.properties()) {
				if (!entry.getValue().isString()) {
					throw invalidImport();
				}
			}
		}
		JsonNode override = body.get("override");
		JsonNode secret = body.get("isSecret");
		if ((override != null && !override.isBoolean()) || (secret != null && !secret.isBoolean())) {
			throw invalidImport();
		}
		JsonNode source = body.get("source");
		if (source != null && !validSource(source)) {
			throw invalidImport();
		}
		return new Import(values, override != null && override.asBoolean(),
				(secret != null) ? secret.asBoolean() : null);
	}

	/** {@code {type: "user", userId}} or {@code {type: "integration", integration}}. */
	private static boolean validSource(JsonNode source) {
		if (!source.isObject() || source.get("type") == null || !source.get("type").isString()) {
			return false;
		}
		String field = switch (source.get("type").asString()) {
			case "user" -> "userId";
			case "integration" -> "integration";
			default -> null;
		};
		return field != null && source.get(field) != null && source.get(field).isString();
	}

	private static ApiError invalidImport() {
		return ApiError.of(400, "Invalid body");
	}

	/** A required string, with zod's issue when missing or of another type. */
	private static String requiredString(JsonNode body, String name, List<Map<String, Object>> issues) {
		JsonNode value = body.get(name);
		if (value == null) {
			issues.add(ApiError.invalidType("string", "undefined", "Required", name));
			return "";
		}
		if (!value.isString()) {
			String received = Bodies.typeName(value).toLowerCase(Locale.ROOT);
			issues.add(ApiError.invalidType("string", received, "Expected string, received " + received, name));
			return "";
		}
		return value.asString();
	}

	private static @Nullable Boolean optionalBoolean(JsonNode body, String name, List<Map<String, Object>> issues) {
		JsonNode value = body.get(name);
		if (value == null) {
			return null;
		}
		if (!value.isBoolean()) {
			String received = Bodies.typeName(value);
			issues.add(ApiError.invalidType("boolean", received, "Expected boolean, received " + received, name));
			return null;
		}
		return value.asBoolean();
	}

}
