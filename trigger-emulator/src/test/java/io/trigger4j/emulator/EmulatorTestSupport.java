package io.trigger4j.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An emulator with a manual clock and the tasks the tests use, driven with plain HTTP
 * requests built from the contract's examples.
 */
abstract class EmulatorTestSupport {

	/** How long a quiet live realtime request is held (jittered by ±15 %). */
	static final Duration HOLD_TIMEOUT = Duration.ofMillis(300);

	final ManualClock clock = new ManualClock(Instant.parse("2026-11-22T10:00:00Z"));

	final TriggerEmulator emulator = TriggerEmulator.builder()
		.clock(this.clock)
		.realtimeHoldTimeout(HOLD_TIMEOUT)
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
		.task(EmulatedTask
			.of("approval",
					(run) -> (run.step() == 1) ? TaskStep.waitFor(Duration.ofHours(1))
							: TaskStep.complete(Map.of("approvedAtStep", run.step())))
			.withDuration(Duration.ofSeconds(10)))
		.task(EmulatedTask.of("scheduled-report", (run) -> run.payloadAsMap()).asScheduled())
		.start();

	final Http http = new Http(this.emulator);

	@AfterEach
	void stop() {
		this.emulator.stop();
	}

	String trigger(String task, String body) {
		Http.Answer answer = this.http.post("/api/v1/tasks/" + task + "/trigger", body);
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		return answer.json().get("id").asString();
	}

	JsonNode run(String id) {
		return this.http.get("/api/v3/runs/" + id).json();
	}

	List<String> ids(String path) {
		Http.Answer answer = this.http.get(path);
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		List<String> ids = new ArrayList<>();
		answer.json().get("data").forEach((run) -> ids.add(run.get("id").asString()));
		return ids;
	}

}
