package io.trigger4j.client;

import io.trigger4j.client.model.auth.PublicTokenRequest;
import reactor.core.publisher.Mono;

/**
 * Public access tokens: minting scoped, expiring tokens (JWTs) for browsers, other
 * services or {@link RequestOptions.Builder#publicAccessToken(String)}. Obtain from
 * {@link TriggerOperations#auth()}.
 */
public interface AuthOperations {

	/**
	 * Mints a public access token as the TypeScript SDK's {@code auth.createPublicToken}
	 * does. With a root secret key ({@code tr_dev_...}, {@code tr_prod_...}, ...) the
	 * token is signed locally (HS256 with the key; claims {@code sub} and {@code pub}
	 * from {@code POST /api/v1/auth/jwt/claims}, asked once per client, then
	 * {@code scopes}, {@code otu}, {@code realtime}, issuer, audience, issue and expiry
	 * times), byte for byte the token the SDK mints for the same request at the same
	 * second. With an additional key ({@code tr_<env>_sk_...}), which cannot sign, the
	 * server mints it: {@code POST /api/v1/auth/public-tokens}; the request must then
	 * have at least one scope.
	 * @param request what the token grants and how long it lives
	 * @return the token; never logged or printed by trigger4j
	 * @throws IllegalArgumentException if the request is not acceptable (an expiry
	 * instant not in the future, no scope with an additional key)
	 * @throws IllegalStateException if the client has no secret key
	 */
	Mono<String> createPublicToken(PublicTokenRequest request);

}
