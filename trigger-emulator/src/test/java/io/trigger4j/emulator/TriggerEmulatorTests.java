package io.trigger4j.emulator;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.adapter.JdkFlowAdapter;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The emulator, driven with plain HTTP requests built from the contract's examples. */
class TriggerEmulatorTests {

	private final ManualClock clock = new ManualClock(Instant.parse("2026-11-22T10:00:00Z"));

	private final TriggerEmulator emulator = TriggerEmulator.builder()
		.clock(this.clock)
		.task("hello-world", (run) -> Map.of("greeting", "Hello, " + run.payloadAsMap().get("name") + "!"))
		.task(EmulatedTask.of("slow", (run) -> "done").withDuration(Duration.ofSeconds(30)))
		.task(EmulatedTask.of("flaky", (run) -> {
			if (run.attempt() == 1) {
				throw new IllegalStateException("first attempt fails");
			}
			return Map.of("attempt", run.attempt());
		}).withRetryDelay(Duration.ofSeconds(5)))
		.task(EmulatedTask.of("one-at-a-time", (run) -> "ok")
			.withDuration(Duration.ofMinutes(1))
			.withConcurrencyLimit(1))
		.task(EmulatedTask.of("broken", (run) -> {
			throw new IllegalArgumentException("always fails");
		}).withMaxAttempts(2))
		.start();

	private final Http http = new Http(this.emulator);

	@AfterEach
	void stop() {
		this.emulator.stop();
	}

	private String trigger(String task, String body) {
		Http.Answer answer = this.http.post("/api/v1/tasks/" + task + "/trigger", body);
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		return answer.json().get("id").asString();
	}

	private JsonNode run(String id) {
		return this.http.get("/api/v3/runs/" + id).json();
	}

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
	void runsMoveThroughDelayedQueuedExecutingCompleted() {
		String id = trigger("slow", "{\"payload\":{},\"options\":{\"delay\":\"1m\"}}");
		assertThat(run(id).get("status").asString()).isEqualTo("DELAYED");
		assertThat(run(id).get("delayedUntil").asString()).isEqualTo("2026-11-22T10:01:00.000Z");

		this.emulator.advance(Duration.ofMinutes(1));
		assertThat(run(id).get("status").asString()).isEqualTo("EXECUTING");
		assertThat(run(id).get("startedAt").asString()).isEqualTo("2026-11-22T10:01:00.000Z");

		this.emulator.advance(Duration.ofSeconds(30));
		JsonNode done = run(id);
		assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(done.get("finishedAt").asString()).isEqualTo("2026-11-22T10:01:30.000Z");
		assertThat(done.get("durationMs").asLong()).isEqualTo(30_000);
	}

	@Test
	void aFailedAttemptIsRetriedAndLegacyNamesAreShownWithoutTheVersionHeader() {
		String id = trigger("flaky", "{\"payload\":{}}");
		assertThat(run(id).get("status").asString()).isEqualTo("EXECUTING");
		assertThat(this.http.getLegacy("/api/v3/runs/" + id).json().get("status").asString()).isEqualTo("REATTEMPTING");

		this.emulator.advance(Duration.ofSeconds(5));
		JsonNode done = run(id);
		assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(done.get("attemptCount").asInt()).isEqualTo(2);
		assertThat(done.get("output").get("attempt").asInt()).isEqualTo(2);
	}

