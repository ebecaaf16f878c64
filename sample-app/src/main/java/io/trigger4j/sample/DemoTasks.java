package io.trigger4j.sample;

import java.time.Duration;
import java.util.Map;

import io.trigger4j.emulator.EmulatedTask;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The tasks the dev-mode emulator ({@code trigger.emulator.enabled=true}) declares,
 * standing in for tasks deployed to Trigger.dev. With the emulator off they are unused.
 */
@Configuration(proxyBeanMethods = false)
class DemoTasks {

	/** Succeeds at once. */
	@Bean
	EmulatedTask helloWorld() {
		return EmulatedTask.of("hello-world",
				(run) -> Map.of("greeting", "Hello, " + run.payloadAsMap().getOrDefault("name", "world") + "!"));
	}

	/** Fails its first attempt, then succeeds on the retry two seconds later. */
	@Bean
	EmulatedTask flaky() {
		return EmulatedTask.of("flaky", (run) -> {
			if (run.attempt() == 1) {
				throw new IllegalStateException("Attempt 1 failed, the run will retry");
			}
			return Map.of("succeededOnAttempt", run.attempt());
		}).withRetryDelay(Duration.ofSeconds(2));
	}

	/** Executes for 20 seconds. */
	@Bean
	EmulatedTask slowReport() {
		return EmulatedTask.of("slow-report", (run) -> Map.of("pages", 12, "url", "https://reports.example/report.pdf"))
			.withDuration(Duration.ofSeconds(20));
	}

}
