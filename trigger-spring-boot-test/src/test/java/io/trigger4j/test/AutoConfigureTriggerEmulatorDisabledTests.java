package io.trigger4j.test;

import io.trigger4j.autoconfigure.TriggerConnectionDetails;
import io.trigger4j.client.TriggerOperations;
import io.trigger4j.emulator.EmulatedTask;
import io.trigger4j.emulator.ManualClock;
import io.trigger4j.emulator.TriggerEmulator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AutoConfigureTriggerEmulator} with {@code trigger.enabled=false}: the client is
 * off, and no emulator is started for it; the context starts, and the reset after the
 * test has nothing to reset.
 */
@SpringBootTest(classes = AutoConfigureTriggerEmulatorDisabledTests.Config.class, properties = "trigger.enabled=false")
@AutoConfigureTriggerEmulator
class AutoConfigureTriggerEmulatorDisabledTests {

	@Autowired
	ApplicationContext context;

	@Test
	void neitherTheClientNorTheEmulatorIsConfigured() {
		assertThat(this.context.getBeanNamesForType(TriggerOperations.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(TriggerEmulator.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(ManualClock.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(TriggerConnectionDetails.class)).isEmpty();
		// The application's own beans are there.
		assertThat(this.context.getBeanNamesForType(EmulatedTask.class)).containsExactly("greet");
	}

	@SpringBootConfiguration
	static class Config {

		@Bean
		EmulatedTask greet() {
			return EmulatedTask.of("greet", (run) -> "hello");
		}

	}

}
