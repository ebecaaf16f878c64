package io.trigger4j.emulator.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.trigger4j.emulator.engine.Engine;
import io.trigger4j.emulator.engine.EngineException;
import io.trigger4j.emulator.engine.SchedulePage;
import io.trigger4j.emulator.engine.Schedules;
import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Schedules (legacy routes: api-semantics.md sections 1.3, 2.1, 4.7 and 7) and the open
 * timezones route.
 *
 * <ul>
 * <li>{@code POST /api/v1/schedules}: create, an upsert by {@code deduplicationKey}; 200
 * with the schedule.</li>
 * <li>{@code GET /api/v1/schedules?page=&perPage=}: offset pages, 20 by default, at most
 * 100; {@code {data, pagination: {currentPage, totalPages, count}}}.</li>
 * <li>{@code GET|PUT|DELETE /api/v1/schedules/{id}}: by {@code sched_} id or
 * deduplication key; PUT of an unknown one creates a new schedule; DELETE answers
 * {@code {"id"}}.</li>
 * <li>{@code POST /api/v1/schedules/{id}/deactivate|activate}: the schedule.</li>
 * </ul>
 */
final class ScheduleRoutes {

	/** The bodies the legacy routes read (the server reads any size). */
	private static final int MAX_BODY_BYTES = 3_145_728;

	private final Engine engine;

	private final Guard guard;

	ScheduleRoutes(Engine engine, Guard guard) {
		this.engine = engine;
		this.guard = guard;
	}

	void register(RouterFunctions.Builder routes) {
		// An open route: no authentication, no rate limit.
		routes.GET("/api/v1/timezones", this::timezones)
			.POST("/api/v1/schedules", this.guard.guarded(Guard.Family.LEGACY, this::create))
			.GET("/api/v1/schedules", this.guard.guarded(Guard.Family.LEGACY, this::list))
			.GET("/api/v1/schedules/{scheduleId}", this.guard.guarded(Guard.Family.LEGACY, this::retrieve))
			.PUT("/api/v1/schedules/{scheduleId}", this.guard.guarded(Guard.Family.LEGACY, this::update))
			.DELETE("/api/v1/schedules/{scheduleId}", this.guard.guarded(Guard.Family.LEGACY, this::delete))
			.POST("/api/v1/schedules/{scheduleId}/deactivate",
					this.guard.guarded(Guard.Family.LEGACY, this::deactivate))
			.POST("/api/v1/schedules/{scheduleId}/activate", this.guard.guarded(Guard.Family.LEGACY, this::activate));
	}

	private Mono<ServerResponse> create(ServerRequest request) {
		return Bodies.read(request, MAX_BODY_BYTES, false)
			.map(ScheduleRequests::create)
			.flatMap((spec) -> EngineCalls.call(() -> this.engine.schedules().create(spec)))
			.flatMap((schedule) -> Answers.json(200, ScheduleRenderer.upserted(schedule)));
	}

	private Mono<ServerResponse> update(ServerRequest request) {
		String scheduleId = request.pathVariable("scheduleId");
		return Bodies.read(request, MAX_BODY_BYTES, false)
			.map(ScheduleRequests::update)
			.flatMap((spec) -> EngineCalls.call(() -> this.engine.schedules().update(scheduleId, spec)))
			.flatMap((schedule) -> Answers.json(200, ScheduleRenderer.upserted(schedule)));
	}

	private Mono<ServerResponse> list(ServerRequest request) {
		List<Map<String, Object>> issues = new ArrayList<>();
		// As Object.fromEntries reads a query: the last of repeated parameters wins.
		ScheduleRequests.ListPage page = ScheduleRequests.listPage(last(request, "page"), last(request, "perPage"),
				issues);
		if (!issues.isEmpty()) {
			Map<String, Object> answer = new LinkedHashMap<>();
			answer.put("error", "Invalid request parameters");
			answer.put("issues", issues);
			return Answers.json(400, answer);
		}
		return EngineCalls.call(() -> this.engine.schedules().list(page.engineFirst(), page.perPage()))
			.flatMap((result) -> Answers.json(200, listAnswer(result, page)));
	}

	private static Map<String, Object> listAnswer(SchedulePage result, ScheduleRequests.ListPage page) {
		Map<String, Object> answer = new LinkedHashMap<>();
		Map<String, Object> pagination = new LinkedHashMap<>();
		if (!result.deployed()) {
			// No deployed worker: the server answers one empty page.
			answer.put("data", List.of());
			pagination.put("currentPage", 1);
			pagination.put("totalPages", 1);
			pagination.put("count", 0);
		}
		else {
			answer.put("data", result.data().stream().map(ScheduleRenderer::listed).toList());
			pagination.put("currentPage", page.page());
			pagination.put("totalPages", (result.count() + page.perPage() - 1) / page.perPage());
			pagination.put("count", result.count());
		}
		answer.put("pagination", pagination);
		return answer;
	}

	private Mono<ServerResponse> retrieve(ServerRequest request) {
		String scheduleId = request.pathVariable("scheduleId");
		return EngineCalls
			.call(() -> this.engine.schedules()
				.find(scheduleId)
				.orElseThrow(() -> new EngineException(404, "Schedule not found")))
			.flatMap((schedule) -> Answers.json(200, ScheduleRenderer.viewed(schedule)));
	}

	private Mono<ServerResponse> delete(ServerRequest request) {
		String scheduleId = request.pathVariable("scheduleId");
		return EngineCalls.call(() -> this.engine.schedules().delete(scheduleId))
			.flatMap((id) -> Answers.json(200, Map.of("id", id)));
	}

	private Mono<ServerResponse> deactivate(ServerRequest request) {
		String scheduleId = request.pathVariable("scheduleId");
		return EngineCalls.call(() -> this.engine.schedules().deactivate(scheduleId))
			.flatMap((schedule) -> Answers.json(200, ScheduleRenderer.viewed(schedule)));
	}

	private Mono<ServerResponse> activate(ServerRequest request) {
		String scheduleId = request.pathVariable("scheduleId");
		return EngineCalls.call(() -> this.engine.schedules().activate(scheduleId))
			.flatMap((schedule) -> Answers.json(200, ScheduleRenderer.viewed(schedule)));
	}

	/**
	 * {@code GET /api/v1/timezones}: IANA zone names, UTC first unless
	 * {@code excludeUtc=true}.
	 */
	private Mono<ServerResponse> timezones(ServerRequest request) {
		List<String> zones = new ArrayList<>();
		if (!"true".equals(request.queryParam("excludeUtc").orElse("false"))) {
			zones.add("UTC");
		}
		zones.addAll(Schedules.TIMEZONES);
		return Answers.json(200, Map.of("timezones", zones));
	}

	private static @Nullable String last(ServerRequest request, String name) {
		List<String> values = request.queryParams().get(name);
		return (values == null || values.isEmpty()) ? null : values.get(values.size() - 1);
	}

}
