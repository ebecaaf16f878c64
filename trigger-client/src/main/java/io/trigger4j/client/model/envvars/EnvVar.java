package io.trigger4j.client.model.envvars;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.trigger4j.client.internal.Secrets;

/**
 * An environment variable. {@link #toString()} shows the name only: values are often
 * secrets.
 *
 * @param name the variable's name, such as {@code SLACK_API_KEY}
 * @param value the variable's value
 */
public record EnvVar(@JsonProperty(required = true) String name, @JsonProperty(required = true) String value) {

	public EnvVar {
		Objects.requireNonNull(name, "name must not be null");
		Objects.requireNonNull(value, "value must not be null");
	}

	@Override
	public String toString() {
		return "EnvVar[name=" + this.name + ", value=" + Secrets.mask(this.value) + "]";
	}

}
