package io.trigger4j.sample;

import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.trigger4j.client.model.runs.Run;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/** The sample app with a secret key set, WireMock standing in for the Trigger.dev API. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "trigger.emulator.enabled=false", "management.endpoint.env.show-values=always",
				"management.endpoint.configprops.show-values=always" })
@AutoConfigureWebTestClient
class SampleApplicationTests {

	static final String KEY = "tr_dev_Sa12Mp34Le56Ap78Pk90Ey12";

	static final WireMockServer api = new WireMockServer(wireMockConfig().dynamicPort());

	static {
		api.start();
	}

	@DynamicPropertySource
	static void trigger(DynamicPropertyRegistry registry) {
		registry.add("trigger.base-url", api::baseUrl);
		registry.add("trigger.secret-key", () -> KEY);
	}

	@AfterAll
	static void stop() {
		api.stop();
	}

	@Autowired
	WebTestClient web;

	@BeforeEach
	void reset() {
		api.resetAll();
	}

	@Test
	void triggersATaskAndAnswersWithoutThePublicToken() {
		api.stubFor(post("/api/v1/tasks/hello-world/trigger")
			.willReturn(okJson("{\"id\":\"run_1\",\"isCached\":false}").withHeader("x-trigger-jwt", "secret-jwt")));

		this.web.post()
			.uri("/tasks/hello-world/trigger?tag=demo")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\":\"Ada\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.json("{\"id\":\"run_1\",\"cached\":false}")
			.consumeWith((result) -> assertThat(new String(result.getResponseBody())).doesNotContain("secret-jwt"));
		api.verify(postRequestedFor(urlEqualTo("/api/v1/tasks/hello-world/trigger"))
			.withHeader("Authorization", equalTo("Bearer " + KEY))
			// Extra options allowed: the client adds an idempotency key of its own to a
			// trigger without one, so that retrying it is safe.
			.withRequestBody(
					equalToJson("{\"payload\":{\"name\":\"Ada\"},\"options\":{\"tags\":[\"demo\"]}}", false, true)));
	}

	@Test
	void streamsRunsAsNdjsonAcrossPages() {
		api.stubFor(get(urlEqualTo("/api/v1/runs?filter%5Bstatus%5D=COMPLETED&page%5Bsize%5D=100")).willReturn(
				okJson("{\"data\":[" + run("run_1") + "," + run("run_2") + "],\"pagination\":{\"next\":\"c1\"}}")));
		api.stubFor(get(urlEqualTo("/api/v1/runs?filter%5Bstatus%5D=COMPLETED&page%5Bsize%5D=100&page%5Bafter%5D=c1"))
			.willReturn(okJson("{\"data\":[" + run("run_3") + "],\"pagination\":{}}")));

		List<String> lines = this.web.get()
			.uri("/runs?status=COMPLETED")
			.accept(MediaType.APPLICATION_NDJSON)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_NDJSON)
			.returnResult(String.class)
			.getResponseBody()
			.collectList()
			.block();

		assertThat(lines).hasSize(3);
		assertThat(lines.get(0)).contains("\"id\":\"run_1\"").contains("\"status\":\"COMPLETED\"");
		assertThat(lines.get(2)).contains("\"id\":\"run_3\"");
	}

	static String run(String id) {
		return "{\"id\":\"" + id
				+ "\",\"status\":\"COMPLETED\",\"taskIdentifier\":\"t\",\"createdAt\":\"2026-11-22T10:00:00Z\"}";
	}

	@Test
	void apiErrorsKeepTheirStatusAndMessage() {
		api.stubFor(get("/api/v3/runs/run_missing")
			.willReturn(aResponse().withStatus(404).withBody("{\"error\":\"Run not found\"}")));

		this.web.get()
			.uri("/runs/run_missing")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("Run not found");
	}

	@Test
	void healthIsUpAndTheTimerIsExposed() {
		api.stubFor(get(urlPathEqualTo("/api/v1/runs")).willReturn(okJson("{\"data\":[],\"pagination\":{}}")));

		this.web.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.components.trigger.status")
			.isEqualTo("UP")
			.jsonPath("$.components.trigger.details.environment")
			.isEqualTo("DEV");
		this.web.get()
			.uri("/actuator/metrics/trigger.client.requests")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.name")
			.isEqualTo("trigger.client.requests");
	}

	@Test
	void theKeyIsMaskedInActuatorEvenWithValuesShown() {
		this.web.get()
			.uri("/actuator/env/trigger.secret-key")
			.exchange()
			.expectBody()
			.jsonPath("$.property.value")
			.isEqualTo("******")
			.consumeWith((result) -> assertThat(new String(result.getResponseBody())).doesNotContain(KEY));
		this.web.get()
			.uri("/actuator/configprops")
			.exchange()
			.expectBody()
			.jsonPath("$.contexts.*.beans['trigger-io.trigger4j.autoconfigure.TriggerProperties'].properties.secretKey")
			.isEqualTo("******")
			.jsonPath("$.contexts.*.beans['trigger-io.trigger4j.autoconfigure.TriggerProperties'].properties.baseUrl")
			.isEqualTo(api.baseUrl())
			.consumeWith((result) -> assertThat(new String(result.getResponseBody())).doesNotContain(KEY));
	}

}
