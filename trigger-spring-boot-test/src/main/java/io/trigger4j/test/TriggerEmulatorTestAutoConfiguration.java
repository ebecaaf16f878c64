package io.trigger4j.test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.trigger4j.autoconfigure.EmulatorTriggerConnectionDetails;
import io.trigger4j.autoconfigure.TriggerAutoConfiguration;
import io.trigger4j.autoconfigure.TriggerClientBuilderCustomizer;
import io.trigger4j.autoconfigure.TriggerConnectionDetails;
import io.trigger4j.autoconfigure.TriggerProperties;
import io.trigger4j.client.TriggerRetrySettings;
import io.trigger4j.emulator.EmulatedTask;
import io.trigger4j.emulator.ManualClock;
import io.trigger4j.emulator.TriggerEmulator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Auto-configuration imported by {@link AutoConfigureTriggerEmulator}: a started
 * {@link TriggerEmulator} on a {@link ManualClock}, with the context's
 * {@link EmulatedTask} beans, stopped with the context (after the client, which depends
 * on it); {@link TriggerConnectionDetails} pointing at it; and fast client retries unless
 * {@code trigger.test.emulator.fast-retries=false}. Like the client's auto-configuration,
 * it backs off with {@code trigger.enabled=false}: no emulator is started.
 */
@AutoConfiguration(before = TriggerAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "trigger.enabled", matchIfMissing = true)
public final class TriggerEmulatorTestAutoConfiguration {

	/** Creates the configuration; Spring does. */
	public TriggerEmulatorTestAutoConfiguration() {
	}

	/** The emulator's clock, standing at the start of the context (whole seconds). */
	@Bean
	@ConditionalOnMissingBean
	ManualClock triggerEmulatorClock() {
		return new ManualClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
	}

	@Bean(destroyMethod = "stop")
	@ConditionalOnMissingBean
	TriggerEmulator triggerEmulator(ManualClock triggerEmulatorClock, ObjectProvider<EmulatedTask> tasks,
			ObjectProvider<TriggerEmulatorBuilderCustomizer> customizers) {
		TriggerEmulator.Builder builder = TriggerEmulator.builder().clock(triggerEmulatorClock);
		tasks.orderedStream().forEach(builder::task);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.start();
	}

	@Bean
	TriggerConnectionDetails triggerEmulatorConnectionDetails(TriggerEmulator triggerEmulator) {
		return new EmulatorTriggerConnectionDetails(triggerEmulator);
	}

	/**
	 * Fast retries, after the application's other customizers: 10 ms to 100 ms without
	 * jitter, at most 1 s of rate-limit waits, {@code trigger.retry.max-attempts} and
	 * {@code trigger.retry.generated-idempotency-keys} kept.
	 */
	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	@ConditionalOnProperty(name = "trigger.test.emulator.fast-retries", havingValue = "true", matchIfMissing = true)
	TriggerClientBuilderCustomizer triggerEmulatorFastRetries(ObjectProvider<TriggerProperties> properties) {
		return (builder) -> {
			TriggerProperties.Retry retry = properties.getObject().retry();
			builder.retry(new TriggerRetrySettings(retry.maxAttempts(), Duration.ofMillis(10), Duration.ofMillis(100),
					2.0, 0.0, Duration.ofSeconds(1), retry.generatedIdempotencyKeys()));
		};
	}

}
