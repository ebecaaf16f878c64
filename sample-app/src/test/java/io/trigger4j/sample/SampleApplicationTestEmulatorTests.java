package io.trigger4j.sample;

import io.trigger4j.autoconfigure.TriggerConnectionDetails;
import io.trigger4j.client.model.runs.RunStatus;
import io.trigger4j.emulator.ManualClock;
import io.trigger4j.emulator.TriggerEmulator;
import io.trigger4j.test.AutoConfigureTriggerEmulator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.trigger4j.test.TriggerAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A test of the sample with {@code @AutoConfigureTriggerEmulator}: the sample's dev mode
 * ({@code trigger.emulator.enabled: true}) backs off, so the test's emulator, on its
 * {@link ManualClock}, is the only one, and it declares the sample's demo tasks.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureTriggerEmulator
@AutoConfigureWebTestClient
class SampleApplicationTestEmulatorTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	TriggerEmulator emulator;

	@Autowired
	WebTestClient web;

	@Test
	void theTestsEmulatorIsTheOnlyOneAndServesTheDemoTasks() {
		assertThat(this.context.getBeansOfType(TriggerEmulator.class)).hasSize(1);
		assertThat(this.context.getBeansOfType(TriggerConnectionDetails.class)).hasSize(1);
		assertThat(this.context.getBean(TriggerConnectionDetails.class).baseUrl()).isEqualTo(this.emulator.baseUrl());
		assertThat(this.context.getBeansOfType(ManualClock.class)).hasSize(1);

		this.web.post()
			.uri("/tasks/hello-world/trigger")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\":\"Ada\"}")
			.exchange()
			.expectStatus()
			.isOk();

		assertThat(this.emulator).triggered("hello-world").hasSize(1).first().hasStatus(RunStatus.COMPLETED);
	}

}
