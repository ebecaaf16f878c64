package io.trigger4j.autoconfigure;

import java.util.Map;

import io.trigger4j.client.TriggerOperations;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class TriggerInfoContributorTests {

	static final String KEY = TriggerAutoConfigurationTests.KEY;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, TriggerAutoConfiguration.class,
				TriggerInfoContributorAutoConfiguration.class));

	@Test
	void contributesTheClientVersionBaseUrlAndEnvironmentButNoKey() {
		this.runner.withPropertyValues("trigger.secret-key=" + KEY, "trigger.base-url=https://trigger.example.com")
			.run((context) -> {
				Info.Builder builder = new Info.Builder();
				context.getBean(TriggerInfoContributor.class).contribute(builder);
				Info info = builder.build();
				assertThat(info.getDetails()).containsOnlyKeys("trigger");
				assertThat(info.get("trigger", Map.class)).containsEntry("baseUrl", "https://trigger.example.com")
					.containsEntry("environment", "DEV")
					.hasEntrySatisfying("version",
							(version) -> assertThat(version).asString().matches("\\d+\\.\\d+\\.\\d+.*"));
				assertThat(info.toString()).doesNotContain(KEY).doesNotContain(KEY.substring(7));
			});
	}

	@Test
	void theVersionIsTheOneTrigger4jWasBuiltWith() {
		assertThat(TriggerInfoContributor.clientVersion()).isNotEqualTo("unknown").doesNotContain("${");
	}

	@Test
	void canBeTurnedOff() {
		this.runner.withPropertyValues("trigger.secret-key=" + KEY, "management.info.trigger.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(TriggerOperations.class)
				.doesNotHaveBean(InfoContributor.class));
	}

	@Test
	void aUserDefinedContributorNamedTriggerInfoContributorWins() {
		InfoContributor own = (builder) -> builder.withDetail("trigger", "mine");
		this.runner.withPropertyValues("trigger.secret-key=" + KEY)
			.withBean("triggerInfoContributor", InfoContributor.class, () -> own)
			.run((context) -> assertThat(context.getBean("triggerInfoContributor")).isSameAs(own));
	}

	@Test
	void withoutActuatorThereIsNoContributorAndStartUpWorks() {
		this.runner.withPropertyValues("trigger.secret-key=" + KEY)
			.withClassLoader(new FilteredClassLoader(InfoContributor.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(TriggerOperations.class)
				.doesNotHaveBean(TriggerInfoContributor.class));
	}

}
