package io.trigger4j.autoconfigure;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;

import io.trigger4j.client.TriggerOperations;
import io.trigger4j.client.model.runs.RunStatus;
import io.trigger4j.emulator.EmulatedTask;
import io.trigger4j.emulator.TriggerEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Dev mode: {@code trigger.emulator.enabled=true} starts the emulator inside the
 * application, only when set, never with a key, and never over an emulator or connection
 * details the context already has.
 */
@ExtendWith(OutputCaptureExtension.class)
class TriggerEmulatorAutoConfigurationTests {

	static final String KEY = TriggerAutoConfigurationTests.KEY;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, TriggerAutoConfiguration.class,
				TriggerEmulatorAutoConfiguration.class))
		.withBean("hello", EmulatedTask.class, () -> EmulatedTask.of("hello", (run) -> Map.of("greeting", "hi")));

	@Test
	void enabledStartsTheEmulatorWithTheTaskBeansAndPointsTheClientAtIt(CapturedOutput output) {
		this.runner.withPropertyValues("trigger.emulator.enabled=true").run((context) -> {
			TriggerEmulator emulator = context.getBean(TriggerEmulator.class);
			assertThat(context.getBean(TriggerConnectionDetails.class).baseUrl()).isEqualTo(emulator.baseUrl())
				.startsWith("http://127.0.0.1:");
			TriggerOperations trigger = context.getBean(TriggerOperations.class);

			String runId = trigger.tasks().trigger("hello", Map.of()).block().id();

			assertThat(trigger.runs().retrieve(runId).block().status()).isEqualTo(RunStatus.COMPLETED);
			assertThat(output)
				.containsOnlyOnce("trigger4j dev mode (trigger.emulator.enabled=true): an embedded "
						+ "Trigger.dev emulator serves the API at " + emulator.baseUrl()
						+ ", runs are kept in memory only " + "(tasks: [hello])")
				.doesNotContain(emulator.secretKey());
		});
	}

	@Test
	void theEmulatorStopsWithTheContextAfterTheClient() {
		this.runner.withPropertyValues("trigger.emulator.enabled=true").run((context) -> {
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
	void theEmulatorListensOnTheConfiguredPort() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		this.runner.withPropertyValues("trigger.emulator.enabled=true", "trigger.emulator.port=" + port)
			.run((context) -> assertThat(context.getBean(TriggerEmulator.class).baseUrl())
				.isEqualTo("http://127.0.0.1:" + port));
	}

	@Test
	void aPortOutOfRangeFailsNamingTheProperty() {
		this.runner.withPropertyValues("trigger.emulator.enabled=true", "trigger.emulator.port=70000")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidTriggerPropertyException.class,
						(ex) -> assertThat(ex.getProperty()).isEqualTo("trigger.emulator.port")));
	}

	@Test
	void withTheEmulatorOnTheClassPathButNotEnabledAMissingKeyStillFailsStartUp() {
		this.runner.run((context) -> assertThat(context).getFailure()
			.hasRootCauseInstanceOf(TriggerSecretKeyMissingException.class));
		this.runner.withPropertyValues("trigger.emulator.enabled=false")
			.run((context) -> assertThat(context).getFailure()
				.hasRootCauseInstanceOf(TriggerSecretKeyMissingException.class));
	}

	@Test
	void withoutTheEmulatorOnTheClassPathEnabledDoesNothing() {
		this.runner.withClassLoader(new FilteredClassLoader(TriggerEmulator.class))
			.withPropertyValues("trigger.emulator.enabled=true")
			.run((context) -> assertThat(context).getFailure()
				.hasRootCauseInstanceOf(TriggerSecretKeyMissingException.class));
	}

	@Test
	void triggerEnabledFalseTurnsDevModeOffToo() {
		this.runner.withPropertyValues("trigger.enabled=false", "trigger.emulator.enabled=true")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(TriggerEmulator.class)
				.doesNotHaveBean(TriggerOperations.class));
	}

	@Test
	void anEmulatorBeanOfTheContextIsKept() {
		TriggerEmulator own = TriggerEmulator.builder().start();
		try {
			this.runner
				.withPropertyValues("trigger.emulator.enabled=true", "trigger.secret-key=" + own.secretKey(),
						"trigger.base-url=" + own.baseUrl())
				.withBean("ownEmulator", TriggerEmulator.class, () -> own)
				.run((context) -> {
					assertThat(context).hasNotFailed();
					assertThat(context).getBeans(TriggerEmulator.class).containsOnlyKeys("ownEmulator");
					assertThat(context.getBean(TriggerConnectionDetails.class).baseUrl()).isEqualTo(own.baseUrl());
				});
		}
		finally {
			own.stop();
		}
	}

	@Test
	void connectionDetailsOfTheContextAreKept() {
		TriggerConnectionDetails own = new TriggerConnectionDetails() {
			@Override
			public String secretKey() {
				return KEY;
			}
		};
		this.runner.withPropertyValues("trigger.emulator.enabled=true")
			.withBean(TriggerConnectionDetails.class, () -> own)
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(TriggerEmulator.class);
				assertThat(context.getBean(TriggerConnectionDetails.class)).isSameAs(own);
			});
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ WebClientAutoConfiguration.class, TriggerAutoConfiguration.class,
			TriggerEmulatorAutoConfiguration.class })
	static class App {

		@Bean
		EmulatedTask hello() {
			return EmulatedTask.of("hello", (run) -> Map.of());
		}

	}

	/**
	 * Starts {@link App} as {@code java -jar app.jar args...} would, with the given
	 * environment variables only, and expects it to fail.
	 */
	static void startUpFails(Map<String, Object> variables, String... args) {
		SpringApplication application = new SpringApplication(App.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setEnvironment(new StandardEnvironment() {
			@Override
			protected void customizePropertySources(MutablePropertySources propertySources) {
				propertySources
					.addLast(new SystemEnvironmentPropertySource(SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
			}
		});
		assertThatException().isThrownBy(() -> application.run(args).close());
	}

	@Test
	void enabledWithTheKeyVariableSetRefusesToStartNamingBothProperties(CapturedOutput output) {
		startUpFails(Map.of("TRIGGER_SECRET_KEY", KEY), "--trigger.emulator.enabled=true");

		assertThat(output).contains("Invalid value for the configuration property 'trigger.emulator.enabled'")
			.contains("Origin: \"trigger.emulator.enabled\" from property source \"commandLineArgs\"")
			.contains("'trigger.secret-key' is configured too (set in System Environment Property "
					+ "\"TRIGGER_SECRET_KEY\")")
			.contains("set 'trigger.emulator.enabled' to false")
			.contains("TRIGGER_EMULATOR_ENABLED=false")
			.doesNotContain("trigger4j dev mode")
			.doesNotContain(KEY);
	}

	@Test
	void enabledWithAnAccessTokenPropertyRefusesToStart(CapturedOutput output) {
		startUpFails(Map.of("TRIGGER_EMULATOR_ENABLED", "true"), "--trigger.access-token=tr_pat_Aa12Bb34Cc56Dd78");

		assertThat(output).contains("Invalid value for the configuration property 'trigger.emulator.enabled'")
			.contains("System Environment Property \"TRIGGER_EMULATOR_ENABLED\"")
			.contains("'trigger.access-token' is configured too")
			.doesNotContain("tr_pat_Aa12Bb34Cc56Dd78");
	}

	@Test
	void aBlankKeyDoesNotPreventDevMode() {
		this.runner.withPropertyValues("trigger.emulator.enabled=true", "trigger.secret-key=  ")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(TriggerEmulator.class));
	}

}
