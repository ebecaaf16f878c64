package io.trigger4j.emulator.engine;

/** The tasks' cron schedules, firing runs in engine time. */
public final class Schedules {

	private final Engine engine;

	Schedules(Engine engine) {
		this.engine = engine;
	}

}
