package io.trigger4j.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.trigger4j.client.TriggerOperations;
import io.trigger4j.client.observation.TriggerClientMeters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With a recognisable secret key and access token configured and every value shown, no
 * Actuator answer holds either: env, configprops, health with details, info, metrics, and
 * each of the client's meters with its tag values.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive",
				"management.endpoints.web.exposure.include=env,configprops,health,metrics,info",
				"management.endpoint.env.show-values=always", "management.endpoint.configprops.show-values=always",
				"management.endpoint.health.show-details=always", "trigger.retry.min-backoff=1ms",
				"trigger.retry.max-backoff=5ms" })
@AutoConfigureWebTestClient
class ActuatorSecretsTests {

	static final String KEY = "tr_prod_Se12Cr34Et56Ke78Yy90Ab12";

	static final String PAT = "tr_pat_secrettokenabcdefghijkmnopqrstuvwxyz123";

	static final WireMockServer api = new WireMockServer(wireMockConfig().dynamicPort());

	static {
		api.start();
		api.stubFor(get(urlPathEqualTo("/api/v1/runs"))
			.willReturn(okJson("{\"data\":[],\"pagination\":{}}").withHeader("x-ratelimit-remaining", "42")));
		api.stubFor(get("/api/v3/runs/run_1").inScenario("flaky")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503).withHeader("x-should-retry", "true"))
			.willSetStateTo("up"));
		api.stubFor(get("/api/v3/runs/run_1").inScenario("flaky")
			.whenScenarioStateIs("up")
			.willReturn(okJson(TriggerAutoConfigurationTests.RUN_JSON)));
	}

	@DynamicPropertySource
	static void trigger(DynamicPropertyRegistry registry) {
		registry.add("trigger.base-url", api::baseUrl);
		registry.add("trigger.secret-key", () -> KEY);
		registry.add("trigger.access-token", () -> PAT);
	}

	@AfterAll
	static void stop() {
		api.stop();
	}

	@Autowired
	WebTestClient web;

	@Autowired
	TriggerOperations trigger;

	@Test
	void noActuatorAnswerHoldsTheKeyOrTheToken() {
		this.trigger.runs().retrieve("run_1").block();
		List<String> answers = new ArrayList<>();
		answers.add(read("/actuator/env"));
		answers.add(read("/actuator/configprops"));
		String health = read("/actuator/health");
		assertThat(health).contains("\"trigger\"").contains("PROD");
		answers.add(health);
		String info = read("/actuator/info");
		assertThat(info).contains("\"trigger\"")
			.contains("\"environment\":\"PROD\"")
			.contains("\"baseUrl\":\"" + api.baseUrl())
			.containsPattern("\"version\":\"\\d+\\.\\d+\\.\\d+");
		answers.add(info);
		String metrics = read("/actuator/metrics");
		answers.add(metrics);
		for (String meter : List.of(TriggerClientMeters.RATE_LIMIT_REMAINING, TriggerClientMeters.RETRIES,
				"trigger.client.requests")) {
			assertThat(metrics).contains(meter);
			answers.add(read("/actuator/metrics/" + meter));
		}
		assertThat(String.join("\n", answers)).contains("server_error", "runs.retrieve", "prod")
			.contains("trigger.secret-key", "******")
			.doesNotContain(KEY)
			.doesNotContain(PAT)
			.doesNotContain(KEY.substring("tr_prod_".length()))
			.doesNotContain(PAT.substring("tr_pat_".length()));
	}

	private String read(String path) {
		byte[] body = this.web.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody();
		assertThat(body).as(path).isNotNull();
		return new String(body, java.nio.charset.StandardCharsets.UTF_8);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

	}

}
