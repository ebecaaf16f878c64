package io.trigger4j.emulator.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.trigger4j.emulator.ManualClock;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The heap a stored finished run takes (the figure goes into the report, not into an
 * assertion beyond a generous bound), and that the retention bound keeps it flat: runs
 * triggered as the SDK does, with a payload and a request idempotency key, run to their
 * end.
 */
class RunMemoryTests {

	private static final int RUNS = 20_000;

	private final ManualClock clock = new ManualClock(Instant.parse("2026-11-22T10:00:00Z"));

	private static TaskSpec task(String id) {
		return new TaskSpec(id, Duration.ofSeconds(1), 1, Duration.ofSeconds(1), 0,
				(context) -> new StepOutcome.Complete(JsonNodeFactory.instance.objectNode().put("greeting", "Hello!")));
	}

	private Engine engine() {
		return new Engine(this.clock, List.of(task("hello-world")), Duration.ofSeconds(10));
	}

	/** Triggers and finishes the runs, in rounds so that eviction can keep up. */
	private void storeFinishedRuns(Engine engine) {
		for (int i = 0; i < RUNS; i++) {
			engine.trigger(new TriggerSpec("hello-world", JsonNodeFactory.instance.objectNode().put("name", "run " + i),
					List.of(), null, null, null, null, null, null, null, false, null, null,
					UUID.randomUUID().toString(), "trigger", null, null));
			if (i % 1000 == 999) {
				this.clock.advance(Duration.ofSeconds(5));
				engine.tick();
			}
		}
		this.clock.advance(Duration.ofSeconds(5));
		engine.tick();
	}

	private static long heapAfterGc() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		long used = Long.MAX_VALUE;
		for (int i = 0; i < 3; i++) {
			System.gc();
			used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
		}
		return used;
	}

	@Test
	void aStoredFinishedRunTakesAFewKilobytesAndTheRetentionBoundKeepsTheHeapFlat() {
		long before = heapAfterGc();
		Engine unbounded = engine();
		storeFinishedRuns(unbounded);
		long perRun = (heapAfterGc() - before) / RUNS;
		// Still reachable while measured.
		unbounded.close();

		long beforeBounded = heapAfterGc();
		Engine bounded = engine();
		bounded.retainedRuns(RUNS / 10);
		storeFinishedRuns(bounded);
		long boundedPerRun = (heapAfterGc() - beforeBounded) / RUNS;
		bounded.close();

		System.out.printf("RUN MEMORY: %d bytes per stored finished run; %d bytes per run triggered with %d retained%n",
				perRun, boundedPerRun, RUNS / 10);
		assertThat(perRun).isBetween(1L, 16_384L);
		assertThat(boundedPerRun).isLessThan(perRun / 3);
	}

}
