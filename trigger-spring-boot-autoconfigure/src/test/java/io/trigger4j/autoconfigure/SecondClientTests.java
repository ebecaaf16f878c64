package io.trigger4j.autoconfigure;

import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.trigger4j.client.TriggerClient;
import io.trigger4j.client.TriggerOperations;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A second client (another project or environment) declared beside the auto-configured
 * one, as the README shows: {@code @Bean(defaultCandidate = false)} with a qualifier,
 * built from the auto-configured {@link TriggerClient.Builder}.
 */
@WireMockTest
class SecondClientTests {

	static final String KEY = TriggerAutoConfigurationTests.KEY;

	static final String STAGING_KEY = "tr_stg_Aa12Bb34Cc56Dd78Ee90Ff12";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, TriggerAutoConfiguration.class,
				TriggerHealthContributorAutoConfiguration.class))
		.withBean(WebClientCustomizer.class, () -> (builder) -> builder.defaultHeader("x-app", "customized"));

	@Test
	void aQualifiedSecondClientLeavesTheAutoConfiguredOneInPlace(WireMockRuntimeInfo wm) {
		stubFor(get(urlPathEqualTo("/api/v3/runs/run_1")).willReturn(okJson(TriggerAutoConfigurationTests.RUN_JSON)));
		this.runner.withUserConfiguration(StagingTriggerConfiguration.class, Signups.class)
			.withPropertyValues("trigger.secret-key=" + KEY, "trigger.base-url=" + wm.getHttpBaseUrl(),
					"staging.trigger.secret-key=" + STAGING_KEY, "staging.trigger.base-url=" + wm.getHttpBaseUrl())
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasBean("triggerOperations").hasBean("stagingTrigger");
				assertThat(context).hasSingleBean(TriggerHealthIndicator.class);
				Signups signups = context.getBean(Signups.class);
				assertThat(signups.trigger).isSameAs(context.getBean("triggerOperations"));
				assertThat(signups.staging).isSameAs(context.getBean("stagingTrigger"));

				signups.trigger.runs().retrieve("run_1").block(Duration.ofSeconds(10));
				signups.staging.runs().retrieve("run_1").block(Duration.ofSeconds(10));

				// Each with its own key; both on the application's WebClient set-up.
				verify(1,
						getRequestedFor(urlPathEqualTo("/api/v3/runs/run_1"))
							.withHeader("Authorization", equalTo("Bearer " + KEY))
							.withHeader("x-app", equalTo("customized")));
				verify(1,
						getRequestedFor(urlPathEqualTo("/api/v3/runs/run_1"))
							.withHeader("Authorization", equalTo("Bearer " + STAGING_KEY))
							.withHeader("x-app", equalTo("customized")));
			});
	}

	@Test
	void aSecondClientWithoutDefaultCandidateFalseReplacesTheAutoConfiguredOne() {
		this.runner.withUserConfiguration(ReplacingConfiguration.class)
			.withPropertyValues("trigger.secret-key=" + KEY)
			.run((context) -> {
				assertThat(context).hasSingleBean(TriggerOperations.class);
				assertThat(context).doesNotHaveBean("triggerOperations");
			});
	}

	/** The README's example. */
	@Configuration(proxyBeanMethods = false)
	static class StagingTriggerConfiguration {

		@Bean(defaultCandidate = false)
		@Qualifier("staging")
		TriggerOperations stagingTrigger(TriggerClient.Builder triggerClientBuilder,
				@Value("${staging.trigger.secret-key}") String secretKey,
				@Value("${staging.trigger.base-url:https://api.trigger.dev}") String baseUrl) {
			return triggerClientBuilder.secretKey(secretKey).baseUrl(baseUrl).build();
		}

	}

	static class Signups {

		final TriggerOperations trigger;

		final TriggerOperations staging;

		Signups(TriggerOperations trigger, @Qualifier("staging") TriggerOperations staging) {
			this.trigger = trigger;
			this.staging = staging;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ReplacingConfiguration {

		@Bean
		TriggerOperations myTrigger(TriggerClient.Builder triggerClientBuilder) {
			return triggerClientBuilder.secretKey(STAGING_KEY).build();
		}

	}

}
