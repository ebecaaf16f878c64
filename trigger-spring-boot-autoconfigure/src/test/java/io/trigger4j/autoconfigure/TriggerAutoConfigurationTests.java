package io.trigger4j.autoconfigure;

import java.time.Duration;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.trigger4j.client.TriggerOperations;
import io.trigger4j.client.model.runs.Run;
import io.trigger4j.client.model.tasks.TriggerOptions;
import io.trigger4j.client.observation.DefaultTriggerRequestObservationConvention;
import io.trigger4j.client.observation.TriggerRequestObservationConvention;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.env.EnvironmentEndpointAutoConfiguration;
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
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
import static org.mockito.Mockito.mock;

@WireMockTest
@ExtendWith(OutputCaptureExtension.class)
class TriggerAutoConfigurationTests {

	static final String KEY = "tr_dev_Zz12Yy34Xx56Ww78Vv90Uu12";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, TriggerAutoConfiguration.class));

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
			assertThat(analysis.getDescription()).contains("trigger.secret-key");
			assertThat(analysis.getAction()).contains("'trigger.secret-key'").contains("TRIGGER_SECRET_KEY");
		});
	}

	@Test
	void aBlankKeyFailsLikeAMissingOne() {
		this.runner.withPropertyValues("trigger.secret-key= ")
			.run((context) -> assertThat(context.getStartupFailure())
				.hasRootCauseInstanceOf(TriggerSecretKeyMissingException.class));
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ WebClientAutoConfiguration.class, TriggerAutoConfiguration.class })
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
		stubFor(get("/api/v3/runs/run_1")
			.willReturn(okJson("{\"id\":\"run_1\",\"status\":\"QUEUED\",\"taskIdentifier\":\"t\"}")));
		this.runner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("env",
						Map.of("TRIGGER_SECRET_KEY", KEY, "TRIGGER_API_URL", wm.getHttpBaseUrl()))))
			.run((context) -> {
				context.getBean(TriggerOperations.class).runs().retrieve("run_1").block();
				verify(getRequestedFor(urlPathEqualTo("/api/v3/runs/run_1")).withHeader("Authorization",
						equalTo("Bearer " + KEY)));
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
	void propertiesBind() {
		this.runner
			.withPropertyValues("trigger.secret-key=" + KEY, "trigger.base-url=https://trigger.example.com",
					"trigger.branch=feature-x", "trigger.connect-timeout=2s", "trigger.response-timeout=5s",
					"trigger.retry.max-attempts=2", "trigger.retry.min-backoff=100ms", "trigger.retry.max-backoff=2s",
					"trigger.retry.multiplier=3", "trigger.retry.jitter=0", "trigger.retry.max-rate-limit-wait=10s",
					"trigger.health.timeout=3s")
			.run((context) -> {
				TriggerProperties properties = context.getBean(TriggerProperties.class);
				assertThat(properties.baseUrl()).isEqualTo("https://trigger.example.com");
				assertThat(properties.branch()).isEqualTo("feature-x");
				assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(properties.responseTimeout()).isEqualTo(Duration.ofSeconds(5));
				assertThat(properties.retry()).isEqualTo(new TriggerProperties.Retry(2, Duration.ofMillis(100),
						Duration.ofSeconds(2), 3.0, 0.0, Duration.ofSeconds(10)));
				assertThat(properties.health().timeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(properties.toString()).doesNotContain(KEY).contains("secretKey=******");
			});
	}

	@Test
	void defaultsApplyWhenOnlyTheKeyIsSet() {
		this.runner.withPropertyValues("trigger.secret-key=" + KEY).run((context) -> {
			TriggerProperties properties = context.getBean(TriggerProperties.class);
			assertThat(properties.baseUrl()).isEqualTo("https://api.trigger.dev");
			assertThat(properties.connectTimeout()).isNull();
			assertThat(properties.responseTimeout()).isEqualTo(Duration.ofSeconds(30));
			assertThat(properties.retry().maxAttempts()).isEqualTo(5);
			assertThat(properties.retry().multiplier()).isEqualTo(1.6);
		});
	}

	@Test
	void invalidPropertiesFailStartUpNamingTheProblem() {
		this.runner.withPropertyValues("trigger.secret-key=" + KEY, "trigger.retry.max-attempts=0")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessage("maxAttempts must be between 1 and 100 but was 0"));
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
	void theSanitizingFunctionMatchesTheKeyUnderEveryName() {
		this.runner.withPropertyValues("trigger.secret-key=" + KEY).run((context) -> {
			SanitizingFunction function = context.getBean("triggerSecretKeySanitizingFunction",
					SanitizingFunction.class);
			for (String name : new String[] { "trigger.secret-key", "TRIGGER_SECRET_KEY", "secretKey", "secret-key" }) {
				assertThat(function.apply(new SanitizableData(null, name, KEY)).getValue()).as(name)
					.isEqualTo("******");
			}
			assertThat(function.apply(new SanitizableData(null, "trigger.base-url", "x")).getValue()).isEqualTo("x");
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

}
