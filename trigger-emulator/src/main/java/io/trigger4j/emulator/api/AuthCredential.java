package io.trigger4j.emulator.api;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Who a request authenticated as: a secret key (may do anything), or a public access
 * token (JWT) with its scopes, granting as the server's {@code buildJwtAbility} does: a
 * scope {@code action:type[:id]} grants {@code action} (or any action for {@code *}) on
 * every resource of {@code type} ({@code all} for any type), or on the one with that id
 * (everything after the second colon, so a tag may hold colons); a bare {@code admin}
 * grants everything. Keeps the key that signs tokens minted for the request; its
 * {@link #toString()} shows neither key nor token.
 */
final class AuthCredential {

	private final boolean publicToken;

	private final List<String> scopes;

	private final byte[] signingKey;

	private AuthCredential(boolean publicToken, List<String> scopes, byte[] signingKey) {
		this.publicToken = publicToken;
		this.scopes = List.copyOf(scopes);
		this.signingKey = signingKey;
	}

	static AuthCredential secretKey(byte[] key) {
		return new AuthCredential(false, List.of(), key);
	}

	static AuthCredential publicToken(List<String> scopes, byte[] signingKey) {
		return new AuthCredential(true, scopes, signingKey);
	}

	boolean isPublicToken() {
		return this.publicToken;
	}

	List<String> scopes() {
		return this.scopes;
	}

	byte[] signingKey() {
		return this.signingKey;
	}

	/** Whether the credential may do {@code action} on the resource. */
	boolean can(String action, AuthAccess.Resource resource) {
		if (!this.publicToken) {
			return true;
		}
		for (String scope : this.scopes) {
			if (grants(scope, action, resource)) {
				return true;
			}
		}
		return false;
	}

	private static boolean grants(String scope, String action, AuthAccess.Resource resource) {
		String[] parts = scope.split(":", -1);
		String scopeAction = parts[0];
		if (scopeAction.isEmpty()) {
			return false;
		}
		String type = (parts.length > 1 && !parts[1].isEmpty()) ? parts[1] : null;
		String id = (parts.length > 2) ? emptyToNull(String.join(":", List.of(parts).subList(2, parts.length))) : null;
		if ("admin".equals(scopeAction) && type == null) {
			return true;
		}
		if (!scopeAction.equals(action) && !"*".equals(scopeAction)) {
			return false;
		}
		if ("all".equals(type)) {
			return true;
		}
		if (type == null || !type.equals(resource.type())) {
			return false;
		}
		return id == null || id.equals(resource.id());
	}

	private static @Nullable String emptyToNull(String text) {
		return text.isEmpty() ? null : text;
	}

	@Override
	public String toString() {
		return this.publicToken ? "AuthCredential[public access token, scopes=" + this.scopes + "]"
				: "AuthCredential[secret key]";
	}

}
