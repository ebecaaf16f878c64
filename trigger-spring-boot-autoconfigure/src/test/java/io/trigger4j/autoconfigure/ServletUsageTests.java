package io.trigger4j.autoconfigure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.trigger4j.client.TriggerOperations;
import io.trigger4j.client.model.runs.Run;
import io.trigger4j.client.model.tasks.TriggerOptions;
import io.trigger4j.client.model.tasks.TriggeredRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.WebApplicationContext;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Spring MVC (servlet) application uses the client from its controllers by blocking, as
 * the README shows: the controller below is the README's example. Virtual threads are
 * switched on (they apply on JDK 21 and later, and are ignored on 17).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet", "spring.threads.virtual.enabled=true" })
class ServletUsageTests {

	static final String KEY = TriggerAutoConfigurationTests.KEY;

	static final WireMockServer api = new WireMockServer(wireMockConfig().dynamicPort());

	static {
		api.start();
		api.stubFor(post("/api/v1/tasks/send-welcome-email/trigger")
			.willReturn(okJson("{\"id\":\"run_1\",\"isCached\":false}")));
		api.stubFor(get("/api/v3/runs/run_1").willReturn(okJson(TriggerAutoConfigurationTests.RUN_JSON)));
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

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Test
	void aControllerTriggersAndReadsRunsByBlocking() throws Exception {
		assertThat(this.context).isInstanceOf(WebApplicationContext.class);
		HttpClient http = HttpClient.newHttpClient();

		HttpResponse<String> triggered = http.send(HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/signups?userId=u1&email=u1%40example.com"))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
		HttpResponse<String> status = http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/runs/run_1")).build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(triggered.statusCode()).isEqualTo(200);
		assertThat(triggered.body()).isEqualTo("run_1");
		assertThat(status.statusCode()).isEqualTo(200);
		assertThat(status.body()).isEqualTo("QUEUED");
		api.verify(postRequestedFor(urlPathEqualTo("/api/v1/tasks/send-welcome-email/trigger"))
			.withHeader("Authorization", equalTo("Bearer " + KEY))
			.withRequestBody(equalToJson(
					"{\"payload\":{\"email\":\"u1@example.com\"},\"options\":{\"idempotencyKeyOptions\":{\"key\":\"welcome-u1\"}}}",
					false, true)));
	}

	record Welcome(String email) {
	}

	@RestController
	static class SignupController {

		private final TriggerOperations trigger;

		SignupController(TriggerOperations trigger) {
			this.trigger = trigger;
		}

		@PostMapping("/signups")
		String signUp(@RequestParam String userId, @RequestParam String email) {
			TriggeredRun run = this.trigger.tasks()
				.trigger("send-welcome-email", new Welcome(email),
						TriggerOptions.builder().idempotencyKey("welcome-" + userId).build())
				.block();
			return run.id();
		}

		@GetMapping("/runs/{runId}")
		String status(@PathVariable String runId) {
			Run run = this.trigger.runs().retrieve(runId).block();
			return run.status().value();
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(SignupController.class)
	static class App {

	}

}
