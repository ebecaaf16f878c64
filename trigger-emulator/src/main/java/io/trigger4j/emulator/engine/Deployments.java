package io.trigger4j.emulator.engine;

/** Deployments of the emulated project. */
public final class Deployments {

	private final Engine engine;

	Deployments(Engine engine) {
		this.engine = engine;
	}

}
