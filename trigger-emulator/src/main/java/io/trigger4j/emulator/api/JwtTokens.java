package io.trigger4j.emulator.api;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Public access tokens as the server and the official SDK make them
 * ({@code packages/core/src/v3/jwt.ts}): HS256 JWTs signed with the secret key's UTF-8
 * bytes as they are (a {@code tr_dev_} key is 31 bytes, which JWT libraries refuse),
 * issuer {@value #ISSUER}, audience {@value #AUDIENCE}; and their verification as jose's
 * {@code jwtVerify} does it (signature, issuer, audience, {@code exp}, {@code nbf}).
 * Never puts a token or a key in a message.
 */
final class JwtTokens {

	static final String ISSUER = "https://id.trigger.dev";

	static final String AUDIENCE = "https://api.trigger.dev";

	private static final String HEADER = base64("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8));

	private JwtTokens() {
	}

	/**
	 * A signed token: the claims, then {@code iss}, {@code aud}, {@code exp} and
	 * {@code iat}, as jose's {@code SignJWT} orders them.
	 */
	static String sign(byte[] key, Map<String, Object> claims, Instant issuedAt, long expiresAtEpochSecond) {
		Map<String, Object> payload = new LinkedHashMap<>(claims);
		payload.put("iss", ISSUER);
		payload.put("aud", AUDIENCE);
		payload.put("exp", expiresAtEpochSecond);
		payload.put("iat", issuedAt.getEpochSecond());
		String signingInput = HEADER + "." + base64(ApiJson.MAPPER.writeValueAsBytes(payload));
		return signingInput + "." + base64(hmac(key, signingInput));
	}

	/**
	 * The payload of a token that decodes to an object with {@code pub: true} (the
	 * server's {@code isPublicJWT}), unverified; {@code null} for anything else.
	 */
	static @Nullable JsonNode publicClaims(String token) {
		String[] parts = token.split("\\.", -1);
		if (parts.length != 3) {
			return null;
		}
		JsonNode payload = json(parts[1]);
		if (payload == null || !payload.isObject()) {
			return null;
		}
		JsonNode pub = payload.get("pub");
		return (pub != null && pub.isBoolean() && pub.booleanValue()) ? payload : null;
	}

	/**
	 * Whether a token is signed by one of the keys and valid at {@code now}: header
	 * {@code alg: HS256} without {@code crit}, issuer and audience, {@code exp} not
	 * reached, {@code nbf} reached, {@code iat} a number when present. Signatures are
	 * compared in constant time.
	 */
	static boolean verify(String token, List<byte[]> keys, Instant now) {
		String[] parts = token.split("\\.", -1);
		if (parts.length != 3) {
			return false;
		}
		JsonNode header = json(parts[0]);
		JsonNode payload = json(parts[1]);
		byte[] signature = decode(parts[2]);
		if (header == null || !header.isObject() || payload == null || !payload.isObject() || signature == null) {
			return false;
		}
		JsonNode alg = header.get("alg");
		if (alg == null || !alg.isString() || !"HS256".equals(alg.asString()) || header.has("crit")) {
			return false;
		}
		byte[] signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
		boolean signed = false;
		for (byte[] key : keys) {
			// Every key is tried, so the time taken does not tell which one matched.
			signed |= MessageDigest.isEqual(hmac(key, signingInput), signature);
		}
		return signed && claimsValid(payload, now.getEpochSecond());
	}

	private static boolean claimsValid(JsonNode payload, long now) {
		JsonNode iss = payload.get("iss");
		if (iss == null || !iss.isString() || !ISSUER.equals(iss.asString())) {
			return false;
		}
		if (!audience(payload.get("aud"))) {
			return false;
		}
		JsonNode exp = payload.get("exp");
		if (exp != null && (!exp.isNumber() || exp.doubleValue() <= now)) {
			return false;
		}
		JsonNode nbf = payload.get("nbf");
		if (nbf != null && (!nbf.isNumber() || nbf.doubleValue() > now)) {
			return false;
		}
		JsonNode iat = payload.get("iat");
		return iat == null || iat.isNumber();
	}

	private static boolean audience(@Nullable JsonNode aud) {
		if (aud != null && aud.isString()) {
			return AUDIENCE.equals(aud.asString());
		}
		if (aud != null && aud.isArray()) {
			for (JsonNode value : aud) {
				if (value.isString() && AUDIENCE.equals(value.asString())) {
					return true;
				}
			}
		}
		return false;
	}

	private static @Nullable JsonNode json(String part) {
		byte[] bytes = decode(part);
		if (bytes == null) {
			return null;
		}
		try {
			return ApiJson.MAPPER.readTree(bytes);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static byte @Nullable [] decode(String part) {
		try {
			return Base64.getUrlDecoder().decode(part);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static String base64(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static byte[] hmac(byte[] key, String input) {
		return hmac(key, input.getBytes(StandardCharsets.US_ASCII));
	}

	static byte[] hmac(byte[] key, byte[] input) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(input);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

}
