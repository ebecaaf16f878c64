package io.trigger4j.autoconfigure;

import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.trigger4j.client.TriggerOperations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * What a user sees when the application starts with a key or a property trigger4j cannot
 * use: the failure analysis names the property, its value (only a key's prefix) and where
 * it was set, and nothing is sent.
 */
@WireMockTest
@ExtendWith(OutputCaptureExtension.class)
class TriggerStartUpChecksTests {

	static final String KEY = TriggerAutoConfigurationTests.KEY;

	static final String PREVIEW_KEY = "tr_preview_Pp12Rr34Ee56Vv78Ii90Ww12";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, TriggerAutoConfiguration.class,
				TriggerHealthContributorAutoConfiguration.class, TriggerInfoContributorAutoConfiguration.class));

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ WebClientAutoConfiguration.class, TriggerAutoConfiguration.class,
			TriggerHealthContributorAutoConfiguration.class, TriggerInfoContributorAutoConfiguration.class })
	static class App {

	}

	/**
	 * Starts {@link App} as {@code java -jar app.jar args...} would, with the given
	 * environment variables only, and expects it to fail.
	 */
	static void startUpFails(Map<String, Object> variables, String... args) {
		SpringApplication application = new SpringApplication(App.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setEnvironment(new StandardEnvironment() {
			@Override
			protected void customizePropertySources(MutablePropertySources propertySources) {
				propertySources
					.addLast(new SystemEnvironmentPropertySource(SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
			}
		});
		assertThatException().isThrownBy(() -> application.run(args).close());
	}

	@Test
	void theOldReadmeSnippetWithTheVariableUnsetFailsNamingThePlaceholderAndItsFile(CapturedOutput output,
			WireMockRuntimeInfo wm) {
		startUpFails(Map.of(), "--spring.config.location=classpath:/trigger-placeholder-key.properties",
				"--trigger.base-url=" + wm.getHttpBaseUrl());

		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid value for the configuration property 'trigger.secret-key'")
			.contains("Value: \"${TRIGGER_SECRET_KEY}\"")
			.contains("Origin: class path resource [trigger-placeholder-key.properties]")
			.contains("it holds an unresolved placeholder, ${TRIGGER_SECRET_KEY}")
			.contains("relaxed binding reads without any placeholder")
			.doesNotContain("Application run failed");
		verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void aKeyThatIsNotATriggerKeyFailsNamingTheVariableWithoutShowingTheKey(CapturedOutput output) {
		String notAKey = "sk_live_Ab12Cd34Ef56Gh78Ij90";
		startUpFails(Map.of("TRIGGER_SECRET_KEY", notAKey));

		assertThat(output).contains("Invalid value for the configuration property 'trigger.secret-key'")
			.contains("Value: (secret, not shown)")
			.contains("Origin: System Environment Property \"TRIGGER_SECRET_KEY\"")
			.contains("it is not a Trigger.dev secret key: Trigger.dev keys start with tr_")
			.doesNotContain(notAKey)
			.doesNotContain("Ab12Cd34");
	}

	@Test
	void anAccessTokenThatIsNotATriggerTokenFails(CapturedOutput output) {
		startUpFails(Map.of("TRIGGER_ACCESS_TOKEN", "ghp_Ab12Cd34Ef56Gh78Ij90"));

		assertThat(output).contains("Invalid value for the configuration property 'trigger.access-token'")
			.contains("Origin: System Environment Property \"TRIGGER_ACCESS_TOKEN\"")
			.contains("it is not a Trigger.dev personal access token")
			.doesNotContain("Ab12Cd34");
	}

	@Test
	void aPreviewKeyWithoutABranchFailsShowingOnlyThePrefix(CapturedOutput output) {
		startUpFails(Map.of(), "--trigger.secret-key=" + PREVIEW_KEY);

		assertThat(output).contains("Invalid value for the configuration property 'trigger.secret-key'")
			.contains("Value: \"tr_preview_...\" (secret: only its prefix is shown)")
			.contains("Origin: \"trigger.secret-key\" from property source \"commandLineArgs\"")
			.contains("no branch is set (trigger.branch)")
			.contains("Set 'trigger.branch'")
			.doesNotContain(PREVIEW_KEY.substring("tr_preview_".length()));
	}

	@Test
	void aPreviewKeyWithABranchStarts() {
		this.runner.withPropertyValues("trigger.secret-key=" + PREVIEW_KEY, "trigger.branch=feature-x")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(TriggerOperations.class));
	}

	@Test
	void aConnectionDetailsBeanWithAnUnusableKeyFailsNamingTheBean() {
		TriggerConnectionDetails details = new TriggerConnectionDetails() {
			@Override
			public String secretKey() {
				return "not-a-key-1234567890";
			}
		};
		this.runner.withBean(TriggerConnectionDetails.class, () -> details)
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidTriggerPropertyException.class)
				.hasMessageContaining("supplied by the TriggerConnectionDetails bean")
				.message()
				.doesNotContain("not-a-key"));
	}

	@Test
	void anOutOfRangePropertyFailsAtBindingNamingItsValueAndFile(CapturedOutput output) {
		startUpFails(Map.of(), "--spring.config.location=classpath:/trigger-bad-jitter.properties");

		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid value for the configuration property 'trigger.retry.jitter'")
			.contains("Value: \"2\"")
			.contains("Origin: class path resource [trigger-bad-jitter.properties] - 2:22")
			.contains("Reason: jitter must be between 0 and 1 but was 2.0")
			.contains("Update the value of 'trigger.retry.jitter'")
			.doesNotContain("Application run failed")
			.doesNotContain(KEY);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			trigger.retry.max-attempts   | 0     | maxAttempts must be between 1 and 100 but was 0
			trigger.retry.min-backoff    | -1s   | minBackoff must be positive
			trigger.retry.max-backoff    | 1ms   | maxBackoff must not be less than minBackoff
			trigger.retry.multiplier     | 0.5   | multiplier must be at least 1 but was 0.5
			trigger.deadline             | -5s   | deadline must be positive
			trigger.response-timeout     | 0s    | responseTimeout must be positive
			trigger.shutdown-grace       | -1s   | shutdownGrace must not be negative
			trigger.health.timeout       | 0s    | timeout must be positive but was PT0S
			trigger.health.cache-ttl     | -10s  | cacheTtl must not be negative but was PT-10S
			trigger.base-url             | ftp:x | baseUrl must be an absolute http(s) URL
			""")
	void eachOutOfRangePropertyIsNamedWithItsValueAndOrigin(String property, String value, String reason,
			CapturedOutput output) {
		startUpFails(Map.of("TRIGGER_SECRET_KEY", KEY), "--" + property + "=" + value);

		assertThat(output).contains("Invalid value for the configuration property '" + property + "'")
			.contains("Value: \"" + value + "\"")
			.contains("Origin: \"" + property + "\" from property source \"commandLineArgs\"")
			.contains("Reason: " + reason)
			.doesNotContain("Application run failed");
	}

	@Test
	void disabledThereIsNoClientNoHealthNoInfoAndNoKeyIsNeeded() {
		this.runner.withPropertyValues("trigger.enabled=false", "trigger.retry.jitter=2").run((context) -> {
			assertThat(context).hasNotFailed()
				.doesNotHaveBean(TriggerOperations.class)
				.doesNotHaveBean(TriggerProperties.class)
				.doesNotHaveBean(ReactiveHealthIndicator.class)
				.doesNotHaveBean(InfoContributor.class);
		});
	}

	@Test
	void disabledARealStartUpWithoutAKeySucceeds(CapturedOutput output) {
		SpringApplication application = new SpringApplication(App.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		try (ConfigurableApplicationContext context = application.run("--trigger.enabled=false")) {
			assertThat(context.getBeanNamesForType(TriggerOperations.class)).isEmpty();
		}
		assertThat(output).doesNotContain("APPLICATION FAILED TO START");
	}

	@Test
	void disabledAUserDefinedClientGetsNoHealthIndicatorEither() {
		this.runner.withPropertyValues("trigger.enabled=false")
			.withBean(TriggerOperations.class, () -> org.mockito.Mockito.mock(TriggerOperations.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(TriggerHealthIndicator.class)
				.doesNotHaveBean(TriggerInfoContributor.class));
	}

}
