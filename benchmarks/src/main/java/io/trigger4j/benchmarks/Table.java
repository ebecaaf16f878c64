package io.trigger4j.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Markdown table of figures:
 * {@code what | trigger4j | baseline | ratio | target | met?}.
 */
public final class Table {

	/** The header row's cells. */
	public static final String HEADER = "| what | trigger4j | baseline | ratio | target | met? |";

	private final List<String> rows = new ArrayList<>();

	/**
	 * Adds a row.
	 * @param what what is measured, and against which baseline
	 * @param trigger4j trigger4j's figure, formatted
	 * @param baseline the baseline's figure, formatted
	 * @param ratio trigger4j / baseline
	 * @param target the target as text ({@code ≥ 0.95x}), or empty for none
	 * @param met whether the target is met, or {@code null} when there is none
	 * @return this table
	 */
	public Table row(String what, String trigger4j, String baseline, double ratio, String target, Boolean met) {
		String metText = (met == null) ? "" : (met ? "yes" : "**no**");
		this.rows.add("| " + what + " | " + trigger4j + " | " + baseline + " | " + ratio(ratio) + " | " + target + " | "
				+ metText + " |");
		return this;
	}

	/**
	 * Adds a row with a target that {@code ratio} must be at least.
	 * @param what what is measured
	 * @param trigger4j trigger4j's figure, formatted
	 * @param baseline the baseline's figure, formatted
	 * @param ratio trigger4j / baseline
	 * @param atLeast the smallest ratio that meets the target
	 * @return this table
	 */
	public Table rowAtLeast(String what, String trigger4j, String baseline, double ratio, double atLeast) {
		return row(what, trigger4j, baseline, ratio, "≥ " + ratio(atLeast), ratio >= atLeast);
	}

	/**
	 * Adds a row with a target that {@code ratio} must not exceed.
	 * @param what what is measured
	 * @param trigger4j trigger4j's figure, formatted
	 * @param baseline the baseline's figure, formatted
	 * @param ratio trigger4j / baseline
	 * @param atMost the largest ratio that meets the target
	 * @return this table
	 */
	public Table rowAtMost(String what, String trigger4j, String baseline, double ratio, double atMost) {
		return row(what, trigger4j, baseline, ratio, "≤ " + ratio(atMost), ratio <= atMost);
	}

	/**
	 * The rows added so far, without the header.
	 * @return the rows
	 */
	public List<String> rows() {
		return List.copyOf(this.rows);
	}

	/**
	 * The table as Markdown, header first.
	 * @return the Markdown
	 */
	public String toMarkdown() {
		StringBuilder out = new StringBuilder(HEADER).append('\n').append("|---|---:|---:|---:|---|---|\n");
		this.rows.forEach((row) -> out.append(row).append('\n'));
		return out.toString();
	}

	static String ratio(double ratio) {
		return Double.isNaN(ratio) ? "n/a" : String.format(Locale.ROOT, "%.2fx", ratio);
	}

	static String number(double value) {
		return String.format(Locale.ROOT, "%,.0f", value);
	}

	static String decimal(double value) {
		return String.format(Locale.ROOT, "%,.1f", value);
	}

}
