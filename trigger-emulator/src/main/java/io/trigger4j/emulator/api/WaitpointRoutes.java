package io.trigger4j.emulator.api;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import io.trigger4j.emulator.engine.Engine;
import io.trigger4j.emulator.engine.WaitpointPage;
import io.trigger4j.emulator.engine.WaitpointQuery;
import io.trigger4j.emulator.engine.WaitpointSpec;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Waitpoint tokens (api-semantics.md 4.11), answering as the server does:
 *
 * <ul>
 * <li>{@code POST /api/v1/waitpoints/tokens}: create; 200 {@code {id, isCached, url}}
 * with the {@code x-trigger-jwt} headers; body at most 10 KiB; 422 over 10 tags.</li>
 * <li>{@code GET /api/v1/waitpoints/tokens}: cursor pages, newest first
 * ({@code page[size|after|before]}, {@code filter[status|idempotencyKey|tags]},
 * {@code filter[createdAt][period|from|to]}); 400 "Query Error" with zod's details.</li>
 * <li>{@code GET /api/v1/waitpoints/tokens/{id}}: the token with its output; 404
 * "Waitpoint not found" (the server answers 500 "Internal Server Error" there, which
 * clients retry; the emulator answers what it means).</li>
 * <li>{@code POST /api/v1/waitpoints/tokens/{id}/complete}: body {@code {data}}; 200
 * {@code {success: true}}, also for a completed or timed-out token (the data is then
 * ignored); 404 "Waitpoint not found".</li>
 * <li>{@code POST /api/v1/waitpoints/tokens/{id}/callback/{hash}}: no credential and no
 * rate limit; the hash must be the token's (401 "Invalid URL, hash doesn't match"); the
 * body is the data ({@code {}} when not JSON); 411 without {@code Content-Length}.</li>
 * </ul>
 *
 * The callback URLs are on the base URL the request came to.
 */
final class WaitpointRoutes {

	/** How long the public access token of a created token lives. */
	private static final java.time.Duration TOKEN_LIFETIME = java.time.Duration.ofHours(24);

	private final Engine engine;

	private final Guard guard;

	WaitpointRoutes(Engine engine, Guard guard) {
		this.engine = engine;
		this.guard = guard;
	}

	void register(RouterFunctions.Builder routes) {
		routes.POST("/api/v1/waitpoints/tokens", this.guard.guarded(Guard.Family.BUILDER, this::create))
			.GET("/api/v1/waitpoints/tokens", this.guard.guarded(Guard.Family.BUILDER, this::list))
			.GET("/api/v1/waitpoints/tokens/{waitpointId}", this.guard.guarded(Guard.Family.BUILDER, this::retrieve))
			.POST("/api/v1/waitpoints/tokens/{waitpointId}/complete",
					this.guard.guarded(Guard.Family.BUILDER,
							AuthAccess.pathResource("write", "waitpoints", "waitpointId"), this::complete))
			// An open route: no authentication, no rate limit.
			.POST("/api/v1/waitpoints/tokens/{waitpointId}/callback/{hash}", this::callback);
	}

	private Mono<ServerResponse> create(ServerRequest request) {
		String baseUrl = baseUrl(request);
		return WaitpointRequests.bytes(request, WaitpointRequests.MAX_CREATE_BYTES, false)
			.map(Bodies::builderObject)
			.flatMap((body) -> EngineCalls.call(() -> {
				WaitpointSpec spec = WaitpointRequests.create(body, this.engine.now());
				return this.engine.waitpoints().create(spec);
			}))
			.flatMap((created) -> Answers.json(200,
					WaitpointRenderer.created(created.token(), created.cached(), baseUrl),
					this.guard.tokenHeaders(request, java.util.List.of("write:waitpoints:" + created.token().id()),
							TOKEN_LIFETIME, false)));
	}

	private Mono<ServerResponse> list(ServerRequest request) {
		String baseUrl = baseUrl(request);
		// As Object.fromEntries reads a query: the last of repeated parameters wins.
		Map<String, String> query = new LinkedHashMap<>();
		request.queryParams().forEach((name, values) -> {
			if (!values.isEmpty()) {
				query.put(name, values.get(values.size() - 1));
			}
		});
		WaitpointQuery listQuery = WaitpointRequests.list(query, this.engine.now());
		return EngineCalls.call(() -> this.engine.waitpoints().list(listQuery))
			.flatMap((page) -> Answers.json(200, listAnswer(page, baseUrl)));
	}

	private static Map<String, Object> listAnswer(WaitpointPage page, String baseUrl) {
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("data", page.data().stream().map((token) -> WaitpointRenderer.listed(token, baseUrl)).toList());
		Map<String, Object> pagination = new LinkedHashMap<>();
		if (page.next() != null) {
			pagination.put("next", page.next());
		}
		if (page.previous() != null) {
			pagination.put("previous", page.previous());
		}
		answer.put("pagination", pagination);
		return answer;
	}

	private Mono<ServerResponse> retrieve(ServerRequest request) {
		String tokenId = request.pathVariable("waitpointId");
		String baseUrl = baseUrl(request);
		return EngineCalls.call(
				() -> this.engine.waitpoints().find(tokenId).orElseThrow(() -> ApiError.of(404, "Waitpoint not found")))
			.flatMap((token) -> Answers.json(200, WaitpointRenderer.retrieved(token, baseUrl)));
	}

	private Mono<ServerResponse> complete(ServerRequest request) {
		String tokenId = request.pathVariable("waitpointId");
		return WaitpointRequests.bytes(request, WaitpointRequests.MAX_COMPLETE_BYTES, false)
			.map(Bodies::builderObject)
			.flatMap((body) -> EngineCalls
				.call(() -> this.engine.waitpoints().complete(tokenId, WaitpointRequests.completionData(body))))
			.flatMap((token) -> Answers.json(200, Map.of("success", true)));
	}

	private Mono<ServerResponse> callback(ServerRequest request) {
		String tokenId = request.pathVariable("waitpointId");
		String hash = request.pathVariable("hash");
		return WaitpointRequests.bytes(request, WaitpointRequests.MAX_COMPLETE_BYTES, true)
			.map(WaitpointRequests::callbackData)
			.flatMap((data) -> EngineCalls.call(() -> this.engine.waitpoints().completeByCallback(tokenId, hash, data)))
			.flatMap((token) -> Answers.json(200, Map.of("success", true)));
	}

	/**
	 * The base URL the request came to (its scheme and {@code Host}), where the callback
	 * URLs point.
	 */
	static String baseUrl(ServerRequest request) {
		URI uri = request.uri();
		String authority = uri.getRawAuthority();
		String scheme = (uri.getScheme() != null) ? uri.getScheme() : "http";
		return scheme + "://" + ((authority != null) ? authority : "localhost");
	}

}
