package io.trigger4j.test;

import io.trigger4j.client.model.runs.Run;
import io.trigger4j.emulator.TriggerEmulator;

/**
 * Entry point of the AssertJ assertions on what the code under test triggered:
 *
 * <pre>{@code
 * assertThat(emulator).triggered("send-email")
 *     .hasSize(1)
 *     .first()
 *     .hasTags("signup")
 *     .payloadAs(Email.class)
 *     .isEqualTo(new Email("ada@example.com", "Welcome"));
 * }</pre>
 *
 * Only what happened since the emulator's last reset counts: after each test with
 * {@link io.trigger4j.test.AutoConfigureTriggerEmulator} or
 * {@code TriggerEmulatorExtension}.
 */
public final class TriggerAssertions {

	private TriggerAssertions() {
	}

	/**
	 * Assertions on what an emulator was asked.
	 * @param emulator the emulator the code under test called
	 * @return the assertions
	 */
	public static TriggerEmulatorAssert assertThat(TriggerEmulator emulator) {
		return new TriggerEmulatorAssert(emulator);
	}

	/**
	 * Assertions on one run, such as one retrieved by the code under test.
	 * @param run the run
	 * @return the assertions
	 */
	public static RunAssert assertThat(Run run) {
		return new RunAssert(run);
	}

}
