package io.trigger4j.autoconfigure;

import io.trigger4j.client.TriggerOperations;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configures the {@code trigger} health indicator ({@link TriggerHealthIndicator})
 * for the application's {@link TriggerOperations}, when Actuator's health support is
 * present; {@code management.health.trigger.enabled=false} turns it off. It reports the
 * base URL and environment type of the operations as built, so a
 * {@link TriggerClientBuilderCustomizer} or a {@link TriggerConnectionDetails} bean is
 * reflected in it. Its result is reused for {@code trigger.health.cache-ttl}, and no
 * probe waits longer than {@code trigger.health.timeout}. {@code trigger.enabled=false}
 * turns it off with the rest of trigger4j's auto-configuration.
 */
@AutoConfiguration(after = TriggerAutoConfiguration.class)
@ConditionalOnClass({ TriggerOperations.class, ReactiveHealthIndicator.class })
@ConditionalOnBean(TriggerOperations.class)
@ConditionalOnBooleanProperty(name = "trigger.enabled", matchIfMissing = true)
@EnableConfigurationProperties(TriggerProperties.class)
public final class TriggerHealthContributorAutoConfiguration {

	/** Created by Spring Boot when the auto-configuration applies. */
	public TriggerHealthContributorAutoConfiguration() {
	}

	/**
	 * Nested so that {@code @ConditionalOnEnabledHealthIndicator} is only read once
	 * spring-boot-health is known to be present: next to the class condition on the outer
	 * class it fails start-up without it.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnEnabledHealthIndicator("trigger")
	static class TriggerHealthIndicatorConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "triggerHealthIndicator")
		TriggerHealthIndicator triggerHealthIndicator(TriggerOperations operations, TriggerProperties properties) {
			return new TriggerHealthIndicator(operations, properties.health().timeout(),
					properties.health().cacheTtl());
		}

	}

}
