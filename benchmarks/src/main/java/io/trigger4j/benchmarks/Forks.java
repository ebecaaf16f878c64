package io.trigger4j.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class of this module in a new JVM (this JVM's {@code java} and class path)
 * and reads back the {@code BENCH key=value} lines it prints.
 */
final class Forks {

	static final String PREFIX = "BENCH ";

	private Forks() {
	}

	/**
	 * Runs {@code mainClass} with the JVM options and arguments given, waits for it (at
	 * most {@code timeoutSeconds}) and returns what it reported.
	 */
	static Map<String, String> run(List<String> jvmOptions, Class<?> mainClass, long timeoutSeconds, String... args)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(mainClass.getName());
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		Map<String, String> reported = new HashMap<>();
		List<String> output = new ArrayList<>();
		Thread reader = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = lines.readLine()) != null) {
					if (line.startsWith(PREFIX)) {
						String[] pair = line.substring(PREFIX.length()).split("=", 2);
						synchronized (reported) {
							reported.put(pair[0], pair[1]);
						}
					}
					else if (output.size() < 200) {
						output.add(line);
					}
				}
			}
			catch (IOException ex) {
				// the process ended
			}
		}, "bench-fork-reader");
		reader.start();
		if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException(mainClass.getSimpleName() + " did not finish within " + timeoutSeconds
					+ " s; its output: " + output);
		}
		reader.join(10_000);
		if (process.exitValue() != 0) {
			throw new IllegalStateException(
					mainClass.getSimpleName() + " exited with " + process.exitValue() + "; its output: " + output);
		}
		synchronized (reported) {
			return Map.copyOf(reported);
		}
	}

	/** Prints one figure for the parent to read. */
	static void report(String key, Object value) {
		System.out.println(PREFIX + key + "=" + value);
	}

}
