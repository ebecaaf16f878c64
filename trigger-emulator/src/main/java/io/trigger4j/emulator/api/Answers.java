package io.trigger4j.emulator.api;

import java.util.LinkedHashMap;
import java.util.Map;

import io.trigger4j.emulator.engine.EngineException;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Writes answers: JSON as Remix's {@code json()} does, problem+json as the rate limiter.
 */
final class Answers {

	static final MediaType JSON = MediaType.parseMediaType("application/json; charset=utf-8");

	private static final MediaType PROBLEM_JSON = MediaType.parseMediaType("application/problem+json; charset=utf-8");

	private Answers() {
	}

	static Mono<ServerResponse> json(int status, Object body) {
		return json(status, body, Map.of());
	}

	static Mono<ServerResponse> json(int status, Object body, Map<String, String> headers) {
		return ServerResponse.status(status)
			.contentType(JSON)
			.headers((h) -> headers.forEach(h::set))
			.bodyValue(ApiJson.MAPPER.writeValueAsBytes(body));
	}

	static Mono<ServerResponse> error(ApiError error) {
		return json(error.status, error.body, error.headers);
	}

	static Mono<ServerResponse> error(EngineException error) {
		return json(error.status(), Map.of("error", String.valueOf(error.getMessage())), error.headers());
	}

	static Mono<ServerResponse> problem(int status, String title, String detail, Map<String, Object> extra) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("title", title);
		body.put("status", status);
		body.put("type", "https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/" + status);
		body.put("detail", detail);
		body.putAll(extra);
		body.put("error", detail);
		return ServerResponse.status(status)
			.contentType(PROBLEM_JSON)
			.bodyValue(ApiJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(body));
	}

}
