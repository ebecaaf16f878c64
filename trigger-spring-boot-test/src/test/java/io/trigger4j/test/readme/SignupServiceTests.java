package io.trigger4j.test.readme;

import java.util.Map;

import io.trigger4j.client.model.runs.RunStatus;
import io.trigger4j.emulator.EmulatedTask;
import io.trigger4j.emulator.TriggerEmulator;
import io.trigger4j.test.AutoConfigureTriggerEmulator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import static io.trigger4j.test.TriggerAssertions.assertThat;

@SpringBootTest
@AutoConfigureTriggerEmulator
class SignupServiceTests {

	@Autowired
	SignupService signupService;

	@Autowired
	TriggerEmulator emulator;

	@Test
	void signingUpSendsTheWelcomeEmail() {
		this.signupService.signUp("ada@example.com");

		assertThat(this.emulator).triggered("send-email")
			.hasSize(1)
			.first()
			.hasStatus(RunStatus.COMPLETED)
			.hasTags("signup")
			.hasIdempotencyKey("welcome-ada@example.com")
			.payloadAs(Email.class)
			.isEqualTo(new Email("ada@example.com", "Welcome"));
	}

	@TestConfiguration
	static class Tasks {

		@Bean
		EmulatedTask sendEmail() {
			return EmulatedTask.of("send-email", (run) -> Map.of("sent", true));
		}

	}

}
