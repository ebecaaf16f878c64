package io.trigger4j.test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.trigger4j.autoconfigure.TriggerAutoConfiguration;
import io.trigger4j.autoconfigure.TriggerConnectionDetails;
import io.trigger4j.client.TriggerOperations;
import io.trigger4j.client.model.runs.ListRunsRequest;
import io.trigger4j.client.model.runs.RunStatus;
import io.trigger4j.client.model.tasks.TriggerOptions;
import io.trigger4j.client.model.tasks.TriggeredRun;
import io.trigger4j.emulator.EmulatedTask;
import io.trigger4j.emulator.Fault;
import io.trigger4j.emulator.ManualClock;
import io.trigger4j.emulator.TriggerEmulator;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link AutoConfigureTriggerEmulator}.
 */
@SpringBootTest(classes = AutoConfigureTriggerEmulatorTests.Config.class)
@AutoConfigureTriggerEmulator
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AutoConfigureTriggerEmulatorTests {

	@Autowired
	TriggerOperations trigger;

	@Autowired
	TriggerEmulator emulator;

	@Autowired
	ManualClock clock;

	@Test
	@Order(1)
	void clientCallsTheEmulatorWithTheTestsTasks() {
		assertThat(this.trigger.baseUrl()).isEqualTo(this.emulator.baseUrl());
		TriggeredRun triggered = this.trigger.tasks()
			.trigger("greet", Map.of("name", "Ada"), TriggerOptions.builder().idempotencyKey("greet-ada").build())
			.block();
		assertThat(this.trigger.runs().retrieve(triggered.id()).block().output(Map.class))
			.isEqualTo(Map.of("greeting", "hello Ada"));
		TriggerAssertions.assertThat(this.emulator).triggered("greet").singleElement().hasStatus(RunStatus.COMPLETED);
	}

	@Test
	@Order(2)
	void nextTestSeesNoRunAndItsIdempotencyKeysAreFree() {
		TriggerAssertions.assertThat(this.emulator).hasTriggeredNothing();
		TriggeredRun triggered = this.trigger.tasks()
			.trigger("greet", Map.of("name", "Ada"), TriggerOptions.builder().idempotencyKey("greet-ada").build())
			.block();
		assertThat(triggered.isCached()).isFalse();
	}

	@Test
	@Order(3)
	void clockBeanIsTheEmulatorsClock() {
		TriggeredRun triggered = this.trigger.tasks()
			.trigger("greet", Map.of("name", "Bob"), TriggerOptions.builder().delay(Duration.ofMinutes(5)).build())
			.block();
		assertThat(this.trigger.runs().retrieve(triggered.id()).block().status()).isEqualTo(RunStatus.DELAYED);
		Instant before = this.clock.instant();
		this.emulator.advance(Duration.ofMinutes(6));
		assertThat(this.clock.instant()).isEqualTo(before.plus(Duration.ofMinutes(6)));
		assertThat(this.trigger.runs().retrieve(triggered.id()).block().status()).isEqualTo(RunStatus.COMPLETED);
	}

	@Test
	@Order(4)
	void clientRetriesFast() {
		this.emulator.inject(Fault.status(503).times(3));
		long start = System.nanoTime();
		TriggeredRun triggered = this.trigger.tasks().trigger("greet", Map.of("name", "Cy")).block();
		// The default backoff (1 s, 50 % jitter, x1.6) would wait at least 2.5 s.
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
		assertThat(triggered.id()).startsWith("run_");
	}

	@Test
	@Order(5)
	void leavesAnUnfinishedRunAndAnEnvironmentVariable() {
		this.trigger.tasks()
			.trigger("greet", Map.of("name", "Dee"), TriggerOptions.builder().delay(Duration.ofHours(1)).build())
			.block();
		this.trigger.envVars().create(this.emulator.projectRef(), "dev", "GREETING", "hello").block();
		assertThat(this.emulator.runs()).singleElement()
			.satisfies((run) -> assertThat(run.status()).isEqualTo("DELAYED"));
	}

	@Test
	@Order(6)
	void nextTestFindsNothingOfTheEarlierTestsThroughTheApi() {
		assertThat(this.emulator.runs()).isEmpty();
		assertThat(this.trigger.runs().list(ListRunsRequest.all()).collectList().block()).isEmpty();
		assertThat(this.trigger.envVars().list(this.emulator.projectRef(), "dev").block()).isEmpty();
	}

	@Test
	void emulatorStopsWithTheContextAndNeedsNoProperty() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(TriggerAutoConfiguration.class, TriggerEmulatorTestAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				TriggerEmulator emulator = context.getBean(TriggerEmulator.class);
				assertThat(context.getBean(TriggerConnectionDetails.class).baseUrl()).isEqualTo(emulator.baseUrl());
				assertThat(context.getBean(TriggerOperations.class).baseUrl()).isEqualTo(emulator.baseUrl());
				context.close();
				assertThatExceptionOfType(IOException.class).isThrownBy(() -> {
					try (Socket socket = new Socket()) {
						socket.connect(new InetSocketAddress("127.0.0.1", emulator.port()), 1000);
					}
				});
			});
	}

	@SpringBootConfiguration
	static class Config {

		@Bean
		EmulatedTask greet() {
			return EmulatedTask.of("greet", (run) -> Map.of("greeting", "hello " + run.payloadAsMap().get("name")));
		}

	}

}
