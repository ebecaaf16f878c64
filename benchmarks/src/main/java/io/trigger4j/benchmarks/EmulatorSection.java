package io.trigger4j.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The emulator: triggers/s against a {@code TriggerEmulator} holding few stored runs
 * (1,000) and holding many (100,000 in full mode, 10,000 in quick mode), and the heap
 * each stored run holds. Each measurement in its own forked JVM ({@link EmulatorMain}),
 * the load from raw Reactor Netty so that the client's cost stays out.
 */
public final class EmulatorSection implements Section {

	/** The JVM options of the forked JVMs. */
	static final List<String> JVM_OPTIONS = List.of("-Xmx1g", "-XX:+UseG1GC");

	/** The triggers in flight. */
	static final int CONCURRENCY = 64;

	@Override
	public String name() {
		return "emulator";
	}

	@Override
	public String run(Mode mode, StubServer stub) throws Exception {
		Sizes sizes = Sizes.of(mode);
		List<Map<String, String>> few = new ArrayList<>();
		List<Map<String, String>> many = new ArrayList<>();
		for (int i = 0; i < sizes.repetitions; i++) {
			few.add(fork(sizes.few, mode));
			many.add(fork(sizes.many, mode));
		}
		Figure rate = new Figure(few, many, "perSecond");
		Figure p99 = new Figure(few, many, "p99Micros");
		Figure cpu = new Figure(few, many, "cpuMicrosPerCall");
		Figure bytes = new Figure(few, many, "bytesPerRun");
		String manyRuns = count(sizes.many);
		String fewRuns = count(sizes.few);
		String versus = ", " + manyRuns + " vs " + fewRuns + " stored runs";
		Table table = new Table()
			.rowAtLeast("triggers/s @" + CONCURRENCY + versus, Table.number(rate.many), Table.number(rate.few),
					rate.many / rate.few, 0.9)
			.row("p99 latency µs @" + CONCURRENCY + versus, Table.number(p99.many), Table.number(p99.few),
					p99.many / p99.few, "", null)
			.row("CPU µs/trigger (client and emulator) @" + CONCURRENCY + versus, Table.decimal(cpu.many),
					Table.decimal(cpu.few), cpu.many / cpu.few, "", null)
			.row("bytes held per stored run (heap after GC, N runs minus none)" + versus, Table.number(bytes.many),
					Table.number(bytes.few), bytes.many / bytes.few, "", null);
		Map<String, String> last = many.get(many.size() - 1);
		return "## Emulator\n\n" + table.toMarkdown() + "\n" + String.format(Locale.ROOT,
				"Mode %s: %s stored runs against %s%s. Each figure from its own forked JVM (`%s`, this JVM's "
						+ "class path) running a `TriggerEmulator` (one task that completes at once, "
						+ "`retainedRuns(N)`) and the load: raw Reactor Netty `HttpClient` posting `POST %s` as "
						+ "trigger4j sends it (its headers, and a body with a generated idempotency key), a new "
						+ "`x-trigger-request-idempotency-key` and body key per request, %d in flight in closed "
						+ "loop. In each JVM: a warm-up (%s triggers minus N, so that every JVM has answered as many before it "
						+ "is measured: with fewer, the JIT has not settled and the smaller store looks slower), "
						+ "`reset()`, the heap after GC, "
						+ "a fill of N triggers, the heap after GC again, a warm-up of %d ms at N runs, then %d "
						+ "window(s) of %d ms (median); while warmed up and measured, the "
						+ "emulator stays at N runs, evicting the oldest finished run as each new one is stored. "
						+ "%d JVM(s) per size, alternating, medians shown. Bytes per stored run: heap in use after "
						+ "`System.gc()` (the least of 4) with N runs minus with none, over N. CPU: the whole forked "
						+ "process (load and emulator). Last JVM with %s runs: %s runs held after the fill (%s finished) "
						+ "and %s after the measurement, filled at %s triggers/s, %s failed fill triggers and %s "
						+ "failed measured triggers, heap %s MB empty and %s MB full.%n",
				mode.name(), manyRuns, fewRuns, mode.equals(Mode.FULL) ? "" : " (full mode: 100,000 against 1,000)",
				String.join(" ", JVM_OPTIONS), EmulatorMain.PATH, CONCURRENCY, count(sizes.triggersBefore()),
				mode.warmup().toMillis(), mode.rounds(), mode.window().toMillis(), sizes.repetitions, manyRuns,
				count(last, "storedRuns"), count(last, "finishedRuns"), count(last, "heldAfter"),
				Table.number(Double.parseDouble(last.get("fillPerSecond"))), last.get("fillErrors"), last.get("errors"),
				megabytes(last.get("heapEmpty")), megabytes(last.get("heapFull")));
	}

	private static Map<String, String> fork(int storedRuns, Mode mode) throws Exception {
		return Forks.run(JVM_OPTIONS, EmulatorMain.class, 900, Integer.toString(storedRuns),
				Integer.toString(CONCURRENCY), Integer.toString(Sizes.of(mode).warmupTriggers(storedRuns)),
				Long.toString(mode.warmup().toMillis()), Long.toString(mode.window().toMillis()),
				Integer.toString(mode.rounds()));
	}

	private static String count(int runs) {
		return String.format(Locale.ROOT, "%,d", runs);
	}

	private static String count(Map<String, String> reported, String key) {
		return count(Integer.parseInt(reported.get(key)));
	}

	private static String megabytes(String bytes) {
		return Table.decimal(Double.parseDouble(bytes) / 1e6);
	}

	/**
	 * The stored runs compared, and the forked JVMs per size.
	 *
	 * @param few the runs of the baseline
	 * @param many the runs compared with it
	 * @param repetitions the JVMs per size
	 * @param warmup the triggers of the warm-up of the JVM with the most runs
	 */
	private record Sizes(int few, int many, int repetitions, int warmup) {

		/** The triggers every JVM answers before it is measured (warm-up and fill). */
		int triggersBefore() {
			return this.many + this.warmup;
		}

		/**
		 * A warm-up such that every JVM answers as many triggers before it is measured.
		 */
		int warmupTriggers(int storedRuns) {
			return triggersBefore() - storedRuns;
		}

		static Sizes of(Mode mode) {
			if (mode.equals(Mode.FULL)) {
				return new Sizes(1_000, 100_000, 3, 20_000);
			}
			if (mode.equals(Mode.QUICK)) {
				return new Sizes(1_000, 10_000, 1, 3_000);
			}
			return new Sizes(200, 1_000, 1, 200);
		}

	}

	/** One reported figure's median over the JVMs of each size. */
	private static final class Figure {

		final double few;

		final double many;

		Figure(List<Map<String, String>> few, List<Map<String, String>> many, String key) {
			this.few = TriggerThroughputSection.median(few, (reported) -> Double.parseDouble(reported.get(key)));
			this.many = TriggerThroughputSection.median(many, (reported) -> Double.parseDouble(reported.get(key)));
		}

	}

}
