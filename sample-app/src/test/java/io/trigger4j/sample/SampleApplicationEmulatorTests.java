package io.trigger4j.sample;

import io.trigger4j.emulator.TriggerEmulator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app as a fresh clone runs it: no secret key, and dev mode
 * ({@code trigger.emulator.enabled: true} in its application.yml), so the embedded
 * emulator serves the API with the demo tasks.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class SampleApplicationEmulatorTests {

	@Autowired
	WebTestClient web;

	@Autowired
	TriggerEmulator emulator;

	private final JsonMapper json = JsonMapper.builder().build();

	private JsonNode get(String uri) {
		return this.json.readTree(
				this.web.get().uri(uri).exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody());
	}

	private String trigger(String task, String payload) {
		return this.json
			.readTree(this.web.post()
				.uri("/tasks/" + task + "/trigger")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(payload)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.returnResult()
				.getResponseBody())
			.get("id")
			.asString();
	}

	@Test
	void theEmbeddedEmulatorServesTheApiWithDemoTasks() {
		assertThat(this.emulator.baseUrl()).startsWith("http://127.0.0.1:");
		String hello = trigger("hello-world", "{\"name\":\"Ada\"}");
		String slow = trigger("slow-report", "{}");

		JsonNode done = get("/runs/" + hello);
		assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(done.get("output").get("greeting").asString()).isEqualTo("Hello, Ada!");
		assertThat(get("/runs/" + slow).get("status").asString()).isEqualTo("EXECUTING");

		String ndjson = new String(this.web.get()
			.uri("/runs")
			.accept(MediaType.APPLICATION_NDJSON)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody());
		// One JSON run per line; other tests of this context may have added runs of their
		// own.
		assertThat(ndjson.lines().map((line) -> this.json.readTree(line).get("id").asString())).contains(hello, slow);
		String slowOnly = new String(this.web.get()
			.uri("/runs?task=slow-report")
			.accept(MediaType.APPLICATION_NDJSON)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody());
		assertThat(slowOnly.lines()).singleElement()
			.satisfies((line) -> assertThat(line).contains(slow).contains("EXECUTING"));
	}

	@Test
	void waitingForAFinishedRunAnswersAtOnce() {
		// awaitCompletion's polling is tested in virtual time in trigger-client; here,
		// the endpoint's wiring.
		String hello = trigger("hello-world", "{\"name\":\"Grace\"}");

		JsonNode finished = get("/runs/" + hello + "?wait=true");

		assertThat(finished.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(finished.get("output").get("greeting").asString()).isEqualTo("Hello, Grace!");
	}

	@Test
	void healthIsUpAndTheTimerIsRecorded() {
		trigger("hello-world", "{}");

		assertThat(get("/actuator/health").get("components").get("trigger").get("status").asString()).isEqualTo("UP");
		JsonNode timer = get("/actuator/metrics/trigger.client.requests?tag=operation:tasks.trigger");
		assertThat(timer.get("measurements").get(0).get("value").asDouble()).isGreaterThanOrEqualTo(1.0);
	}

}
