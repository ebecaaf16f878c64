package io.trigger4j.emulator.api;

import java.util.List;
import java.util.Map;

import io.trigger4j.emulator.engine.Engine;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Resetting an idempotency key, as {@code api.v1.idempotencyKeys.$key.reset.ts} answers:
 * {@code POST /api/v1/idempotencyKeys/{key}/reset} {@code {taskIdentifier}}; 200
 * {@code {id: key}} once the key is released (the next trigger with it makes a new run);
 * 404 "No runs found with idempotency key: {key} and task: {task}"; 400 "Validation
 * error: Task identifier is required at \"taskIdentifier\"". Public access tokens need
 * {@code write:runs}.
 */
final class IdempotencyKeyRoutes {

	private static final int MAX_BODY_BYTES = 65_536;

	private final Engine engine;

	private final Guard guard;

	IdempotencyKeyRoutes(Engine engine, Guard guard) {
		this.engine = engine;
		this.guard = guard;
	}

	void register(RouterFunctions.Builder routes) {
		routes.POST("/api/v1/idempotencyKeys/{key}/reset",
				this.guard.guarded(Guard.Family.BUILDER,
						AuthAccess.of("write", AuthAccess.Resources.any(List.of(AuthAccess.Resource.of("runs")))),
						this::reset));
	}

	private Mono<ServerResponse> reset(ServerRequest request) {
		String key = request.pathVariable("key");
		return Bodies.read(request, MAX_BODY_BYTES, true).map((body) -> {
			String task = Bodies.string(body, "taskIdentifier", "taskIdentifier");
			if (task == null) {
				throw ApiError.validation("Required", "taskIdentifier");
			}
			if (task.isEmpty()) {
				throw ApiError.validation("Task identifier is required", "taskIdentifier");
			}
			return task;
		}).flatMap((task) -> EngineCalls.call(() -> {
			this.engine.idempotencyKeys().reset(key, task);
			return key;
		})).flatMap((id) -> Answers.json(200, Map.of("id", id)));
	}

}
