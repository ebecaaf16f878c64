package io.trigger4j.client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.trigger4j.client.error.TriggerDecodingException;
import io.trigger4j.client.internal.Checks;
import io.trigger4j.client.internal.Jwt;
import io.trigger4j.client.model.auth.PublicTokenRequest;
import io.trigger4j.client.model.auth.Scopes;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@link AuthOperations} implementation: signs tokens locally with a root secret key
 * exactly as the SDK's {@code generateJWT} does ({@link Jwt}), or asks the server for one
 * with an additional key.
 */
final class DefaultAuthOperations implements AuthOperations {

	/**
	 * The SDK's pattern of an additional environment key ({@code core/apiKeys.ts}), which
	 * cannot sign tokens.
	 */
	static final Pattern ADDITIONAL_KEY = Pattern.compile("tr_(dev|stg|prod|preview)_sk_[0-9a-zA-Z]{24}");

	private static final String BEARER = "Bearer ";

	private final TriggerHttp http;

	DefaultAuthOperations(TriggerHttp http) {
		this.http = http;
	}

	/** The view this instance calls with, for tests of the package's helpers. */
	TriggerHttp http() {
		return this.http;
	}

	@Override
	public Mono<String> createPublicToken(PublicTokenRequest request) {
		Objects.requireNonNull(request, "request must not be null");
		Instant expiresAt = request.expiresAt();
		if (expiresAt != null && !expiresAt.isAfter(this.http.clock().instant())) {
			throw new IllegalArgumentException("request.expiresAt must be in the future but was " + expiresAt);
		}
		String authorization = this.http.authorization(Operation.AUTH_JWT_CLAIMS);
		if (authorization == null || !authorization.startsWith(BEARER)) {
			throw new IllegalStateException("auth.createPublicToken needs a secret key");
		}
		String key = authorization.substring(BEARER.length());
		if (ADDITIONAL_KEY.matcher(key).matches()) {
			return mintOnServer(request);
		}
		return claims(key).map((claims) -> sign(key, claims, request));
	}

	/** The server mints the token: an additional key cannot sign. */
	private Mono<String> mintOnServer(PublicTokenRequest request) {
		Scopes scopes = request.scopes();
		if (scopes == null || scopes.isEmpty()) {
			throw new IllegalArgumentException("request.scopes must hold at least one scope when the client's "
					+ "secret key is an additional key (tr_<env>_sk_...), which cannot sign tokens itself; "
					+ "for example Scopes.builder().read(ScopeResource.RUNS, runId)");
		}
		Object expirationTime = null;
		if (request.expiresIn() != null) {
			expirationTime = Checks.keyTtl("request.expiresIn", request.expiresIn());
		}
		else if (request.expiresAt() != null) {
			expirationTime = request.expiresAt().getEpochSecond();
		}
		PublicTokenBody body = new PublicTokenBody(scopes.values(), expirationTime, request.oneTimeUse(),
				(request.skipColumns() != null) ? new Realtime(request.skipColumns()) : null);
		return this.http.execute(ApiCall.to(Operation.AUTH_PUBLIC_TOKENS)
			.body(body)
			.reading(TokenAnswer.class, (answer, headers) -> answer.token()));
	}

	/**
	 * The claims to sign with this key: asked once per client, then kept (they name the
	 * key's environment, which does not change); a failure is not kept.
	 */
	private Mono<ObjectNode> claims(String key) {
		ClaimsCache cache = this.http.perClient(ClaimsCache.class, ClaimsCache::new);
		ClaimsCache.Entry cached = cache.entry.get();
		if (cached != null && cached.key().equals(key)) {
			return Mono.just(cached.claims().deepCopy());
		}
		String name = Operation.AUTH_JWT_CLAIMS.observationName();
		return this.http.execute(ApiCall.to(Operation.AUTH_JWT_CLAIMS).reading((json, bytes, headers) -> {
			ObjectNode claims = json.read(name, bytes, ObjectNode.class);
			if (!claims.path("sub").isString()) {
				throw new TriggerDecodingException(
						"Could not decode the response of " + name + ": it has no sub (the environment id)");
			}
			return claims;
		})).doOnNext((claims) -> cache.entry.set(new ClaimsCache.Entry(key, claims.deepCopy())));
	}

	/**
	 * Signs as the SDK: its claims object is {@code {...claims, scopes, realtime}} for
	 * {@code createPublicToken}, and {@code {...claims, otu, realtime, scopes}} for the
	 * one-time-use trigger tokens; then {@code jose} adds {@code iss}, {@code aud},
	 * {@code exp} and {@code iat} in that order. A key the server's claims already hold
	 * keeps its place, as with JavaScript's spread.
	 */
	private String sign(String key, ObjectNode claims, PublicTokenRequest request) {
		long issuedAt = this.http.clock().instant().getEpochSecond();
		ObjectNode payload = claims.deepCopy();
		ArrayNode scopes = null;
		if (request.scopes() != null) {
			scopes = payload.arrayNode();
			request.scopes().values().forEach(scopes::add);
		}
		ObjectNode realtime = null;
		if (request.skipColumns() != null) {
			realtime = payload.objectNode();
			ArrayNode columns = realtime.putArray("skipColumns");
			request.skipColumns().forEach(columns::add);
		}
		if (request.oneTimeUse() != null) {
			payload.put("otu", request.oneTimeUse());
			putIfPresent(payload, "realtime", realtime);
			putIfPresent(payload, "scopes", scopes);
		}
		else {
			putIfPresent(payload, "scopes", scopes);
			putIfPresent(payload, "realtime", realtime);
		}
		payload.put("iss", Jwt.ISSUER);
		payload.put("aud", Jwt.AUDIENCE);
		payload.put("exp", expiry(request, issuedAt));
		payload.put("iat", issuedAt);
		return Jwt.signHs256(key, this.http.json().write(payload));
	}

	private static void putIfPresent(ObjectNode payload, String name, @Nullable ObjectNode value) {
		if (value != null) {
			payload.set(name, value);
		}
	}

	private static void putIfPresent(ObjectNode payload, String name, @Nullable ArrayNode value) {
		if (value != null) {
			payload.set(name, value);
		}
	}

	private static long expiry(PublicTokenRequest request, long issuedAt) {
		if (request.expiresAt() != null) {
			return request.expiresAt().getEpochSecond();
		}
		Duration lifetime = (request.expiresIn() != null) ? request.expiresIn() : PublicTokenRequest.DEFAULT_LIFETIME;
		return issuedAt + lifetime.getSeconds();
	}

	/** The claims of the client's key, kept once fetched: one entry, so bounded. */
	static final class ClaimsCache {

		final AtomicReference<@Nullable Entry> entry = new AtomicReference<>();

		record Entry(String key, ObjectNode claims) {

			@Override
			public String toString() {
				return "ClaimsCache.Entry[claims=" + this.claims + "]";
			}

		}

		@Override
		public String toString() {
			return "ClaimsCache";
		}

	}

	record PublicTokenBody(List<String> scopes, @Nullable Object expirationTime, @Nullable Boolean oneTimeUse,
			@Nullable Realtime realtime) {
	}

	record Realtime(List<String> skipColumns) {
	}

	record TokenAnswer(@JsonProperty(required = true) String token) {

		TokenAnswer {
			Objects.requireNonNull(token, "token must not be null");
		}

		@Override
		public String toString() {
			return "TokenAnswer[token=******]";
		}

	}

}
