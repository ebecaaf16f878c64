package io.trigger4j.emulator.api;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.Mono;

/**
 * The packet routes of offloaded payloads and outputs (sdk-behaviour.md 7), answering
 * presigned URLs on the packet host ({@link PacketHost}):
 *
 * <ul>
 * <li>{@code PUT /api/v2/packets/<path>}: {@code {presignedUrl, storagePath}} to upload
 * (a secret key only: 401 "Invalid or Missing API key");</li>
 * <li>{@code PUT /api/v1/packets/<path>}: {@code {presignedUrl}} to upload;</li>
 * <li>{@code GET /api/v1/packets/<path>}: {@code {presignedUrl}} to download (also with a
 * public access token).</li>
 * </ul>
 *
 * The path is the rest of the URL, percent-decoded (the SDK encodes it whole); 400
 * "Invalid packet storage path" for traversal ({@code ..}, {@code .}, empty segments, a
 * backslash, a leading {@code /}).
 */
final class PacketRoutes {

	private static final String V1 = "/api/v1/packets/";

	private static final String V2 = "/api/v2/packets/";

	private final PacketUrls urls;

	private final Guard guard;

	PacketRoutes(PacketUrls urls, Guard guard) {
		this.urls = urls;
		this.guard = guard;
	}

	void register(RouterFunctions.Builder routes) {
		routes.PUT(V2 + "**", this.guard.guarded(Guard.Family.API_KEY, this::uploadV2))
			.PUT(V1 + "**", this.guard.guarded(Guard.Family.API_KEY, this::uploadV1))
			.GET(V1 + "**", this.guard.guarded(Guard.Family.BUILDER, AuthAccess.anyToken(), this::download));
	}

	private Mono<ServerResponse> uploadV2(ServerRequest request) {
		String path = path(request, V2);
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("presignedUrl", this.urls.presign("PUT", path));
		answer.put("storagePath", path);
		return Answers.json(200, answer);
	}

	private Mono<ServerResponse> uploadV1(ServerRequest request) {
		return Answers.json(200, Map.of("presignedUrl", this.urls.presign("PUT", path(request, V1))));
	}

	private Mono<ServerResponse> download(ServerRequest request) {
		return Answers.json(200, Map.of("presignedUrl", this.urls.presign("GET", path(request, V1))));
	}

	private static String path(ServerRequest request, String prefix) {
		String raw = request.requestPath().value();
		String encoded = raw.startsWith(prefix) ? raw.substring(prefix.length()) : "";
		return PacketUrls.safePath(UriUtils.decode(encoded, StandardCharsets.UTF_8));
	}

}
