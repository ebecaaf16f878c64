package io.trigger4j.emulator.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.trigger4j.emulator.engine.Engine;
import io.trigger4j.emulator.engine.ListQuery;
import io.trigger4j.emulator.engine.Page;
import io.trigger4j.emulator.engine.RunSnapshot;
import io.trigger4j.emulator.engine.RunState;
import io.trigger4j.emulator.engine.ScheduleSnapshot;
import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Runs: retrieve, list, the project's runs, cancel, replay, reschedule, tags, metadata,
 * result, trace and events (api-semantics.md sections 4.1-4.3 and 7).
 *
 * <p>
 * The project's runs ({@code GET /api/v1/projects/{projectRef}/runs}) take a personal
 * access token ({@code tr_pat_...}; anything else is 401 "Invalid or Missing PAT") and
 * list, as the server does, the runs of the first environment of {@code filter[env]}
 * (slugs {@code dev}, {@code stg}, {@code prod}, {@code preview}, in the order given) the
 * project has: the emulated runs all belong to {@code dev}, the other environments have
 * none. Without a matching {@code filter[env]} the server fails with 500 "Internal Server
 * Error" (its presenter's "No environment found"); so does the emulator. The query is
 * checked first (400 "Query Error"), then the token, then the project (404 "Project not
 * found").
 */
final class RunRoutes {

	private static final int MAX_BODY_BYTES = 3_145_728;

	private static final int MAX_METADATA_BODY_BYTES = 2_097_152;

	/** The environment every emulated run belongs to (the secret key's). */
	private static final String EMULATED_ENVIRONMENT = "dev";

	private final Engine engine;

	private final Guard guard;

	private final PacketContents packets;

	RunRoutes(Engine engine, Guard guard, PacketContents packets) {
		this.engine = engine;
		this.guard = guard;
		this.packets = packets;
	}

	void register(RouterFunctions.Builder routes) {
		// Public access tokens: read on the run (its id, task, tags or batch), on runs or
		// the listed tasks; write on the run or its task to cancel.
		AuthAccess readRun = AuthAccess.run(this.engine, "read", "runId");
		routes.GET("/api/v3/runs/{runId}", this.guard.guarded(Guard.Family.BUILDER, readRun, this::retrieve))
			.GET("/api/v1/runs",
					this.guard.guarded(Guard.Family.BUILDER, new AuthAccess("read", RunRoutes::listResources),
							this::list))
			.POST("/api/v2/runs/{runId}/cancel",
					this.guard.guarded(Guard.Family.BUILDER, AuthAccess.runOrTask(this.engine, "write", "runId"),
							this::cancel))
			.POST("/api/v1/runs/{runId}/replay", this.guard.guarded(Guard.Family.BUILDER, this::replay))
			.POST("/api/v1/runs/{runId}/reschedule", this.guard.guarded(Guard.Family.RESCHEDULE, this::reschedule))
			.POST("/api/v1/runs/{runId}/tags", this.guard.guarded(Guard.Family.LEGACY, this::addTags))
			.PUT("/api/v1/runs/{runId}/metadata", this.guard.guarded(Guard.Family.BUILDER, this::updateMetadata))
			.GET("/api/v1/runs/{runId}/result", this.guard.guarded(Guard.Family.LEGACY, this::result))
			.GET("/api/v1/runs/{runId}/trace", this.guard.guarded(Guard.Family.BUILDER, readRun, this::trace))
			.GET("/api/v1/runs/{runId}/events", this.guard.guarded(Guard.Family.BUILDER, readRun, this::events))
			// The route tells tokens apart itself: only a personal access token is let
			// in.
			.GET("/api/v1/projects/{projectRef}/runs",
					this.guard.guarded(Guard.Family.BUILDER, (token) -> true, this::projectRuns));
	}

	private Mono<ServerResponse> retrieve(ServerRequest request) {
		String runId = request.pathVariable("runId");
		String version = apiVersion(request);
		return EngineCalls.call(() -> {
			RunSnapshot run = this.engine.find(runId).orElseThrow(() -> ApiError.notFound(true));
			// The schedule that fired the run, while it exists.
			ScheduleSnapshot schedule = (run.scheduleId() != null)
					? this.engine.schedules().find(run.scheduleId()).orElse(null) : null;
			return RunRenderer.render(run, version, false, schedule, this.packets);
		}).flatMap((json) -> Answers.json(200, json));
	}

	/**
	 * What listing lets a token do: read on the collections {@code runs} or
	 * {@code tasks}; with {@code filter[taskIdentifier]}, read on each listed task
	 * instead of {@code tasks}.
	 */
	private static Mono<AuthAccess.Resources> listResources(ServerRequest request) {
		List<AuthAccess.Resource> collections = List.of(AuthAccess.Resource.of("runs"),
				AuthAccess.Resource.of("tasks"));
		List<AuthAccess.Resource> tasks = new ArrayList<>();
		for (String value : request.queryParams().getOrDefault("filter[taskIdentifier]", List.of())) {
			for (String task : value.split(",")) {
				if (!task.isEmpty()) {
					tasks.add(AuthAccess.Resource.of("tasks", task));
				}
			}
		}
		return Mono.just(tasks.isEmpty() ? AuthAccess.Resources.any(collections)
				: AuthAccess.Resources.every(tasks, collections));
	}

	private Mono<ServerResponse> list(ServerRequest request) {
		Map<String, String> query = request.queryParams().toSingleValueMap();
		ListQuery listQuery = ListRequests.parse(query, this.engine.now());
		return EngineCalls.call(() -> listPage(listQuery)).flatMap((page) -> answerPage(page, apiVersion(request)));
	}

	private static Mono<ServerResponse> answerPage(Page page, @Nullable String version) {
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("data", page.data().stream().map((run) -> RunRenderer.render(run, version, true)).toList());
		answer.put("pagination", pagination(page));
		return Answers.json(200, answer);
	}

	private Mono<ServerResponse> projectRuns(ServerRequest request) {
		Map<String, String> query = request.queryParams().toSingleValueMap();
		ListQuery listQuery = ListRequests.parse(query, this.engine.now());
		if (!Guard.isPersonalAccessToken(Guard.bearer(request))) {
			throw ApiError.of(401, "Invalid or Missing PAT");
		}
		if (!request.pathVariable("projectRef").equals(this.engine.envVars().projectRef())) {
			throw ApiError.of(404, "Project not found");
		}
		String environment = firstEnvironment(query.get("filter[env]"));
		if (environment == null) {
			throw ApiError.of(500, "Internal Server Error");
		}
		if (!EMULATED_ENVIRONMENT.equals(environment)) {
			return answerPage(new Page(List.of(), false, false), apiVersion(request));
		}
		return EngineCalls.call(() -> listPage(listQuery)).flatMap((page) -> answerPage(page, apiVersion(request)));
	}

	/**
	 * The first slug of {@code filter[env]} that names an environment of the project, or
	 * {@code null}: {@code staging} names none (the slug is {@code stg}).
	 */
	private static @Nullable String firstEnvironment(@Nullable String slugs) {
		if (slugs == null || slugs.isEmpty()) {
			return null;
		}
		for (String slug : slugs.split(",")) {
			if (Guard.ENVIRONMENTS.contains(slug)) {
				return slug;
			}
		}
		return null;
	}

	private Mono<ServerResponse> trace(ServerRequest request) {
		String runId = request.pathVariable("runId");
		return EngineCalls.call(() -> this.engine.traces().trace(runId).orElseThrow(() -> ApiError.notFound(true)))
			.flatMap((trace) -> Answers.json(200, TraceRenderer.trace(trace)));
	}

	private Mono<ServerResponse> events(ServerRequest request) {
		String runId = request.pathVariable("runId");
		return EngineCalls.call(() -> this.engine.traces().events(runId).orElseThrow(() -> ApiError.notFound(true)))
			.flatMap((spans) -> Answers.json(200, TraceRenderer.events(spans)));
	}

	/**
	 * A schedule filter matches the runs of an existing schedule by its {@code sched_}
	 * id; anything else matches nothing, as on the server.
	 */
	private Page listPage(ListQuery listQuery) {
		String schedule = listQuery.scheduleId();
		if (schedule != null
				&& !(schedule.startsWith("sched_") && this.engine.schedules().find(schedule).isPresent())) {
			return new Page(List.of(), false, false);
		}
		return this.engine.list(listQuery);
	}

	private static Map<String, Object> pagination(Page page) {
		Map<String, Object> pagination = new LinkedHashMap<>();
		List<RunSnapshot> data = page.data();
		if (page.hasNext() && !data.isEmpty()) {
			pagination.put("next", ListRequests.cursor(data.get(data.size() - 1)));
		}
		if (page.hasPrevious() && !data.isEmpty()) {
			pagination.put("previous", ListRequests.cursor(data.get(0)));
		}
		return pagination;
	}

	private Mono<ServerResponse> cancel(ServerRequest request) {
		String runId = request.pathVariable("runId");
		return EngineCalls.call(() -> this.engine.cancel(runId))
			.flatMap((run) -> Answers.json(200, Map.of("id", run.id())));
	}

	/**
	 * A new run of the run's task: its payload and options, with the overrides the body
	 * sets ({@link ReplayRequests}); the body may be absent.
	 */
	private Mono<ServerResponse> replay(ServerRequest request) {
		String runId = request.pathVariable("runId");
		return Bodies.bytes(request, ReplayRequests.MAX_BODY_BYTES, true)
			.map((bytes) -> ReplayRequests.parse(bytes, this.engine.now()))
			.flatMap((overrides) -> EngineCalls.call(() -> this.engine.replay(runId, overrides::over)))
			.flatMap((replayed) -> Answers.json(200, Map.of("id", replayed.run().id())));
	}

	private Mono<ServerResponse> reschedule(ServerRequest request) {
		String runId = request.pathVariable("runId");
		return Bodies.read(request, MAX_BODY_BYTES, false).flatMap((body) -> {
			JsonNode delayNode = body.get("delay");
			if (delayNode == null || !delayNode.isString()) {
				throw ApiError.of(400, "Invalid request body");
			}
			String delay = delayNode.asString();
			Instant until;
			try {
				until = Durations.parseDelay(delay, this.engine.now());
			}
			catch (Durations.TooLong ex) {
				until = null;
			}
			if (until == null) {
				throw ApiError.of(400, "Invalid delay: " + delay);
			}
			Instant at = until;
			return EngineCalls.call(() -> this.engine.reschedule(runId, at, delay));
		}).flatMap((run) -> Answers.json(200, RunRenderer.render(run, apiVersion(request), false)));
	}

	private Mono<ServerResponse> addTags(ServerRequest request) {
		String runId = request.pathVariable("runId");
		return Bodies.read(request, MAX_BODY_BYTES, false).flatMap((body) -> {
			JsonNode tags = body.get("tags");
			if (tags == null || !(tags.isArray() || tags.isString())) {
				throw ApiError.invalidBody(List.of(ApiError.issue("invalid_type", "Required", "tags")));
			}
			List<String> values = new ArrayList<>();
			if (tags.isString()) {
				values.add(tags.asString());
			}
			else {
				int index = 0;
				for (JsonNode tag : tags) {
					if (!tag.isString() || tag.asString().length() > TriggerRequests.MAX_TAG_LENGTH) {
						throw ApiError.invalidBody(List.of(ApiError.issue("too_big",
								"Tags must be less than 128 characters", "tags", Integer.toString(index))));
					}
					values.add(tag.asString());
					index++;
				}
			}
			return EngineCalls.call(() -> this.engine.addTags(runId, values));
		}).flatMap((message) -> Answers.json(200, Map.of("message", message)));
	}

	private Mono<ServerResponse> updateMetadata(ServerRequest request) {
		String runId = request.pathVariable("runId");
		return Bodies.read(request, MAX_METADATA_BODY_BYTES, true).flatMap((body) -> {
			JsonNode metadata = body.get("metadata");
			if (metadata == null || !metadata.isObject()) {
				throw ApiError.of(400, "Validation error: Expected object at \"metadata\"");
			}
			return EngineCalls.call(() -> this.engine.replaceMetadata(runId, metadata));
		}).flatMap((stored) -> Answers.json(200, Map.of("metadata", stored)));
	}

	/**
	 * The server builds this from attempt records that Run Engine v2 no longer writes:
	 * only a CANCELED run has a result; everything else is 404 (api-semantics.md section
	 * 7).
	 */
	private Mono<ServerResponse> result(ServerRequest request) {
		String runId = request.pathVariable("runId");
		return EngineCalls.call(() -> this.engine.find(runId)).flatMap((found) -> {
			RunSnapshot run = found.orElse(null);
			if (run == null || run.state() != RunState.CANCELED) {
				return Answers.json(404, Map.of("error", "Run either doesn't exist or is not finished"));
			}
			Map<String, Object> answer = new LinkedHashMap<>();
			answer.put("ok", false);
			answer.put("id", run.id());
			answer.put("taskIdentifier", run.taskIdentifier());
			answer.put("error", Map.of("type", "INTERNAL_ERROR", "code", "TASK_RUN_CANCELLED"));
			return Answers.json(200, answer);
		});
	}

	static @Nullable String apiVersion(ServerRequest request) {
		return request.headers().firstHeader("x-trigger-api-version");
	}

}
