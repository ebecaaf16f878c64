package io.trigger4j.sample;

import java.util.Map;

import io.trigger4j.emulator.EmulatedTask;
import io.trigger4j.emulator.TriggerEmulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Lets the sample app run with no Trigger.dev account. With no secret key configured
 * ({@code trigger.secret-key} or {@code TRIGGER_SECRET_KEY}), it starts the embedded
 * emulator with the {@link DemoTasks} and points the starter at it; with a key, the app
 * talks to the real service. Either way it logs one line saying which. The emulator stops
 * when the context closes, after the client (whose calls in flight get their grace).
 * {@code sample.emulator.enabled=false} turns it off.
 */
public class EmbeddedEmulatorInitializer
		implements ApplicationContextInitializer<ConfigurableApplicationContext>, Ordered {

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedEmulatorInitializer.class);

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		if (!environment.getProperty("sample.emulator.enabled", Boolean.class, true)) {
			return;
		}
		if (hasText(environment.getProperty("trigger.secret-key"))
				|| hasText(environment.getProperty("TRIGGER_SECRET_KEY"))) {
			String baseUrl = environment.getProperty("trigger.base-url",
					environment.getProperty("TRIGGER_API_URL", "https://api.trigger.dev"));
			logger.info("trigger4j sample: a secret key is set, so runs go to the Trigger.dev API at {}", baseUrl);
			return;
		}
		TriggerEmulator.Builder builder = TriggerEmulator.builder()
			.port(environment.getProperty("sample.emulator.port", Integer.class, 0));
		DemoTasks.all().forEach(builder::task);
		TriggerEmulator emulator = builder.start();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("embeddedTriggerEmulator",
					Map.of("trigger.secret-key", emulator.secretKey(), "trigger.base-url", emulator.baseUrl())));
		context.getBeanFactory().registerSingleton("triggerEmulator", emulator);
		if (context.getBeanFactory() instanceof DefaultSingletonBeanRegistry registry) {
			// Destroyed in reverse order of registration: after the client, which is
			// closed first so that its calls in flight may still be answered.
			registry.registerDisposableBean("triggerEmulator", emulator::stop);
		}
		else {
			context.addApplicationListener((ContextClosedEvent event) -> emulator.stop());
		}
		logger.info(
				"trigger4j sample: no TRIGGER_SECRET_KEY set, so an embedded Trigger.dev emulator serves the API at {} "
						+ "(tasks: {})",
				emulator.baseUrl(), DemoTasks.all().stream().map(EmulatedTask::id).toList());
	}

	private static boolean hasText(String value) {
		return value != null && !value.isBlank();
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