	@Test
	void runsBeyondTheConcurrencyLimitWaitQueuedAndExpireWhenTheirTtlPasses() {
		String first = trigger("one-at-a-time", "{\"payload\":{}}");
		String second = trigger("one-at-a-time", "{\"payload\":{},\"options\":{\"ttl\":\"5m\"}}");
		String third = trigger("one-at-a-time", "{\"payload\":{},\"options\":{\"ttl\":\"90s\"}}");
		assertThat(run(first).get("status").asString()).isEqualTo("EXECUTING");
		assertThat(run(second).get("status").asString()).isEqualTo("QUEUED");
		assertThat(run(second).get("isQueued").asBoolean()).isTrue();

		this.emulator.advance(Duration.ofMinutes(1));
		assertThat(run(first).get("status").asString()).isEqualTo("COMPLETED");
		JsonNode started = run(second);
		assertThat(started.get("status").asString()).isEqualTo("EXECUTING");
		assertThat(started.get("startedAt").asString()).isEqualTo("2026-11-22T10:01:00.000Z");
		assertThat(run(third).get("status").asString()).isEqualTo("QUEUED");

		this.emulator.advance(Duration.ofMinutes(1));
		assertThat(run(second).get("status").asString()).isEqualTo("COMPLETED");
		JsonNode expired = run(third);
		assertThat(expired.get("status").asString()).isEqualTo("EXPIRED");
		assertThat(expired.get("expiredAt").asString()).isEqualTo("2026-11-22T10:01:30.000Z");
	}

	@Test
	void aLateTickStartsQueuedRunsWhenTheirSlotFreedNotWhenTheTickCame() {
		String first = trigger("one-at-a-time", "{\"payload\":{}}");
		String second = trigger("one-at-a-time", "{\"payload\":{},\"options\":{\"ttl\":\"1h\"}}");

		this.emulator.advance(Duration.ofMinutes(10));

		assertThat(run(first).get("finishedAt").asString()).isEqualTo("2026-11-22T10:01:00.000Z");
		assertThat(run(second).get("startedAt").asString()).isEqualTo("2026-11-22T10:01:00.000Z");
		assertThat(run(second).get("finishedAt").asString()).isEqualTo("2026-11-22T10:02:00.000Z");
	}

	@Test
	void aRunFailsWhenItsAttemptsRunOut() {
		String id = trigger("broken", "{\"payload\":{}}");
		this.emulator.advance(Duration.ofSeconds(1));

		JsonNode failed = run(id);
		assertThat(failed.get("status").asString()).isEqualTo("FAILED");
		assertThat(failed.get("error").get("message").asString()).isEqualTo("always fails");
		assertThat(failed.get("isFailed").asBoolean()).isTrue();
		assertThat(failed.has("output")).isFalse();
	}

