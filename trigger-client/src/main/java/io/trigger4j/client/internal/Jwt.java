package io.trigger4j.client.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * HS256 JSON Web Tokens as the Trigger.dev SDK signs them ({@code core/jwt.ts}, with
 * {@code jose}): the protected header {@code {"alg":"HS256"}}, the claims as given, and
 * an HMAC-SHA256 signature keyed with the secret key's UTF-8 bytes, each part
 * base64url-encoded without padding. Signed with {@link Mac} directly because JOSE
 * libraries (Nimbus, jjwt) refuse HMAC keys under 32 bytes, and a {@code tr_dev_} key is
 * 31. Internal to trigger4j: not API.
 */
public final class Jwt {

	/** The issuer the SDK and the server use. */
	public static final String ISSUER = "https://id.trigger.dev";

	/** The audience the SDK and the server use. */
	public static final String AUDIENCE = "https://api.trigger.dev";

	private static final byte[] HEADER = "{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8);

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	private Jwt() {
	}

	/**
	 * Signs claims.
	 * @param key the signing key (a secret key), used as its UTF-8 bytes
	 * @param claimsJson the claims, serialised as the token carries them
	 * @return the compact token, {@code header.claims.signature}
	 */
	public static String signHs256(String key, byte[] claimsJson) {
		Objects.requireNonNull(key, "key must not be null");
		Objects.requireNonNull(claimsJson, "claimsJson must not be null");
		String signingInput = ENCODER.encodeToString(HEADER) + "." + ENCODER.encodeToString(claimsJson);
		return signingInput + "." + ENCODER.encodeToString(mac(key, signingInput));
	}

	/**
	 * The claims of a token whose HS256 signature this key made, or {@code null} when the
	 * token is malformed, its header is not HS256, or the signature does not match.
	 * Checks nothing else (expiry, issuer and audience are the caller's to check).
	 * @param token the token
	 * @param key the signing key
	 * @return the claims' JSON bytes, or {@code null}
	 */
	public static byte @Nullable [] verifyHs256(String token, String key) {
		Objects.requireNonNull(token, "token must not be null");
		Objects.requireNonNull(key, "key must not be null");
		String[] parts = token.split("\\.", -1);
		if (parts.length != 3) {
			return null;
		}
		try {
			String header = new String(DECODER.decode(parts[0]), StandardCharsets.UTF_8).replace(" ", "");
			if (!header.contains("\"alg\":\"HS256\"")) {
				return null;
			}
			byte[] signature = DECODER.decode(parts[2]);
			byte[] expected = mac(key, parts[0] + "." + parts[1]);
			return MessageDigest.isEqual(signature, expected) ? DECODER.decode(parts[1]) : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static byte[] mac(String key, String signingInput) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
		}
		catch (GeneralSecurityException ex) {
			// Every Java runtime has HmacSHA256; the key is never in the message.
			throw new IllegalStateException("HmacSHA256 is not available (" + ex.getClass().getSimpleName() + ")");
		}
	}

}
