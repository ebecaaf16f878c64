package io.trigger4j.client.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import io.trigger4j.client.TriggerClient;
import io.trigger4j.client.TriggerOperations;
import io.trigger4j.client.TriggerRetrySettings;
import io.trigger4j.client.model.runs.ListRunsRequest;
import io.trigger4j.client.model.runs.Run;
import io.trigger4j.client.model.tasks.TriggerOptions;
import io.trigger4j.emulator.EmulatedTask;
import io.trigger4j.emulator.Fault;
import io.trigger4j.emulator.TriggerEmulator;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A seeded random run of 10,000 triggers against the emulator, half with idempotency keys
 * and half without, under a mix of faults before the route runs (reset, 502, 503) and
 * after it acted (answer lost, 502 after the run was made, answer later than the client's
 * timeout). Every trigger carries a tag of its own, so the emulator's run list tells how
 * many runs each made: each must have succeeded with exactly one run (its own), or failed
 * with none. Only the public API.
 */
class ReliabilityRandomisedTests {

	static final long SEED = 14L;

	static final int TRIGGERS = 10_000;

	static final int CONCURRENCY = 32;

	/**
	 * Long enough that a busy machine's slow answers do not time out: only the injected
	 * late answers should.
	 */
	static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(2);

	/** One trigger in this many is preceded by a fault. */
	static final int FAULT_EVERY = 8;

	enum Kind {

		RESET_BEFORE("connection closed before the route", Fault.drop()),

		STATUS_502_BEFORE("502 before the route", Fault.status(502)),

		STATUS_503_BEFORE("503 before the route", Fault.status(503)),

		LOST_AFTER("answer lost after the run was made", Fault.drop().afterServed()),

		STATUS_502_AFTER("502 after the run was made", Fault.status(502).afterServed()),

		LATE_AFTER("answer 2.5 s late, after the run was made (timeout 2 s)",
				Fault.latency(Duration.ofMillis(2500)).afterServed());

		final String description;

		final Fault fault;

		Kind(String description, Fault fault) {
			this.description = description;
			this.fault = fault.onPath("/api/v1/tasks");
		}

	}

	record Outcome(int index, boolean keyed, String runId, String failure) {
	}

