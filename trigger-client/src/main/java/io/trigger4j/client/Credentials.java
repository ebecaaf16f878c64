package io.trigger4j.client;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import io.trigger4j.client.internal.Secrets;
import org.jspecify.annotations.Nullable;

/**
 * The credentials a client was given, and which one a call sends: the one the options
 * name, else the secret key where the operation accepts it, else the personal access
 * token; nothing on an open route. Never printed.
 */
final class Credentials {

	private final @Nullable String secretKeyHeader;

	private final @Nullable String accessTokenHeader;

	Credentials(@Nullable String secretKey, @Nullable String accessToken) {
		this.secretKeyHeader = (secretKey != null) ? "Bearer " + secretKey : null;
		this.accessTokenHeader = (accessToken != null) ? "Bearer " + accessToken : null;
	}

	boolean isEmpty() {
		return this.secretKeyHeader == null && this.accessTokenHeader == null;
	}

	/**
	 * The {@code Authorization} header a call sends, or {@code null} for none.
	 * @param chosen the credential the options name, or {@code null}
	 * @param publicAccessToken the public access token the options give, with
	 * {@code chosen} PUBLIC_TOKEN
	 * @throws IllegalArgumentException if the operation does not accept the chosen
	 * credential
	 * @throws IllegalStateException if the credential the call needs is not configured
	 */
	@Nullable String authorization(Operation operation, @Nullable Credential chosen, @Nullable String publicAccessToken) {
		Set<Credential> accepted = operation.credentials();
		if (accepted.contains(Credential.NONE)) {
			return null;
		}
		Credential credential = chosen;
		if (credential == null) {
			if (accepted.contains(Credential.SECRET_KEY)) {
				credential = Credential.SECRET_KEY;
			}
			else if (accepted.contains(Credential.PERSONAL_ACCESS_TOKEN)) {
				credential = Credential.PERSONAL_ACCESS_TOKEN;
			}
			else {
				throw new IllegalStateException(
						operation.observationName() + " needs a public access token, which this client does not send");
			}
		}
		else if (!accepted.contains(credential)) {
			throw new IllegalArgumentException(operation.observationName() + " does not accept the credential "
					+ credential + " named in the request options; it accepts " + new TreeSet<>(accepted));
		}
		if (credential == Credential.PUBLIC_TOKEN) {
			return "Bearer " + Objects.requireNonNull(publicAccessToken, "publicAccessToken");
		}
		if (credential == Credential.SECRET_KEY) {
			return require(this.secretKeyHeader, operation, "a secret key",
					"trigger.secret-key (TRIGGER_SECRET_KEY), or TriggerClient.builder().secretKey(...)");
		}
		return require(this.accessTokenHeader, operation, "a personal access token",
				"trigger.access-token (TRIGGER_ACCESS_TOKEN), or TriggerClient.builder().accessToken(...)");
	}

	private static String require(@Nullable String header, Operation operation, String what, String where) {
		if (header == null) {
			throw new IllegalStateException(
					operation.observationName() + " needs " + what + ", but none is configured: set " + where);
		}
		return header;
	}

	@Override
	public String toString() {
		return "Credentials[secretKey=" + Secrets.mask(this.secretKeyHeader) + ", accessToken="
				+ Secrets.mask(this.accessTokenHeader) + "]";
	}

}
