package io.trigger4j.test.readme;

import io.trigger4j.client.TriggerOperations;
import io.trigger4j.client.model.tasks.TriggerOptions;
import org.springframework.stereotype.Service;

@Service
class SignupService {

	private final TriggerOperations trigger;

	SignupService(TriggerOperations trigger) {
		this.trigger = trigger;
	}

	void signUp(String email) {
		TriggerOptions options = TriggerOptions.builder().tags("signup").idempotencyKey("welcome-" + email).build();
		this.trigger.tasks().trigger("send-email", new Email(email, "Welcome"), options).block();
	}

}
