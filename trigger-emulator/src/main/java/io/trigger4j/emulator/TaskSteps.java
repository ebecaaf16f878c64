package io.trigger4j.emulator;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import io.trigger4j.emulator.engine.Engine;
import io.trigger4j.emulator.engine.StepFunction;
import io.trigger4j.emulator.engine.StepOutcome;
import io.trigger4j.emulator.engine.TaskSpec;
import io.trigger4j.emulator.engine.WaitpointSnapshot;
import io.trigger4j.emulator.engine.WaitpointSpec;
import io.trigger4j.emulator.engine.WaitpointStatus;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Turns the public task declarations into what the engine runs. */
final class TaskSteps {

	private TaskSteps() {
	}

	/**
	 * @param engine the engine the task runs in (known once it is built), for the tokens
	 * a step creates
	 */
	static TaskSpec spec(EmulatedTask task, Supplier<@Nullable Engine> engine) {
		return new TaskSpec(task.id(), task.duration(), task.maxAttempts(), task.retryDelay(), task.concurrencyLimit(),
				function(task.handler(), engine), task.scheduled(), task.cron(), task.timezone());
	}

	private static StepFunction function(TaskHandler handler, Supplier<@Nullable Engine> engine) {
		return (context) -> {
			// A step's tokens are made at its start, however late the tick that started
			// it.
			TaskInvocation.TokenFactory tokens = (key, timeout, tags) -> createToken(engine.get(), context.startedAt(),
					key, timeout, tags);
			String payload = (context.payload() != null) ? context.payload().toString() : null;
			TaskInvocation.StreamSink streams = (key, record) -> append(engine.get(), context.runId(), key, record);
			Object result = handler.run(new TaskInvocation(context.runId(), context.taskIdentifier(), context.attempt(),
					context.step(), payload, tokenResult(context.token()), tokens, streams));
			if (result instanceof TaskStep step) {
				return switch (step.kind()) {
					case COMPLETE -> new StepOutcome.Complete(EmulatorJson.MAPPER.valueToTree(step.output()));
					case FAIL -> new StepOutcome.Fail(error(String.valueOf(step.message())));
					case WAIT -> new StepOutcome.Wait(step.duration());
					case WAIT_FOR_TOKEN -> new StepOutcome.WaitForToken(String.valueOf(step.tokenId()));
				};
			}
			return new StepOutcome.Complete(EmulatorJson.MAPPER.valueToTree(result));
		};
	}

	private static String createToken(@Nullable Engine engine, Instant at, @Nullable String key,
			@Nullable Duration timeout, List<String> tags) {
		if (engine == null) {
			throw new IllegalStateException("createToken needs a run of a started TriggerEmulator");
		}
		Instant timeoutAt = null;
		if (timeout != null) {
			try {
				timeoutAt = at.plus(timeout);
			}
			catch (DateTimeException | ArithmeticException ex) {
				// Beyond any instant: the token never times out.
			}
		}
		return engine.waitpoints().create(new WaitpointSpec(key, null, timeoutAt, tags), at).token().id();
	}

	private static String append(@Nullable Engine engine, String runId, String key, @Nullable Object record) {
		if (engine == null) {
			throw new IllegalStateException("stream needs a run of a started TriggerEmulator");
		}
		JsonNode data = (record != null) ? EmulatorJson.MAPPER.valueToTree(record) : EmulatorJson.MAPPER.nullNode();
		return engine.streams().append(runId, key, data);
	}

	private static TaskInvocation.@Nullable TokenResult tokenResult(@Nullable WaitpointSnapshot token) {
		if (token == null) {
			return null;
		}
		boolean ok = token.status() == WaitpointStatus.COMPLETED;
		String output = (ok && token.output() != null) ? token.output().toString() : null;
		return new TaskInvocation.TokenResult(token.id(), ok, output, ok ? null : token.errorMessage());
	}

	private static ObjectNode error(String message) {
		ObjectNode error = EmulatorJson.MAPPER.createObjectNode();
		error.put("message", message);
		error.put("name", "Error");
		error.put("stackTrace", "Error: " + message);
		return error;
	}

}
