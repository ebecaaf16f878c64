package io.trigger4j.benchmarks;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves the harness still runs: each section once in {@link Mode#SMOKE} (one short
 * round, 1,000 listed runs, one cold start), its report holding the expected rows. No
 * figure is asserted.
 */
class BenchmarksSmokeTests {

	private static StubServer stub;

	@BeforeAll
	static void startStub() {
		stub = StubServer.start();
	}

	@AfterAll
	static void stopStub() {
		stub.close();
	}

	@Test
	@Timeout(60)
	void triggerSectionReportsEachConcurrencyAgainstBothBaselinesAndObservation() throws Exception {
		String report = new TriggerThroughputSection().run(Mode.SMOKE, stub);
		assertThat(report).startsWith("## Trigger throughput")
			.contains("| req/s @1 vs plain WebClient |", "| req/s @64 vs raw Reactor Netty |",
					"| p99 latency µs @64 vs plain WebClient |", "| bytes allocated/call @1 vs plain WebClient |",
					"| CPU µs/call @64 vs raw Reactor Netty |", "| CPU µs/call @64, observation on vs off |")
			.contains("checked identical to trigger4j's at the stub (method, path, headers, body): yes")
			.doesNotContainPattern("\\| [1-9][0-9,]* \\|\\n");
	}

	@Test
	@Timeout(60)
	void listSectionWalksEveryRunInForkedJvms() throws Exception {
		String report = new ListStreamingSection().run(Mode.SMOKE, stub);
		assertThat(report).startsWith("## List streaming")
			.contains("| runs/s, 1,000 runs, -Xmx64m, vs raw GET + readTree |",
					"| peak heap after GC, MB, vs raw GET + readTree |");
	}

	@Test
	@Timeout(90)
	void coldStartSectionStartsForkedJvmsAndSpringBoot() throws Exception {
		String report = new ColdStartSection().run(Mode.SMOKE, stub);
		assertThat(report).startsWith("## Cold start")
			.contains("| JVM start to first completed trigger, ms, vs raw Reactor Netty |",
					"| Spring Boot context start, ms, `trigger.enabled=true` vs `false` |");
	}

	@Test
	void reportHeaderNamesMachineJdkCommitModeAndCommand() throws Exception {
		String report = Benchmarks.run(Mode.SMOKE, List.of("none-selected"), "benchmarks/run.sh --quick", (line) -> {
		});
		assertThat(report).contains("| machine | ", "| JDK | " + System.getProperty("java.version"), "| commit | ",
				"| mode | smoke |", "| command | `benchmarks/run.sh --quick` |");
	}

	@Test
	void listPagesFollowTheirCursorsToTheLastRun() {
		assertThat(RunBodies.pageOf(RunBodies.cursor(42))).isEqualTo(42);
		assertThat(new String(RunBodies.page(9, 1_000))).doesNotContain("\"next\"").contains("\"previous\"");
		assertThat(new String(RunBodies.page(0, 1_000))).contains("\"next\":\"" + RunBodies.cursor(1) + "\"");
	}

}
