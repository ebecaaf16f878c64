package io.trigger4j.emulator;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link TriggerEmulator#reset()} between tests, and {@link TriggerEmulator#runs()} and
 * {@link TriggerEmulator#schedules()}: what a test made is gone, through the REST API as
 * through the emulator, and what the emulator was built with stays.
 */
class TriggerEmulatorResetTests {

	/** sha256_hex("order-42"), what the SDK sends for the key. */
	private static final String HASH = "3bf8b157c4238eefe5ae4a66eca81c6b887d4dcedb58dd674271859f4dc2edfd";

	private static final String KEYED = "{\"payload\":{\"name\":\"Ada\"},\"options\":{\"idempotencyKey\":\"" + HASH
			+ "\",\"idempotencyKeyOptions\":{\"key\":\"order-42\",\"scope\":\"global\"},\"tags\":[\"signup\"]}}";

	private static final HttpClient CLIENT = HttpClient.newHttpClient();

	private final ManualClock clock = new ManualClock(Instant.parse("2026-11-22T10:00:00Z"));

	private final CountDownLatch blockingStarted = new CountDownLatch(1);

	private final AtomicBoolean blockingInterrupted = new AtomicBoolean();

	private final TriggerEmulator emulator = TriggerEmulator.builder()
		.clock(this.clock)
		.realtimeHoldTimeout(Duration.ofSeconds(60))
		.rateLimit(50, 1, Duration.ofHours(1))
		.task("hello-world", (run) -> Map.of("greeting", "Hello, " + run.payloadAsMap().get("name") + "!"))
		.task(EmulatedTask.of("slow", (run) -> "done").withDuration(Duration.ofSeconds(30)))
		.task(EmulatedTask.of("scheduled-report", (run) -> "report").asScheduled())
		.task(EmulatedTask.of("nightly", (run) -> "cleaned").asScheduled("0 0 * * *"))
		.task("blocking", (run) -> {
			this.blockingStarted.countDown();
			try {
				new CountDownLatch(1).await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				this.blockingInterrupted.set(true);
				throw ex;
			}
			return "unblocked";
		})
		.start();

	private final Http http = new Http(this.emulator);

	@AfterEach
	void stop() {
		this.emulator.stop();
	}

	@Test
	void resetLeavesNothingTheTestMadeVisibleThroughTheApi() {
		String hello = trigger("hello-world", KEYED);
		String slow = trigger("slow", "{\"payload\":{\"n\":1}}");
		String batchId = field(this.http.post("/api/v1/tasks/slow/batch", "{\"items\":[{\"payload\":{\"n\":2}}]}"),
				"batchId");
		String scheduleId = ok(this.http.post("/api/v1/schedules",
				"{\"task\":\"scheduled-report\",\"cron\":\"0 * * * *\",\"deduplicationKey\":\"hourly\"}"))
			.json()
			.get("id")
			.asString();
		String tokenId = ok(this.http.post("/api/v1/waitpoints/tokens", "{}")).json().get("id").asString();
		String envVars = "/api/v1/projects/" + this.emulator.projectRef() + "/envvars/dev";
		ok(this.http.post(envVars, "{\"name\":\"SLACK_API_KEY\",\"value\":\"slack_123456\"}"));
		ok(this.http.post("/api/v1/queues/slow/pause", "{\"type\":\"task\",\"action\":\"pause\"}"));
		assertThat(this.emulator.runs()).hasSize(3);

		this.emulator.reset();

		assertThat(ok(this.http.get("/api/v1/runs")).json().get("data")).isEmpty();
		assertThat(this.http.get("/api/v3/runs/" + hello).status()).isEqualTo(404);
		assertThat(this.http.get("/api/v3/runs/" + slow).status()).isEqualTo(404);
		assertThat(this.http.get("/api/v1/batches/" + batchId).status()).isEqualTo(404);
		assertThat(this.http.get("/api/v1/schedules/" + scheduleId).status()).isEqualTo(404);
		JsonNode schedules = ok(this.http.get("/api/v1/schedules")).json().get("data");
		assertThat(schedules).hasSize(1);
		assertThat(schedules.get(0).get("task").asString()).isEqualTo("nightly");
		assertThat(this.http.get("/api/v1/waitpoints/tokens/" + tokenId).status()).isEqualTo(404);
		assertThat(ok(this.http.get("/api/v1/waitpoints/tokens")).json().get("data")).isEmpty();
		assertThat(ok(this.http.get(envVars)).body()).isEqualTo("[]");
		assertThat(ok(this.http.get("/api/v1/queues/slow?type=task")).json().get("paused").asBoolean()).isFalse();
		assertThat(this.emulator.runs()).isEmpty();
		assertThat(this.emulator.schedules()).singleElement().satisfies((schedule) -> {
			assertThat(schedule.task()).isEqualTo("nightly");
			assertThat(schedule.imperative()).isFalse();
			assertThat(schedule.active()).isTrue();
		});
	}

	@Test
	void theSameIdempotencyKeyTriggersANewRunAfterReset() {
		String first = trigger("hello-world", KEYED);
		assertThat(trigger("hello-world", KEYED)).isEqualTo(first);

		this.emulator.reset();
		String second = trigger("hello-world", KEYED);

		assertThat(second).isNotEqualTo(first);
		assertThat(this.emulator.runs()).extracting(EmulatedRun::id).containsExactly(second);
	}

	@Test
	void tasksAndDeclaredSchedulesStillRunAfterReset() {
		trigger("slow", "{\"payload\":{}}");
		this.emulator.reset();

		String id = trigger("hello-world", "{\"payload\":{\"name\":\"Grace\"}}");
		String slow = trigger("slow", "{\"payload\":{}}");
		this.emulator.advance(Duration.ofDays(1));

		JsonNode run = ok(this.http.get("/api/v3/runs/" + id)).json();
		assertThat(run.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(run.get("output").get("greeting").asString()).isEqualTo("Hello, Grace!");
		assertThat(ok(this.http.get("/api/v3/runs/" + slow)).json().get("status").asString()).isEqualTo("COMPLETED");
		assertThat(this.emulator.runs()).filteredOn((fired) -> fired.taskIdentifier().equals("nightly"))
			.singleElement()
			.satisfies((fired) -> assertThat(fired.createdAt()).isEqualTo(Instant.parse("2026-11-23T00:00:00Z")));
	}

	@Test
	void runsAreSnapshotsOfWhatWasTriggeredOldestFirst() {
		String first = trigger("hello-world", KEYED);
		this.clock.advance(Duration.ofSeconds(1));
		String second = trigger("slow", "{\"payload\":{\"n\":[1,2]}}");

		List<EmulatedRun> runs = this.emulator.runs();

		assertThat(runs).extracting(EmulatedRun::id).containsExactly(first, second);
		EmulatedRun hello = runs.get(0);
		assertThat(hello.taskIdentifier()).isEqualTo("hello-world");
		assertThat(hello.status()).isEqualTo("COMPLETED");
		assertThat(hello.finished()).isTrue();
		assertThat(hello.payloadJson()).isEqualTo("{\"name\":\"Ada\"}");
		assertThat(hello.payloadAsMap()).isEqualTo(Map.of("name", "Ada"));
		assertThat(hello.tags()).containsExactly("signup");
		assertThat(hello.idempotencyKey()).isEqualTo("order-42");
		assertThat(hello.createdAt()).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
		assertThat(hello.output(Greeting.class)).isEqualTo(new Greeting("Hello, Ada!"));
		EmulatedRun slow = runs.get(1);
		assertThat(slow.status()).isEqualTo("EXECUTING");
		assertThat(slow.finished()).isFalse();
		assertThat(slow.outputJson()).isNull();
		assertThat(slow.idempotencyKey()).isNull();
		assertThat(slow.payload(Numbers.class)).isEqualTo(new Numbers(List.of(1, 2)));
	}

	@Test
	void resetRefillsTheRateLimitBucketsAndClearsFaults() {
		for (int i = 0; i < 50; i++) {
			this.http.get("/api/v1/runs");
		}
		assertThat(this.http.get("/api/v1/runs").status()).isEqualTo(429);
		this.emulator.inject(Fault.status(503).times(5));

		this.emulator.reset();

		Http.Answer answer = this.http.get("/api/v1/runs");
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		assertThat(answer.header("x-ratelimit-remaining")).isEqualTo("49");
	}

	@Test
	void aResetReleasesAHeldRealtimeRequestAndTheNextRequestsAreServed() throws Exception {
		String id = trigger("slow", "{\"payload\":{}}");
		Http.Answer first = ok(realtime("/realtime/v1/runs/" + id + "?offset=-1&log=full"));
		CompletableFuture<Http.Answer> live = realtimeAsync(
				"/realtime/v1/runs/" + id + "?offset=" + first.header("electric-offset") + "&handle="
						+ first.header("electric-handle") + "&live=true&log=full");
		awaitTrue(() -> this.emulator.engine().runChanges().watching() == 1);

		this.emulator.reset();

		// Held for up to 60 s otherwise; the run it follows is gone.
		assertThat(live.get(5, TimeUnit.SECONDS).status()).isEqualTo(404);
		awaitTrue(() -> this.emulator.engine().runChanges().heldRequests() == 0);
		String next = trigger("slow", "{\"payload\":{}}");
		Http.Answer snapshot = ok(realtime("/realtime/v1/runs/" + next + "?offset=-1&log=full"));
		assertThat(snapshot.json().get(0).get("value").get("id").asString()).isEqualTo(next);
	}

	@Test
	void aResetDuringATriggerWaitingForItsTaskDoesNotHoldItOrBreakTheNextRequest() throws Exception {
		CompletableFuture<Http.Answer> inFlight = CLIENT
			.sendAsync(this.http.request("/api/v1/tasks/blocking/trigger")
				.header("Content-Type", "application/json")
				.header("x-trigger-api-version", Http.CURRENT)
				.POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"payload\":{}}"))
				.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
			.thenApply((response) -> new Http.Answer(response.statusCode(), response.headers(), response.body()));
		assertThat(this.blockingStarted.await(5, TimeUnit.SECONDS)).isTrue();

		this.emulator.reset();

		// The handler would block for 10 s.
		assertThat(inFlight.get(5, TimeUnit.SECONDS).status()).isEqualTo(200);
		awaitTrue(this.blockingInterrupted::get);
		assertThat(this.emulator.runs()).isEmpty();
		String id = trigger("hello-world", "{\"payload\":{\"name\":\"Ada\"}}");
		assertThat(this.emulator.runs()).singleElement().satisfies((run) -> {
			assertThat(run.id()).isEqualTo(id);
			assertThat(run.status()).isEqualTo("COMPLETED");
		});
	}

	private String trigger(String task, String body) {
		return ok(this.http.post("/api/v1/tasks/" + task + "/trigger", body)).json().get("id").asString();
	}

	private static String field(Http.Answer answer, String name) {
		JsonNode value = ok(answer).json().get(name);
		assertThat(value).as(answer.body()).isNotNull();
		return value.asString();
	}

	private static Http.Answer ok(Http.Answer answer) {
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		return answer;
	}

	private Http.Answer realtime(String path) throws Exception {
		return realtimeAsync(path).get(10, TimeUnit.SECONDS);
	}

	private CompletableFuture<Http.Answer> realtimeAsync(String path) {
		return CLIENT
			.sendAsync(this.http.request(path)
				.header("x-trigger-api-version", Http.CURRENT)
				.header("x-trigger-electric-version", "1.0.0-beta.1")
				.GET()
				.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
			.thenApply((response) -> new Http.Answer(response.statusCode(), response.headers(), response.body()));
	}

	/** Waits at most 5 s. */
	private static void awaitTrue(java.util.function.BooleanSupplier condition) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("timed out").isLessThan(deadline);
			java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
		}
	}

	record Greeting(String greeting) {
	}

	record Numbers(List<Integer> n) {
	}

}
