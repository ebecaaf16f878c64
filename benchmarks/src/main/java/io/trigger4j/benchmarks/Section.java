package io.trigger4j.benchmarks;

/**
 * One section of {@code BENCHMARKS.md}: measures one hot path against its baseline in the
 * same invocation and returns its Markdown (a heading, a {@link Table} and notes).
 */
public interface Section {

	/**
	 * The name {@code --only} selects the section by.
	 * @return the section's short name
	 */
	String name();

	/**
	 * Measures and reports.
	 * @param mode how long and how often to measure
	 * @param stub the stub server the section may call (started by the harness)
	 * @return the section's Markdown
	 * @throws Exception if the measurement could not run
	 */
	String run(Mode mode, StubServer stub) throws Exception;

}
