package io.trigger4j.client;

/**
 * A kind of credential a route accepts (api-semantics.md section 1.2). The operation
 * table lists the kinds each operation accepts; the client sends its secret key to every
 * operation that accepts one.
 */
enum Credential {

	/**
	 * A secret key: {@code tr_dev_...}, {@code tr_prod_...}, {@code tr_stg_...},
	 * {@code tr_preview_...}.
	 */
	SECRET_KEY,

	/** A personal access token, {@code tr_pat_...}. */
	PERSONAL_ACCESS_TOKEN,

	/** A public access token: a JWT scoped to some runs, tasks, batches or waitpoints. */
	PUBLIC_TOKEN,

	/** No credential: the route is open. */
	NONE

}
