package io.trigger4j.test;

import io.trigger4j.emulator.TriggerEmulator;

/**
 * Customizes the {@link TriggerEmulator.Builder} that
 * {@link AutoConfigureTriggerEmulator} starts the emulator from, after its clock and
 * tasks were set: a fixed secret key, rate limits, deployments. Declare beans of this
 * type in the test's configuration; they run in order.
 */
@FunctionalInterface
public interface TriggerEmulatorBuilderCustomizer {

	/**
	 * Customizes the builder.
	 * @param builder the builder
	 */
	void customize(TriggerEmulator.Builder builder);

}
