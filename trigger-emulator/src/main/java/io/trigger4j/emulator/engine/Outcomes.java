package io.trigger4j.emulator.engine;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Step outcomes as the engine stores them. */
final class Outcomes {

	private Outcomes() {
	}

	/**
	 * A failure from an exception: {@code {message, name, stackTrace}} as the server
	 * shows an error.
	 */
	static StepOutcome.Fail failure(Throwable ex) {
		return new StepOutcome.Fail(error(ex));
	}

	static JsonNode error(Throwable ex) {
		ObjectNode error = JsonNodeFactory.instance.objectNode();
		error.put("message", String.valueOf(ex.getMessage()));
		error.put("name", ex.getClass().getSimpleName());
		error.put("stackTrace", ex.getClass().getName() + ": " + ex.getMessage());
		return error;
	}

	/**
	 * The outcome as stored: JSON values copied, so the function cannot change them
	 * later; {@code null} is a failure.
	 */
	static StepOutcome stored(StepOutcome outcome) {
		if (outcome instanceof StepOutcome.Complete complete) {
			JsonNode output = complete.output();
			return (output != null) ? new StepOutcome.Complete(output.deepCopy()) : complete;
		}
		if (outcome instanceof StepOutcome.Fail fail) {
			return new StepOutcome.Fail(fail.error().deepCopy());
		}
		if (outcome == null) {
			return failure(new IllegalStateException("Step function returned no outcome"));
		}
		return outcome;
	}

}
