package io.trigger4j.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A long-lived emulator stays bounded (finished runs evicted over the retention bound, a
 * stalled request answered 408), request idempotency keys replay their run as on the
 * server, and faults can hit the answer after the server acted.
 */
class RobustnessTests {

	private final ManualClock clock = new ManualClock(Instant.parse("2026-11-22T10:00:00Z"));

	private final List<TriggerEmulator> started = new ArrayList<>();

	@AfterEach
	void stop() {
		this.started.forEach(TriggerEmulator::stop);
	}

	private TriggerEmulator start(TriggerEmulator.Builder builder) {
		TriggerEmulator emulator = builder.clock(this.clock)
			.task("quick", (run) -> "done")
			.task(EmulatedTask.of("slow", (run) -> "done").withDuration(Duration.ofSeconds(30)))
			.start();
		this.started.add(emulator);
		return emulator;
	}

	private static String trigger(Http http, String task, String body) {
		Http.Answer answer = http.post("/api/v1/tasks/" + task + "/trigger", body);
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		return answer.json().get("id").asString();
	}

	private static List<String> ids(Http http) {
		List<String> ids = new ArrayList<>();
		http.get("/api/v1/runs").json().get("data").forEach((run) -> ids.add(run.get("id").asString()));
		return ids;
	}

	private static HttpRequest.Builder keyedTrigger(Http http, String task, String requestKey) {
		return http.request("/api/v1/tasks/" + task + "/trigger")
			.header("Content-Type", "application/json")
			.header("x-trigger-request-idempotency-key", requestKey)
			.POST(HttpRequest.BodyPublishers.ofString("{\"payload\":{}}"));
	}

	@Test
	void finishedRunsOverTheRetentionBoundAreEvictedOldestFirstAndUnfinishedOnesNever() {
		TriggerEmulator emulator = start(TriggerEmulator.builder().retainedRuns(3));
		Http http = new Http(emulator);
		String slow = trigger(http, "slow", "{\"payload\":{}}");
		List<String> quick = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			this.clock.advance(Duration.ofSeconds(1));
			quick.add(trigger(http, "quick", "{\"payload\":{}}"));
		}

		assertThat(ids(http)).containsExactly(quick.get(3), quick.get(2), slow);
		assertThat(http.get("/api/v3/runs/" + quick.get(0)).status()).isEqualTo(404);
		assertThat(http.get("/api/v3/runs/" + quick.get(1)).status()).isEqualTo(404);
		assertThat(http.get("/api/v3/runs/" + slow).json().get("status").asString()).isEqualTo("EXECUTING");

