package io.trigger4j.autoconfigure;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.trigger4j.client.TriggerClient;
import io.trigger4j.client.TriggerOperations;
import io.trigger4j.client.TriggerRetrySettings;
import io.trigger4j.client.error.TriggerApiException;
import io.trigger4j.client.error.TriggerTimeoutException;
import io.trigger4j.client.model.runs.ListRunsRequest;
import io.trigger4j.client.model.runs.Run;
import io.trigger4j.client.model.tasks.TriggerOptions;
import io.trigger4j.client.observation.DefaultTriggerRequestObservationConvention;
import io.trigger4j.client.observation.TriggerRequestObservationConvention;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.env.EnvironmentEndpointAutoConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint.ConfigurationPropertiesBeanDescriptor;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.boot.support.SystemEnvironmentPropertySourceEnvironmentPostProcessor;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.Mockito.mock;

@WireMockTest
@ExtendWith(OutputCaptureExtension.class)
class TriggerAutoConfigurationTests {

	static final String KEY = "tr_dev_Zz12Yy34Xx56Ww78Vv90Uu12";

	static final String PAT = "tr_pat_abcdefghijkmnopqrstuvwxyz123456789abcdef";

	static final String PROJECT = "proj_abcdefghijklmnopqrst";

	static final String RUN_JSON = "{\"id\":\"run_1\",\"status\":\"QUEUED\",\"taskIdentifier\":\"t\"}";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, TriggerAutoConfiguration.class,
				TriggerHealthContributorAutoConfiguration.class));

	/**
	 * Replaces the system environment with the given variables, as the operating system
	 * would provide them, then runs Boot's system environment post-processor (origin
	 * tracking) and trigger4j's, as {@link SpringApplication} does.
	 */
	static ApplicationContextInitializer<ConfigurableApplicationContext> environmentVariables(
			Map<String, Object> variables) {
		return (context) -> {
			ConfigurableEnvironment environment = context.getEnvironment();
			environment.getPropertySources()
				.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
								variables));
			SpringApplication application = new SpringApplication();
			new SystemEnvironmentPropertySourceEnvironmentPostProcessor().postProcessEnvironment(environment,
					application);
			new TriggerEnvironmentPostProcessor().postProcessEnvironment(environment, application);
		};
	}

	@Test
	void createsOperationsAndHealthIndicatorWhenAKeyIsSet() {
		this.runner.withPropertyValues("trigger.secret-key=" + KEY).run((context) -> {
			assertThat(context).hasSingleBean(TriggerOperations.class);
			assertThat(context).hasSingleBean(TriggerHealthIndicator.class);
			assertThat(context).hasBean("triggerHealthIndicator");
			assertThat(context).hasBean("triggerSecretKeySanitizingFunction");
			assertThat(context.getBean(TriggerOperations.class).toString()).doesNotContain(KEY);
		});
	}

	@Test
	void startUpFailsClearlyWithoutAKey() {
		this.runner.run((context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			assertThat(failure).hasRootCauseInstanceOf(TriggerSecretKeyMissingException.class);
			FailureAnalysis analysis = new TriggerSecretKeyMissingFailureAnalyzer().analyze(failure);
			assertThat(analysis.getDescription()).contains("trigger.secret-key").contains("trigger.access-token");
			assertThat(analysis.getAction()).contains("'trigger.secret-key'")
				.contains("TRIGGER_SECRET_KEY")
				.contains("'trigger.access-token'")
				.contains("TRIGGER_ACCESS_TOKEN");
		});
	}

	@Test
	void aBlankKeyFailsLikeAMissingOne() {
		this.runner.withPropertyValues("trigger.secret-key= ")
			.run((context) -> assertThat(context.getStartupFailure())
				.hasRootCauseInstanceOf(TriggerSecretKeyMissingException.class));
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ WebClientAutoConfiguration.class, TriggerAutoConfiguration.class,
			TriggerHealthContributorAutoConfiguration.class })
	static class App {

	}

	@Test
	void aRealStartUpPrintsTheFailureAnalysis(CapturedOutput output) {
		SpringApplication application = new SpringApplication(App.class);
		application.setWebApplicationType(WebApplicationType.NONE);

		assertThatException().isThrownBy(application::run);

		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("no Trigger.dev secret key is configured")
			.contains("Set the property 'trigger.secret-key'");
	}

	@Test
	void theSdksEnvironmentVariablesWork(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v3/runs/run_1").willReturn(okJson(RUN_JSON)));
		this.runner
			.withInitializer(
					environmentVariables(Map.of("TRIGGER_SECRET_KEY", KEY, "TRIGGER_API_URL", wm.getHttpBaseUrl())))
			.run((context) -> {
				context.getBean(TriggerOperations.class).runs().retrieve("run_1").block();
				verify(getRequestedFor(urlPathEqualTo("/api/v3/runs/run_1")).withHeader("Authorization",
						equalTo("Bearer " + KEY)));
			});
	}

	@Test
	void relaxedBindingReadsTheKeyVariablesButNotTheApiUrl() {
		this.runner
			.withInitializer(
					(context) -> context.getEnvironment()
						.getPropertySources()
						.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
								new SystemEnvironmentPropertySource(
										StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
										Map.of("TRIGGER_SECRET_KEY", KEY, "TRIGGER_ACCESS_TOKEN", PAT,
												"TRIGGER_API_URL", "https://trigger.example.com"))))
			.run((context) -> {
				TriggerProperties properties = context.getBean(TriggerProperties.class);
				assertThat(properties.secretKey()).isEqualTo(KEY);
				assertThat(properties.accessToken()).isEqualTo(PAT);
				assertThat(properties.baseUrl()).isEqualTo(TriggerClient.DEFAULT_BASE_URL);
			});
	}

	@Test
	void theApiUrlVariableIsMappedWithTheLowestPrecedence() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
							Map.of("TRIGGER_API_URL", " https://trigger.example.com ")));
		environment.getPropertySources().addLast(new MapPropertySource("defaultProperties", Map.of("other", "value")));

		new TriggerEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("trigger.base-url")).isEqualTo("https://trigger.example.com");
		assertThat(environment.getPropertySources().stream().reduce((first, second) -> second).orElseThrow().getName())
			.isEqualTo(TriggerEnvironmentPostProcessor.PROPERTY_SOURCE_NAME);
		assertThat(OriginLookup.getOrigin(
				environment.getPropertySources().get(TriggerEnvironmentPostProcessor.PROPERTY_SOURCE_NAME),
				"trigger.base-url"))
			.hasToString("System Environment Property \"TRIGGER_API_URL\"");
	}

	@Test
	void withoutTheApiUrlVariableNothingIsMapped() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of("TRIGGER_API_URL", " ")));

		new TriggerEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getPropertySources().contains(TriggerEnvironmentPostProcessor.PROPERTY_SOURCE_NAME))
			.isFalse();
		assertThat(environment.containsProperty("trigger.base-url")).isFalse();
	}

	@Test
	void aRealStartUpUsesTheSdksEnvironmentVariables(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v3/runs/run_1").willReturn(okJson(RUN_JSON)));
		SpringApplication application = new SpringApplication(App.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setEnvironment(new StandardEnvironment() {
			@Override
			protected void customizePropertySources(MutablePropertySources propertySources) {
				propertySources.addLast(new SystemEnvironmentPropertySource(SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						Map.of("TRIGGER_SECRET_KEY", KEY, "TRIGGER_API_URL", wm.getHttpBaseUrl())));
			}
		});

		try (ConfigurableApplicationContext context = application.run()) {
			TriggerOperations operations = context.getBean(TriggerOperations.class);
			assertThat(operations.baseUrl()).startsWith(wm.getHttpBaseUrl());
			operations.runs().retrieve("run_1").block();
			verify(getRequestedFor(urlPathEqualTo("/api/v3/runs/run_1")).withHeader("Authorization",
					equalTo("Bearer " + KEY)));
		}
	}

	@Test
	void configpropsShowsTheApiUrlVariableAndWhereItCameFrom() {
		this.runner
			.withConfiguration(AutoConfigurations.of(EndpointAutoConfiguration.class,
					ConfigurationPropertiesReportEndpointAutoConfiguration.class))
			.withPropertyValues("management.endpoint.configprops.show-values=always",
					"management.endpoints.web.exposure.include=configprops,env")
			.withInitializer(environmentVariables(
					Map.of("TRIGGER_SECRET_KEY", KEY, "TRIGGER_API_URL", "https://trigger.example.com")))
			.run((context) -> {
				ConfigurationPropertiesBeanDescriptor trigger = triggerConfigurationProperties(context);
				assertThat(trigger.getProperties()).containsEntry("baseUrl", "https://trigger.example.com")
					.containsEntry("secretKey", "******");
				assertThat(trigger.getInputs().get("baseUrl")).asInstanceOf(InstanceOfAssertFactories.MAP)
					.containsEntry("value", "https://trigger.example.com")
					.hasEntrySatisfying("origin",
							(origin) -> assertThat(origin).asString().contains("TRIGGER_API_URL"));
				assertThat(context.getBean(TriggerOperations.class).baseUrl())
					.startsWith("https://trigger.example.com");
			});
	}

	@Test
	void anExplicitBaseUrlWinsOverTheApiUrlVariable() {
		this.runner
			.withConfiguration(AutoConfigurations.of(EndpointAutoConfiguration.class,
					ConfigurationPropertiesReportEndpointAutoConfiguration.class))
			.withPropertyValues("management.endpoint.configprops.show-values=always",
					"management.endpoints.web.exposure.include=configprops,env",
					"trigger.base-url=https://explicit.example.com")
			.withInitializer(environmentVariables(
					Map.of("TRIGGER_SECRET_KEY", KEY, "TRIGGER_API_URL", "https://trigger.example.com")))
			.run((context) -> {
				ConfigurationPropertiesBeanDescriptor trigger = triggerConfigurationProperties(context);
				assertThat(trigger.getProperties()).containsEntry("baseUrl", "https://explicit.example.com");
				assertThat(trigger.getInputs().get("baseUrl")).asInstanceOf(InstanceOfAssertFactories.MAP)
					.hasEntrySatisfying("origin",
							(origin) -> assertThat(origin).asString().doesNotContain("TRIGGER_API_URL"));
				assertThat(context.getBean(TriggerOperations.class).baseUrl())
					.startsWith("https://explicit.example.com");
			});
	}

	@Test
	void aBaseUrlVariableInBootsOwnNamingAlsoWinsOverTheApiUrlVariable() {
		this.runner
			.withInitializer(environmentVariables(Map.of("TRIGGER_SECRET_KEY", KEY, "TRIGGER_BASEURL",
					"https://explicit.example.com", "TRIGGER_API_URL", "https://trigger.example.com")))
			.run((context) -> assertThat(context.getBean(TriggerOperations.class).baseUrl())
				.startsWith("https://explicit.example.com"));
	}

	private static ConfigurationPropertiesBeanDescriptor triggerConfigurationProperties(ApplicationContext context) {
		return context.getBean(ConfigurationPropertiesReportEndpoint.class)
			.configurationPropertiesWithPrefix("trigger")
			.getContexts()
			.values()
			.iterator()
			.next()
			.getBeans()
			.values()
			.stream()
			.filter((bean) -> bean.getPrefix().equals("trigger"))
			.findFirst()
			.orElseThrow();
	}

	@Test
	void onlyAnAccessTokenIsEnoughToStartAndIsSentToTheProjectRoutes(WireMockRuntimeInfo wm) {
		stubFor(get(urlPathEqualTo("/api/v1/projects/" + PROJECT + "/runs"))
			.willReturn(okJson("{\"data\":[],\"pagination\":{}}")));
		this.runner.withPropertyValues("trigger.access-token=" + PAT, "trigger.base-url=" + wm.getHttpBaseUrl())
			.run((context) -> {
				assertThat(context).hasNotFailed();
				TriggerOperations operations = context.getBean(TriggerOperations.class);
				operations.runs().listPageForProject(PROJECT, List.of("prod"), ListRunsRequest.all(), null).block();
				verify(getRequestedFor(urlPathEqualTo("/api/v1/projects/" + PROJECT + "/runs"))
					.withQueryParam("filter[env]", equalTo("prod"))
					.withHeader("Authorization", equalTo("Bearer " + PAT)));
				assertThat(operations.toString()).doesNotContain(PAT);
			});
	}

	@Test
	void withOnlyAnAccessTokenASecretKeyCallFailsBeforeSending(WireMockRuntimeInfo wm) {
		this.runner.withPropertyValues("trigger.access-token=" + PAT, "trigger.base-url=" + wm.getHttpBaseUrl())
			.run((context) -> {
				TriggerOperations operations = context.getBean(TriggerOperations.class);
				assertThatIllegalStateException().isThrownBy(() -> operations.runs().retrieve("run_1").block())
					.withMessageContaining("trigger.secret-key");
				verify(0, anyRequestedFor(anyUrl()));
			});
	}

	@Test
	void aUserDefinedConnectionDetailsBeanDrivesTheClientAndTheHealthIndicator(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v3/runs/run_1").willReturn(okJson(RUN_JSON)));
		stubFor(get(urlPathEqualTo("/api/v1/runs")).willReturn(okJson("{\"data\":[],\"pagination\":{}}")));
		TriggerConnectionDetails details = new TriggerConnectionDetails() {
			@Override
			public String baseUrl() {
				return wm.getHttpBaseUrl();
			}

			@Override
			public String secretKey() {
				return KEY;
			}

			@Override
			public String branch() {
				return "feature-x";
			}
		};
		this.runner.withBean(TriggerConnectionDetails.class, () -> details)
			.withPropertyValues("trigger.secret-key=tr_prod_IgnoredIgnoredIgnored",
					"trigger.base-url=http://localhost:1")
			.run((context) -> {
				assertThat(context).hasSingleBean(TriggerConnectionDetails.class)
					.doesNotHaveBean(PropertiesTriggerConnectionDetails.class);
				context.getBean(TriggerOperations.class).runs().retrieve("run_1").block();
				verify(getRequestedFor(urlPathEqualTo("/api/v3/runs/run_1"))
					.withHeader("Authorization", equalTo("Bearer " + KEY))
					.withHeader("x-trigger-branch", equalTo("feature-x")));
				Health health = context.getBean(TriggerHealthIndicator.class).health().block();
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsEntry("baseUrl", wm.getHttpBaseUrl())
					.containsEntry("environment", "DEV");
			});
	}

	@Test
	void connectionDetailsComeFromThePropertiesByDefault() {
		this.runner
			.withPropertyValues("trigger.secret-key= " + KEY + " ", "trigger.access-token=" + PAT,
					"trigger.base-url=https://trigger.example.com", "trigger.branch=feature-x")
			.run((context) -> {
				TriggerConnectionDetails details = context.getBean(TriggerConnectionDetails.class);
				assertThat(details).isInstanceOf(PropertiesTriggerConnectionDetails.class);
				assertThat(details.baseUrl()).isEqualTo("https://trigger.example.com");
				assertThat(details.secretKey()).isEqualTo(KEY);
				assertThat(details.accessToken()).isEqualTo(PAT);
				assertThat(details.branch()).isEqualTo("feature-x");
				assertThat(details.toString()).doesNotContain(KEY).doesNotContain(PAT);
			});
	}

	@Test
	void aUserDefinedOperationsBeanWinsAndNeedsNoKey() {
		TriggerOperations own = mock(TriggerOperations.class);
		this.runner.withBean(TriggerOperations.class, () -> own).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(TriggerOperations.class)).isSameAs(own);
		});
	}

	@Test
	void aUserDefinedHealthIndicatorWins() {
		ReactiveHealthIndicator own = () -> reactor.core.publisher.Mono.just(Health.up().build());
		this.runner.withPropertyValues("trigger.secret-key=" + KEY)
			.withBean("triggerHealthIndicator", ReactiveHealthIndicator.class, () -> own)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(TriggerHealthIndicator.class);
				assertThat(context.getBean("triggerHealthIndicator")).isSameAs(own);
			});
	}

	@Test
	void propertiesBind(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v3/runs/run_1").willReturn(okJson(RUN_JSON)));
		this.runner
			.withPropertyValues("trigger.secret-key=" + KEY, "trigger.access-token=" + PAT,
					"trigger.base-url=" + wm.getHttpBaseUrl(), "trigger.branch=feature-x", "trigger.connect-timeout=2s")
			.run((context) -> {
				context.getBean(TriggerOperations.class).runs().retrieve("run_1").block();
				verify(getRequestedFor(urlPathEqualTo("/api/v3/runs/run_1"))
					.withHeader("Authorization", equalTo("Bearer " + KEY))
					.withHeader("x-trigger-branch", equalTo("feature-x")));
				TriggerProperties properties = context.getBean(TriggerProperties.class);
				assertThat(properties.toString()).doesNotContain(KEY)
					.doesNotContain(PAT)
					.contains("secretKey=******")
					.contains("accessToken=******");
			});
	}

	@Test
	void theResponseTimeoutBoundsEachAttempt(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v3/runs/run_1").willReturn(okJson(RUN_JSON).withFixedDelay(2000)));
		this.runner
			.withPropertyValues("trigger.secret-key=" + KEY, "trigger.base-url=" + wm.getHttpBaseUrl(),
					"trigger.response-timeout=200ms", "trigger.retry.max-attempts=1")
			.run((context) -> {
				TriggerOperations operations = context.getBean(TriggerOperations.class);
				assertThatExceptionOfType(TriggerTimeoutException.class)
					.isThrownBy(() -> operations.runs().retrieve("run_1").block())
					.satisfies((timeout) -> assertThat(timeout.timeout()).isEqualTo(Duration.ofMillis(200)));
			});
	}

	@Test
	void theRetryPropertiesSetHowOftenACallIsTried(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v3/runs/run_1").willReturn(aResponse().withStatus(503)));
		this.runner
			.withPropertyValues("trigger.secret-key=" + KEY, "trigger.base-url=" + wm.getHttpBaseUrl(),
					"trigger.retry.max-attempts=2", "trigger.retry.min-backoff=10ms", "trigger.retry.max-backoff=10ms",
					"trigger.retry.jitter=0")
			.run((context) -> {
				TriggerOperations operations = context.getBean(TriggerOperations.class);
				assertThatExceptionOfType(TriggerApiException.class)
					.isThrownBy(() -> operations.runs().retrieve("run_1").block())
					.satisfies((failure) -> assertThat(failure.statusCode()).isEqualTo(503));
				verify(2, getRequestedFor(urlPathEqualTo("/api/v3/runs/run_1")));
			});
	}

	@Test
	void theDeadlineBoundsTheWholeCall(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v3/runs/run_1").willReturn(aResponse().withStatus(503)));
		this.runner
			.withPropertyValues("trigger.secret-key=" + KEY, "trigger.base-url=" + wm.getHttpBaseUrl(),
					"trigger.deadline=300ms", "trigger.retry.max-attempts=100", "trigger.retry.min-backoff=100ms",
					"trigger.retry.max-backoff=100ms", "trigger.retry.jitter=0")
			.run((context) -> {
				TriggerOperations operations = context.getBean(TriggerOperations.class);
				assertThatExceptionOfType(TriggerTimeoutException.class)
					.isThrownBy(() -> operations.runs().retrieve("run_1").block())
					.satisfies((timeout) -> assertThat(timeout.timeout()).isEqualTo(Duration.ofMillis(300)));
			});
	}

	@Test
	void thePropertyDefaultsAreTheClients() {
		this.runner.withPropertyValues("trigger.secret-key=" + KEY).run((context) -> {
			TriggerProperties properties = context.getBean(TriggerProperties.class);
			assertThat(properties.baseUrl()).isEqualTo(TriggerClient.DEFAULT_BASE_URL);
			assertThat(properties.responseTimeout()).isEqualTo(TriggerClient.DEFAULT_RESPONSE_TIMEOUT);
			assertThat(properties.deadline()).isEqualTo(TriggerClient.DEFAULT_DEADLINE);
			assertThat(properties.shutdownGrace()).isEqualTo(TriggerClient.DEFAULT_SHUTDOWN_GRACE);
			assertThat(TriggerAutoConfiguration.retrySettings(properties.retry()))
				.isEqualTo(TriggerRetrySettings.defaults());
			// null on purpose: the connector of Boot's WebClient.Builder
			// (spring.http.clients.*) applies, not the client's DEFAULT_CONNECT_TIMEOUT
			assertThat(properties.connectTimeout()).isNull();
		});
	}

	@Test
	void defaultsApplyWhenOnlyTheKeyIsSet() {
		this.runner.withPropertyValues("trigger.secret-key=" + KEY).run((context) -> {
			TriggerProperties properties = context.getBean(TriggerProperties.class);
			assertThat(properties.baseUrl()).isEqualTo("https://api.trigger.dev");
			assertThat(properties.connectTimeout()).isNull();
			assertThat(properties.responseTimeout()).isEqualTo(Duration.ofSeconds(10));
			assertThat(properties.deadline()).isEqualTo(Duration.ofSeconds(30));
			assertThat(properties.shutdownGrace()).isEqualTo(Duration.ofSeconds(10));
			assertThat(properties.retry().maxAttempts()).isEqualTo(5);
			assertThat(properties.retry().multiplier()).isEqualTo(1.6);
		});
	}

	@Test
	void invalidPropertiesFailStartUpNamingTheProblem() {
		this.runner.withPropertyValues("trigger.secret-key=" + KEY, "trigger.retry.max-attempts=0")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidTriggerPropertyException.class)
				.hasMessage(
						"Invalid value for trigger.retry.max-attempts: maxAttempts must be between 1 and 100 but was 0"));
	}

	@Test
	void badConnectionSettingsFailStartUpNamingThemWithoutShowingTheKey() {
		String badKey = "tr_dev_Zz12Yy34\u00e9Xx56Ww78";
		this.runner.withPropertyValues("trigger.secret-key=" + badKey)
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageStartingWith("secretKey must hold only printable ASCII characters")
				.message()
				.doesNotContain("Zz12"));
		this.runner.withPropertyValues("trigger.secret-key=" + KEY, "trigger.branch=feature\u0007x")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageStartingWith("Invalid value for trigger.branch: branch must hold only printable ASCII"));
		this.runner.withPropertyValues("trigger.secret-key=" + KEY, "trigger.connect-timeout=30d")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageStartingWith(
						"Invalid value for trigger.connect-timeout: connectTimeout must be between 1 ms"));
		this.runner.withPropertyValues("trigger.secret-key=" + KEY, "trigger.base-url=http://localhost:99999")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessage(
						"Invalid value for trigger.base-url: baseUrl must have a port between 1 and 65535 but had 99999"));
	}

	@Test
	void theHealthIndicatorCanBeDisabled() {
		this.runner.withPropertyValues("trigger.secret-key=" + KEY, "management.health.trigger.enabled=false")
			.run((context) -> {
				assertThat(context).hasSingleBean(TriggerOperations.class);
				assertThat(context).doesNotHaveBean(TriggerHealthIndicator.class);
			});
	}

	@Test
	void withoutActuatorHealthThereIsNoIndicatorAndStartUpWorks() {
		this.runner.withPropertyValues("trigger.secret-key=" + KEY)
			.withClassLoader(new FilteredClassLoader(ReactiveHealthIndicator.class, SanitizingFunction.class))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(TriggerOperations.class);
				assertThat(context).doesNotHaveBean(TriggerHealthIndicator.class);
				assertThat(context).doesNotHaveBean(SanitizingFunction.class);
			});
	}

	@Test
	void withoutSpringBootHealthOnTheClassPathStartUpWorks() {
		this.runner.withPropertyValues("trigger.secret-key=" + KEY)
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(TriggerOperations.class);
				assertThat(context).doesNotHaveBean("triggerHealthIndicator");
			});
	}

	@Test
	void theSecretKeyIsMaskedInTheEnvEndpointEvenWhenValuesAreShown() {
		this.runner
			.withConfiguration(
					AutoConfigurations.of(EndpointAutoConfiguration.class, EnvironmentEndpointAutoConfiguration.class))
			.withPropertyValues("trigger.secret-key=" + KEY, "management.endpoint.env.show-values=always",
					"management.endpoints.web.exposure.include=env")
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("os", Map.of("TRIGGER_SECRET_KEY", KEY, "OTHER", "visible"))))
			.run((context) -> {
				EnvironmentEndpoint endpoint = context.getBean(EnvironmentEndpoint.class);
				assertThat(endpoint.environmentEntry("trigger.secret-key").getProperty().getValue())
					.isEqualTo("******");
				assertThat(endpoint.environmentEntry("TRIGGER_SECRET_KEY").getProperty().getValue())
					.isEqualTo("******");
				assertThat(endpoint.environmentEntry("OTHER").getProperty().getValue()).isEqualTo("visible");
			});
	}

	@Test
	void theAccessTokenIsMaskedInTheEnvAndConfigpropsEndpointsEvenWhenValuesAreShown() {
		this.runner
			.withConfiguration(
					AutoConfigurations.of(EndpointAutoConfiguration.class, EnvironmentEndpointAutoConfiguration.class,
							ConfigurationPropertiesReportEndpointAutoConfiguration.class))
			.withPropertyValues("trigger.access-token=" + PAT, "management.endpoint.env.show-values=always",
					"management.endpoint.configprops.show-values=always",
					"management.endpoints.web.exposure.include=configprops,env")
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("os", Map.of("TRIGGER_ACCESS_TOKEN", PAT, "OTHER", "visible"))))
			.run((context) -> {
				EnvironmentEndpoint endpoint = context.getBean(EnvironmentEndpoint.class);
				assertThat(endpoint.environmentEntry("trigger.access-token").getProperty().getValue())
					.isEqualTo("******");
				assertThat(endpoint.environmentEntry("TRIGGER_ACCESS_TOKEN").getProperty().getValue())
					.isEqualTo("******");
				assertThat(endpoint.environmentEntry("OTHER").getProperty().getValue()).isEqualTo("visible");
				ConfigurationPropertiesBeanDescriptor trigger = triggerConfigurationProperties(context);
				assertThat(trigger.getProperties()).containsEntry("accessToken", "******");
				assertThat(trigger.getInputs().get("accessToken")).asInstanceOf(InstanceOfAssertFactories.MAP)
					.containsEntry("value", "******");
			});
	}

	@Test
	void theSanitizingFunctionMatchesTheKeyUnderEveryName() {
		this.runner.withPropertyValues("trigger.secret-key=" + KEY).run((context) -> {
			SanitizingFunction function = context.getBean("triggerSecretKeySanitizingFunction",
					SanitizingFunction.class);
			for (String name : new String[] { "trigger.secret-key", "TRIGGER_SECRET_KEY", "secretKey", "secret-key" }) {
				assertThat(function.apply(new SanitizableData(null, name, KEY)).getValue()).as(name)
					.isEqualTo("******");
			}
			for (String name : new String[] { "trigger.access-token", "TRIGGER_ACCESS_TOKEN", "accessToken",
					"access-token", "trigger.accessToken" }) {
				assertThat(function.apply(new SanitizableData(null, name, PAT)).getValue()).as(name)
					.isEqualTo("******");
			}
			assertThat(function.apply(new SanitizableData(null, "trigger.base-url", "x")).getValue()).isEqualTo("x");
			assertThat(function.apply(new SanitizableData(null, "other.token", "y")).getValue()).isEqualTo("y");
		});
	}

	@Test
	void healthIsUpAfterAnAuthenticatedCallAndShowsNoKey(WireMockRuntimeInfo wm) {
		stubFor(get(urlPathEqualTo("/api/v1/runs")).willReturn(okJson("{\"data\":[],\"pagination\":{}}")));
		this.runner.withPropertyValues("trigger.secret-key=" + KEY, "trigger.base-url=" + wm.getHttpBaseUrl())
			.run((context) -> {
				Health health = context.getBean(TriggerHealthIndicator.class).health().block();
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsEntry("baseUrl", wm.getHttpBaseUrl())
					.containsEntry("environment", "DEV");
				assertThat(health.toString()).doesNotContain(KEY);
				verify(getRequestedFor(urlPathEqualTo("/api/v1/runs")).withQueryParam("page[size]", equalTo("1"))
					.withHeader("Authorization", equalTo("Bearer " + KEY)));
			});
	}

	@Test
	void healthIsDownWithTheReasonOnAnAuthenticationFailure(WireMockRuntimeInfo wm) {
		stubFor(get(urlPathEqualTo("/api/v1/runs"))
			.willReturn(aResponse().withStatus(401).withBody("{\"error\":\"Invalid API key\"}")));
		this.runner.withPropertyValues("trigger.secret-key=" + KEY, "trigger.base-url=" + wm.getHttpBaseUrl())
			.run((context) -> {
				Health health = context.getBean(TriggerHealthIndicator.class).health().block();
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails()).containsEntry("reason", "HTTP 401: Invalid API key")
					.containsEntry("environment", "DEV");
				assertThat(health.toString()).doesNotContain(KEY);
			});
	}

	@Test
	void healthAsksOnceAndReportsAServerErrorWithoutRetrying(WireMockRuntimeInfo wm) {
		stubFor(get(urlPathEqualTo("/api/v1/runs"))
			.willReturn(aResponse().withStatus(503).withBody("{\"error\":\"Service Unavailable\"}")));
		this.runner.withPropertyValues("trigger.secret-key=" + KEY, "trigger.base-url=" + wm.getHttpBaseUrl())
			.run((context) -> {
				Health health = context.getBean(TriggerHealthIndicator.class).health().block();
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails()).containsEntry("reason", "HTTP 503: Service Unavailable");
				verify(1, getRequestedFor(urlPathEqualTo("/api/v1/runs")));
			});
	}

	@Test
	void healthIsDownWhenTheApiDoesNotAnswerInTime(WireMockRuntimeInfo wm) {
		stubFor(get(urlPathEqualTo("/api/v1/runs")).willReturn(okJson("{\"data\":[]}").withFixedDelay(3000)));
		this.runner
			.withPropertyValues("trigger.secret-key=" + KEY, "trigger.base-url=" + wm.getHttpBaseUrl(),
					"trigger.health.timeout=200ms")
			.run((context) -> {
				Health health = context.getBean(TriggerHealthIndicator.class).health().block();
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails()).containsEntry("reason", "No answer within PT0.2S");
			});
	}

	@Test
	void healthReportsTheBaseUrlOfTheClientAsBuiltByACustomizer(WireMockRuntimeInfo wm) {
		stubFor(get(urlPathEqualTo("/api/v1/runs")).willReturn(okJson("{\"data\":[],\"pagination\":{}}")));
		this.runner
			.withBean(TriggerClientBuilderCustomizer.class, () -> (builder) -> builder.baseUrl(wm.getHttpBaseUrl()))
			.withPropertyValues("trigger.secret-key=" + KEY, "trigger.base-url=http://localhost:1")
			.run((context) -> {
				Health health = context.getBean(TriggerHealthIndicator.class).health().block();
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsEntry("baseUrl", wm.getHttpBaseUrl());
				assertThat(health.getDetails().get("baseUrl"))
					.isEqualTo(context.getBean(TriggerOperations.class).baseUrl());
			});
	}

	@Test
	void healthIsUnknownWithOnlyAnAccessTokenAndSendsNothing(WireMockRuntimeInfo wm) {
		this.runner.withPropertyValues("trigger.access-token=" + PAT, "trigger.base-url=" + wm.getHttpBaseUrl())
			.run((context) -> {
				Health health = context.getBean(TriggerHealthIndicator.class).health().block();
				assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
				assertThat(health.getDetails()).containsEntry("environment", "UNKNOWN")
					.hasEntrySatisfying("reason",
							(reason) -> assertThat(reason).asString().contains("trigger.secret-key"));
				assertThat(health.toString()).doesNotContain(PAT);
				verify(0, anyRequestedFor(anyUrl()));
			});
	}

	@Test
	void theHealthIndicatorNeedsAnOperationsBean() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TriggerHealthContributorAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(TriggerHealthIndicator.class);
			});
	}

	@Test
	void theHealthIndicatorChecksAUserDefinedOperationsBean(WireMockRuntimeInfo wm) {
		stubFor(get(urlPathEqualTo("/api/v1/runs")).willReturn(okJson("{\"data\":[],\"pagination\":{}}")));
		TriggerOperations own = TriggerClient.builder().secretKey(KEY).baseUrl(wm.getHttpBaseUrl()).build();
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TriggerHealthContributorAutoConfiguration.class))
			.withBean(TriggerOperations.class, () -> own)
			.run((context) -> {
				Health health = context.getBean(TriggerHealthIndicator.class).health().block();
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsEntry("baseUrl", own.baseUrl())
					.containsEntry("environment", "DEV");
			});
	}

	@Test
	void eachCallRecordsATimerWithTheExpectedTags(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v3/runs/run_1")
			.willReturn(okJson("{\"id\":\"run_1\",\"status\":\"QUEUED\",\"taskIdentifier\":\"t\"}")));
		this.runner
			.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
			.withPropertyValues("trigger.secret-key=" + KEY, "trigger.base-url=" + wm.getHttpBaseUrl())
			.run((context) -> {
				context.getBean(TriggerOperations.class).runs().retrieve("run_1").block();
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				assertThat(meters.get("trigger.client.requests")
					.tags("operation", "runs.retrieve", "method", "GET", "status", "200", "outcome", "SUCCESS",
							"exception", "none")
					.timer()
					.count()).isEqualTo(1);
				assertThat(meters.find("trigger.client.requests").timers())
					.allSatisfy((timer) -> assertThat(timer.getId().getTags())
						.noneMatch((tag) -> tag.getValue().contains("run_1")));
			});
	}

	@Test
	void aUserObservationConventionAndCustomizerApply(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v3/runs/run_1")
			.willReturn(okJson("{\"id\":\"run_1\",\"status\":\"QUEUED\",\"taskIdentifier\":\"t\"}")));
		TriggerRequestObservationConvention convention = new DefaultTriggerRequestObservationConvention() {
			@Override
			public String getName() {
				return "custom.trigger";
			}
		};
		this.runner
			.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
			.withBean(TriggerRequestObservationConvention.class, () -> convention)
			.withBean(TriggerClientBuilderCustomizer.class, () -> (builder) -> builder.baseUrl(wm.getHttpBaseUrl()))
			.withPropertyValues("trigger.secret-key=" + KEY, "trigger.base-url=http://localhost:1")
			.run((context) -> {
				context.getBean(TriggerOperations.class).runs().retrieve("run_1").block();
				assertThat(context.getBean(MeterRegistry.class).get("custom.trigger").timer().count()).isEqualTo(1);
				assertThat(context.getBean(ObservationRegistry.class)).isNotSameAs(ObservationRegistry.NOOP);
			});
	}

	record Signup(String userId, int attemptCount) {
	}

	@Test
	void theApplicationsJsonMapperWritesThePayloadWhileTheEnvelopeKeepsTheServersNames(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/tasks/task-id/trigger").willReturn(okJson("{\"id\":\"run_1\",\"isCached\":false}")));
		this.runner.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
			.withPropertyValues("trigger.secret-key=" + KEY, "trigger.base-url=" + wm.getHttpBaseUrl(),
					"spring.jackson.property-naming-strategy=SNAKE_CASE")
			.run((context) -> {
				TriggerOperations operations = context.getBean(TriggerOperations.class);
				operations.tasks()
					.trigger("task-id", new Signup("u1", 2), TriggerOptions.builder().idempotencyKeyTtl("1h").build())
					.block();
				verify(postRequestedFor(urlPathEqualTo("/api/v1/tasks/task-id/trigger")).withRequestBody(equalToJson(
						"{\"payload\":{\"user_id\":\"u1\",\"attempt_count\":2},\"options\":{\"idempotencyKeyTTL\":\"1h\"}}",
						false, true))
					.withRequestBody(notContaining("idempotency_key")));
			});
	}

	@Test
	void theApplicationsJsonMapperReadsTheOutputBack(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v3/runs/run_1").willReturn(okJson("{\"id\":\"run_1\",\"status\":\"COMPLETED\","
				+ "\"taskIdentifier\":\"t\",\"output\":{\"user_id\":\"u1\",\"attempt_count\":2}}")));
		this.runner.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
			.withPropertyValues("trigger.secret-key=" + KEY, "trigger.base-url=" + wm.getHttpBaseUrl(),
					"spring.jackson.property-naming-strategy=SNAKE_CASE")
			.run((context) -> {
				Run run = context.getBean(TriggerOperations.class).runs().retrieve("run_1").block();
				assertThat(run.output(Signup.class)).isEqualTo(new Signup("u1", 2));
			});
	}

	@Test
	void withoutAJsonMapperBeanTheClientsDefaultWritesThePayload(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/tasks/task-id/trigger").willReturn(okJson("{\"id\":\"run_1\",\"isCached\":false}")));
		this.runner.withPropertyValues("trigger.secret-key=" + KEY, "trigger.base-url=" + wm.getHttpBaseUrl())
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(JsonMapper.class);
				TriggerOperations operations = context.getBean(TriggerOperations.class);
				operations.tasks()
					.trigger("task-id", new Signup("u1", 2), TriggerOptions.builder().idempotencyKeyTtl("1h").build())
					.block();
				verify(postRequestedFor(urlPathEqualTo("/api/v1/tasks/task-id/trigger")).withRequestBody(equalToJson(
						"{\"payload\":{\"userId\":\"u1\",\"attemptCount\":2},\"options\":{\"idempotencyKeyTTL\":\"1h\"}}",
						false, true)));
			});
	}

	@Test
	void aKeyPassedOnTheCommandLineIsMaskedInsideEveryValueOfTheEnvEndpoint() {
		String unconfiguredKey = "tr_prod_Qq98Rr76Ss54Tt32Uu10Vv98";
		this.runner
			.withConfiguration(
					AutoConfigurations.of(EndpointAutoConfiguration.class, EnvironmentEndpointAutoConfiguration.class))
			.withPropertyValues("management.endpoint.env.show-values=always",
					"management.endpoints.web.exposure.include=env")
			.withInitializer((context) -> {
				MutablePropertySources sources = context.getEnvironment().getPropertySources();
				sources.addFirst(new SimpleCommandLinePropertySource("--trigger.secret-key=" + KEY,
						"--trigger.access-token=" + PAT));
				// The JVM's own properties, as a launch with the key on the command
				// line leaves them; the real system properties stay untouched.
				Map<String, Object> systemProperties = new HashMap<>();
				System.getProperties().forEach((name, value) -> systemProperties.put((String) name, value));
				systemProperties.put("sun.java.command", "app.jar --trigger.secret-key=" + KEY
						+ " --trigger.access-token=" + PAT + " --server.port=8080");
				systemProperties.put("sun.rt.java.command", "app.jar --other=" + unconfiguredKey);
				sources.replace(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME, new MapPropertySource(
						StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME, systemProperties));
				sources.addLast(new MapPropertySource("os",
						Map.of("JAVA_TOOL_OPTIONS", "-Xmx1g -Dtrigger.secret-key=" + KEY, "SPRING_APPLICATION_JSON",
								"{\"trigger\":{\"access-token\":\"" + PAT + "\"}}", "OTHER", "visible")));
			})
			.run((context) -> {
				assertThat(context).hasNotFailed();
				EnvironmentEndpoint endpoint = context.getBean(EnvironmentEndpoint.class);
				assertThat(endpoint.environmentEntry("sun.java.command").getProperty().getValue())
					.isEqualTo("app.jar --trigger.secret-key=****** --trigger.access-token=****** --server.port=8080");
				assertThat(endpoint.environmentEntry("sun.rt.java.command").getProperty().getValue())
					.isEqualTo("app.jar --other=******");
				assertThat(endpoint.environmentEntry("JAVA_TOOL_OPTIONS").getProperty().getValue())
					.isEqualTo("-Xmx1g -Dtrigger.secret-key=******");
				assertThat(endpoint.environmentEntry("OTHER").getProperty().getValue()).isEqualTo("visible");
				StringBuilder everything = new StringBuilder();
				for (EnvironmentEndpoint.PropertySourceDescriptor source : endpoint.environment(null)
					.getPropertySources()) {
					source.getProperties()
						.forEach((name,
								value) -> everything.append(name).append('=').append(value.getValue()).append('\n'));
				}
				assertThat(everything).contains("sun.java.command=app.jar")
					.doesNotContain(KEY)
					.doesNotContain(PAT)
					.doesNotContain(unconfiguredKey);
			});
	}

	@Test
	void theValueSanitizingFunctionLeavesOtherValuesAlone() {
		this.runner.withPropertyValues("trigger.secret-key=" + KEY).run((context) -> {
			SanitizingFunction function = context.getBean("triggerSecretValueSanitizingFunction",
					SanitizingFunction.class);
			SanitizableData plain = new SanitizableData(null, "sun.java.command", "app.jar --tr_x=1 tr_dev_short");
			assertThat(function.apply(plain)).isSameAs(plain);
			assertThat(function.apply(new SanitizableData(null, "java.class.path", "lib/" + KEY + ".jar")).getValue())
				.isEqualTo("lib/******.jar");
			assertThat(function.apply(new SanitizableData(null, "weird", List.of(KEY))).getValue()).isEqualTo("******");
		});
	}

}
