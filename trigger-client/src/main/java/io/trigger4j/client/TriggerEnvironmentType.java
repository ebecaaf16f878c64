package io.trigger4j.client;

import java.util.Objects;

/**
 * The environment type a secret key belongs to, read from its prefix ({@code tr_dev_},
 * {@code tr_stg_}, {@code tr_prod_}, {@code tr_preview_}). Safe to show: it reveals
 * nothing of the key.
 */
public enum TriggerEnvironmentType {

	/** A development environment ({@code tr_dev_}). */
	DEV,
	/** A staging environment ({@code tr_stg_}). */
	STAGING,
	/** A production environment ({@code tr_prod_}). */
	PROD,
	/** A preview-branch environment ({@code tr_preview_}); requests need a branch. */
	PREVIEW,
	/** A key whose prefix is not one of the above. */
	UNKNOWN;

	/**
	 * {@return the environment type of a secret key}
	 * @param secretKey the secret key, such as {@code tr_dev_...}
	 */
	public static TriggerEnvironmentType of(String secretKey) {
		Objects.requireNonNull(secretKey, "secretKey must not be null");
		if (secretKey.startsWith("tr_dev_")) {
			return DEV;
		}
		if (secretKey.startsWith("tr_stg_")) {
			return STAGING;
		}
		if (secretKey.startsWith("tr_prod_")) {
			return PROD;
		}
		if (secretKey.startsWith("tr_preview_")) {
			return PREVIEW;
		}
		return UNKNOWN;
	}

}
