package io.trigger4j.test;

import java.util.Map;

import io.trigger4j.client.TriggerOperations;
import io.trigger4j.client.model.runs.RunStatus;
import io.trigger4j.client.model.schedules.CreateScheduleRequest;
import io.trigger4j.client.model.schedules.Schedule;
import io.trigger4j.client.model.tasks.TriggerOptions;
import io.trigger4j.emulator.EmulatedTask;
import io.trigger4j.emulator.TriggerEmulator;
import io.trigger4j.test.junit.TriggerEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.trigger4j.test.TriggerAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link TriggerAssertions}.
 */
class TriggerAssertionsTests {

	@RegisterExtension
	static TriggerEmulatorExtension trigger = TriggerEmulatorExtension.withTasks(
			EmulatedTask.of("send-email", (run) -> Map.of("sent", true)),
			EmulatedTask.of("nightly", (run) -> null).asScheduled());

	record Email(String to, String subject) {
	}

	@Test
	void runsOfATaskInOrderWithPayloadTagsKeyAndOutput(TriggerOperations client, TriggerEmulator emulator) {
		client.tasks()
			.trigger("send-email", new Email("ada@example.com", "Welcome"),
					TriggerOptions.builder().tags("signup").idempotencyKey("welcome-ada").build())
			.block();
		client.tasks().trigger("send-email", new Email("bob@example.com", "Bye")).block();

		assertThat(emulator).hasTriggered("send-email").hasNotTriggered("nightly");
		assertThat(emulator).triggered("send-email")
			.hasSize(2)
			.hasPayloads(Email.class, new Email("ada@example.com", "Welcome"), new Email("bob@example.com", "Bye"));
		assertThat(emulator).triggered("send-email")
			.first()
			.hasStatus(RunStatus.COMPLETED)
			.hasTags("signup")
			.hasIdempotencyKey("welcome-ada")
			.hasPayload(Map.of("to", "ada@example.com", "subject", "Welcome"))
			.outputAs(Map.class)
			.isEqualTo(Map.of("sent", true));
		assertThat(emulator).triggered("send-email")
			.taggedWith("signup")
			.singleElement()
			.payloadAs(Email.class)
			.isEqualTo(new Email("ada@example.com", "Welcome"));
		assertThat(emulator).runs().hasSize(2);
	}

	@Test
	void failuresSayWhatWasExpectedAndWhatHappened(TriggerOperations client, TriggerEmulator emulator) {
		client.tasks().trigger("send-email", new Email("ada@example.com", "Welcome")).block();

		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(emulator).hasTriggered("nightly"))
			.withMessageContaining("Expected task 'nightly' to have been triggered")
			.withMessageContaining("[send-email]");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(emulator).triggered("send-email").hasSize(2))
			.withMessageContaining("runs of task 'send-email'");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(emulator).triggered("send-email").first().hasTags("vip"))
			.withMessageContaining("to have tags [vip] but had []");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(emulator).triggered("send-email").first().hasIdempotencyKey("other"))
			.withMessageContaining("to have idempotency key 'other'");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(emulator).triggered("send-email")
				.first()
				.payloadAs(Email.class)
				.isEqualTo(new Email("bob@example.com", "Welcome")))
			.withMessageContaining("payload of run");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(emulator).hasTriggeredNothing())
			.withMessageContaining("1 run(s)");
	}

	@Test
	void schedulesCreated(TriggerOperations client, TriggerEmulator emulator) {
		assertThat(emulator).schedules().isEmpty();
		client.schedules()
			.create(CreateScheduleRequest.builder()
				.task("nightly")
				.cron("0 2 * * *")
				.deduplicationKey("nightly-report")
				.build())
			.block();

		assertThat(emulator).schedules()
			.extracting(Schedule::task, Schedule::cron, Schedule::deduplicationKey)
			.containsExactly(tuple("nightly", "0 2 * * *", "nightly-report"));
	}

}