		// Once finished, the slow run is the oldest finished one: the next to go.
		emulator.advance(Duration.ofSeconds(30));
		String newest = trigger(http, "quick", "{\"payload\":{}}");
		assertThat(ids(http)).containsExactly(newest, quick.get(3), quick.get(2));
		assertThat(http.get("/api/v3/runs/" + slow).status()).isEqualTo(404);
	}

	@Test
	void anEvictedRunsIdempotencyKeyMakesANewRun() {
		TriggerEmulator emulator = start(TriggerEmulator.builder().retainedRuns(1));
		Http http = new Http(emulator);
		String keyed = trigger(http, "quick", "{\"payload\":{},\"options\":{\"idempotencyKey\":\"k1\"}}");
		assertThat(trigger(http, "quick", "{\"payload\":{},\"options\":{\"idempotencyKey\":\"k1\"}}")).isEqualTo(keyed);
		this.clock.advance(Duration.ofSeconds(1));
		trigger(http, "quick", "{\"payload\":{}}");

		String again = trigger(http, "quick", "{\"payload\":{},\"options\":{\"idempotencyKey\":\"k1\"}}");
		assertThat(again).isNotEqualTo(keyed);
		assertThat(http.get("/api/v3/runs/" + keyed).status()).isEqualTo(404);
	}

	private static String batch(Http http, String requestKey, String idempotencyKey) {
		HttpRequest.Builder request = http.request("/api/v1/tasks/batch")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"items\":[{\"task\":\"quick\",\"payload\":{}},{\"task\":\"quick\",\"payload\":{}}]}"));
		if (requestKey != null) {
			request.header("x-trigger-request-idempotency-key", requestKey);
		}
		if (idempotencyKey != null) {
			request.header("idempotency-key", idempotencyKey);
		}
		Http.Answer answer = Http.send(request);
		assertThat(answer.status()).as(answer.body()).isEqualTo(202);
		return answer.json().get("id").asString();
	}

	private static List<String> batchRuns(Http http, String batchId) {
		List<String> ids = new ArrayList<>();
		http.get("/api/v1/batches/" + batchId).json().get("runs").forEach((run) -> ids.add(run.asString()));
		return ids;
	}

	@Test
	void evictedRunsLeaveTheirBatchWhichGoesWithTheLastOfThem() {
		TriggerEmulator emulator = start(TriggerEmulator.builder().retainedRuns(3));
		Http http = new Http(emulator);
		String batchId = batch(http, null, "nightly");
		List<String> items = batchRuns(http, batchId);
		assertThat(items).hasSize(2);
		this.clock.advance(Duration.ofSeconds(1));
		String later = trigger(http, "quick", "{\"payload\":{}}");
		this.clock.advance(Duration.ofSeconds(1));
		trigger(http, "quick", "{\"payload\":{}}");

		// The first item is evicted: the batch shows the other one and counts both.
		assertThat(http.get("/api/v3/runs/" + items.get(0)).status()).isEqualTo(404);
		JsonNode partly = http.get("/api/v1/batches/" + batchId).json();
		assertThat(partly.get("runs").valueStream().map(JsonNode::asString)).containsExactly(items.get(1));
		assertThat(partly.get("runCount").asInt()).isEqualTo(2);
		assertThat(partly.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(http.get("/api/v2/batches/" + batchId).json().get("runs").valueStream().map(JsonNode::asString))
			.containsExactly(items.get(1));

		this.clock.advance(Duration.ofSeconds(1));
		trigger(http, "quick", "{\"payload\":{}}");

		// The last one is evicted: the batch is gone, and its key makes a new batch.
		assertThat(ids(http)).doesNotContain(items.get(1)).contains(later);
		assertThat(http.get("/api/v1/batches/" + batchId).status()).isEqualTo(404);
		assertThat(http.get("/api/v1/batches/" + batchId + "/results").status()).isEqualTo(404);
		String again = batch(http, null, "nightly");
		assertThat(again).isNotEqualTo(batchId);
		assertThat(batchRuns(http, again)).hasSize(2).doesNotContainAnyElementsOf(items);
	}

	/**
	 * As on the server, whose batch-trigger routes ({@code api.v1.tasks.batch.ts},
	 * {@code api.v1.tasks.$taskId.batch.ts}) never read the header: only
	 * {@code api.v2.tasks.batch.ts}, which the SDK never calls, and the trigger route do.
	 */
	@Test
	void aBatchTriggerRetriedWithTheSameRequestKeyMakesANewBatchAsOnTheServer() {
		TriggerEmulator emulator = start(TriggerEmulator.builder());
		Http http = new Http(emulator);
		String key = "0b7c2a52-6f0e-4b8e-9d8e-3c1f2a4b5c6d";
		String first = batch(http, key, null);
		String retried = batch(http, key, null);

		assertThat(retried).isNotEqualTo(first);
		assertThat(batchRuns(http, retried)).hasSize(2).doesNotContainAnyElementsOf(batchRuns(http, first));
		Http.Answer oneTask = Http.send(http.request("/api/v1/tasks/quick/batch")
			.header("Content-Type", "application/json")
			.header("x-trigger-request-idempotency-key", key)
			.POST(HttpRequest.BodyPublishers.ofString("{\"items\":[{\"payload\":{}}]}")));
		Http.Answer oneTaskRetried = Http.send(http.request("/api/v1/tasks/quick/batch")
			.header("Content-Type", "application/json")
			.header("x-trigger-request-idempotency-key", key)
			.POST(HttpRequest.BodyPublishers.ofString("{\"items\":[{\"payload\":{}}]}")));
		assertThat(oneTaskRetried.json().get("batchId").asString())
			.isNotEqualTo(oneTask.json().get("batchId").asString());
		assertThat(ids(http)).hasSize(6);
	}

	@Test
	void theRetentionBoundAndReadTimeoutAreChecked() {
		assertThatIllegalArgumentException().isThrownBy(() -> TriggerEmulator.builder().retainedRuns(0))
			.withMessage("retainedRuns must be at least 1 but was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> TriggerEmulator.builder().readTimeout(Duration.ZERO))
			.withMessage("readTimeout must be positive but was PT0S");
		assertThatIllegalArgumentException().isThrownBy(() -> Fault.latency(Duration.ofSeconds(-1)))
			.withMessage("latency must not be negative but was PT-1S");
	}

	@Test
	void aRequestKeyReplaysItsRunPerTaskFor24Hours() {
		TriggerEmulator emulator = start(TriggerEmulator.builder());
		Http http = new Http(emulator);
		String key = "0b7c2a52-6f0e-4b8e-9d8e-3c1f2a4b5c6d";
		JsonNode first = Http.send(keyedTrigger(http, "slow", key)).json();
		JsonNode retried = Http.send(keyedTrigger(http, "slow", key)).json();
		assertThat(retried.get("id")).isEqualTo(first.get("id"));
		assertThat(retried.get("isCached").asBoolean()).isFalse();

		String otherTask = Http.send(keyedTrigger(http, "quick", key)).json().get("id").asString();
		assertThat(otherTask).isNotEqualTo(first.get("id").asString());

		emulator.advance(Duration.ofHours(24));
		String dayLater = Http.send(keyedTrigger(http, "slow", key)).json().get("id").asString();
		assertThat(dayLater).isNotEqualTo(first.get("id").asString());
		assertThat(ids(http)).hasSize(3);
	}

	@Test
	void anAnswerLostAfterTheServerActedLeavesTheRunWhichARetryWithTheRequestKeyFinds() {
		TriggerEmulator emulator = start(TriggerEmulator.builder());
		Http http = new Http(emulator);
		emulator.inject(Fault.drop().afterServed().onPath("/api/v1/tasks"));
		String key = "6a1d7c3e-2b4f-4e8a-9c1d-5e6f7a8b9c0d";

		assertThatExceptionOfType(UncheckedIOException.class)
			.isThrownBy(() -> Http.send(keyedTrigger(http, "slow", key)));
		List<String> created = ids(http);
		assertThat(created).as("the server acted: the run exists").hasSize(1);

		JsonNode retried = Http.send(keyedTrigger(http, "slow", key)).json();
		assertThat(retried.get("id").asString()).isEqualTo(created.get(0));
		assertThat(ids(http)).hasSize(1);
	}

	@Test
	void anAnswerReplacedAfterTheServerActedShowsTheStatusAndTheRunExists() {
		TriggerEmulator emulator = start(TriggerEmulator.builder());
		Http http = new Http(emulator);
		emulator.inject(Fault.status(502).afterServed());
		Http.Answer answer = http.post("/api/v1/tasks/slow/trigger", "{\"payload\":{}}");
		assertThat(answer.status()).isEqualTo(502);
		assertThat(answer.json().get("error").asString()).isEqualTo("Bad Gateway");
		assertThat(ids(http)).hasSize(1);
		assertThat(http.post("/api/v1/tasks/slow/trigger", "{\"payload\":{}}").status()).as("spent").isEqualTo(200);
		assertThat(ids(http)).hasSize(2);
	}

	@Test
	void anAnswerDelayedAfterTheServerActedTimesTheClientOutWithTheRunCreated() {
		TriggerEmulator emulator = start(TriggerEmulator.builder());
		Http http = new Http(emulator);
		emulator.inject(Fault.latency(Duration.ofSeconds(3)).afterServed());
		HttpRequest.Builder impatient = http.request("/api/v1/tasks/slow/trigger")
			.timeout(Duration.ofMillis(300))
			.POST(HttpRequest.BodyPublishers.ofString("{\"payload\":{}}"));

		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> Http.send(impatient))
			.withCauseInstanceOf(HttpTimeoutException.class);
		assertThat(ids(http)).hasSize(1);
	}

	@Test
	void faultsBeforeTheRouteLeaveNoRun() {
		TriggerEmulator emulator = start(TriggerEmulator.builder());
		Http http = new Http(emulator);
		emulator.inject(Fault.status(502));
		assertThat(http.post("/api/v1/tasks/slow/trigger", "{\"payload\":{}}").status()).isEqualTo(502);
		assertThat(ids(http)).isEmpty();
	}

	@Test
	void aBodyThatStopsArrivingIsAnswered408AndTheConnectionClosed() throws IOException {
		TriggerEmulator emulator = start(TriggerEmulator.builder().readTimeout(Duration.ofMillis(300)));
		String answer = raw(emulator,
				"POST /api/v1/tasks/quick/trigger HTTP/1.1\r\nHost: localhost\r\n" + "Authorization: Bearer "
						+ emulator.secretKey() + "\r\nContent-Type: application/json\r\n"
						+ "Content-Length: 100\r\n\r\n{\"payload\":");

		assertThat(answer).startsWith("HTTP/1.1 408 Request Timeout\r\n").contains("Connection: close");
		Http http = new Http(emulator);
		assertThat(ids(http)).isEmpty();
		trigger(http, "quick", "{\"payload\":{}}");
		assertThat(ids(http)).hasSize(1);
	}

	@Test
	void headersThatStopArrivingAreAnswered408() throws IOException {
		TriggerEmulator emulator = start(TriggerEmulator.builder().readTimeout(Duration.ofMillis(300)));
		String answer = raw(emulator, "GET /api/v1/runs HTTP/1.1\r\nHost: localhost\r\nAuthor");

		assertThat(answer).startsWith("HTTP/1.1 408 Request Timeout\r\n");
		assertThat(new Http(emulator).get("/api/v1/runs").status()).isEqualTo(200);
	}

	@Test
	void aRequestArrivingInPiecesWithinTheReadTimeoutIsServed() throws IOException, InterruptedException {
		TriggerEmulator emulator = start(TriggerEmulator.builder().readTimeout(Duration.ofSeconds(5)));
		String body = "{\"payload\":{}}";
		try (Socket socket = new Socket("127.0.0.1", emulator.port())) {
			socket.setSoTimeout(5000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST /api/v1/tasks/quick/trigger HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
					+ emulator.secretKey() + "\r\nConnection: close\r\nContent-Length: " + body.length() + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			Thread.sleep(100);
			out.write(body.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(answer).startsWith("HTTP/1.1 200 OK\r\n");
		}
	}

	/** Sends raw bytes and reads until the emulator closes the connection. */
	static String raw(TriggerEmulator emulator, String request) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", emulator.port())) {
			socket.setSoTimeout(5000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
