package io.trigger4j.autoconfigure;

import java.util.List;

import io.trigger4j.emulator.EmulatedTask;
import io.trigger4j.emulator.TriggerEmulator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Dev mode: with {@code trigger.emulator.enabled=true}, set explicitly, and
 * trigger-emulator on the class path, starts a {@link TriggerEmulator} inside the
 * application with the context's {@link EmulatedTask} beans, on
 * {@code trigger.emulator.port} (a free port by default), and supplies the
 * {@link TriggerConnectionDetails} pointing the client at it. Logs one line with its URL
 * (never its key). The emulator stops with the context, after the client, whose calls in
 * flight get their grace.
 * <p>
 * It never engages by itself: an application that has the emulator on its class path and
 * no key still fails at start-up. Start-up fails with a failure analysis when
 * {@code trigger.secret-key} or {@code trigger.access-token} is configured too, since the
 * triggers meant for Trigger.dev would otherwise be lost in memory. It backs off when the
 * context already has a {@link TriggerEmulator} or a {@link TriggerConnectionDetails}
 * bean (as {@code @AutoConfigureTriggerEmulator} of trigger-spring-boot-test provides),
 * and with {@code trigger.enabled=false}. AOT processing does not start the emulator: it
 * creates no bean.
 */
@AutoConfiguration(before = TriggerAutoConfiguration.class,
		afterName = "io.trigger4j.test.TriggerEmulatorTestAutoConfiguration")
@ConditionalOnClass(TriggerEmulator.class)
@ConditionalOnProperty(name = "trigger.enabled", havingValue = "true", matchIfMissing = true)
@ConditionalOnBooleanProperty("trigger.emulator.enabled")
@ConditionalOnMissingBean({ TriggerEmulator.class, TriggerConnectionDetails.class })
@EnableConfigurationProperties(TriggerEmulatorProperties.class)
public final class TriggerEmulatorAutoConfiguration {

	/** Created by Spring Boot when the auto-configuration applies. */
	public TriggerEmulatorAutoConfiguration() {
	}

	private static final Logger logger = LoggerFactory.getLogger(TriggerEmulatorAutoConfiguration.class);

	private static final List<String> CREDENTIALS = List.of("trigger.secret-key", "trigger.access-token");

	@Bean(destroyMethod = "stop")
	TriggerEmulator triggerEmulator(TriggerEmulatorProperties properties, ObjectProvider<EmulatedTask> tasks,
			Environment environment) {
		refuseConfiguredCredentials(environment);
		TriggerEmulator.Builder builder = TriggerEmulator.builder().port(properties.port());
		List<EmulatedTask> declared = tasks.orderedStream().toList();
		declared.forEach(builder::task);
		TriggerEmulator emulator = builder.start();
		logger.info(
				"trigger4j dev mode (trigger.emulator.enabled=true): an embedded Trigger.dev emulator serves the API at {}, "
						+ "runs are kept in memory only (tasks: {})",
				emulator.baseUrl(), declared.stream().map(EmulatedTask::id).toList());
		return emulator;
	}

	@Bean
	EmulatorTriggerConnectionDetails triggerEmulatorConnectionDetails(TriggerEmulator triggerEmulator) {
		return new EmulatorTriggerConnectionDetails(triggerEmulator);
	}

	private static void refuseConfiguredCredentials(Environment environment) {
		for (String name : CREDENTIALS) {
			String value = Binder.get(environment).bind(name, String.class).orElse(null);
			if (value != null && !value.isBlank()) {
				ConfigurationProperty credential = find(environment, name);
				String origin = (credential != null && credential.getOrigin() != null)
						? " (set in " + credential.getOrigin() + ")" : "";
				throw new InvalidTriggerPropertyException("trigger.emulator.enabled",
						"dev mode starts an in-memory Trigger.dev emulator, but '" + name + "' is configured too"
								+ origin + ": the triggers meant for Trigger.dev would be lost in the emulator.",
						"To use Trigger.dev, set 'trigger.emulator.enabled' to false (for example with the environment "
								+ "variable TRIGGER_EMULATOR_ENABLED=false) or remove it where it is set (see Origin above). "
								+ "To use the emulator, remove '" + name + "'.",
						false, null);
			}
		}
	}

	private static @Nullable ConfigurationProperty find(Environment environment, String name) {
		ConfigurationPropertyName propertyName = ConfigurationPropertyName.of(name);
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			ConfigurationProperty property = source.getConfigurationProperty(propertyName);
			if (property != null) {
				return property;
			}
		}
		return null;
	}

}
