package io.trigger4j.client.model.envvars;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.trigger4j.client.internal.Secrets;

/**
 * An environment variable. The server never returns a secret variable's value: it sends
 * the literal {@value #REDACTED} with {@code isSecret: true}. {@link #toString()} shows
 * the name only: values are often secrets.
 *
 * @param name the variable's name, such as {@code SLACK_API_KEY}
 * @param value the variable's value, or {@value #REDACTED} for a secret variable
 * @param isSecret whether the variable is secret (its value is never returned); false
 * when the server does not say
 */
public record EnvVar(@JsonProperty(required = true) String name, @JsonProperty(required = true) String value,
		@JsonProperty("isSecret") boolean isSecret) {

	/** The value the server sends in place of a secret variable's value. */
	public static final String REDACTED = "<redacted>";

	/**
	 * Checks that the name and the value are present.
	 * @param name the variable's name, such as {@code SLACK_API_KEY}
	 * @param value the variable's value, or {@value #REDACTED} for a secret variable
	 * @param isSecret whether the variable is secret (its value is never returned); false
	 * when the server does not say
	 */
	public EnvVar {
		Objects.requireNonNull(name, "name must not be null");
		Objects.requireNonNull(value, "value must not be null");
	}

	@Override
	public String toString() {
		return "EnvVar[name=" + this.name + ", value=" + Secrets.mask(this.value) + ", isSecret=" + this.isSecret + "]";
	}

}
