package io.trigger4j.emulator.api;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The middleware in front of the authenticated routes: the rate limiter (which also
 * rejects a missing {@code Authorization} header), then the route family's
 * authentication, with the server's texts (api-semantics.md sections 1.3 and 3). Also how
 * routes that tell credentials apart read them: the bearer token, personal and
 * organization access tokens, and the environments' slugs.
 */
final class Guard {

	/**
	 * The slugs of the project's environments, in the order the server tries them; a
	 * secret key {@code tr_<slug>_...} belongs to one.
	 */
	static final List<String> ENVIRONMENTS = List.of("dev", "stg", "prod", "preview");

	private static final String PAT_PREFIX = "tr_pat_";

	private static final String OAT_PREFIX = "tr_oat_";

	/** How a route family answers a failed authentication. */
	enum Family {

		/** apiBuilder routes: 401 "Invalid or Missing API key" / "Invalid API key". */
		BUILDER,
		/** legacy routes: 401 "Invalid or Missing API Key". */
		LEGACY,
		/** reschedule: as legacy, with a lower-case "missing". */
		RESCHEDULE

	}

	private final Clock clock;

	private final @Nullable String secretKey;

	private final @Nullable TokenBucket rateLimiter;

	Guard(Clock clock, @Nullable String secretKey, @Nullable TokenBucket rateLimiter) {
		this.clock = clock;
		this.secretKey = secretKey;
		this.rateLimiter = rateLimiter;
	}

	HandlerFunction<ServerResponse> guarded(Family family, HandlerFunction<ServerResponse> handler) {
		return guarded(family, (token) -> false, handler);
	}

	/**
	 * As {@link #guarded(Family, HandlerFunction)}, also accepting the tokens
	 * {@code alsoAccepted} takes (the env-var routes' personal access tokens); the
	 * handler tells them apart.
	 */
	HandlerFunction<ServerResponse> guarded(Family family, Predicate<String> alsoAccepted,
			HandlerFunction<ServerResponse> handler) {
		return (request) -> {
			String authorization = request.headers().firstHeader(HttpHeaders.AUTHORIZATION);
			if (authorization == null) {
				return Answers.problem(401, "Unauthorized", "No authorization header provided", Map.of());
			}
			if (this.rateLimiter != null) {
				TokenBucket.Decision decision = this.rateLimiter.take(authorization);
				// On every limited request, success or not.
				HttpHeaders headers = request.exchange().getResponse().getHeaders();
				headers.set("x-ratelimit-limit", Long.toString(decision.limit()));
				headers.set("x-ratelimit-remaining", Long.toString(decision.remaining()));
				headers.set("x-ratelimit-reset", Long.toString(decision.reset().toEpochMilli()));
				if (!decision.allowed()) {
					double seconds = Math.max(0, decision.reset().toEpochMilli() - this.clock.millis()) / 1000.0;
					String detail = String.format(Locale.ROOT,
							"Rate limit exceeded 0/%d requests remaining. Retry in %.3f seconds.", decision.limit(),
							seconds);
					Map<String, Object> extra = new LinkedHashMap<>();
					extra.put("reset", decision.reset().toEpochMilli());
					extra.put("limit", decision.limit());
					extra.put("remaining", 0);
					extra.put("secondsUntilReset", seconds);
					return Answers.problem(429, "Rate Limit Exceeded", detail, extra);
				}
			}
			String token = token(authorization);
			if (!accepts(token) && !alsoAccepted.test(token)) {
				String message = switch (family) {
					case BUILDER -> token.isEmpty() ? "Invalid or Missing API key" : "Invalid API key";
					case LEGACY -> "Invalid or Missing API Key";
					case RESCHEDULE -> "Invalid or missing API Key";
				};
				return Answers.json(401, Map.of("error", message));
			}
			return handler.handle(request);
		};
	}

	/**
	 * The request's credential: its {@code Authorization} header without {@code Bearer },
	 * or {@code ""} without one.
	 */
	static String bearer(ServerRequest request) {
		String authorization = request.headers().firstHeader(HttpHeaders.AUTHORIZATION);
		return (authorization != null) ? token(authorization) : "";
	}

	private static String token(String authorization) {
		return authorization.startsWith("Bearer ") ? authorization.substring(7).trim() : authorization.trim();
	}

	/** A personal access token, {@code tr_pat_...}. */
	static boolean isPersonalAccessToken(String token) {
		return token.startsWith(PAT_PREFIX) && token.length() > PAT_PREFIX.length();
	}

	/**
	 * A personal or organization access token ({@code tr_pat_...}, {@code tr_oat_...}): a
	 * user's, not an environment's.
	 */
	static boolean isUserToken(String token) {
		return isPersonalAccessToken(token) || (token.startsWith(OAT_PREFIX) && token.length() > OAT_PREFIX.length());
	}

	/** The environment of a secret key: by its prefix, {@code dev} for any other key. */
	static String keyEnvironment(String token) {
		for (String environment : ENVIRONMENTS) {
			if (token.startsWith("tr_" + environment + "_")) {
				return environment;
			}
		}
		return "dev";
	}

	private boolean accepts(String token) {
		if (this.secretKey != null) {
			return this.secretKey.equals(token);
		}
		return token.startsWith("tr_dev_") && token.length() > "tr_dev_".length();
	}

}
