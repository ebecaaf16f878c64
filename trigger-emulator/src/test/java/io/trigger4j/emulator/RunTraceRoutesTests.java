package io.trigger4j.emulator;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** A run's trace and events: generated from its attempts, in the server's shapes. */
class RunTraceRoutesTests extends EmulatorTestSupport {

	@Test
	void aRetriedRunHasARootSpanWithOneChildPerAttempt() {
		String id = trigger("flaky", "{\"payload\":{}}");
		this.emulator.advance(Duration.ofSeconds(5));
		assertThat(run(id).get("status").asString()).isEqualTo("COMPLETED");

		Http.Answer answer = this.http.get("/api/v1/runs/" + id + "/trace");
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		JsonNode trace = answer.json().get("trace");
		assertThat(trace.get("traceId").asString()).matches("[0-9a-f]{32}");
		assertThat(trace.get("isTruncated").asBoolean()).isFalse();
		JsonNode root = trace.get("rootSpan");
		assertThat(root.get("id").asString()).matches("[0-9a-f]{16}");
		assertThat(root.has("parentId")).isFalse();
		assertThat(root.get("runId").asString()).isEqualTo(id);
		JsonNode data = root.get("data");
		assertThat(data.get("message").asString()).isEqualTo("flaky");
		assertThat(data.get("startTime").asString()).isEqualTo("2026-11-22T10:00:00.000Z");
		assertThat(data.get("duration").asLong()).isEqualTo(Duration.ofSeconds(5).toNanos());
		assertThat(data.get("isError").asBoolean()).isFalse();
		assertThat(data.get("isPartial").asBoolean()).isFalse();
		assertThat(data.get("isCancelled").asBoolean()).isFalse();
		assertThat(data.get("level").asString()).isEqualTo("TRACE");
		assertThat(data.get("events")).hasSize(1);
		JsonNode attemptFailed = data.get("events").get(0);
		assertThat(attemptFailed.get("name").asString()).isEqualTo("attempt_failed");
		assertThat(attemptFailed.get("properties").get("attemptNumber").asInt()).isEqualTo(1);
		assertThat(attemptFailed.get("properties").get("exception").get("message").asString())
			.isEqualTo("first attempt fails");

		JsonNode children = root.get("children");
		assertThat(children).hasSize(2);
		JsonNode first = children.get(0);
		assertThat(first.get("parentId").asString()).isEqualTo(root.get("id").asString());
		assertThat(first.get("data").get("message").asString()).isEqualTo("Attempt 1");
		assertThat(first.get("data").get("attemptNumber").asInt()).isEqualTo(1);
		assertThat(first.get("data").get("isError").asBoolean()).isTrue();
		assertThat(first.get("data").get("events").get(0).get("name").asString()).isEqualTo("exception");
		assertThat(first.get("data").get("events").get(0).get("properties").get("exception").get("type").asString())
			.isEqualTo("IllegalStateException");
		JsonNode second = children.get(1);
		assertThat(second.get("data").get("message").asString()).isEqualTo("Attempt 2");
		assertThat(second.get("data").get("startTime").asString()).isEqualTo("2026-11-22T10:00:05.000Z");
		assertThat(second.get("data").get("isError").asBoolean()).isFalse();
		assertThat(second.get("data").get("isPartial").asBoolean()).isFalse();
		assertThat(second.get("id").asString()).isNotEqualTo(first.get("id").asString());

		// The same run, the same ids.
		assertThat(this.http.get("/api/v1/runs/" + id + "/trace").json()).isEqualTo(answer.json());
	}

