package io.trigger4j.benchmarks;

import java.time.Duration;

/**
 * How long and how often each section measures: {@link #FULL} for the published figures,
 * {@link #QUICK} for a look under two minutes, {@link #SMOKE} to prove the harness runs.
 *
 * @param name the name shown in the report
 * @param warmup how long each trigger contender runs before the measured rounds
 * @param window how long each trigger contender runs in one round
 * @param rounds the interleaved rounds of the trigger section (the median is reported)
 * @param concurrencies the in-flight trigger calls measured
 * @param listRuns the runs streamed by the list section
 * @param coldStarts the forked JVMs started per contender by the cold-start section
 */
public record Mode(String name, Duration warmup, Duration window, int rounds, int[] concurrencies, int listRuns,
		int coldStarts) {

	/** The published figures: about 10 minutes. */
	public static final Mode FULL = new Mode("full", Duration.ofSeconds(5), Duration.ofSeconds(3), 5,
			new int[] { 1, 16, 64, 256 }, 1_000_000, 5);

	/** A look under two minutes. */
	public static final Mode QUICK = new Mode("quick", Duration.ofMillis(1000), Duration.ofMillis(500), 3,
			new int[] { 1, 16, 64, 256 }, 100_000, 2);

	/** One short round of everything, for the smoke test: no figure means anything. */
	public static final Mode SMOKE = new Mode("smoke", Duration.ofMillis(200), Duration.ofMillis(150), 1,
			new int[] { 1, 64 }, 1_000, 1);

	/** The concurrency at which observation on and off are compared. */
	int observedConcurrency() {
		return this.concurrencies[this.concurrencies.length - 1] >= 64 ? 64 : this.concurrencies[0];
	}

}
