package io.trigger4j.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.boot.origin.OriginTrackedValue;
import org.springframework.boot.origin.SystemEnvironmentOrigin;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Maps the environment variables of the official Trigger.dev SDK that relaxed binding
 * does not reach onto {@code trigger.*}: {@code TRIGGER_API_URL} becomes
 * {@code trigger.base-url}. The mapped values keep the variable as their origin, so
 * {@code /actuator/configprops} shows where they came from, and have the lowest
 * precedence, so {@code trigger.base-url} set anywhere else wins. ({@code
 * TRIGGER_SECRET_KEY} and {@code TRIGGER_ACCESS_TOKEN} need no mapping: relaxed binding
 * reads them as {@code trigger.secret-key} and {@code trigger.access-token}.)
 */
class TriggerEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Name of the property source holding the mapped variables. */
	static final String PROPERTY_SOURCE_NAME = "trigger4jSdkEnvironmentVariables";

	private static final Map<String, String> VARIABLES = Map.of("TRIGGER_API_URL", "trigger.base-url");

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		PropertySource<?> systemEnvironment = environment.getPropertySources()
			.get(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		if (systemEnvironment == null) {
			return;
		}
		Map<String, Object> mapped = new LinkedHashMap<>();
		VARIABLES.forEach((variable, property) -> {
			if (systemEnvironment.getProperty(variable) instanceof String value && !value.isBlank()) {
				Origin origin = OriginLookup.getOrigin(systemEnvironment, variable);
				mapped.put(property, OriginTrackedValue.of(value.strip(),
						(origin != null) ? origin : new SystemEnvironmentOrigin(variable)));
			}
		});
		environment.getPropertySources().remove(PROPERTY_SOURCE_NAME);
		if (!mapped.isEmpty()) {
			environment.getPropertySources()
				.addLast(new OriginTrackedMapPropertySource(PROPERTY_SOURCE_NAME, mapped, true));
		}
	}

}
