package io.trigger4j.sample;

import java.io.IOException;
import java.net.Socket;

import io.trigger4j.autoconfigure.TriggerAutoConfiguration;
import io.trigger4j.client.TriggerOperations;
import io.trigger4j.emulator.TriggerEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

@ExtendWith(OutputCaptureExtension.class)
class EmbeddedEmulatorInitializerTests {

	@Test
	void withoutAKeyTheEmulatorStartsAndTheStarterIsPointedAtIt(CapturedOutput output) {
		GenericApplicationContext context = new GenericApplicationContext();
		context.setEnvironment(new MockEnvironment().withProperty("trigger.secret-key", ""));

		new EmbeddedEmulatorInitializer().initialize(context);
		context.refresh();

		TriggerEmulator emulator = context.getBean(TriggerEmulator.class);
		assertThat(context.getEnvironment().getProperty("trigger.base-url")).isEqualTo(emulator.baseUrl());
		assertThat(context.getEnvironment().getProperty("trigger.secret-key")).isEqualTo(emulator.secretKey());
		assertThat(output)
			.containsOnlyOnce("no TRIGGER_SECRET_KEY set, so an embedded Trigger.dev emulator serves the API at "
					+ emulator.baseUrl() + " (tasks: [hello-world, flaky, slow-report])");

		context.close();
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> new Socket("127.0.0.1", emulator.port()).close());
	}

	@Test
	void closingTheContextClosesTheClientThenStopsTheEmulator() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, TriggerAutoConfiguration.class))
			.withInitializer((context) -> new EmbeddedEmulatorInitializer().initialize(context))
			.withPropertyValues("trigger.secret-key=")
			.run((context) -> {
				TriggerEmulator emulator = context.getBean(TriggerEmulator.class);
				TriggerOperations trigger = context.getBean(TriggerOperations.class);
				assertThat(trigger.schedules().timezones(false).block()).isNotEmpty();
				context.close();
				assertThatIllegalStateException().isThrownBy(() -> trigger.schedules().timezones(false).block())
					.withMessageStartingWith("the Trigger.dev client is closed");
				assertThatExceptionOfType(IOException.class)
					.isThrownBy(() -> new Socket("127.0.0.1", emulator.port()).close());
			});
	}

	@Test
	void withAKeyTheRealServiceIsUsed(CapturedOutput output) {
		GenericApplicationContext context = new GenericApplicationContext();
		context.setEnvironment(new MockEnvironment().withProperty("TRIGGER_SECRET_KEY", "tr_prod_example"));

		new EmbeddedEmulatorInitializer().initialize(context);
		context.refresh();

		assertThat(context.getBeansOfType(TriggerEmulator.class)).isEmpty();
		assertThat(output).contains("a secret key is set, so runs go to the Trigger.dev API at https://api.trigger.dev")
			.doesNotContain("tr_prod_example");
		context.close();
	}

}
