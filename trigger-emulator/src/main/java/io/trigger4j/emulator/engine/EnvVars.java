package io.trigger4j.emulator.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Environment variables of the emulated project's environments ({@code dev}, {@code stg},
 * {@code prod}, {@code preview}), with the server's rules
 * ({@code environmentVariablesRepository.server.ts}): a variable is a name of the project
 * with a value per environment; {@code TRIGGER_SECRET_KEY} and {@code TRIGGER_API_URL}
 * are dropped silently, so are blank names and values; secret values are read back as
 * {@value #REDACTED}.
 */
public final class EnvVars {

	/** The emulated project's ref unless told otherwise. */
	public static final String DEFAULT_PROJECT_REF = "proj_triggerfouremulators";

	/** What a secret value reads as. */
	public static final String REDACTED = "<redacted>";

	/** The answer to an import without override that names set variables. */
	public static final String ALREADY_SET = "Some of the variables are already set for these environments. Set override to true to override them.";

	/** The names the server drops. */
	static final Set<String> BLOCKED = Set.of("TRIGGER_SECRET_KEY", "TRIGGER_API_URL");

	/** The environments by slug, with the titles the server's messages use. */
	private static final Map<String, String> ENVIRONMENTS = Map.of("dev", "Development", "stg", "Staging", "prod",
			"Production", "preview", "Preview");

	private final Engine engine;

	private volatile String projectRef = DEFAULT_PROJECT_REF;

	/** The values by environment slug, then by name in the order they were first set. */
	private final Map<String, Map<String, Value>> values = new HashMap<>();

	EnvVars(Engine engine) {
		this.engine = engine;
	}

	/** Forgets every variable; under the engine's lock. */
	void reset() {
		this.values.clear();
	}

	/**
	 * {@return the emulated project's ref, {@code proj_...}}
	 */
	public String projectRef() {
		return this.projectRef;
	}

	/**
	 * Sets the emulated project's ref, which the project routes must name.
	 * @param projectRef the ref, {@code proj_...}
	 */
	public void projectRef(String projectRef) {
		this.projectRef = Objects.requireNonNull(projectRef, "projectRef must not be null");
	}

	/**
	 * The environment a slug names ({@code staging} is {@code stg}, as the server
	 * rewrites it), or {@code null} for none of the project's.
	 * @param slug the slug a route names, such as {@code dev} or {@code staging}
	 * @return the environment's slug ({@code dev}, {@code stg}, {@code prod} or
	 * {@code preview}), or {@code null}
	 */
	public static @Nullable String environment(String slug) {
		String canonical = "staging".equals(slug) ? "stg" : slug;
		return ENVIRONMENTS.containsKey(canonical) ? canonical : null;
	}

	/**
	 * The environment's variables, secret values redacted.
	 * @param environment the environment's slug
	 * @return the variables, in the order they were first set
	 * @throws IllegalArgumentException for a slug that names no environment
	 */
	public List<EnvVarRecord> list(String environment) {
		String env = require(environment);
		return this.engine.locked(() -> {
			List<EnvVarRecord> list = new ArrayList<>();
			values(env).forEach((name, value) -> list.add(value.record(name)));
			return list;
		});
	}

	/**
	 * Tells whether the project has a variable of this name (in any environment).
	 * @param name the variable's name
	 * @return whether any environment has a value of it
	 */
	public boolean exists(String name) {
		Objects.requireNonNull(name, "name must not be null");
		return this.engine.locked(() -> {
			for (Map<String, Value> environment : this.values.values()) {
				if (environment.containsKey(name)) {
					return true;
				}
			}
			return false;
		});
	}

	/**
	 * One variable, a secret value redacted. 404 "Environment variable not found" when
	 * the project has no such variable or this environment no value of it.
	 * @param environment the environment's slug
	 * @param name the variable's name
	 * @return the variable
	 */
	public EnvVarRecord retrieve(String environment, String name) {
		String env = require(environment);
		Objects.requireNonNull(name, "name must not be null");
		return this.engine.locked(() -> {
			requireVariable(name);
			Value value = values(env).get(name);
			if (value == null) {
				throw new EngineException(404, "Environment variable not found");
			}
			return value.record(name);
		});
	}

	/**
	 * Sets one variable, replacing its value (an upsert); {@code secret} {@code null}
	 * keeps an existing value's secrecy. 400 "You must set at least one valid variable."
	 * for a blocked name or a blank name or value.
	 * @param environment the environment's slug
	 * @param name the variable's name
	 * @param value the value
	 * @param secret whether the value is secret, or {@code null} to keep the existing
	 * value's secrecy (not secret for a new one)
	 */
	public void create(String environment, String name, String value, @Nullable Boolean secret) {
		Map<String, String> variables = new LinkedHashMap<>();
		variables.put(Objects.requireNonNull(name, "name must not be null"),
				Objects.requireNonNull(value, "value must not be null"));
		List<VariableConflict> conflicts = importVariables(environment, variables, true, secret);
		if (!conflicts.isEmpty()) {
			throw new IllegalStateException("An upsert cannot conflict");
		}
	}

	/**
	 * Sets many variables. Without {@code override}, nothing is set when any of them has
	 * a value in this environment already: the conflicts are returned (answered as 400
	 * {@value #ALREADY_SET}). 400 "You must set at least one valid variable." (and " All
	 * the variables submitted are not allowed." when some were blocked) when none is left
	 * after dropping blocked names and blank names or values.
	 * @param environment the environment's slug
	 * @param variables the values by name
	 * @param override whether to replace values set already
	 * @param secret whether the values are secret, or {@code null} to keep each existing
	 * value's secrecy (not secret for a new one)
	 * @return the variables already set, empty when the variables were set
	 */
	public List<VariableConflict> importVariables(String environment, Map<String, String> variables, boolean override,
			@Nullable Boolean secret) {
		String env = require(environment);
		Map<String, String> given = new LinkedHashMap<>(variables);
		return this.engine.locked(() -> {
			Map<String, String> valid = new LinkedHashMap<>();
			boolean blocked = false;
			for (Map.Entry<String, String> entry : given.entrySet()) {
				if (BLOCKED.contains(entry.getKey())) {
					blocked = true;
				}
				else if (!blank(entry.getKey()) && !blank(entry.getValue())) {
					valid.put(entry.getKey(), entry.getValue());
				}
			}
			if (valid.isEmpty()) {
				throw new EngineException(400, "You must set at least one valid variable."
						+ (blocked ? " All the variables submitted are not allowed." : ""));
			}
			Map<String, Value> existing = values(env);
			if (!override) {
				List<VariableConflict> conflicts = new ArrayList<>();
				for (String name : valid.keySet()) {
					if (existing.containsKey(name)) {
						conflicts
							.add(new VariableConflict(name, "Variable already set in " + ENVIRONMENTS.get(env) + "."));
					}
				}
				if (!conflicts.isEmpty()) {
					return conflicts;
				}
			}
			valid.forEach((name, value) -> {
				Value current = existing.get(name);
				boolean keepSecret = (current != null) && current.secret;
				existing.put(name, new Value(value, (secret != null) ? secret : keepSecret));
			});
			return List.<VariableConflict>of();
		});
	}

	/**
	 * Sets the value of a variable of the project in this environment (creating it there,
	 * not secret, when it has no value there yet); a blank value changes nothing. 404
	 * "Environment variable not found" when the project has no such variable.
	 * @param environment the environment's slug
	 * @param name the variable's name
	 * @param value the new value
	 */
	public void update(String environment, String name, String value) {
		String env = require(environment);
		Objects.requireNonNull(name, "name must not be null");
		Objects.requireNonNull(value, "value must not be null");
		this.engine.locked(() -> {
			requireVariable(name);
			if (!blank(value)) {
				Map<String, Value> existing = values(env);
				Value current = existing.get(name);
				existing.put(name, new Value(value, (current != null) && current.secret));
			}
			return null;
		});
	}

	/**
	 * Deletes a variable's value in this environment (the variable goes with its last
	 * value). 404 "Environment variable not found" when the project has no such variable;
	 * 400 "Environment variable value not found" when this environment has no value of
	 * it.
	 * @param environment the environment's slug
	 * @param name the variable's name
	 */
	public void delete(String environment, String name) {
		String env = require(environment);
		Objects.requireNonNull(name, "name must not be null");
		this.engine.locked(() -> {
			requireVariable(name);
			if (values(env).remove(name) == null) {
				throw new EngineException(400, "Environment variable value not found");
			}
			return null;
		});
	}

	private void requireVariable(String name) {
		for (Map<String, Value> environment : this.values.values()) {
			if (environment.containsKey(name)) {
				return;
			}
		}
		throw new EngineException(404, "Environment variable not found");
	}

	private Map<String, Value> values(String environment) {
		return this.values.computeIfAbsent(environment, (env) -> new LinkedHashMap<>());
	}

	/**
	 * Whether JavaScript's {@code trim()} leaves nothing: its white space is wider than
	 * Java's (no-break spaces, the byte order mark) and narrower (no information
	 * separators).
	 */
	static boolean blank(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			boolean space = c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r' || c == '\uFEFF'
					|| c == '\u2028' || c == '\u2029' || Character.getType(c) == Character.SPACE_SEPARATOR;
			if (!space) {
				return false;
			}
		}
		return true;
	}

	private static String require(String environment) {
		Objects.requireNonNull(environment, "environment must not be null");
		String env = environment(environment);
		if (env == null) {
			throw new IllegalArgumentException("Unknown environment '" + environment + "'");
		}
		return env;
	}

	/**
	 * A variable a request without override would have replaced.
	 *
	 * @param key the variable's name
	 * @param error the server's text, such as
	 * {@code Variable already set in Development.}
	 */
	public record VariableConflict(String key, String error) {
	}

	/** One environment's value of a variable. */
	private record Value(String value, boolean secret) {

		EnvVarRecord record(String name) {
			return new EnvVarRecord(name, this.secret ? REDACTED : this.value, this.secret);
		}

	}

}
