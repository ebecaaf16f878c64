package io.trigger4j.emulator;

import io.trigger4j.emulator.engine.StepFunction;
import io.trigger4j.emulator.engine.StepOutcome;
import io.trigger4j.emulator.engine.TaskSpec;
import tools.jackson.databind.node.ObjectNode;

/** Turns the public task declarations into what the engine runs. */
final class TaskSteps {

	private TaskSteps() {
	}

	static TaskSpec spec(EmulatedTask task) {
		return new TaskSpec(task.id(), task.duration(), task.maxAttempts(), task.retryDelay(), task.concurrencyLimit(),
				function(task.handler()), task.scheduled(), task.cron(), task.timezone());
	}

	private static StepFunction function(TaskHandler handler) {
		return (context) -> {
			String payload = (context.payload() != null) ? context.payload().toString() : null;
			Object result = handler.run(new TaskInvocation(context.runId(), context.taskIdentifier(), context.attempt(),
					context.step(), payload));
			if (result instanceof TaskStep step) {
				return switch (step.kind()) {
					case COMPLETE -> new StepOutcome.Complete(EmulatorJson.MAPPER.valueToTree(step.output()));
					case FAIL -> new StepOutcome.Fail(error(String.valueOf(step.message())));
					case WAIT -> new StepOutcome.Wait(step.duration());
				};
			}
			return new StepOutcome.Complete(EmulatorJson.MAPPER.valueToTree(result));
		};
	}

	private static ObjectNode error(String message) {
		ObjectNode error = EmulatorJson.MAPPER.createObjectNode();
		error.put("message", message);
		error.put("name", "Error");
		error.put("stackTrace", "Error: " + message);
		return error;
	}

}
