package io.trigger4j.emulator.api;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The middleware in front of the authenticated routes: the rate limiter (which also
 * rejects a missing {@code Authorization} header), then the route family's
 * authentication, with the server's texts (api-semantics.md sections 1.3 and 3). Also how
 * routes that tell credentials apart read them: the bearer token, personal and
 * organization access tokens, and the environments' slugs.
 *
 * <p>
 * Public access tokens (JWTs with {@code pub: true}) are accepted only by routes that say
 * what they let them do ({@link #guarded(Family, AuthAccess, HandlerFunction)}); they
 * must be signed (HS256) with the environment's secret key, carry the emulator's
 * environment as {@code sub}, the issuer and audience, and not be expired in emulator
 * time, as the server checks them (401 "Invalid Public Access Token" without the
 * environment, 401 "Public Access Token is invalid" otherwise), and their scopes must
 * grant the route's access (403). Without a configured secret key, the keys of the
 * requests accepted so far (at most {@value #REMEMBERED_KEYS}, the latest) sign and
 * verify them, as the server verifies with a rotated key still in its grace window. A
 * token never appears in an answer or a log.
 */
final class Guard {

	/**
	 * The slugs of the project's environments, in the order the server tries them; a
	 * secret key {@code tr_<slug>_...} belongs to one.
	 */
	static final List<String> ENVIRONMENTS = List.of("dev", "stg", "prod", "preview");

	private static final String PAT_PREFIX = "tr_pat_";

	private static final String OAT_PREFIX = "tr_oat_";

	/** How many accepted keys sign and verify tokens without a configured key. */
	static final int REMEMBERED_KEYS = 32;

	/** The request attribute holding the {@link AuthCredential}. */
	private static final String CREDENTIAL = Guard.class.getName() + ".credential";

	/** The body of a refused scope: the builder routes'. */
	private static final Map<String, Object> UNAUTHORIZED = AuthDenied.body();

	/** How a route family answers a failed authentication. */
	enum Family {

		/** apiBuilder routes: 401 "Invalid or Missing API key" / "Invalid API key". */
		BUILDER,
		/** legacy routes: 401 "Invalid or Missing API Key". */
		LEGACY,
		/** reschedule: as legacy, with a lower-case "missing". */
		RESCHEDULE,
		/**
		 * routes authenticating with {@code authenticateApiRequest} (JWT claims, packet
		 * uploads): 401 "Invalid or Missing API key".
		 */
		API_KEY

	}

	private final Clock clock;

	private final @Nullable String secretKey;

	private final @Nullable TokenBucket rateLimiter;

	/** The keys accepted so far, latest last, without a configured key. */
	private final Map<String, byte[]> rememberedKeys = new LinkedHashMap<>(16, 0.75f, true);

	Guard(Clock clock, @Nullable String secretKey, @Nullable TokenBucket rateLimiter) {
		this.clock = clock;
		this.secretKey = secretKey;
		this.rateLimiter = rateLimiter;
	}

	/** A route refusing public access tokens. */
	HandlerFunction<ServerResponse> guarded(Family family, HandlerFunction<ServerResponse> handler) {
		return guarded(family, null, (token) -> false, handler);
	}

	/**
	 * A route that also accepts public access tokens, letting them do what {@code access}
	 * says (api-semantics.md 1.2), such as
	 * {@code guarded(Family.BUILDER, AuthAccess.run(engine, "read", "runId"), handler)}.
	 */
	HandlerFunction<ServerResponse> guarded(Family family, AuthAccess access, HandlerFunction<ServerResponse> handler) {
		return guarded(family, access, (token) -> false, handler);
	}

	/**
	 * As {@link #guarded(Family, HandlerFunction)}, also accepting the tokens
	 * {@code alsoAccepted} takes (the env-var routes' personal access tokens); the
	 * handler tells them apart.
	 */
	HandlerFunction<ServerResponse> guarded(Family family, Predicate<String> alsoAccepted,
			HandlerFunction<ServerResponse> handler) {
		return guarded(family, null, alsoAccepted, handler);
	}

	private HandlerFunction<ServerResponse> guarded(Family family, @Nullable AuthAccess access,
			Predicate<String> alsoAccepted, HandlerFunction<ServerResponse> handler) {
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
			if (access != null) {
				JsonNode claims = JwtTokens.publicClaims(token);
				if (claims != null) {
					return publicToken(request, token, claims, access, handler);
				}
			}
			boolean key = accepts(token);
			if (!key && !alsoAccepted.test(token)) {
				String message = switch (family) {
					case BUILDER -> token.isEmpty() ? "Invalid or Missing API key" : "Invalid API key";
					case LEGACY -> "Invalid or Missing API Key";
					case RESCHEDULE -> "Invalid or missing API Key";
					case API_KEY -> "Invalid or Missing API key";
				};
				return Answers.json(401, Map.of("error", message));
			}
			if (key) {
				request.attributes().put(CREDENTIAL, AuthCredential.secretKey(remember(token)));
			}
			return handler.handle(request);
		};
	}

	/** A public access token: verified, then its scopes checked against the access. */
	private Mono<ServerResponse> publicToken(ServerRequest request, String token, JsonNode claims, AuthAccess access,
			HandlerFunction<ServerResponse> handler) {
		JsonNode sub = claims.get("sub");
		if (sub == null || !sub.isString() || !RunRenderer.ENV_ID.equals(sub.asString())) {
			return Answers.json(401, Map.of("error", "Invalid Public Access Token"));
		}
		byte[] signingKey = verifyingKey(token);
		if (signingKey == null) {
			return Answers.json(401, Map.of("error", "Public Access Token is invalid"));
		}
		List<String> scopes = new ArrayList<>();
		JsonNode values = claims.get("scopes");
		if (values != null && values.isArray()) {
			for (JsonNode value : values) {
				if (value.isString()) {
					scopes.add(value.asString());
				}
			}
		}
		AuthCredential credential = AuthCredential.publicToken(scopes, signingKey);
		request.attributes().put(CREDENTIAL, credential);
		return access.resolver()
			.apply(request)
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap((resources) -> {
				if (resources.isPresent() && !resources.get().grantedTo(credential, access.action())) {
					return Answers.json(403, UNAUTHORIZED);
				}
				return handler.handle(request);
			});
	}

	/**
	 * Checks, in a handler, that the request's credential may do {@code action} on what
	 * the request touches (for routes guarded with {@link AuthAccess#inHandler()}).
	 * @throws AuthDenied (answered 403) when a public access token does not grant it
	 */
	static void authorize(ServerRequest request, String action, AuthAccess.Resources resources) {
		AuthCredential credential = credential(request);
		if (credential != null && !resources.grantedTo(credential, action)) {
			throw new AuthDenied();
		}
	}

	/** Whether the request authenticated with a public access token. */
	static boolean isPublicToken(ServerRequest request) {
		AuthCredential credential = credential(request);
		return credential != null && credential.isPublicToken();
	}

	/** The request's credential, once a guard let it in. */
	static @Nullable AuthCredential credential(ServerRequest request) {
		Object credential = request.attributes().get(CREDENTIAL);
		return (credential instanceof AuthCredential found) ? found : null;
	}

	/**
	 * The {@code x-trigger-jwt} and {@code x-trigger-jwt-claims} headers of an answer: a
	 * public access token for the emulator's environment with the scopes, signed with the
	 * key of the request's credential, valid for {@code lifetime} of emulator time.
	 * @param claimsShowScopes whether {@code x-trigger-jwt-claims} lists the scopes (the
	 * trigger route's does; the others show {@code {sub, pub}})
	 */
	Map<String, String> tokenHeaders(ServerRequest request, List<String> scopes, Duration lifetime,
			boolean claimsShowScopes) {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("sub", RunRenderer.ENV_ID);
		claims.put("pub", true);
		Map<String, Object> shown = new LinkedHashMap<>(claims);
		claims.put("scopes", scopes);
		if (claimsShowScopes) {
			shown.put("scopes", scopes);
		}
		Instant now = this.clock.instant();
		String token = mint(request, claims, now, now.plus(lifetime).getEpochSecond());
		return Map.of("x-trigger-jwt", token, "x-trigger-jwt-claims", ApiJson.MAPPER.writeValueAsString(shown));
	}

	/** A token with the claims, signed as {@link #tokenHeaders} signs. */
	String mint(ServerRequest request, Map<String, Object> claims, Instant issuedAt, long expiresAtEpochSecond) {
		AuthCredential credential = credential(request);
		byte[] key = (credential != null) ? credential.signingKey() : defaultKey();
		return JwtTokens.sign(key, claims, issuedAt, expiresAtEpochSecond);
	}

	/** The emulator's time, for tokens. */
	Instant now() {
		return this.clock.instant();
	}

	private byte[] defaultKey() {
		String key = (this.secretKey != null) ? this.secretKey : "tr_dev_emulator";
		return key.getBytes(StandardCharsets.UTF_8);
	}

	/** The accepted key that signed the token, if any verifies it now. */
	private byte @Nullable [] verifyingKey(String token) {
		List<byte[]> keys;
		if (this.secretKey != null) {
			keys = List.of(this.secretKey.getBytes(StandardCharsets.UTF_8));
		}
		else {
			synchronized (this.rememberedKeys) {
				keys = new ArrayList<>(this.rememberedKeys.values());
			}
			if (keys.isEmpty()) {
				keys = List.of(defaultKey());
			}
		}
		Instant now = this.clock.instant();
		if (!JwtTokens.verify(token, keys, now)) {
			return null;
		}
		// Which key: each verifies alone (a miss costs as much as a match).
		for (byte[] key : keys) {
			if (JwtTokens.verify(token, List.of(key), now)) {
				return key;
			}
		}
		return null;
	}

	/**
	 * The key's bytes, remembered (without a configured key) to sign and verify tokens.
	 */
	private byte[] remember(String token) {
		byte[] key = token.getBytes(StandardCharsets.UTF_8);
		if (this.secretKey == null) {
			synchronized (this.rememberedKeys) {
				this.rememberedKeys.put(token, key);
				Iterator<String> oldest = this.rememberedKeys.keySet().iterator();
				while (this.rememberedKeys.size() > REMEMBERED_KEYS && oldest.hasNext()) {
					oldest.next();
					oldest.remove();
				}
			}
		}
		return key;
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
