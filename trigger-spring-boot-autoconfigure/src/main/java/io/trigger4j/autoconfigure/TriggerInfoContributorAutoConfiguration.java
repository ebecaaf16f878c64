package io.trigger4j.autoconfigure;

import io.trigger4j.client.TriggerOperations;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configures the {@code trigger} entry of {@code /actuator/info}
 * ({@link TriggerInfoContributor}) for the application's {@link TriggerOperations}, when
 * Actuator is present; {@code management.info.trigger.enabled=false} or
 * {@code trigger.enabled=false} turns it off.
 */
@AutoConfiguration(after = TriggerAutoConfiguration.class)
@ConditionalOnClass({ TriggerOperations.class, InfoContributor.class })
@ConditionalOnBean(TriggerOperations.class)
@ConditionalOnBooleanProperty(name = { "trigger.enabled", "management.info.trigger.enabled" }, matchIfMissing = true)
public final class TriggerInfoContributorAutoConfiguration {

	/** Created by Spring Boot when the auto-configuration applies. */
	public TriggerInfoContributorAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean(name = "triggerInfoContributor")
	TriggerInfoContributor triggerInfoContributor(TriggerOperations operations) {
		return new TriggerInfoContributor(operations);
	}

}
