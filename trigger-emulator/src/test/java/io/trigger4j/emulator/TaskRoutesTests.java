package io.trigger4j.emulator;

import java.net.http.HttpRequest;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Triggers and batches: the routes under /api/v1/tasks. */
class TaskRoutesTests extends EmulatorTestSupport {

	@Test
	void theContractsCurlTriggerExampleRunsToCompletion() {
		Http.Answer answer = this.http.post("/api/v1/tasks/hello-world/trigger", """
				{
				  "payload": { "name": "Ada" },
				  "context": { "user": "user123" },
				  "options": {
				    "queue": { "name": "default", "concurrencyLimit": 5 },
				    "concurrencyKey": "user123-task",
				    "idempotencyKey": "unique-key-123"
				  }
				}""");

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.header("Content-Type")).startsWith("application/json");
		assertThat(answer.header("x-trigger-jwt")).startsWith("eyJ");
		JsonNode triggered = answer.json();
		assertThat(triggered.get("id").asString()).matches("run_[0-9a-v]{24}e1");
		assertThat(triggered.get("isCached").asBoolean()).isFalse();
		JsonNode run = run(triggered.get("id").asString());
		assertThat(run.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(run.get("output").get("greeting").asString()).isEqualTo("Hello, Ada!");
		assertThat(run.get("payload").get("name").asString()).isEqualTo("Ada");
		assertThat(run.get("idempotencyKey").asString()).isEqualTo("unique-key-123");
		assertThat(run.get("isCompleted").asBoolean()).isTrue();
		assertThat(run.get("attemptCount").asInt()).isEqualTo(1);
		assertThat(run.get("ttl").asString()).isEqualTo("10m");
		assertThat(run.get("createdAt").asString()).isEqualTo("2026-11-22T10:00:00.000Z");
	}

	@Test
	void idempotencyKeysReturnTheLiveRunAndAreReleasedByAFailure() {
		String body = "{\"payload\":{},\"options\":{\"idempotencyKey\":\"order-1\"}}";
		String first = trigger("slow", body);
		Http.Answer again = this.http.post("/api/v1/tasks/slow/trigger", body);
		assertThat(again.json().get("id").asString()).isEqualTo(first);
		assertThat(again.json().get("isCached").asBoolean()).isTrue();

		String failing = trigger("broken", "{\"payload\":{},\"options\":{\"idempotencyKey\":\"order-1\"}}");
		assertThat(failing).isNotEqualTo(first);
		this.emulator.advance(Duration.ofSeconds(2));
		assertThat(run(failing).get("status").asString()).isEqualTo("FAILED");
		String retriggered = trigger("broken", "{\"payload\":{},\"options\":{\"idempotencyKey\":\"order-1\"}}");
		assertThat(retriggered).isNotEqualTo(failing);
	}

