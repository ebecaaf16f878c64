package io.trigger4j.benchmarks;

import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.trigger4j.client.DecodingBenchmark;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Decoding: JMH ({@link DecodingBenchmark}, one forked JVM, GC profiler for bytes per
 * operation) of the client decoding a retrieve-run body into its {@code Run} and a
 * 100-run list page into its page, each against Jackson's {@code readTree} of the same
 * bytes with the same mapper. Reports ns/op and bytes/op, and the ratio client /
 * {@code readTree}.
 */
public final class DecodingSection implements Section {

	/** The JVM options of the forked JVM, those of {@code benchmarks/run.sh}. */
	static final String[] JVM_OPTIONS = { "-Xmx1g", "-XX:+UseG1GC" };

	@Override
	public String name() {
		return "decoding";
	}

	@Override
	public String run(Mode mode, StubServer stub) throws Exception {
		String checked = DecodingBenchmark.check();
		Iterations iterations = Iterations.of(mode);
		Options options = new OptionsBuilder().include(Pattern.quote(DecodingBenchmark.class.getName()) + "\\.")
			.forks(1)
			.warmupIterations(iterations.warmups)
			.warmupTime(iterations.time)
			.measurementIterations(iterations.measurements)
			.measurementTime(iterations.time)
			.threads(1)
			.jvmArgs(JVM_OPTIONS)
			.addProfiler(GCProfiler.class)
			.shouldFailOnError(true)
			.verbosity(mode.equals(Mode.SMOKE) ? VerboseMode.SILENT : VerboseMode.NORMAL)
			.build();
		Collection<RunResult> results = new Runner(options).run();
		Map<String, Figures> figures = new HashMap<>();
		for (RunResult result : results) {
			String benchmark = result.getParams().getBenchmark();
			figures.put(benchmark.substring(benchmark.lastIndexOf('.') + 1), Figures.of(result));
		}
		return report(mode, iterations, checked, figures);
	}

	private static String report(Mode mode, Iterations iterations, String checked, Map<String, Figures> figures) {
		Table table = new Table();
		StringBuilder details = new StringBuilder(
				"| benchmark | ns/op | ± (99.9%) | bytes/op |\n|---|---:|---:|---:|\n");
		for (String[] pair : new String[][] { { "retrieve", "retrieve-run body into `Run`" },
				{ "page", "100-run list page into its page" } }) {
			Figures client = require(figures, pair[0] + "Client");
			Figures tree = require(figures, pair[0] + "ReadTree");
			table.rowAtMost("ns/op, " + pair[1] + " vs `readTree`", Table.decimal(client.nanos),
					Table.decimal(tree.nanos), client.nanos / tree.nanos, 1.5);
			table.row("bytes/op, " + pair[1] + " vs `readTree`", Table.number(client.bytes), Table.number(tree.bytes),
					client.bytes / tree.bytes, "", null);
			for (String name : new String[] { pair[0] + "Client", pair[0] + "ReadTree" }) {
				Figures figure = figures.get(name);
				details.append("| `")
					.append(name)
					.append("` | ")
					.append(Table.decimal(figure.nanos))
					.append(" | ")
					.append(Double.isNaN(figure.error) ? "" : Table.decimal(figure.error))
					.append(" | ")
					.append(Table.number(figure.bytes))
					.append(" |\n");
			}
		}
		return "## Decoding\n\n" + table.toMarkdown() + "\n" + String.format(Locale.ROOT,
				"JMH 1.37 (`%s`), average time, one forked JVM (`%s`), one thread; %d warm-up and %d measured "
						+ "iteration(s) of %d ms per benchmark; bytes/op from JMH's GC profiler "
						+ "(`gc.alloc.rate.norm`). trigger4j: the decoding the client runs on each response body, "
						+ "`WireJson.read` with its wire mapper (and the default application mapper) into `Run`, or "
						+ "into the list page's wire record and then its `CursorPage<Run>`. Baseline: `readTree` of "
						+ "the same bytes with the same wire mapper. Bodies: `RunBodies.retrieve()` (a run that "
						+ "succeeded on its second attempt, with a child run) and `RunBodies.page(3, 1_000_000)`; "
						+ "checked before measuring: %s.%n%n",
				DecodingBenchmark.class.getSimpleName(), String.join(" ", JVM_OPTIONS), iterations.warmups,
				iterations.measurements, iterations.time.convertTo(TimeUnit.MILLISECONDS), checked) + details;
	}

	private static Figures require(Map<String, Figures> figures, String name) {
		Figures figure = figures.get(name);
		if (figure == null) {
			throw new IllegalStateException("JMH reported no result for " + name + " but " + figures.keySet());
		}
		return figure;
	}

	/**
	 * What one benchmark measured.
	 *
	 * @param nanos ns/op
	 * @param error the score's error (99.9%), ns
	 * @param bytes bytes allocated per operation
	 */
	private record Figures(double nanos, double error, double bytes) {

		static Figures of(RunResult result) {
			Result<?> primary = result.getPrimaryResult();
			double bytes = Double.NaN;
			for (var secondary : result.getSecondaryResults().entrySet()) {
				if (secondary.getKey().endsWith("gc.alloc.rate.norm")) {
					bytes = secondary.getValue().getScore();
				}
			}
			return new Figures(primary.getScore(), primary.getScoreError(), bytes);
		}

	}

	/** The JMH iterations of a mode. */
	private record Iterations(int warmups, int measurements, TimeValue time) {

		static Iterations of(Mode mode) {
			if (mode.equals(Mode.FULL)) {
				return new Iterations(5, 5, TimeValue.seconds(1));
			}
			if (mode.equals(Mode.QUICK)) {
				return new Iterations(3, 3, TimeValue.milliseconds(500));
			}
			return new Iterations(1, 1, TimeValue.milliseconds(100));
		}

	}

}
