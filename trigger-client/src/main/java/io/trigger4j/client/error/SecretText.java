package io.trigger4j.client.error;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Masks what looks like a credential in text that came from elsewhere (an error body or
 * header a proxy may have echoed from the request): Trigger.dev keys and personal access
 * tokens ({@code tr_dev_...}, {@code tr_pat_...}), JWTs (public access tokens) and
 * whatever follows {@code Bearer}. The key's prefix is kept, so the environment stays
 * visible.
 */
final class SecretText {

	static final String MASK = "******";

	private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[^\\s\"',;<>\\\\]+");

	private static final Pattern KEY = Pattern.compile("\\b(tr_[a-z]+_)[A-Za-z0-9_-]+");

	private static final Pattern JWT = Pattern.compile("\\beyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

	private SecretText() {
	}

	static String mask(String text) {
		if (text.isEmpty()) {
			return text;
		}
		String masked = BEARER.matcher(text).replaceAll("$1" + MASK);
		masked = KEY.matcher(masked).replaceAll("$1" + MASK);
		return JWT.matcher(masked).replaceAll(MASK);
	}

	static @Nullable String maskNullable(@Nullable String text) {
		return (text != null) ? mask(text) : null;
	}

}