	@Test
	void aRunningAttemptIsPartialAndACancelledRunIsCancelled() {
		String id = trigger("slow", "{\"payload\":{}}");
		this.emulator.advance(Duration.ofSeconds(10));
		JsonNode running = this.http.get("/api/v1/runs/" + id + "/trace").json().get("trace").get("rootSpan");
		assertThat(running.get("data").get("isPartial").asBoolean()).isTrue();
		assertThat(running.get("data").get("duration").asLong()).isZero();
		assertThat(running.get("children").get(0).get("data").get("isPartial").asBoolean()).isTrue();

		assertThat(this.http.post("/api/v2/runs/" + id + "/cancel", "{}").status()).isEqualTo(200);
		JsonNode cancelled = this.http.get("/api/v1/runs/" + id + "/trace").json().get("trace").get("rootSpan");
		assertThat(cancelled.get("data").get("isCancelled").asBoolean()).isTrue();
		assertThat(cancelled.get("data").get("isPartial").asBoolean()).isFalse();
		assertThat(cancelled.get("data").get("duration").asLong()).isEqualTo(Duration.ofSeconds(10).toNanos());
		assertThat(cancelled.get("data").get("events").get(0).get("name").asString()).isEqualTo("cancellation");
		assertThat(cancelled.get("data").get("events").get(0).get("properties").get("reason").asString())
			.isEqualTo("Canceled by user");
		JsonNode attempt = cancelled.get("children").get(0).get("data");
		assertThat(attempt.get("isCancelled").asBoolean()).isTrue();
		assertThat(attempt.get("isPartial").asBoolean()).isFalse();
	}

	@Test
	void eventsAreTheRunsSpansFlatWithNanosecondStartTimes() {
		String id = trigger("broken", "{\"payload\":{}}");
		this.emulator.advance(Duration.ofSeconds(1));
		assertThat(run(id).get("status").asString()).isEqualTo("FAILED");

		Http.Answer answer = this.http.get("/api/v1/runs/" + id + "/events");
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		JsonNode events = answer.json().get("events");
		assertThat(events).hasSize(3);
		JsonNode root = events.get(0);
		assertThat(root.get("parentId").isNull()).isTrue();
		assertThat(root.get("attemptNumber").isNull()).isTrue();
		assertThat(root.get("runId").asString()).isEqualTo(id);
		assertThat(root.get("message").asString()).isEqualTo("broken");
		assertThat(root.get("startTime").asString())
			.isEqualTo(Long.toString(Instant.parse("2026-11-22T10:00:00Z").getEpochSecond() * 1_000_000_000L));
		assertThat(root.get("kind").asString()).isEqualTo("UNSPECIFIED");
		assertThat(root.get("style").get("icon").asString()).isEqualTo("task");
		assertThat(root.get("isError").asBoolean()).isTrue();
		assertThat(root.get("events").findValuesAsString("name")).contains("attempt_failed", "exception");
		for (int attempt = 1; attempt <= 2; attempt++) {
			JsonNode event = events.get(attempt);
			assertThat(event.get("spanId").asString()).isNotEqualTo(root.get("spanId").asString());
			assertThat(event.get("parentId").asString()).isEqualTo(root.get("spanId").asString());
			assertThat(event.get("message").asString()).isEqualTo("Attempt " + attempt);
			assertThat(event.get("attemptNumber").asInt()).isEqualTo(attempt);
			assertThat(event.get("isError").asBoolean()).isTrue();
			assertThat(event.get("events").get(0).get("properties").get("exception").get("message").asString())
				.isEqualTo("always fails");
		}
	}

	@Test
	void anUnknownRunIsNotFoundAndRetriableAndASecretKeyIsRequired() {
		for (String route : new String[] { "trace", "events" }) {
			Http.Answer missing = this.http.get("/api/v1/runs/run_doesnotexist/" + route);
			assertThat(missing.status()).isEqualTo(404);
			assertThat(missing.body()).isEqualTo("{\"error\":\"Not found\"}");
			assertThat(missing.header("x-should-retry")).isEqualTo("true");

			String id = trigger("hello-world", "{\"payload\":{\"name\":\"x\"}}");
			Http.Answer pat = Http.send(java.net.http.HttpRequest
				.newBuilder(java.net.URI.create(this.emulator.baseUrl() + "/api/v1/runs/" + id + "/" + route))
				.header("Authorization", "Bearer tr_pat_" + "a".repeat(40)));
			assertThat(pat.status()).isEqualTo(401);
			assertThat(pat.body()).isEqualTo("{\"error\":\"Invalid API key\"}");
		}
	}

}
