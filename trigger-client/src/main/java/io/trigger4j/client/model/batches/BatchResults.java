package io.trigger4j.client.model.batches;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.trigger4j.client.model.runs.RunResult;

/**
 * The execution results of a batch's finished runs ({@code GET
 * /api/v1/batches/{batchId}/results}). Runs still executing are left out. Current servers
 * build this from per-attempt records their engine no longer writes, so most items are
 * missing (a canceled run still shows); prefer retrieving each run for its output.
 *
 * @param id the batch id
 * @param items one result per finished run: {@link RunResult#ok()}, and the output
 * ({@link RunResult#output(Class)}) or the error
 */
public record BatchResults(@JsonProperty(required = true) String id, List<RunResult> items) {

	/**
	 * Checks that the id is present and copies the items ({@code null} gives an empty
	 * list).
	 * @param id the batch id
	 * @param items one result per finished run: {@link RunResult#ok()}, and the output
	 * ({@link RunResult#output(Class)}) or the error
	 */
	public BatchResults {
		Objects.requireNonNull(id, "id must not be null");
		items = (items != null) ? List.copyOf(items) : List.of();
	}

}