	@Test
	void everyTriggerSucceedsExactlyOnceOrFailsWithNoRun() {
		AtomicInteger attempts = new AtomicInteger();
		Map<Kind, Integer> injected = new LinkedHashMap<>();
		Random random = new Random(SEED);
		try (TriggerEmulator emulator = TriggerEmulator.builder()
			.task(EmulatedTask.of("t", (run) -> Map.of("ok", true)))
			.start()) {
			TriggerOperations client = TriggerClient.builder()
				.secretKey(emulator.secretKey())
				.baseUrl(emulator.baseUrl())
				.webClientBuilder(WebClient.builder().filter((request, next) -> {
					if (request.url().getPath().startsWith("/api/v1/tasks")) {
						attempts.incrementAndGet();
					}
					return next.exchange(request);
				}))
				.responseTimeout(RESPONSE_TIMEOUT)
				.deadline(Duration.ofSeconds(30))
				.retry(TriggerRetrySettings.defaults()
					.withMaxAttempts(8)
					.withBackoff(Duration.ofMillis(5), Duration.ofMillis(50)))
				.build();
			// The faults are drawn in order: the same seed injects the same sequence.
			Kind[] kinds = Kind.values();
			int[] faultBefore = new int[TRIGGERS];
			for (int i = 0; i < TRIGGERS; i++) {
				faultBefore[i] = (random.nextInt(FAULT_EVERY) == 0) ? random.nextInt(kinds.length) : -1;
			}
			long start = System.nanoTime();
			List<Outcome> outcomes = Flux.range(0, TRIGGERS).flatMap((i) -> {
				if (faultBefore[i] >= 0) {
					Kind kind = kinds[faultBefore[i]];
					synchronized (injected) {
						injected.merge(kind, 1, Integer::sum);
					}
					emulator.inject(kind.fault);
				}
				boolean keyed = i % 2 == 0;
				TriggerOptions.Builder options = TriggerOptions.builder().tags("m" + i);
				if (keyed) {
					options.idempotencyKey("k" + i);
				}
				return client.tasks()
					.trigger("t", Map.of("i", i), options.build())
					.map((triggered) -> new Outcome(i, keyed, triggered.id(), null))
					.onErrorResume((failure) -> Mono.just(new Outcome(i, keyed, null,
							failure.getClass().getSimpleName() + ": " + failure.getMessage())));
			}, CONCURRENCY).collectList().block(Duration.ofMinutes(10));
			Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
			emulator.clearFaults();

			Map<String, List<String>> runsByTag = new HashMap<>();
			for (Run run : client.runs()
				.list(ListRunsRequest.builder().pageSize(100).build())
				.collectList()
				.block(Duration.ofMinutes(2))) {
				for (String tag : run.tags()) {
					runsByTag.computeIfAbsent(tag, (key) -> new ArrayList<>()).add(run.id());
				}
			}
			Tally keyed = new Tally();
			Tally keyless = new Tally();
			for (Outcome outcome : outcomes) {
				List<String> runs = runsByTag.getOrDefault("m" + outcome.index(), List.of());
				(outcome.keyed() ? keyed : keyless).count(outcome, runs);
			}
			StringBuilder md = new StringBuilder("## Randomised run\n\n");
			md.append(TRIGGERS)
				.append(" triggers (`ReliabilityRandomisedTests`, seed ")
				.append(SEED)
				.append(", ")
				.append(CONCURRENCY)
				.append(" at a time) against the in-process emulator, even ones with an idempotency key, ")
				.append("odd ones without; before about one trigger in ")
				.append(FAULT_EVERY)
				.append(" a fault was injected for the next trigger request. ")
				.append("Client: 2 s per attempt, 30 s per call, 8 attempts, backoff 5-50 ms. ")
				.append("Each trigger's tag finds its runs in the emulator's run list.\n\n")
				.append("| Fault injected | Times |\n|---|---|\n");
			injected.forEach((kind,
					times) -> md.append("| ").append(kind.description).append(" | ").append(times).append(" |\n"));
			md.append("\n| Triggers | Succeeded | Failed (no run) | Lost | Duplicated | Unknown (failed, run made) |\n")
				.append("|---|---|---|---|---|---|\n")
				.append(keyed.row("with idempotency key"))
				.append(keyless.row("without key"))
				.append("\nTrigger requests sent: ")
				.append(attempts.get())
				.append(", so ")
				.append(attempts.get() - TRIGGERS)
				.append(" retries. Elapsed: ")
				.append(elapsed.toMillis())
				.append(" ms.\n");
			if (!keyless.failures.isEmpty() || !keyed.failures.isEmpty()) {
				md.append("\nFailures seen, by message: ");
				Map<String, Integer> kindsSeen = new LinkedHashMap<>();
				keyed.failures
					.forEach((failure) -> kindsSeen.merge(failure.replaceAll("[0-9.]+ s\\b", "… s"), 1, Integer::sum));
				keyless.failures
					.forEach((failure) -> kindsSeen.merge(failure.replaceAll("[0-9.]+ s\\b", "… s"), 1, Integer::sum));
				kindsSeen.forEach((failure, times) -> md.append("`")
					.append(ReliabilityReport.cell(failure))
					.append("` × ")
					.append(times)
					.append("; "));
				md.append('\n');
			}
			if (!keyed.unknownFailures.isEmpty()) {
				md.append("\nKeyed triggers that failed although their run was made: ");
				keyed.unknownFailures
					.forEach((failure) -> md.append("`").append(ReliabilityReport.cell(failure)).append("`; "));
				md.append('\n');
			}
			ReliabilityReport.write("randomised", md.toString());

			assertThat(keyed.succeeded + keyed.failed + keyed.lost + keyed.duplicated + keyed.unknown)
				.isEqualTo(TRIGGERS / 2);
			assertThat(keyed.lost).as("keyed triggers that succeeded without their run").isZero();
			assertThat(keyed.duplicated).as("keyed triggers that made more than one run").isZero();
			assertThat(keyed.unknown).as("keyed triggers that failed but made a run").isZero();
			assertThat(keyless.lost).as("keyless triggers that succeeded without their run").isZero();
			assertThat(keyless.duplicated).as("keyless triggers that made more than one run").isZero();
			assertThat(keyless.unknown).as("keyless triggers that failed but made a run").isZero();
			assertThat(injected.values().stream().mapToInt(Integer::intValue).sum()).isGreaterThan(TRIGGERS / 20);
		}
	}

	/** What happened to one half of the triggers. */
	static final class Tally {

		int succeeded;

		int failed;

		int lost;

		int duplicated;

		int unknown;

		final List<String> failures = new ArrayList<>();

		final List<String> unknownFailures = new ArrayList<>();

		void count(Outcome outcome, List<String> runs) {
			if (runs.size() > 1) {
				this.duplicated++;
			}
			else if (outcome.runId() != null) {
				if (runs.equals(List.of(outcome.runId()))) {
					this.succeeded++;
				}
				else {
					this.lost++;
				}
			}
			else if (runs.isEmpty()) {
				this.failed++;
			}
			else {
				this.unknown++;
				this.unknownFailures.add(outcome.failure());
			}
			if (outcome.failure() != null) {
				this.failures.add(outcome.failure());
			}
		}

		String row(String name) {
			return "| " + name + " | " + this.succeeded + " | " + this.failed + " | " + this.lost + " | "
					+ this.duplicated + " | " + this.unknown + " |\n";
		}

	}

}
