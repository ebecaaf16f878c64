package io.trigger4j.emulator.engine;

/** Queues of the emulated project. */
public final class Queues {

	private final Engine engine;

	Queues(Engine engine) {
		this.engine = engine;
	}

}
