package io.trigger4j.client.model.runs;

import io.trigger4j.client.error.TriggerDecodingException;
import io.trigger4j.client.model.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * The execution result of a finished run ({@code GET /api/v1/runs/{runId}/result}).
 *
 * @param ok whether the run completed successfully
 * @param id the run id
 * @param taskIdentifier the task identifier
 * @param output the serialised output (when {@code ok}); parse it according to
 * {@code outputType}
 * @param outputType the content type of {@code output}, such as {@code application/json}
 * @param error the error (when not {@code ok})
 * @param usage execution usage
 */
public record RunResult(boolean ok, String id, @Nullable String taskIdentifier, @Nullable String output,
		@Nullable String outputType, @Nullable JsonValue error, @Nullable Usage usage) {

	/**
	 * Parses {@link #output()} as JSON and reads it as the given type; {@code null}
	 * without output.
	 * @param <T> the type to decode into
	 * @param type the class to decode into
	 * @return the output, or {@code null}
	 * @throws TriggerDecodingException if the output is not JSON of that type
	 */
	public <T> @Nullable T output(Class<T> type) {
		if (this.output == null) {
			return null;
		}
		try {
			return JsonValue.parse(this.output).as(type);
		}
		catch (IllegalArgumentException ex) {
			throw new TriggerDecodingException("Run output of " + this.id + " is not JSON", ex);
		}
	}

	/**
	 * Execution usage of a run.
	 *
	 * @param durationMs duration in milliseconds
	 */
	public record Usage(@Nullable Double durationMs) {
	}

}
