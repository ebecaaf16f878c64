package io.trigger4j.autoconfigure;

import io.trigger4j.emulator.TriggerEmulator;

/**
 * Points the client at a running {@link TriggerEmulator}, with the key it accepts: the
 * connection details of dev mode ({@code trigger.emulator.enabled}) and of
 * {@code @AutoConfigureTriggerEmulator} in tests.
 */
public final class EmulatorTriggerConnectionDetails implements TriggerConnectionDetails {

	private final TriggerEmulator emulator;

	/**
	 * Connection details of an emulator.
	 * @param emulator the running emulator
	 */
	public EmulatorTriggerConnectionDetails(TriggerEmulator emulator) {
		this.emulator = emulator;
	}

	@Override
	public String baseUrl() {
		return this.emulator.baseUrl();
	}

	@Override
	public String secretKey() {
		return this.emulator.secretKey();
	}

	@Override
	public String toString() {
		return "EmulatorTriggerConnectionDetails[baseUrl=" + this.emulator.baseUrl() + "]";
	}

}
