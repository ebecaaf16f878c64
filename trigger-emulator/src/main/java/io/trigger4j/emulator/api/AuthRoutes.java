package io.trigger4j.emulator.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Public access tokens minted for clients (sdk-behaviour.md 10):
 *
 * <ul>
 * <li>{@code POST /api/v1/auth/jwt/claims}: {@code {sub, pub: true}} for the SDK to sign
 * its own tokens with the secret key; a secret key only (401 "Invalid or Missing API
 * key").</li>
 * <li>{@code POST /api/v1/auth/public-tokens} {@code {scopes, expirationTime?,
 * oneTimeUse?, realtime?}}: {@code {token}}, as {@code publicTokens.server.ts} answers:
 * 400 "Invalid request body" (with zod's issues when it is not the schema), "Invalid
 * expiration time", "Expiration time must be in the future", "Expiration time cannot
 * exceed 30 days"; default lifetime 15 minutes.</li>
 * </ul>
 */
final class AuthRoutes {

	private static final long MAX_LIFETIME_SECONDS = 30L * 24 * 60 * 60;

	private static final int MAX_BODY_BYTES = 65_536;

	private static final Pattern RELATIVE_TIME = Pattern.compile(
			"^(\\+|-)? ?(\\d+|\\d+\\.\\d+) ?(seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w|years?|yrs?|y)(?: (ago|from now))?$",
			Pattern.CASE_INSENSITIVE);

	private final Guard guard;

	AuthRoutes(Guard guard) {
		this.guard = guard;
	}

	void register(RouterFunctions.Builder routes) {
		routes.POST("/api/v1/auth/jwt/claims", this.guard.guarded(Guard.Family.API_KEY, this::claims))
			.POST("/api/v1/auth/public-tokens", this.guard.guarded(Guard.Family.BUILDER, this::publicToken));
	}

	private Mono<ServerResponse> claims(ServerRequest request) {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("sub", RunRenderer.ENV_ID);
		claims.put("pub", true);
		return Answers.json(200, claims);
	}

	private Mono<ServerResponse> publicToken(ServerRequest request) {
		return Bodies.bytes(request, MAX_BODY_BYTES, true).map((bytes) -> {
			JsonNode body;
			try {
				body = (bytes.length > 0) ? ApiJson.MAPPER.readTree(bytes) : null;
			}
			catch (JacksonException ex) {
				body = null;
			}
			if (body == null) {
				throw ApiError.of(400, "Invalid request body");
			}
			List<String> scopes = scopes(body);
			Map<String, Object> claims = new LinkedHashMap<>();
			claims.put("sub", RunRenderer.ENV_ID);
			claims.put("pub", true);
			claims.put("scopes", scopes);
			JsonNode oneTimeUse = body.get("oneTimeUse");
			if (oneTimeUse != null && oneTimeUse.isBoolean() && oneTimeUse.booleanValue()) {
				claims.put("otu", true);
			}
			JsonNode realtime = body.get("realtime");
			if (realtime != null && realtime.isObject()) {
				claims.put("realtime", realtime);
			}
			Instant now = this.guard.now();
			long nowSeconds = now.getEpochSecond();
			Long expiresAt = expiresAt(body.get("expirationTime"), nowSeconds);
			if (expiresAt == null) {
				throw ApiError.of(400, "Invalid expiration time");
			}
			if (expiresAt <= nowSeconds) {
				throw ApiError.of(400, "Expiration time must be in the future");
			}
			if (expiresAt - nowSeconds > MAX_LIFETIME_SECONDS) {
				throw ApiError.of(400, "Expiration time cannot exceed 30 days");
			}
			return Map.of("token", this.guard.mint(request, claims, now, expiresAt));
		}).flatMap((answer) -> Answers.json(200, answer));
	}

	/** The body's scopes: at least one string, else 400 with zod's issues. */
	private static List<String> scopes(JsonNode body) {
		if (!body.isObject()) {
			throw ApiError.invalidBody(List.of(ApiError.invalidType("object", Bodies.typeName(body),
					"Expected object, received " + Bodies.typeName(body), "")));
		}
		JsonNode scopes = body.get("scopes");
		if (scopes == null || !scopes.isArray()) {
			String received = (scopes == null) ? "undefined" : Bodies.typeName(scopes);
			throw ApiError.invalidBody(List.of(ApiError.invalidType("array", received,
					(scopes == null) ? "Required" : "Expected array, received " + received, "scopes")));
		}
		if (scopes.isEmpty()) {
			Map<String, Object> issue = new LinkedHashMap<>();
			issue.put("code", "too_small");
			issue.put("minimum", 1);
			issue.put("type", "array");
			issue.put("inclusive", true);
			issue.put("exact", false);
			issue.put("message", "Array must contain at least 1 element(s)");
			issue.put("path", List.of("scopes"));
			throw ApiError.invalidBody(List.of(issue));
		}
		List<String> list = new ArrayList<>();
		for (int i = 0; i < scopes.size(); i++) {
			JsonNode scope = scopes.get(i);
			if (!scope.isString()) {
				Map<String, Object> issue = ApiError.invalidType("string", Bodies.typeName(scope),
						"Expected string, received " + Bodies.typeName(scope), "scopes");
				issue.put("path", List.of("scopes", i));
				throw ApiError.invalidBody(List.of(issue));
			}
			list.add(scope.asString());
		}
		return list;
	}

	/**
	 * When the token expires, in epoch seconds: a number as it is, a relative time
	 * ({@code 15m}, {@code 2 hours}, {@code 1h from now}) from now; {@code null} for
	 * anything else. Absent: 15 minutes.
	 */
	static @Nullable Long expiresAt(@Nullable JsonNode expirationTime, long now) {
		if (expirationTime == null || expirationTime.isNull()) {
			return now + 15 * 60;
		}
		if (expirationTime.isNumber()) {
			return (long) Math.floor(expirationTime.doubleValue());
		}
		if (!expirationTime.isString()) {
			return null;
		}
		Matcher match = RELATIVE_TIME.matcher(expirationTime.asString());
		if (!match.matches() || (match.group(4) != null && match.group(1) != null)) {
			return null;
		}
		double value = Double.parseDouble(match.group(2));
		String unit = match.group(3).toLowerCase(java.util.Locale.ROOT);
		double unitSeconds = unit.startsWith("s") ? 1 : unit.startsWith("m") ? 60 : unit.startsWith("h") ? 3600
				: unit.startsWith("d") ? 86400 : unit.startsWith("w") ? 7 * 86400 : 365.25 * 86400;
		long relative = Math.round(value * unitSeconds);
		boolean past = "-".equals(match.group(1)) || "ago".equalsIgnoreCase(match.group(4));
		return now + (past ? -relative : relative);
	}

}
