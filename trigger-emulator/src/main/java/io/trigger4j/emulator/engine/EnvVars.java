package io.trigger4j.emulator.engine;

import java.util.Objects;

/** Environment variables of the emulated project's environments. */
public final class EnvVars {

	/** The emulated project's ref unless told otherwise. */
	public static final String DEFAULT_PROJECT_REF = "proj_triggerfouremulators";

	private final Engine engine;

	private volatile String projectRef = DEFAULT_PROJECT_REF;

	EnvVars(Engine engine) {
		this.engine = engine;
	}

	/** The emulated project's ref, {@code proj_...}. */
	public String projectRef() {
		return this.projectRef;
	}

	/** Sets the emulated project's ref. */
	public void projectRef(String projectRef) {
		this.projectRef = Objects.requireNonNull(projectRef, "projectRef must not be null");
	}

}
