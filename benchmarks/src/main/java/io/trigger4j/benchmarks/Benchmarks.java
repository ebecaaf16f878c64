package io.trigger4j.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Runs the benchmark sections and writes {@code BENCHMARKS.md}: a header naming the
 * machine, the JDK, the commit, the date, the mode and the command, then one Markdown
 * section per benchmark. {@code benchmarks/run.sh} builds the module and runs this.
 *
 * <p>
 * Arguments: {@code --quick} (under two minutes), {@code --out <file>} (default
 * {@code BENCHMARKS.md}), {@code --only <section>} (repeatable; by
 * {@link Section#name()}).
 */
public final class Benchmarks {

	private Benchmarks() {
	}

	/**
	 * Every section, in report order. Sections written later are added here.
	 * @return the sections
	 */
	public static List<Section> sections() {
		return List.of(new TriggerThroughputSection(), new ListStreamingSection(), new ColdStartSection(),
				new DecodingSection(), new EmulatorSection());
	}

	/**
	 * Runs the benchmarks.
	 * @param args {@code [--quick] [--out <file>] [--only <section>]...}
	 * @throws Exception if a section could not run
	 */
	public static void main(String[] args) throws Exception {
		Mode mode = Mode.FULL;
		Path out = Path.of("BENCHMARKS.md");
		List<String> only = new ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--quick" -> mode = Mode.QUICK;
				case "--out" -> out = Path.of(requireValue(args, ++i, "--out"));
				case "--only" -> only.add(requireValue(args, ++i, "--only"));
				default -> throw new IllegalArgumentException("unknown argument " + args[i]
						+ "; expected --quick, --out <file> or --only <section> (" + names() + ")");
			}
		}
		for (String name : only) {
			if (sections().stream().noneMatch((section) -> section.name().equals(name))) {
				throw new IllegalArgumentException("--only must name a section (" + names() + ") but was " + name);
			}
		}
		String command = System.getProperty("benchmarks.command", "benchmarks/run.sh " + String.join(" ", args));
		String report = run(mode, only, command, (line) -> System.out.println(line));
		Path analysis = Path.of("benchmarks", "ANALYSIS.md");
		if (Files.isRegularFile(analysis)) {
			// what the figures mean: written by hand, kept beside the generated tables
			report = report + "\n" + Files.readString(analysis, StandardCharsets.UTF_8);
		}
		Files.writeString(out, report, StandardCharsets.UTF_8);
		System.out.println("wrote " + out.toAbsolutePath());
		System.exit(0);
	}

	/**
	 * Runs the sections (all of them when {@code only} is empty) and assembles the
	 * report.
	 * @param mode how long to measure
	 * @param only the names of the sections to run, or empty for all
	 * @param command the command shown in the header
	 * @param progress told of each section's start and end
	 * @return the report's Markdown
	 * @throws Exception if a section could not run
	 */
	public static String run(Mode mode, List<String> only, String command, java.util.function.Consumer<String> progress)
			throws Exception {
		Instant started = Instant.now();
		StringBuilder body = new StringBuilder();
		try (StubServer stub = StubServer.start()) {
			for (Section section : sections()) {
				if (!only.isEmpty() && !only.contains(section.name())) {
					continue;
				}
				long sectionStart = System.nanoTime();
				progress.accept("section " + section.name() + "...");
				body.append(section.run(mode, stub)).append('\n');
				progress.accept(String.format(Locale.ROOT, "section %s: %.1f s", section.name(),
						(System.nanoTime() - sectionStart) / 1e9));
			}
		}
		Duration took = Duration.between(started, Instant.now());
		return header(mode, command, took) + "\n" + body;
	}

	private static String header(Mode mode, String command, Duration took) {
		Runtime runtime = Runtime.getRuntime();
		long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getTotalMemorySize();
		return "# trigger4j benchmarks\n\n"
				+ "Every figure is measured beside its baseline in the same invocation, on the same machine; read the "
				+ "ratios, not the absolute numbers (this machine may be shared). Regenerate with `" + command
				+ "`.\n\n" + "| | |\n|---|---|\n" + "| machine | " + runtime.availableProcessors() + " cores, "
				+ String.format(Locale.ROOT, "%.1f GB", memory / 1e9) + " memory, " + shell("uname", "-sr") + " |\n"
				+ "| JDK | " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ") |\n"
				+ "| commit | " + commit() + " |\n" + "| date | "
				+ DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(Instant.now().atOffset(ZoneOffset.UTC).withNano(0))
				+ "Z |\n" + "| mode | " + mode.name() + " |\n" + "| command | `" + command + "` |\n" + "| took | "
				+ took.toSeconds() + " s |\n";
	}

	private static String commit() {
		String head = shell("git", "rev-parse", "--short", "HEAD");
		String status = shell("git", "status", "--porcelain", "--untracked-files=no");
		return head + ((status.isEmpty() || status.equals("unknown")) ? "" : "-dirty");
	}

	private static String shell(String... command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
			return (process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0) ? output : "unknown";
		}
		catch (IOException ex) {
			return "unknown";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "unknown";
		}
	}

	private static String requireValue(String[] args, int index, String option) {
		if (index >= args.length) {
			throw new IllegalArgumentException(option + " needs a value");
		}
		return args[index];
	}

	private static String names() {
		return String.join(", ", sections().stream().map(Section::name).toList());
	}

}
