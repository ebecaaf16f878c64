package io.trigger4j.client;

import java.util.List;

/**
 * The places where the server knowingly differs from the vendored contract
 * ({@code contract/trigger-v3-openapi.yaml}), each with its reason. Where the two
 * disagree, the server wins: the operation table, the client's decoding and the emulator
 * follow the server. The sections named are those of the server's semantics reference
 * ({@code api-semantics.md}), read from the Trigger.dev source.
 *
 * <p>
 * {@code OperationTableTests} uses {@link Aspect#ACCEPTS_PUBLIC_TOKEN} when it checks a
 * row's credentials, and checks that every entry names an operation of the document.
 */
final class ContractDeviations {

	/** What differs. */
	enum Aspect {

		/** The route accepts a public access token (JWT) the document does not list. */
		ACCEPTS_PUBLIC_TOKEN,

		/**
		 * The route accepts a credential trigger4j does not send (an organization token).
		 */
		ACCEPTS_OTHER_CREDENTIAL,

		/** The success status or body differs. */
		RESPONSE,

		/** An error case answers another status than the document says. */
		ERROR_STATUS,

		/** A limit or a parameter's range or format differs. */
		LIMIT

	}

	/**
	 * One difference.
	 *
	 * @param operationId the contract's operation
	 * @param aspect what differs
	 * @param server what the server does
	 * @param source where it is documented (api-semantics section)
	 */
	record Deviation(String operationId, Aspect aspect, String server, String source) {
	}

	private static final String JWT = "the builder route accepts a public access token with the right scope";

	static final List<Deviation> ALL = List.of(
			// Public access tokens are accepted on 11 operations; the document lists one.
			new Deviation("retrieve_run_v1", Aspect.ACCEPTS_PUBLIC_TOKEN, JWT, "0, 1.2"),
			new Deviation("list_runs_v1", Aspect.ACCEPTS_PUBLIC_TOKEN, JWT, "0, 1.2"),
			new Deviation("cancel_run_v1", Aspect.ACCEPTS_PUBLIC_TOKEN, JWT, "0, 1.2"),
			new Deviation("trigger_task_v1", Aspect.ACCEPTS_PUBLIC_TOKEN, JWT, "0, 1.2"),
			new Deviation("batch_trigger_task_v1", Aspect.ACCEPTS_PUBLIC_TOKEN, JWT, "0, 1.2"),
			new Deviation("get_run_trace_v1", Aspect.ACCEPTS_PUBLIC_TOKEN, JWT, "0, 1.2"),
			new Deviation("get_run_events_v1", Aspect.ACCEPTS_PUBLIC_TOKEN, JWT, "0, 1.2"),
			new Deviation("execute_query_v1", Aspect.ACCEPTS_PUBLIC_TOKEN, JWT, "0, 1.2"),
			new Deviation("retrieve_batch_v1", Aspect.ACCEPTS_PUBLIC_TOKEN, JWT, "0, 1.2"),
			new Deviation("retrieve_queue_v1", Aspect.ACCEPTS_PUBLIC_TOKEN, JWT, "0, 1.2"),
			// Environment variables also accept an organization access token.
			new Deviation("list_project_envvars_v1", Aspect.ACCEPTS_OTHER_CREDENTIAL,
					"a PAT or OAT is tried first, then a secret key with the envvars ability", "1.2"),
			// Responses.
			new Deviation("batch_trigger_task_v1", Aspect.RESPONSE,
					"answers 202 {id, isCached, idempotencyKey?, runs: [{id, taskIdentifier, isCached}]}, "
							+ "not 200 {batchId, runs: [string]}",
					"2.2, 8"),
			new Deviation("retrieve_run_v1", Aspect.RESPONSE,
					"status names depend on x-trigger-api-version; is* flags, attemptCount, region, taskKind "
							+ "are not in the document; isCompleted is false for EXPIRED and TIMED_OUT",
					"6, 8"),
			new Deviation("list_runs_v1", Aspect.RESPONSE, "cursors are opaque strings, not run ids", "4.1, 8"),
			new Deviation("get_run_result_v1", Aspect.RESPONSE,
					"404 'Run either doesn't exist or is not finished' for every run but a CANCELED one", "7"),
			new Deviation("retrieve_run_v1", Aspect.ERROR_STATUS,
					"a 404 just after a trigger carries x-should-retry: true (replica lag)", "2.2, 7"),
			new Deviation("retrieve_waitpoint_token_v1", Aspect.ERROR_STATUS, "an unknown id answers 500, not 404",
					"2.2"),
			new Deviation("list_project_runs_v1", Aspect.ERROR_STATUS,
					"without a matching filter[env] the server answers 500", "2.2"),
			// Limits.
			new Deviation("list_runs_v1", Aspect.LIMIT, "page[size] is 1 to 100, not 10 to 100", "4.1, 8"),
			new Deviation("batch_trigger_task_by_id_v1", Aspect.LIMIT, "at most 100 items, not 1000", "4.10, 8"),
			new Deviation("list_project_envvars_v1", Aspect.LIMIT,
					"{env} also accepts stg and preview (staging is rewritten to stg)", "1.2, 8"),
			// Fields and options the document lacks.
			new Deviation("get_schedule_v1", Aspect.RESPONSE,
					"a schedule also carries window (such as 30m) and nextRunEffectiveAt", "4.7, 8"),
			new Deviation("create_schedule_v1", Aspect.LIMIT, "the body also takes window", "4.7, 8"),
			new Deviation("upload_project_envvars_v1", Aspect.LIMIT,
					"variables is an object of name to value, with override and isSecret; a repeat without "
							+ "override answers 400 with variableErrors",
					"4.8, 7"),
			new Deviation("override_queue_concurrency_v1", Aspect.LIMIT,
					"takes percent instead of concurrencyLimit (exactly one); a limit above the environment's "
							+ "maximum is 400, not capped",
					"4.9, 8"),
			new Deviation("retrieve_queue_v1", Aspect.RESPONSE, "a queue also carries concurrencyLimitOverridePercent",
					"4.9"),
			new Deviation("promote_deployment_v1", Aspect.LIMIT,
					"?allowRollbacks=true allows promoting an older version; otherwise that is 400", "7"),
			new Deviation("get_latest_deployment_v1", Aspect.RESPONSE,
					"selects UNMANAGED deployments only, so it answers 404 for normal (managed) deployments", "7"));

