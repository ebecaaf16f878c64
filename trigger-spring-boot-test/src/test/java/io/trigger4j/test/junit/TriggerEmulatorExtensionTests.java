package io.trigger4j.test.junit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.trigger4j.client.TriggerOperations;
import io.trigger4j.client.model.schedules.CreateScheduleRequest;
import io.trigger4j.client.model.tasks.TriggerOptions;
import io.trigger4j.client.model.tasks.TriggeredRun;
import io.trigger4j.emulator.EmulatedTask;
import io.trigger4j.emulator.ManualClock;
import io.trigger4j.emulator.TriggerEmulator;
import io.trigger4j.test.TriggerAssertions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Tests for {@link TriggerEmulatorExtension}: each runs a test class through the JUnit
 * launcher and checks what its tests saw.
 */
class TriggerEmulatorExtensionTests {

	static final List<TriggerEmulator> seen = new ArrayList<>();

	@Test
	void oneEmulatorPerClassResetBetweenTestsAndStoppedAfterIt() {
		seen.clear();
		TestExecutionSummary summary = run(Declared.class);
		assertThat(summary.getFailures()).isEmpty();
		assertThat(summary.getTestsSucceededCount()).isEqualTo(3);
		assertThat(seen).hasSize(3).containsOnly(seen.get(0));
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", seen.get(0).port()), 1000);
			}
		});
	}

	@Test
	void registeredWithTasksAndACustomizer() {
		seen.clear();
		TestExecutionSummary summary = run(Registered.class);
		assertThat(summary.getFailures()).isEmpty();
		assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
	}

	private static TestExecutionSummary run(Class<?> testClass) {
		LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
			.selectors(selectClass(testClass))
			.configurationParameter("junit.jupiter.conditions.deactivate", "*")
			.build();
		SummaryGeneratingListener listener = new SummaryGeneratingListener();
		LauncherFactory.create().execute(request, listener);
		TestExecutionSummary summary = listener.getSummary();
		summary.getFailures().forEach((failure) -> failure.getException().printStackTrace());
		return summary;
	}

	@ExtendWith(TriggerEmulatorExtension.class)
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	static class Declared {

		private final TriggerOperations client;

		Declared(TriggerOperations client) {
			this.client = client;
		}

		@Test
		@Order(1)
		void triggers(TriggerEmulator emulator, ManualClock clock) {
			seen.add(emulator);
			TriggeredRun triggered = this.client.tasks()
				.trigger("undeployed", Map.of(), TriggerOptions.builder().idempotencyKey("once").build())
				.block();
			// No task is declared: the run waits for a deploy.
			assertThat(this.client.runs().retrieve(triggered.id()).block().isTerminal()).isFalse();
			Instant before = clock.instant();
			emulator.advance(Duration.ofSeconds(30));
			assertThat(clock.instant()).isEqualTo(before.plusSeconds(30));
		}

		@Test
		@Order(2)
		void seesNothingOfTheFirstTest(TriggerEmulator emulator) {
			seen.add(emulator);
			TriggerAssertions.assertThat(emulator).hasTriggeredNothing();
			TriggeredRun triggered = this.client.tasks()
				.trigger("undeployed", Map.of(), TriggerOptions.builder().idempotencyKey("once").build())
				.block();
			assertThat(triggered.isCached()).isFalse();
		}

		@Test
		@Order(3)
		void sameEmulator(TriggerEmulator emulator) {
			seen.add(emulator);
			TriggerAssertions.assertThat(emulator).hasTriggeredNothing();
		}

	}

	static class Registered {

		@RegisterExtension
		static TriggerEmulatorExtension trigger = TriggerEmulatorExtension
			.withTasks(EmulatedTask.of("report", (run) -> Map.of("rows", 3)).asScheduled())
			.customize((builder) -> builder.secretKey("tr_dev_registered1234"));

		@Test
		void usesTheTasksAndTheCustomizer() {
			assertThat(trigger.emulator().secretKey()).isEqualTo("tr_dev_registered1234");
			TriggeredRun triggered = trigger.client().tasks().trigger("report", Map.of()).block();
			assertThat(trigger.client().runs().retrieve(triggered.id()).block().output(Map.class))
				.isEqualTo(Map.of("rows", 3));
			trigger.client()
				.schedules()
				.create(CreateScheduleRequest.builder().task("report").cron("0 * * * *").deduplicationKey("r").build())
				.block();
			TriggerAssertions.assertThat(trigger.emulator()).schedules().hasSize(1);
		}

	}

}