	@Test
	void anUndeclaredTaskWaitsForADeployThenExpiresAfterItsTtl() {
		String id = trigger("not-deployed", "{\"payload\":{},\"options\":{\"ttl\":\"5m\"}}");
		assertThat(run(id).get("status").asString()).isEqualTo("PENDING_VERSION");

		this.emulator.advance(Duration.ofMinutes(5));
		JsonNode expired = run(id);
		assertThat(expired.get("status").asString()).isEqualTo("EXPIRED");
		assertThat(expired.get("expiredAt").asString()).isEqualTo("2026-11-22T10:05:00.000Z");
		// The server's quirk: EXPIRED is final but not "completed".
		assertThat(expired.get("isCompleted").asBoolean()).isFalse();
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
	void tagLimitsAnswerAsTheServerDoes() {
		StringBuilder eleven = new StringBuilder();
		for (int i = 0; i < 11; i++) {
			eleven.append(i == 0 ? "" : ",").append("\"t").append(i).append('"');
		}
		Http.Answer tooMany = this.http.post("/api/v1/tasks/slow/trigger",
				"{\"payload\":{},\"options\":{\"tags\":[" + eleven + "]}}");
		assertThat(tooMany.status()).isEqualTo(422);
		assertThat(tooMany.json().get("error").asString())
			.isEqualTo("Runs can only have 10 tags, you're trying to set 11.");

		Http.Answer tooLong = this.http.post("/api/v1/tasks/slow/trigger",
				"{\"payload\":{},\"options\":{\"tags\":[\"" + "x".repeat(129) + "\"]}}");
		assertThat(tooLong.status()).isEqualTo(400);
		assertThat(tooLong.json().get("error").asString()).startsWith("Validation error: ");

		String id = trigger("slow", "{\"payload\":{},\"options\":{\"tags\":\"a\"}}");
		assertThat(this.http.post("/api/v1/runs/" + id + "/tags", "{\"tags\":[\"a\",\"b\",\"c\"]}")
			.json()
			.get("message")
			.asString()).isEqualTo("Successfully set 2 new tags.");
		assertThat(
				this.http.post("/api/v1/runs/" + id + "/tags", "{\"tags\":[\"a\"]}").json().get("message").asString())
			.isEqualTo("No new tags to add");
		Http.Answer overflow = this.http.post("/api/v1/runs/" + id + "/tags",
				"{\"tags\":[\"d\",\"e\",\"f\",\"g\",\"h\",\"i\",\"j\",\"k\",\"l\"]}");
		assertThat(overflow.status()).isEqualTo(422);
		assertThat(overflow.json().get("error").asString())
			.isEqualTo("Runs can only have 10 tags, you're trying to set 12. These tags have not been set: 'k', 'l'.");
		assertThat(run(id).get("tags")).hasSize(3);
	}

	@Test
	void metadataIsReplacedLimitedAndFrozenAnHourAfterTheRunFinished() {
		String id = trigger("hello-world", "{\"payload\":{\"name\":\"x\"},\"options\":{\"metadata\":{\"step\":1}}}");
		assertThat(run(id).get("metadata").get("step").asInt()).isEqualTo(1);

		Http.Answer updated = this.http.put("/api/v1/runs/" + id + "/metadata", "{\"metadata\":{\"step\":2}}");
		assertThat(updated.status()).isEqualTo(200);
		assertThat(updated.json().get("metadata").get("step").asInt()).isEqualTo(2);

		Http.Answer tooBig = this.http.put("/api/v1/runs/" + id + "/metadata",
				"{\"metadata\":{\"big\":\"" + "x".repeat(262_144) + "\"}}");
		assertThat(tooBig.status()).isEqualTo(413);
		assertThat(tooBig.json().get("error").asString()).isEqualTo("Metadata exceeds maximum size of 262144 bytes");

		this.emulator.advance(Duration.ofMinutes(61));
		Http.Answer late = this.http.put("/api/v1/runs/" + id + "/metadata", "{\"metadata\":{\"step\":3}}");
		assertThat(late.status()).isEqualTo(422);
		assertThat(late.json().get("error").asString()).isEqualTo("Cannot update metadata for a completed run");
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
	void theListPagesWithOpaqueCursorsNewestFirst() {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			ids.add(0, trigger("slow", "{\"payload\":{}}"));
			this.clock.advance(Duration.ofMillis(1));
		}
		JsonNode first = this.http.get("/api/v1/runs").json();
		assertThat(first.get("data")).hasSize(25);
		assertThat(first.get("data").get(0).get("id").asString()).isEqualTo(ids.get(0));
		assertThat(first.get("data").get(0).get("env").get("name").asString()).isEqualTo("dev");
		assertThat(first.get("pagination").has("previous")).isFalse();

		List<String> walked = new ArrayList<>();
		String cursor = null;
		do {
			JsonNode page = this.http
				.get("/api/v1/runs?page%5Bsize%5D=7" + ((cursor != null) ? "&page%5Bafter%5D=" + cursor : ""))
				.json();
			page.get("data").forEach((run) -> walked.add(run.get("id").asString()));
			cursor = page.get("pagination").has("next") ? page.get("pagination").get("next").asString() : null;
			assertThat(cursor).satisfiesAnyOf((c) -> assertThat(c).isNull(),
					(c) -> assertThat(c).doesNotStartWith("run_"));
		}
		while (cursor != null);
		assertThat(walked).isEqualTo(ids);

		JsonNode second = this.http
			.get("/api/v1/runs?page%5Bsize%5D=10&page%5Bafter%5D="
					+ this.http.get("/api/v1/runs?page%5Bsize%5D=10").json().get("pagination").get("next").asString())
			.json();
		String previous = second.get("pagination").get("previous").asString();
		JsonNode back = this.http.get("/api/v1/runs?page%5Bsize%5D=10&page%5Bbefore%5D=" + previous).json();
		assertThat(back.get("data").get(0).get("id").asString()).isEqualTo(ids.get(0));
		assertThat(back.get("data")).hasSize(10);
	}

	@Test
	void listValidationAndFiltersBehaveAsTheServers() {
		Http.Answer tooBig = this.http.get("/api/v1/runs?page%5Bsize%5D=101");
		assertThat(tooBig.status()).isEqualTo(400);
		assertThat(tooBig.json().get("error").asString()).isEqualTo("Query Error");
		assertThat(tooBig.json().get("details").get(0).get("code").asString()).isEqualTo("too_big");
		assertThat(tooBig.json().get("details").get(0).get("path").get(0).asString()).isEqualTo("page[size]");
		assertThat(this.http.get("/api/v1/runs?page%5Bsize%5D=0").status()).isEqualTo(400);
		Http.Answer badStatus = this.http.get("/api/v1/runs?filter%5Bstatus%5D=COMPLETED,FOO");
		assertThat(badStatus.json().get("details").get(0).get("message").asString())
			.isEqualTo("Invalid status values: FOO");

		String done = trigger("hello-world", "{\"payload\":{\"name\":\"x\"},\"options\":{\"tags\":[\"vip\"]}}");
		String running = trigger("slow", "{\"payload\":{}}");
		assertThat(ids("/api/v1/runs?filter%5Bstatus%5D=COMPLETED")).containsExactly(done);
		assertThat(ids("/api/v1/runs?filter%5Bstatus%5D=EXECUTING,COMPLETED")).containsExactly(running, done);
		assertThat(ids("/api/v1/runs?filter%5BtaskIdentifier%5D=slow")).containsExactly(running);
		assertThat(ids("/api/v1/runs?filter%5Btag%5D=vip,other")).containsExactly(done);
		assertThat(ids("/api/v1/runs?filter%5BisTest%5D=true")).isEmpty();

		// The default window is the last 7 days.
		this.emulator.advance(Duration.ofDays(8));
		assertThat(ids("/api/v1/runs")).isEmpty();
		assertThat(ids("/api/v1/runs?filter%5BcreatedAt%5D%5Bperiod%5D=30d")).hasSize(2);
		assertThat(ids("/api/v1/runs?filter%5BcreatedAt%5D%5Bfrom%5D=2026-11-22T00:00:00Z")).hasSize(2);
	}

	private List<String> ids(String path) {
		Http.Answer answer = this.http.get(path);
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		List<String> ids = new ArrayList<>();
		answer.json().get("data").forEach((run) -> ids.add(run.get("id").asString()));
		return ids;
	}

	@Test
	void cancelReplayRescheduleAndResult() {
		String slow = trigger("slow", "{\"payload\":{\"n\":1}}");
		assertThat(this.http.post("/api/v2/runs/" + slow + "/cancel", "{}").json().get("id").asString())
			.isEqualTo(slow);
		assertThat(run(slow).get("status").asString()).isEqualTo("CANCELED");
		// Cancelling a finished run is a no-op.
		assertThat(this.http.post("/api/v2/runs/" + slow + "/cancel", "{}").status()).isEqualTo(200);
		assertThat(this.http.get("/api/v1/runs/" + slow + "/result").json().get("error").get("code").asString())
			.isEqualTo("TASK_RUN_CANCELLED");

		String replayed = this.http.post("/api/v1/runs/" + slow + "/replay", "{}").json().get("id").asString();
		assertThat(replayed).isNotEqualTo(slow);
		assertThat(run(replayed).get("payload").get("n").asInt()).isEqualTo(1);

		assertThat(this.http.post("/api/v1/runs/" + replayed + "/reschedule", "{\"delay\":\"1h\"}")
			.json()
			.get("error")
			.asString()).isEqualTo("Cannot reschedule a run that is not delayed");
		String delayed = trigger("slow", "{\"payload\":{},\"options\":{\"delay\":\"1h\"}}");
		Http.Answer rescheduled = this.http.post("/api/v1/runs/" + delayed + "/reschedule", "{\"delay\":\"2h\"}");
		assertThat(rescheduled.status()).isEqualTo(200);
		assertThat(rescheduled.json().get("delayedUntil").asString()).isEqualTo("2026-11-22T12:00:00.000Z");
		assertThat(this.http.post("/api/v1/runs/" + delayed + "/reschedule", "{\"delay\":\"soon\"}")
			.json()
			.get("error")
			.asString()).isEqualTo("Invalid delay: soon");

		String completed = trigger("hello-world", "{\"payload\":{\"name\":\"x\"}}");
		Http.Answer result = this.http.get("/api/v1/runs/" + completed + "/result");
		assertThat(result.status()).isEqualTo(404);
		assertThat(result.json().get("error").asString()).isEqualTo("Run either doesn't exist or is not finished");
	}

	@Test
	void unknownRunsAnswer404AsTheServerDoes() {
		Http.Answer retrieve = this.http.get("/api/v3/runs/run_unknown");
		assertThat(retrieve.status()).isEqualTo(404);
		assertThat(retrieve.json().get("error").asString()).isEqualTo("Not found");
		assertThat(retrieve.header("x-should-retry")).isEqualTo("true");
		assertThat(this.http.post("/api/v2/runs/run_unknown/cancel", "{}").json().get("error").asString())
			.isEqualTo("Resource not found");
	}

	@Test
	void authenticationFailuresAnswerAsTheServerDoes() {
		Http.Answer none = Http
			.send(HttpRequest.newBuilder(URI.create(this.emulator.baseUrl() + "/api/v1/runs")).GET());
		assertThat(none.status()).isEqualTo(401);
		assertThat(none.header("Content-Type")).startsWith("application/problem+json");
		assertThat(none.json().get("detail").asString()).isEqualTo("No authorization header provided");
		assertThat(none.json().get("error").asString()).isEqualTo("No authorization header provided");

		Http.Answer wrong = Http.send(HttpRequest.newBuilder(URI.create(this.emulator.baseUrl() + "/api/v1/runs"))
			.header("Authorization", "Bearer tr_pat_abc")
			.GET());
		assertThat(wrong.status()).isEqualTo(401);
		assertThat(wrong.json().get("error").asString()).isEqualTo("Invalid API key");

		Http.Answer legacy = Http
			.send(HttpRequest.newBuilder(URI.create(this.emulator.baseUrl() + "/api/v1/runs/run_1/result"))
				.header("Authorization", "Bearer pk_dev_abc")
				.GET());
		assertThat(legacy.json().get("error").asString()).isEqualTo("Invalid or Missing API Key");
	}

	@Test
	void theTimezonesRouteIsOpenWithoutAuthentication() {
		Http.Answer all = Http
			.send(HttpRequest.newBuilder(URI.create(this.emulator.baseUrl() + "/api/v1/timezones")).GET());
		assertThat(all.status()).isEqualTo(200);
		assertThat(all.json().get("timezones").get(0).asString()).isEqualTo("UTC");
		assertThat(all.json().get("timezones").toString()).contains("\"Europe/Berlin\"", "\"America/New_York\"");

		Http.Answer noUtc = Http
			.send(HttpRequest.newBuilder(URI.create(this.emulator.baseUrl() + "/api/v1/timezones?excludeUtc=true"))
				.GET());
		assertThat(noUtc.json().get("timezones").toString()).doesNotContain("\"UTC\"");
	}

	@Test
	void aBodyWithoutContentLengthIsRefusedWith413() {
		Flow.Publisher<ByteBuffer> chunked = JdkFlowAdapter
			.publisherToFlowPublisher(Flux.just(ByteBuffer.wrap("{\"payload\":{}}".getBytes())));
		Http.Answer answer = Http.send(this.http.request("/api/v1/tasks/slow/trigger")
			.POST(HttpRequest.BodyPublishers.fromPublisher(chunked)));

		assertThat(answer.status()).isEqualTo(413);
		assertThat(answer.json().get("error").asString()).isEqualTo("Request body too large");
	}

	@Test
	void theRateLimiterCountsRefillsAndAnswersWithProblemJson() {
		try (TriggerEmulator limited = TriggerEmulator.builder()
			.clock(this.clock)
			.rateLimit(2, 1, Duration.ofSeconds(10))
			.start()) {
			Http limitedHttp = new Http(limited);
			Http.Answer first = limitedHttp.get("/api/v1/runs");
			assertThat(first.header("x-ratelimit-limit")).isEqualTo("2");
			assertThat(first.header("x-ratelimit-remaining")).isEqualTo("1");
			limitedHttp.get("/api/v1/runs");
			Http.Answer limitedAnswer = limitedHttp.get("/api/v1/runs");
			assertThat(limitedAnswer.status()).isEqualTo(429);
			assertThat(limitedAnswer.header("Content-Type")).startsWith("application/problem+json");
			assertThat(limitedAnswer.header("x-ratelimit-reset"))
				.isEqualTo(Long.toString(Instant.parse("2026-11-22T10:00:10Z").toEpochMilli()));
			assertThat(limitedAnswer.json().get("title").asString()).isEqualTo("Rate Limit Exceeded");
			assertThat(limitedAnswer.json().get("secondsUntilReset").asDouble()).isEqualTo(10.0);

			this.clock.advance(Duration.ofSeconds(10));
			assertThat(limitedHttp.get("/api/v1/runs").status()).isEqualTo(200);
		}
	}

	@Test
	void injectedFaultsApplyToTheNextRequestsOnly() {
		this.emulator.inject(Fault.status(503).times(2).onPath("/api/v3/runs"));
		assertThat(this.http.get("/api/v3/runs/run_x").status()).isEqualTo(503);
		assertThat(this.http.get("/api/v1/runs").status()).isEqualTo(200);
		assertThat(this.http.get("/api/v3/runs/run_x").status()).isEqualTo(503);
		assertThat(this.http.get("/api/v3/runs/run_x").status()).isEqualTo(404);

		// A POST: the JDK client would silently repeat a GET once after a dropped
		// connection.
		this.emulator.inject(Fault.drop());
		assertThatExceptionOfType(UncheckedIOException.class)
			.isThrownBy(() -> this.http.post("/api/v1/tasks/slow/trigger", "{\"payload\":{}}"));
		assertThat(this.http.get("/api/v1/runs").status()).isEqualTo(200);
		assertThat(this.http.get("/api/v1/runs").json().get("data")).isEmpty();
	}

	@Test
	void injectedLatencyDelaysTheAnswer() {
		this.emulator.inject(Fault.latency(Duration.ofSeconds(5)));
		HttpRequest.Builder impatient = this.http.request("/api/v1/runs").timeout(Duration.ofMillis(300)).GET();

		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> Http.send(impatient))
			.withCauseInstanceOf(java.net.http.HttpTimeoutException.class);
		assertThat(this.http.get("/api/v1/runs").status()).as("the fault applied once").isEqualTo(200);
	}

	@Test
	void startsInOneLineOnAFreeLoopbackPortAndStopsCleanly() {
		TriggerEmulator other = TriggerEmulator.start(EmulatedTask.of("t", (run) -> null));
		assertThat(other.baseUrl()).startsWith("http://127.0.0.1:");
		assertThat(other.port()).isNotEqualTo(this.emulator.port()).isPositive();
		other.stop();
		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> new Http(other).get("/api/v1/runs"));
	}

}