	/**
	 * A route the server serves and the official SDK calls that the document does not
	 * list. The client does not call these; the emulator serves them so that the official
	 * SDK works against it.
	 *
	 * @param method the HTTP method
	 * @param path the path template
	 * @param use what the official SDK uses it for
	 * @param source where it is documented (sdk-behaviour section or row)
	 */
	record OutsideContract(String method, String path, String use, String source) {
	}

	static final List<OutsideContract> OUTSIDE_CONTRACT = List.of(
			new OutsideContract("POST", "/api/v3/batches",
					"phase 1 of every batch trigger of SDK 4.x: creates a batch announcing its run count", "9"),
			new OutsideContract("POST", "/api/v3/batches/{batchId}/items",
					"phase 2: streams the batch's items as NDJSON; answers whether the batch is sealed", "9"),
			new OutsideContract("GET", "/api/v2/batches/{batchId}",
					"batch.retrieve(): the batch with processing errors per item", "row 33"),
			new OutsideContract("POST", "/api/v1/idempotencyKeys/{idempotencyKey}/reset",
					"idempotencyKeys.reset(): frees a key for a new run", "6"),
			new OutsideContract("GET", "/realtime/v1/runs/{runId}", "runs.subscribeToRun(): the shape protocol", "5.2"),
			new OutsideContract("GET", "/realtime/v1/runs", "runs.subscribeToRunsWithTag()", "5.2"),
			new OutsideContract("GET", "/realtime/v1/batches/{batchId}", "runs.subscribeToBatch()", "5.2"),
			new OutsideContract("GET", "/realtime/v1/streams/{runId}/{streamKey}",
					"runs.fetchStream(): a run's realtime data stream over SSE", "5.3"),
			new OutsideContract("PUT", "/api/v2/packets/{packetPath}",
					"offload: a presigned upload URL for a large payload", "7"),
			new OutsideContract("GET", "/api/v1/packets/{packetPath}",
					"a presigned download URL for an offloaded packet", "5.2, 7"),
			new OutsideContract("POST", "/api/v1/auth/jwt/claims",
					"the claims a root secret key signs public access tokens with", "10"),
			new OutsideContract("POST", "/api/v1/auth/public-tokens",
					"public access tokens minted by the server for keys that cannot sign", "10"));

	private ContractDeviations() {
	}

	/**
	 * Whether the server accepts a public token on this operation though the document
	 * does not say so.
	 */
	static boolean acceptsUndocumentedPublicToken(String operationId) {
		return ALL.stream()
			.anyMatch((deviation) -> deviation.operationId().equals(operationId)
					&& deviation.aspect() == Aspect.ACCEPTS_PUBLIC_TOKEN);
	}

}
