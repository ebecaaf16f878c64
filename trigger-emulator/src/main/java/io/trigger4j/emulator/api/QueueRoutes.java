package io.trigger4j.emulator.api;

import io.trigger4j.emulator.engine.Engine;
import org.springframework.web.reactive.function.server.RouterFunctions;

/** The routes of queues. */
final class QueueRoutes {

	private final Engine engine;

	private final Guard guard;

	QueueRoutes(Engine engine, Guard guard) {
		this.engine = engine;
		this.guard = guard;
	}

	void register(RouterFunctions.Builder routes) {
	}

}
