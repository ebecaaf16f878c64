package io.trigger4j.emulator.api;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The middleware in front of the authenticated routes: the rate limiter (which also
 * rejects a missing {@code Authorization} header), then the route family's
 * authentication, with the server's texts (api-semantics.md sections 1.3 and 3).
 */
final class Guard {

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
			String token = authorization.startsWith("Bearer ") ? authorization.substring(7).trim()
					: authorization.trim();
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

	private boolean accepts(String token) {
		if (this.secretKey != null) {
			return this.secretKey.equals(token);
		}
		return token.startsWith("tr_dev_") && token.length() > "tr_dev_".length();
	}

}
