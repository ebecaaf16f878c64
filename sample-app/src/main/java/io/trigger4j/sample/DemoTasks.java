package io.trigger4j.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.trigger4j.emulator.EmulatedTask;

/**
 * The tasks the embedded emulator knows, standing in for tasks deployed to Trigger.dev.
 */
final class DemoTasks {

	private DemoTasks() {
	}

	static List<EmulatedTask> all() {
		return List.of(
				// Succeeds at once.
				EmulatedTask.of("hello-world",
						(run) -> Map.of("greeting",
								"Hello, " + run.payloadAsMap().getOrDefault("name", "world") + "!")),
				// Fails its first attempt, then succeeds on the retry two seconds later.
				EmulatedTask.of("flaky", (run) -> {
					if (run.attempt() == 1) {
						throw new IllegalStateException("Attempt 1 failed, the run will retry");
					}
					return Map.of("succeededOnAttempt", run.attempt());
				}).withRetryDelay(Duration.ofSeconds(2)),
				// Executes for 20 seconds.
				EmulatedTask
					.of("slow-report", (run) -> Map.of("pages", 12, "url", "https://reports.example/report.pdf"))
					.withDuration(Duration.ofSeconds(20)));
	}

}
