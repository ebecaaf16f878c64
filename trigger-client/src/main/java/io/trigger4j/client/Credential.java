package io.trigger4j.client;

/**
 * A kind of credential a Trigger.dev route accepts. Each operation accepts some of them;
 * the client sends, per call, the secret key when the operation accepts one, else the
 * personal access token, and nothing on an open route. {@link RequestOptions} can name
 * the credential to use where an operation accepts more than one.
 */
public enum Credential {

	/**
	 * A secret key: {@code tr_dev_...}, {@code tr_stg_...}, {@code tr_prod_...},
	 * {@code tr_preview_...}. Set with {@code trigger.secret-key}.
	 */
	SECRET_KEY,

	/**
	 * A personal access token, {@code tr_pat_...}, which the project-wide routes need.
	 * Set with {@code trigger.access-token}.
	 */
	PERSONAL_ACCESS_TOKEN,

	/** A public access token: a JWT scoped to some runs, tasks, batches or waitpoints. */
	PUBLIC_TOKEN,

	/** No credential: the route is open. */
	NONE

}
