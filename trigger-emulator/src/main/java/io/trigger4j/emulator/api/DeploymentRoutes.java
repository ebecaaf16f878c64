package io.trigger4j.emulator.api;

import java.util.LinkedHashMap;
import java.util.Map;

import io.trigger4j.emulator.engine.DeploymentSnapshot;
import io.trigger4j.emulator.engine.Engine;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Deployments: retrieve one, the latest, and promote a version (api-semantics.md sections
 * 1.2 and 7; the server's {@code api.v1.deployments*} routes). Secret keys only (a
 * personal access token is 401 "Invalid API key"); the emulator's keys hold every
 * ability, so the server's 403 {@code {"error":"Unauthorized"}} for a key without the
 * deployments ability does not arise.
 *
 * <p>
 * {@code GET /api/v1/deployments/latest} is always 404 "Deployment not found": the server
 * selects only UNMANAGED deployments there, which it no longer creates, and the emulated
 * deployments are managed (v4) ones.
 */
final class DeploymentRoutes {

	private final Engine engine;

	private final Guard guard;

	DeploymentRoutes(Engine engine, Guard guard) {
		this.engine = engine;
		this.guard = guard;
	}

	void register(RouterFunctions.Builder routes) {
		routes.GET("/api/v1/deployments/latest", this.guard.guarded(Guard.Family.BUILDER, this::latest))
			.GET("/api/v1/deployments/{deploymentId}", this.guard.guarded(Guard.Family.BUILDER, this::retrieve))
			.POST("/api/v1/deployments/{version}/promote", this.guard.guarded(Guard.Family.BUILDER, this::promote));
	}

	private Mono<ServerResponse> retrieve(ServerRequest request) {
		String id = request.pathVariable("deploymentId");
		return EngineCalls.call(() -> this.engine.deployments().find(id))
			.flatMap((deployment) -> deployment.map((found) -> Answers.json(200, render(found)))
				.orElseGet(DeploymentRoutes::notFound));
	}

	private Mono<ServerResponse> latest(ServerRequest request) {
		return notFound();
	}

	private Mono<ServerResponse> promote(ServerRequest request) {
		String version = request.pathVariable("version");
		boolean allowRollbacks = request.queryParam("allowRollbacks").map("true"::equals).orElse(false);
		return EngineCalls.call(() -> this.engine.deployments().promote(version, allowRollbacks))
			.flatMap((deployment) -> {
				Map<String, Object> answer = new LinkedHashMap<>();
				answer.put("id", deployment.id());
				answer.put("version", deployment.version());
				answer.put("shortCode", deployment.shortCode());
				return Answers.json(200, answer);
			});
	}

	/** A deployment as {@code GET /api/v1/deployments/{id}} shows it. */
	static Map<String, Object> render(DeploymentSnapshot deployment) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", deployment.id());
		json.put("status", deployment.status());
		json.put("contentHash", deployment.contentHash());
		json.put("shortCode", deployment.shortCode());
		json.put("version", deployment.version());
		json.put("imageReference", null);
		json.put("imagePlatform", "linux/amd64");
		json.put("commitSHA", null);
		json.put("externalBuildData", null);
		json.put("errorData", null);
		json.put("canceledReason", null);
		DeploymentSnapshot.Worker worker = deployment.worker();
		if (worker != null) {
			Map<String, Object> workerJson = new LinkedHashMap<>();
			workerJson.put("id", worker.id());
			workerJson.put("version", worker.version());
			workerJson.put("tasks", worker.tasks().stream().map((task) -> {
				Map<String, Object> taskJson = new LinkedHashMap<>();
				taskJson.put("id", task.id());
				taskJson.put("slug", task.slug());
				taskJson.put("filePath", task.filePath());
				taskJson.put("exportName", task.exportName());
				return taskJson;
			}).toList());
			json.put("worker", workerJson);
		}
		return json;
	}

	private static Mono<ServerResponse> notFound() {
		return Answers.json(404, Map.of("error", "Deployment not found"));
	}

}
