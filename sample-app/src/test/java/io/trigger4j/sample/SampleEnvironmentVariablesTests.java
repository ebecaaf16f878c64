package io.trigger4j.sample;

import java.util.HashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The sample app started as {@code java -jar} would be with the official SDK's
 * environment variables ({@code TRIGGER_API_URL}, {@code TRIGGER_SECRET_KEY}) and dev
 * mode off ({@code TRIGGER_EMULATOR_ENABLED=false}): {@code /actuator/configprops} shows
 * the URL the app calls as {@code trigger.base-url}, with the variable as its origin;
 * with a key but dev mode left on, the app refuses to start.
 */
@ExtendWith(OutputCaptureExtension.class)
class SampleEnvironmentVariablesTests {

	static final String KEY = "tr_dev_Sa12Mp34Le56Ap78Pk90Ey12";

	static final WireMockServer api = new WireMockServer(wireMockConfig().dynamicPort());

	static {
		api.start();
	}

	@AfterAll
	static void stop() {
		api.stop();
	}

	/**
	 * The sample app with these environment variables in place of the process's
	 * {@code TRIGGER_*} ones.
	 */
	static SpringApplication withVariables(Map<String, String> trigger) {
		Map<String, Object> variables = new HashMap<>(System.getenv());
		variables.keySet().removeIf((name) -> name.startsWith("TRIGGER_"));
		variables.putAll(trigger);
		SpringApplication application = new SpringApplication(SampleApplication.class);
		application.setEnvironment(new StandardEnvironment() {
			@Override
			protected void customizePropertySources(MutablePropertySources propertySources) {
				propertySources
					.addLast(new SystemEnvironmentPropertySource(SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
			}
		});
		return application;
	}

	@Test
	void aKeyWithDevModeLeftOnRefusesToStartNamingBoth(CapturedOutput output) {
		SpringApplication application = withVariables(Map.of("TRIGGER_SECRET_KEY", KEY));

		assertThatException().isThrownBy(() -> application.run("--server.port=0").close());

		assertThat(output).contains("Invalid value for the configuration property 'trigger.emulator.enabled'")
			.contains("application.yml")
			.contains("'trigger.secret-key' is configured too (set in System Environment Property "
					+ "\"TRIGGER_SECRET_KEY\")")
			.contains("TRIGGER_EMULATOR_ENABLED=false")
			.doesNotContain("trigger4j dev mode")
			.doesNotContain(KEY);
	}

	@Test
	void triggerApiUrlShowsInConfigpropsAsTheBaseUrlTheAppCalls() {
		SpringApplication application = withVariables(Map.of("TRIGGER_API_URL", api.baseUrl(), "TRIGGER_SECRET_KEY",
				KEY, "TRIGGER_EMULATOR_ENABLED", "false"));
		try (ConfigurableApplicationContext context = application.run("--server.port=0",
				"--management.endpoint.configprops.show-values=always")) {
			WebTestClient web = WebTestClient.bindToServer()
				.baseUrl("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"))
				.build();
			String bean = "$.contexts.*.beans['trigger-io.trigger4j.autoconfigure.TriggerProperties']";

			web.get()
				.uri("/actuator/configprops")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath(bean + ".properties.baseUrl")
				.isEqualTo(api.baseUrl())
				.jsonPath(bean + ".inputs.baseUrl.value")
				.isEqualTo(api.baseUrl())
				.jsonPath(bean + ".inputs.baseUrl.origin")
				.isEqualTo("System Environment Property \"TRIGGER_API_URL\"")
				.jsonPath(bean + ".properties.secretKey")
				.isEqualTo("******");

			api.stubFor(post("/api/v1/tasks/hello-world/trigger").willReturn(okJson("{\"id\":\"run_1\"}")));
			web.post()
				.uri("/tasks/hello-world/trigger")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{}")
				.exchange()
				.expectStatus()
				.isOk();
			api.verify(postRequestedFor(urlEqualTo("/api/v1/tasks/hello-world/trigger")).withHeader("Authorization",
					equalTo("Bearer " + KEY)));
		}
	}

}
