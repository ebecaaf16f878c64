package io.trigger4j.autoconfigure;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.trigger4j.client.TriggerEnvironmentType;
import org.jspecify.annotations.Nullable;

/**
 * Checks the credentials of {@link TriggerConnectionDetails} before the client is built:
 * each must be a Trigger.dev key ({@code tr_...}), not an unresolved placeholder such as
 * {@code ${TRIGGER_SECRET_KEY}}, and a preview key needs a branch. Failures name the
 * property and show at most the key's prefix.
 */
final class TriggerCredentialChecks {

	/** A placeholder left unresolved by the environment. */
	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[^}]*}");

	private static final String SECRET_KEY_ACTION = "Set 'trigger.secret-key' (or the environment variable "
			+ "TRIGGER_SECRET_KEY, which relaxed binding reads without any placeholder) to the secret key of your "
			+ "environment (tr_dev_..., tr_stg_..., tr_prod_..., tr_preview_...), found under API keys in the "
			+ "Trigger.dev dashboard.";

	private static final String ACCESS_TOKEN_ACTION = "Set 'trigger.access-token' (or the environment variable "
			+ "TRIGGER_ACCESS_TOKEN, which relaxed binding reads without any placeholder) to a personal access token "
			+ "(tr_pat_...), created under Personal Access Tokens in the Trigger.dev dashboard.";

	private TriggerCredentialChecks() {
	}

	/**
	 * Checks the stripped credentials and branch of the given details.
	 * @throws InvalidTriggerPropertyException naming the first problem found
	 */
	static void check(TriggerConnectionDetails details, @Nullable String secretKey, @Nullable String accessToken,
			@Nullable String branch) {
		String suppliedBy = (details instanceof PropertiesTriggerConnectionDetails) ? null
				: "the TriggerConnectionDetails bean " + details.getClass().getName();
		if (secretKey != null) {
			checkTriggerKey("trigger.secret-key", secretKey, "secret key", SECRET_KEY_ACTION, suppliedBy);
			if (TriggerEnvironmentType.of(secretKey) == TriggerEnvironmentType.PREVIEW && branch == null) {
				throw new InvalidTriggerPropertyException("trigger.secret-key",
						"a preview key (tr_preview_...) addresses a preview branch, and no branch is set "
								+ "(trigger.branch): the server answers every call with 401",
						"Set 'trigger.branch' (or the environment variable TRIGGER_BRANCH) to the name of the "
								+ "preview branch to address, or use the key of another environment.",
						true, suppliedBy);
			}
		}
		if (accessToken != null) {
			checkTriggerKey("trigger.access-token", accessToken, "personal access token", ACCESS_TOKEN_ACTION,
					suppliedBy);
		}
	}

	private static void checkTriggerKey(String property, String value, String what, String action,
			@Nullable String suppliedBy) {
		if (PLACEHOLDER.matcher(value).find()) {
			throw new InvalidTriggerPropertyException(property, "it holds an unresolved placeholder, "
					+ placeholderOf(value) + ": the environment variable or property it names is not set", action, true,
					suppliedBy);
		}
		if (!value.startsWith("tr_")) {
			throw new InvalidTriggerPropertyException(property,
					"it is not a Trigger.dev " + what + ": Trigger.dev keys start with tr_", action, true, suppliedBy);
		}
	}

	private static String placeholderOf(String value) {
		Matcher matcher = PLACEHOLDER.matcher(value);
		return matcher.find() ? matcher.group() : "${...}";
	}

	/**
	 * What may be shown of a secret: a placeholder as it is (it is not the secret), the
	 * {@code tr_<kind>_} prefix of a Trigger.dev key, otherwise nothing.
	 * @param value the raw value
	 * @return what may be shown
	 */
	static String shownOfSecret(String value) {
		String stripped = value.strip();
		if (PLACEHOLDER.matcher(stripped).matches()) {
			return "\"" + stripped + "\"";
		}
		if (stripped.startsWith("tr_")) {
			int end = stripped.indexOf('_', 3);
			if (end > 3 && end < 16) {
				return "\"" + stripped.substring(0, end + 1) + "...\" (secret: only its prefix is shown)";
			}
		}
		return "(secret, not shown)";
	}

}
