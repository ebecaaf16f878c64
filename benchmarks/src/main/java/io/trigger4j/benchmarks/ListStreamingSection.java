package io.trigger4j.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * List streaming: {@code runs().list()} over every run of the stub's list (1,000,000
 * runs, 10,000 pages of 100, in full mode) in a forked JVM with {@code -Xmx64m}, against
 * raw Reactor Netty GETs with Jackson {@code readTree} per page following the cursor in
 * the same setup. Reports runs/s and the largest heap in use after any GC.
 */
public final class ListStreamingSection implements Section {

	/** The heap of the forked JVMs. */
	static final String HEAP = "-Xmx64m";

	@Override
	public String name() {
		return "list";
	}

	@Override
	public String run(Mode mode, StubServer stub) throws Exception {
		stub.listTotal(mode.listRuns());
		List<Map<String, String>> ours = new ArrayList<>();
		List<Map<String, String>> theirs = new ArrayList<>();
		int repetitions = mode.equals(Mode.FULL) ? 3 : 1;
		for (int i = 0; i < repetitions; i++) {
			ours.add(fork(ListStreamingMain.TRIGGER4J, stub, mode));
			theirs.add(fork(ListStreamingMain.RAW, stub, mode));
		}
		double ourRate = TriggerThroughputSection.median(ours, (m) -> Double.parseDouble(m.get("runsPerSecond")));
		double theirRate = TriggerThroughputSection.median(theirs, (m) -> Double.parseDouble(m.get("runsPerSecond")));
		double ourWarm = TriggerThroughputSection.median(ours, (m) -> Double.parseDouble(m.get("warmUpRunsPerSecond")));
		double theirWarm = TriggerThroughputSection.median(theirs,
				(m) -> Double.parseDouble(m.get("warmUpRunsPerSecond")));
		double ourHeap = TriggerThroughputSection.median(ours, (m) -> Double.parseDouble(m.get("peakHeapAfterGc")));
		double theirHeap = TriggerThroughputSection.median(theirs, (m) -> Double.parseDouble(m.get("peakHeapAfterGc")));
		String runs = String.format(java.util.Locale.ROOT, "%,d", mode.listRuns());
		Table table = new Table()
			.rowAtLeast("runs/s, " + runs + " runs, " + HEAP + ", vs raw GET + readTree", Table.number(ourRate),
					Table.number(theirRate), ourRate / theirRate, 0.8)
			.row("runs/s of the warm-up walk (a fresh JVM's first "
					+ String.format(java.util.Locale.ROOT, "%,d", warmUpRuns(mode)) + " runs, JIT compiling), vs raw",
					Table.number(ourWarm), Table.number(theirWarm), ourWarm / theirWarm, "", null)
			.row("peak heap after GC, MB, vs raw GET + readTree", Table.decimal(ourHeap / 1e6),
					Table.decimal(theirHeap / 1e6), ourHeap / theirHeap, "< 64 MB, flat", ourHeap < 64e6);
		return "## List streaming\n\n" + table.toMarkdown() + "\nEach contender in its own forked JVM (`" + HEAP
				+ "`, this JVM's class path), " + repetitions + " run(s) each, alternating, medians shown. "
				+ "trigger4j: `runs().list(ListRunsRequest.builder().pageSize(100).build()).count()`. Baseline: "
				+ "Reactor Netty `HttpClient` GET of each page, `JsonMapper.readTree` of its bytes, counting `data` and "
				+ "following `pagination.next`. The stub (in the parent JVM) generates each page from a template, "
				+ "every run with its own id and timestamps. Peak heap: the largest heap in use right after a "
				+ "`System.gc()` forced every tenth of the walk (" + ListStreamingMain.SAMPLES + " samples; "
				+ "`MemoryMXBean.getHeapMemoryUsage().getUsed()`). " + "In each JVM a warm-up walk of the list's first "
				+ String.format(java.util.Locale.ROOT, "%,d", warmUpRuns(mode))
				+ " runs (trigger4j: `take(n)` of the same `list`) comes first, so that the measured walk is not the JIT's "
				+ "first (the warm-up walk's rate is shown too); then the measured walk of the whole list. "
				+ "Runs/s from the first request to the last run counted (the JVM's start and the forced GCs not "
				+ "included). Heap after GC (MB), first and last sample: trigger4j "
				+ mb(ours.get(0), "firstHeapAfterGc") + " -> " + mb(ours.get(0), "lastHeapAfterGc") + ", baseline "
				+ mb(theirs.get(0), "firstHeapAfterGc") + " -> " + mb(theirs.get(0), "lastHeapAfterGc") + " ("
				+ ours.get(0).get("samples") + " samples).\n";
	}

	/** The runs of the warm-up walk before the measured one: a tenth of the list. */
	static int warmUpRuns(Mode mode) {
		return Math.max(RunBodies.PAGE_SIZE, mode.listRuns() / 10);
	}

	private static String mb(Map<String, String> reported, String key) {
		return Table.decimal(Double.parseDouble(reported.get(key)) / 1e6);
	}

	private static Map<String, String> fork(String contender, StubServer stub, Mode mode) throws Exception {
		return Forks.run(List.of(HEAP, "-XX:+UseG1GC"), ListStreamingMain.class, 900, contender, stub.baseUrl(),
				Integer.toString(mode.listRuns()), Integer.toString(warmUpRuns(mode)));
	}

}
