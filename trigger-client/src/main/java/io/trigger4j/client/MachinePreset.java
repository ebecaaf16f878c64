package io.trigger4j.client;

/** The machine presets a run can ask for ({@code options.machine}). */
public enum MachinePreset {

	/** 0.25 vCPU, 0.25 GB. */
	MICRO("micro"),
	/** 0.5 vCPU, 0.5 GB. */
	SMALL_1X("small-1x"),
	/** 1 vCPU, 1 GB. */
	SMALL_2X("small-2x"),
	/** 1 vCPU, 2 GB. */
	MEDIUM_1X("medium-1x"),
	/** 2 vCPU, 4 GB. */
	MEDIUM_2X("medium-2x"),
	/** 4 vCPU, 8 GB. */
	LARGE_1X("large-1x"),
	/** 8 vCPU, 16 GB. */
	LARGE_2X("large-2x");

	private final String value;

	MachinePreset(String value) {
		this.value = value;
	}

	/** The name on the wire, such as {@code small-1x}. */
	@com.fasterxml.jackson.annotation.JsonValue
	public String value() {
		return this.value;
	}

}
