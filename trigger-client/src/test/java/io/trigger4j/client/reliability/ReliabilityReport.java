package io.trigger4j.client.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the reliability suites leave their figures: one Markdown section per suite in
 * {@code target/reliability/<suite>.md}, which {@code reliability/run.sh} assembles into
 * {@code RELIABILITY.md}.
 */
public final class ReliabilityReport {

	/** Set to {@code true} to run the full sizes (the script sets it). */
	public static final String FULL_PROPERTY = "trigger4j.reliability.full";

	private ReliabilityReport() {
	}

	/** Whether the full sizes were asked for. */
	public static boolean full() {
		return Boolean.getBoolean(FULL_PROPERTY);
	}

	/** Writes a suite's section, replacing an earlier one. */
	public static void write(String suite, String markdown) {
		Path directory = Path.of("target", "reliability");
		try {
			Files.createDirectories(directory);
			Files.writeString(directory.resolve(suite + ".md"), markdown, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A Markdown table cell: no pipes or line breaks. */
	public static String cell(Object value) {
		return String.valueOf(value).replace("|", "\\|").replace("\r", " ").replace("\n", " ");
	}

}