	@Test
	void theIdempotencyKeyHeaderWinsAndItsTtlIsKept() {
		HttpRequest.Builder request = this.http.request("/api/v1/tasks/slow/trigger")
			.header("idempotency-key", "header-key")
			.header("idempotency-key-ttl", "1m")
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"payload\":{},\"options\":{\"idempotencyKey\":\"body-key\"}}"));
		String first = Http.send(request).json().get("id").asString();
		assertThat(run(first).get("idempotencyKey").asString()).isEqualTo("header-key");

		this.emulator.advance(Duration.ofSeconds(61));
		String afterTtl = Http.send(request).json().get("id").asString();
		assertThat(afterTtl).isNotEqualTo(first);
	}

	@Test
	void aRepeatedRequestIdempotencyKeyReplaysTheFirstAnswer() {
		HttpRequest.Builder request = this.http.request("/api/v1/tasks/slow/trigger")
			.header("x-trigger-request-idempotency-key", "2f1c1d0e-8f8b-4b1e-9a57-1f0f2d3c4b5a")
			.POST(HttpRequest.BodyPublishers.ofString("{\"payload\":{}}"));
		JsonNode first = Http.send(request).json();
		JsonNode second = Http.send(request).json();

		assertThat(second.get("id")).isEqualTo(first.get("id"));
		assertThat(second.get("isCached").asBoolean()).isFalse();
	}

	@Test
	void batchesHaveTheServersLimitsAndShapes() {
		Http.Answer v1 = this.http.post("/api/v1/tasks/hello-world/batch", """
				{"items":[{"payload":{"name":"a"}},{"payload":{"name":"b"}}]}""");
		assertThat(v1.status()).isEqualTo(200);
		assertThat(v1.json().get("batchId").asString()).startsWith("batch_");
		assertThat(v1.json().get("runs")).hasSize(2);

		StringBuilder many = new StringBuilder();
		for (int i = 0; i < 101; i++) {
			many.append(i == 0 ? "" : ",").append("{\"payload\":{}}");
		}
		Http.Answer tooMany = this.http.post("/api/v1/tasks/hello-world/batch", "{\"items\":[" + many + "]}");
		assertThat(tooMany.status()).isEqualTo(400);
		assertThat(tooMany.json().get("error").asString())
			.isEqualTo("Too many items. Maximum allowed batch size is 100.");
		assertThat(this.http.post("/api/v1/tasks/hello-world/batch", "{\"items\":[]}").json().get("error").asString())
			.isEqualTo("No items to trigger");

		Http.Answer v2 = this.http.post("/api/v1/tasks/batch",
				"""
						{"items":[{"task":"hello-world","payload":{"name":"c"},"options":{"idempotencyKey":"i1"}},{"task":"slow","payload":{}}]}""");
		assertThat(v2.status()).isEqualTo(202);
		JsonNode body = v2.json();
		assertThat(body.get("id").asString()).startsWith("batch_");
		assertThat(body.get("isCached").asBoolean()).isFalse();
		assertThat(body.get("runs").get(0).get("taskIdentifier").asString()).isEqualTo("hello-world");
		assertThat(body.get("runs").get(0).get("idempotencyKey").asString()).isEqualTo("i1");
		assertThat(this.http.post("/api/v1/tasks/batch", "{\"items\":[]}").json().get("error").asString())
			.isEqualTo("Batch cannot be triggered with no items");
	}

	@Test
	void aBatchIdempotencyKeyReturnsTheSameBatchMarkedCached() {
		HttpRequest.Builder request = this.http.request("/api/v1/tasks/batch")
			.header("idempotency-key", "nightly")
			.POST(HttpRequest.BodyPublishers.ofString("{\"items\":[{\"task\":\"slow\",\"payload\":{}}]}"));
		JsonNode first = Http.send(request).json();
		JsonNode second = Http.send(request).json();

		assertThat(second.get("id")).isEqualTo(first.get("id"));
		assertThat(second.get("isCached").asBoolean()).isTrue();
		assertThat(second.get("runs").get(0).get("isCached").asBoolean()).isTrue();
	}

	@Test
	void aSuperJsonPayloadFromTheOfficialSdkIsDecodedForRetrieveAndTheTask() {
		// What @trigger.dev/sdk sends for tasks.trigger("hello-world", {name: "Ada", at:
		// new Date(...)}).
		String id = trigger("hello-world",
				"""
						{"payload":"{\\"json\\":{\\"name\\":\\"Ada\\",\\"at\\":\\"2026-11-22T09:00:00.000Z\\"},\\"meta\\":{\\"values\\":{\\"at\\":[\\"Date\\"]}}}",
						 "options":{"payloadType":"application/super+json","payloadSize":82}}""");

		JsonNode run = run(id);
		assertThat(run.get("payload").get("name").asString()).isEqualTo("Ada");
		assertThat(run.get("payload").get("at").asString()).isEqualTo("2026-11-22T09:00:00.000Z");
		assertThat(run.get("output").get("greeting").asString()).isEqualTo("Hello, Ada!");
	}

	@Test
	void aTextPayloadStaysAStringAndANonStringOfAnotherTypeIsDropped() {
		String text = trigger("slow", "{\"payload\":\"plain words\",\"options\":{\"payloadType\":\"text/plain\"}}");
		assertThat(run(text).get("payload").asString()).isEqualTo("plain words");

		String dropped = trigger("slow", "{\"payload\":{\"a\":1},\"options\":{\"payloadType\":\"text/plain\"}}");
		assertThat(run(dropped).has("payload")).isFalse();
	}

}
