package io.trigger4j.autoconfigure;

import io.trigger4j.emulator.TriggerEmulator;

/**
 * Points the client at the dev-mode {@link TriggerEmulator}, with the key it accepts.
 */
final class EmulatorTriggerConnectionDetails implements TriggerConnectionDetails {

	private final TriggerEmulator emulator;

	EmulatorTriggerConnectionDetails(TriggerEmulator emulator) {
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
