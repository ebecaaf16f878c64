package io.trigger4j.client.model;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * A machine preset ({@code options.machine}, {@code filter[machine]}, a deployment's or
 * queue's machine), as the server writes it.
 *
 * <p>
 * The server owns this vocabulary and may grow it, so a {@code MachinePreset} keeps the
 * raw name ({@link #value()}) and maps it to a {@link Known} value; a name this version
 * of trigger4j does not know is {@link Known#UNKNOWN}, never a decoding failure.
 */
public final class MachinePreset extends ServerEnum<MachinePreset.Known> {

	/** The presets trigger4j knows. */
	public enum Known {

		/** {@code micro}: 0.25 vCPU, 0.25 GB. */
		MICRO("micro"),
		/** {@code small-1x}: 0.5 vCPU, 0.5 GB. */
		SMALL_1X("small-1x"),
		/** {@code small-2x}: 1 vCPU, 1 GB. */
		SMALL_2X("small-2x"),
		/** {@code medium-1x}: 1 vCPU, 2 GB. */
		MEDIUM_1X("medium-1x"),
		/** {@code medium-2x}: 2 vCPU, 4 GB. */
		MEDIUM_2X("medium-2x"),
		/** {@code large-1x}: 4 vCPU, 8 GB. */
		LARGE_1X("large-1x"),
		/** {@code large-2x}: 8 vCPU, 16 GB. */
		LARGE_2X("large-2x"),
		/**
		 * A preset this version of trigger4j does not know; see
		 * {@link MachinePreset#value()}.
		 */
		UNKNOWN("");

		private final String value;

		Known(String value) {
			this.value = value;
		}

	}

	private static final Map<String, Known> BY_NAME = new HashMap<>();

	static {
		for (Known known : Known.values()) {
			if (known != Known.UNKNOWN) {
				BY_NAME.put(known.value, known);
			}
		}
	}

	/** 0.25 vCPU, 0.25 GB. */
	public static final MachinePreset MICRO = of("micro");

	/** 0.5 vCPU, 0.5 GB. */
	public static final MachinePreset SMALL_1X = of("small-1x");

	/** 1 vCPU, 1 GB. */
	public static final MachinePreset SMALL_2X = of("small-2x");

	/** 1 vCPU, 2 GB. */
	public static final MachinePreset MEDIUM_1X = of("medium-1x");

	/** 2 vCPU, 4 GB. */
	public static final MachinePreset MEDIUM_2X = of("medium-2x");

	/** 4 vCPU, 8 GB. */
	public static final MachinePreset LARGE_1X = of("large-1x");

	/** 8 vCPU, 16 GB. */
	public static final MachinePreset LARGE_2X = of("large-2x");

	private MachinePreset(String value, Known known) {
		super(value, known);
	}

	/**
	 * The preset for a raw name such as {@code small-1x}; never fails, unknown names give
	 * {@link Known#UNKNOWN}.
	 * @param value the raw name
	 * @return the preset
	 */
	@JsonCreator
	public static MachinePreset of(String value) {
		Objects.requireNonNull(value, "value must not be null");
		return new MachinePreset(value, BY_NAME.getOrDefault(value, Known.UNKNOWN));
	}

}
