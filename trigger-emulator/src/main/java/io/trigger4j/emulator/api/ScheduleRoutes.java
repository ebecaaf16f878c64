package io.trigger4j.emulator.api;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.trigger4j.emulator.engine.Engine;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** Schedules and the open timezones route. */
final class ScheduleRoutes {

	/** IANA zone names, sorted, without the JDK's legacy aliases. */
	private static final List<String> ZONES = ZoneId.getAvailableZoneIds()
		.stream()
		.filter((zone) -> zone.contains("/") && !zone.startsWith("Etc/") && !zone.startsWith("SystemV/"))
		.sorted()
		.toList();

	private final Engine engine;

	private final Guard guard;

	ScheduleRoutes(Engine engine, Guard guard) {
		this.engine = engine;
		this.guard = guard;
	}

	void register(RouterFunctions.Builder routes) {
		// An open route: no authentication, no rate limit.
		routes.GET("/api/v1/timezones", this::timezones);
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
		zones.addAll(ZONES);
		return Answers.json(200, Map.of("timezones", zones));
	}

}
