package io.trigger4j.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Explains a start-up failure caused by an {@link InvalidTriggerPropertyException}: the
 * property, the value as it was written (only the prefix of a secret key or access
 * token), where it was set (its {@link org.springframework.boot.origin.Origin}: a file
 * and line, an environment variable, a command-line argument), and why it cannot be used.
 * Ordered before Boot's own bind failure analysis, which would show the whole object
 * being bound instead of the property.
 */
class InvalidTriggerPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidTriggerPropertyException>
		implements Ordered {

	private final @Nullable Environment environment;

	InvalidTriggerPropertyFailureAnalyzer(@Nullable Environment environment) {
		this.environment = environment;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidTriggerPropertyException cause) {
		StringBuilder description = new StringBuilder();
		description.append("Invalid value for the configuration property '")
			.append(cause.getProperty())
			.append("':\n\n");
		if (cause.getSuppliedBy() != null) {
			description.append("    Value: supplied by ").append(cause.getSuppliedBy()).append('\n');
		}
		else {
			ConfigurationProperty property = find(cause.getProperty());
			if (property != null) {
				Object value = property.getValue();
				description.append("    Value: ")
					.append(cause.isSecret() ? TriggerCredentialChecks.shownOfSecret(String.valueOf(value))
							: "\"" + value + "\"")
					.append('\n');
				description.append("    Origin: ")
					.append((property.getOrigin() != null) ? property.getOrigin() : "unknown")
					.append('\n');
			}
		}
		description.append("    Reason: ").append(cause.getReason());
		return new FailureAnalysis(description.toString(), cause.getAction(), cause);
	}

	private @Nullable ConfigurationProperty find(String name) {
		if (this.environment == null || !ConfigurationPropertyName.isValid(name)) {
			return null;
		}
		ConfigurationPropertyName propertyName = ConfigurationPropertyName.of(name);
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(this.environment)) {
			ConfigurationProperty property = source.getConfigurationProperty(propertyName);
			if (property != null) {
				return property;
			}
		}
		return null;
	}

}
