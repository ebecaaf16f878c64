package io.trigger4j.test;

import io.trigger4j.autoconfigure.TriggerConnectionDetails;
import io.trigger4j.emulator.TriggerEmulator;

/**
 * Points the starter's client at a {@link TriggerEmulator}, with a key it accepts.
 */
final class EmulatorConnectionDetails implements TriggerConnectionDetails {

	private final TriggerEmulator emulator;

	EmulatorConnectionDetails(TriggerEmulator emulator) {
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
		return "EmulatorConnectionDetails[" + this.emulator.baseUrl() + "]";
	}

}
