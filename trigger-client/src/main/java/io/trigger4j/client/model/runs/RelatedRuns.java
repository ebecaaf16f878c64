package io.trigger4j.client.model.runs;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The runs related to a retrieved run.
 *
 * @param root the root of the run hierarchy; absent for a root run
 * @param parent the parent run; absent for a root run
 * @param children the immediate children; empty when there are none
 */
public record RelatedRuns(@Nullable Run root, @Nullable Run parent, List<Run> children) {

	/**
	 * Copies the children; {@code null} gives an empty list.
	 * @param root the root of the run hierarchy; absent for a root run
	 * @param parent the parent run; absent for a root run
	 * @param children the immediate children; empty when there are none
	 */
	public RelatedRuns {
		children = (children != null) ? List.copyOf(children) : List.of();
	}

}
