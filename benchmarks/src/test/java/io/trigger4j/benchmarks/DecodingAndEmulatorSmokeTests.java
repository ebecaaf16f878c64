package io.trigger4j.benchmarks;

import io.trigger4j.client.DecodingBenchmark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves the decoding and emulator sections still run: each once in {@link Mode#SMOKE}
 * (one tiny JMH iteration per benchmark; 200 and 1,000 stored runs), its report holding
 * the expected rows. No figure is asserted.
 */
class DecodingAndEmulatorSmokeTests {

	@Test
	@Timeout(90)
	void decodingSectionRunsEachBenchmarkInJmhWithBytesPerOperation() throws Exception {
		String report = new DecodingSection().run(Mode.SMOKE, null);
		assertThat(report).startsWith("## Decoding")
			.contains("| ns/op, retrieve-run body into `Run` vs `readTree` |",
					"| bytes/op, retrieve-run body into `Run` vs `readTree` |",
					"| ns/op, 100-run list page into its page vs `readTree` |",
					"| bytes/op, 100-run list page into its page vs `readTree` |")
			.contains("| `retrieveClient` |", "| `retrieveReadTree` |", "| `pageClient` |", "| `pageReadTree` |")
			.doesNotContain("NaN", "n/a");
	}

	@Test
	void clientAndReadTreeDecodeTheSameRunsBeforeAnyMeasurement() {
		assertThat(DecodingBenchmark.check()).contains("run run_06g27kce6crhdjg1ste1sd07e1", "a page of 100 runs");
	}

	@Test
	@Timeout(90)
	void emulatorSectionFillsEachSizeAndKeepsItWhileMeasuring() throws Exception {
		String report = new EmulatorSection().run(Mode.SMOKE, null);
		assertThat(report).startsWith("## Emulator")
			.contains("| triggers/s @64, 1,000 vs 200 stored runs |",
					"| bytes held per stored run (heap after GC, N runs minus none), 1,000 vs 200 stored runs |")
			.contains(
					"Last JVM with 1,000 runs: 1,000 runs held after the fill (1,000 finished) and 1,000 after the measurement")
			.contains("0 failed fill triggers and 0 failed measured triggers")
			.doesNotContain("NaN");
	}

}
