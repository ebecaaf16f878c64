package io.trigger4j.client.model.envvars;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code POST /api/v1/projects/{projectRef}/envvars/{env}/import} sets: several
 * variables at once, whether they replace existing values, and whether they are secret.
 * Immutable; build with {@link #builder()}. The names and values are checked when the
 * import is made, before anything is sent.
 *
 * <pre>{@code
 * ImportEnvVarsRequest.builder()
 *     .variable("SLACK_CHANNEL", "#ops")
 *     .variable("SLACK_API_KEY", "xoxb-...")
 *     .override(true)
 *     .build();
 * }</pre>
 */
public final class ImportEnvVarsRequest {

	private final Map<String, String> variables;

	private final boolean override;

	private final boolean secret;

	private ImportEnvVarsRequest(Builder builder) {
		this.variables = Collections.unmodifiableMap(new LinkedHashMap<>(builder.variables));
		this.override = builder.override;
		this.secret = builder.secret;
	}

	/**
	 * {@return a builder for a request}
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * {@return the variables, name to value, in the order they were given}
	 */
	public Map<String, String> variables() {
		return this.variables;
	}

	/**
	 * Whether the variables replace existing values. Without it the server refuses the
	 * whole import (400) when any of the names is already set; with it the import is safe
	 * to repeat, and trigger4j retries it after a failure where the server may have
	 * acted.
	 * @return whether the variables replace existing values
	 */
	public boolean override() {
		return this.override;
	}

	/**
	 * {@return whether the variables are secret: their values are never returned}
	 */
	public boolean isSecret() {
		return this.secret;
	}

	/** Shows the names only: values are often secrets. */
	@Override
	public String toString() {
		return "ImportEnvVarsRequest[variables=" + this.variables.keySet() + ", override=" + this.override
				+ ", isSecret=" + this.secret + "]";
	}

	/** Builds an {@link ImportEnvVarsRequest}. */
	public static final class Builder {

		private final Map<String, String> variables = new LinkedHashMap<>();

		private boolean override;

		private boolean secret;

		private Builder() {
		}

		/**
		 * Adds a variable, or replaces the value given before for the same name. Names
		 * are letters, digits and underscores; values must not be blank.
		 * @param name the variable's name
		 * @param value the variable's value
		 * @return this builder
		 */
		public Builder variable(String name, String value) {
			Objects.requireNonNull(name, "variable name must not be null");
			Objects.requireNonNull(value, () -> "variables[" + name + "] must not be null");
			this.variables.put(name, value);
			return this;
		}

		/**
		 * Adds every variable of the map, name to value.
		 * @param variables the variables, name to value, in the order they were given
		 * @return this builder
		 */
		public Builder variables(Map<String, String> variables) {
			Objects.requireNonNull(variables, "variables must not be null");
			variables.forEach(this::variable);
			return this;
		}

		/**
		 * Whether the variables replace existing values (default false: the server
		 * refuses the import when any name is already set).
		 * @param override whether the variables replace existing values
		 * @return this builder
		 */
		public Builder override(boolean override) {
			this.override = override;
			return this;
		}

		/**
		 * Whether the variables are secret (default false): the server then never returns
		 * their values, only {@value EnvVar#REDACTED}.
		 * @param secret whether the variables are secret
		 * @return this builder
		 */
		public Builder secret(boolean secret) {
			this.secret = secret;
			return this;
		}

		/**
		 * Builds the immutable request.
		 * @return the request
		 */
		public ImportEnvVarsRequest build() {
			return new ImportEnvVarsRequest(this);
		}

	}

}
