package io.trigger4j.client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.web.util.UriUtils;

import static io.trigger4j.client.Credential.NONE;
import static io.trigger4j.client.Credential.PERSONAL_ACCESS_TOKEN;
import static io.trigger4j.client.Credential.PUBLIC_TOKEN;
import static io.trigger4j.client.Credential.SECRET_KEY;
import static io.trigger4j.client.PathParameter.BATCH_ID;
import static io.trigger4j.client.PathParameter.CALLBACK_HASH;
import static io.trigger4j.client.PathParameter.DEPLOYMENT_ID;
import static io.trigger4j.client.PathParameter.DEPLOYMENT_VERSION;
import static io.trigger4j.client.PathParameter.ENVIRONMENT;
import static io.trigger4j.client.PathParameter.ENV_VAR_NAME;
import static io.trigger4j.client.PathParameter.IDEMPOTENCY_KEY;
import static io.trigger4j.client.PathParameter.PACKET_PATH;
import static io.trigger4j.client.PathParameter.PROJECT_REF;
import static io.trigger4j.client.PathParameter.QUEUE;
import static io.trigger4j.client.PathParameter.RUN_ID;
import static io.trigger4j.client.PathParameter.SCHEDULE_ID;
import static io.trigger4j.client.PathParameter.STREAM_KEY;
import static io.trigger4j.client.PathParameter.TASK_IDENTIFIER;
import static io.trigger4j.client.PathParameter.WAITPOINT_ID;
import static io.trigger4j.client.RetryClass.NEVER;
import static io.trigger4j.client.RetryClass.SAFE;
import static io.trigger4j.client.RetryClass.CONDITIONAL;

/**
 * The operation table: one row per API operation the client implements, and every call is
 * built from its row. A row holds the observation name ({@code <accessor>.<method>}), the
 * HTTP method, the path template, the credentials the route accepts, whether the call may
 * be repeated, the kind of each path parameter and the contract's {@code operationId}.
 * {@code OperationTableTests} checks every row against the vendored OpenAPI contract.
 *
 * <p>
 * The path template is compiled once per row: a call only encodes its path values between
 * the literal parts, and the template itself is what observations report as the URI, so
 * the {@code uri} tag stays bounded.
 */
enum Operation {

	// tasks
	TASKS_TRIGGER("tasks.trigger", HttpMethod.POST, "/api/v1/tasks/{taskIdentifier}/trigger", "trigger_task_v1",
			EnumSet.of(SECRET_KEY, PUBLIC_TOKEN), CONDITIONAL, TASK_IDENTIFIER),

	TASKS_BATCH_TRIGGER("tasks.batchTrigger", HttpMethod.POST, "/api/v1/tasks/{taskIdentifier}/batch",
			"batch_trigger_task_by_id_v1", EnumSet.of(SECRET_KEY), CONDITIONAL, TASK_IDENTIFIER),

	TASKS_BATCH_TRIGGER_MANY("tasks.batchTriggerMany", HttpMethod.POST, "/api/v1/tasks/batch", "batch_trigger_task_v1",
			EnumSet.of(SECRET_KEY, PUBLIC_TOKEN), CONDITIONAL),

	// runs
	RUNS_RETRIEVE("runs.retrieve", HttpMethod.GET, "/api/v3/runs/{runId}", "retrieve_run_v1",
			EnumSet.of(SECRET_KEY, PUBLIC_TOKEN), SAFE, RUN_ID),

	RUNS_LIST("runs.list", HttpMethod.GET, "/api/v1/runs", "list_runs_v1", EnumSet.of(SECRET_KEY, PUBLIC_TOKEN), SAFE),

	RUNS_CANCEL("runs.cancel", HttpMethod.POST, "/api/v2/runs/{runId}/cancel", "cancel_run_v1",
			EnumSet.of(SECRET_KEY, PUBLIC_TOKEN), SAFE, RUN_ID),

	RUNS_REPLAY("runs.replay", HttpMethod.POST, "/api/v1/runs/{runId}/replay", "replay_run_v1", EnumSet.of(SECRET_KEY),
			NEVER, RUN_ID),

	RUNS_RESCHEDULE("runs.reschedule", HttpMethod.POST, "/api/v1/runs/{runId}/reschedule", "reschedule_run_v1",
			EnumSet.of(SECRET_KEY), SAFE, RUN_ID),

	RUNS_ADD_TAGS("runs.addTags", HttpMethod.POST, "/api/v1/runs/{runId}/tags", "add_run_tags_v1",
			EnumSet.of(SECRET_KEY), SAFE, RUN_ID),

	RUNS_UPDATE_METADATA("runs.updateMetadata", HttpMethod.PUT, "/api/v1/runs/{runId}/metadata",
			"update_run_metadata_v1", EnumSet.of(SECRET_KEY), SAFE, RUN_ID),

	RUNS_RESULT("runs.result", HttpMethod.GET, "/api/v1/runs/{runId}/result", "get_run_result_v1",
			EnumSet.of(SECRET_KEY), SAFE, RUN_ID),

	RUNS_LIST_FOR_PROJECT("runs.listForProject", HttpMethod.GET, "/api/v1/projects/{projectRef}/runs",
			"list_project_runs_v1", EnumSet.of(PERSONAL_ACCESS_TOKEN), SAFE, PROJECT_REF),

	// schedules
	SCHEDULES_TIMEZONES("schedules.timezones", HttpMethod.GET, "/api/v1/timezones", "get_timezones_v1",
			EnumSet.of(NONE), SAFE),

	// environment variables
	ENV_VARS_LIST("envVars.list", HttpMethod.GET, "/api/v1/projects/{projectRef}/envvars/{env}",
			"list_project_envvars_v1", EnumSet.of(SECRET_KEY, PERSONAL_ACCESS_TOKEN), SAFE, PROJECT_REF, ENVIRONMENT),

	ENV_VARS_CREATE("envVars.create", HttpMethod.POST, "/api/v1/projects/{projectRef}/envvars/{env}",
			"create_project_envvar_v1", EnumSet.of(SECRET_KEY, PERSONAL_ACCESS_TOKEN), SAFE, PROJECT_REF, ENVIRONMENT),

	ENV_VARS_IMPORT("envVars.importVariables", HttpMethod.POST, "/api/v1/projects/{projectRef}/envvars/{env}/import",
			"upload_project_envvars_v1", EnumSet.of(SECRET_KEY, PERSONAL_ACCESS_TOKEN), CONDITIONAL, PROJECT_REF,
			ENVIRONMENT),

	ENV_VARS_RETRIEVE("envVars.retrieve", HttpMethod.GET, "/api/v1/projects/{projectRef}/envvars/{env}/{name}",
			"get_project_envvar_v1", EnumSet.of(SECRET_KEY, PERSONAL_ACCESS_TOKEN), SAFE, PROJECT_REF, ENVIRONMENT,
			ENV_VAR_NAME),

	ENV_VARS_UPDATE("envVars.update", HttpMethod.PUT, "/api/v1/projects/{projectRef}/envvars/{env}/{name}",
			"update_project_envvar_v1", EnumSet.of(SECRET_KEY, PERSONAL_ACCESS_TOKEN), SAFE, PROJECT_REF, ENVIRONMENT,
			ENV_VAR_NAME),

	ENV_VARS_DELETE("envVars.delete", HttpMethod.DELETE, "/api/v1/projects/{projectRef}/envvars/{env}/{name}",
			"delete_project_envvar_v1", EnumSet.of(SECRET_KEY, PERSONAL_ACCESS_TOKEN), NEVER, PROJECT_REF, ENVIRONMENT,
			ENV_VAR_NAME),

	// schedules (legacy routes: secret keys only)
	SCHEDULES_CREATE("schedules.create", HttpMethod.POST, "/api/v1/schedules", "create_schedule_v1",
			EnumSet.of(SECRET_KEY), SAFE),

	SCHEDULES_LIST("schedules.list", HttpMethod.GET, "/api/v1/schedules", "list_schedules_v1", EnumSet.of(SECRET_KEY),
			SAFE),

	SCHEDULES_RETRIEVE("schedules.retrieve", HttpMethod.GET, "/api/v1/schedules/{scheduleId}", "get_schedule_v1",
			EnumSet.of(SECRET_KEY), SAFE, SCHEDULE_ID),

	SCHEDULES_UPDATE("schedules.update", HttpMethod.PUT, "/api/v1/schedules/{scheduleId}", "update_schedule_v1",
			EnumSet.of(SECRET_KEY), SAFE, SCHEDULE_ID),

	SCHEDULES_DELETE("schedules.delete", HttpMethod.DELETE, "/api/v1/schedules/{scheduleId}", "delete_schedule_v1",
			EnumSet.of(SECRET_KEY), NEVER, SCHEDULE_ID),

	SCHEDULES_DEACTIVATE("schedules.deactivate", HttpMethod.POST, "/api/v1/schedules/{scheduleId}/deactivate",
			"deactivate_schedule_v1", EnumSet.of(SECRET_KEY), SAFE, SCHEDULE_ID),

	SCHEDULES_ACTIVATE("schedules.activate", HttpMethod.POST, "/api/v1/schedules/{scheduleId}/activate",
			"activate_schedule_v1", EnumSet.of(SECRET_KEY), SAFE, SCHEDULE_ID),

	// queues
	QUEUES_LIST("queues.list", HttpMethod.GET, "/api/v1/queues", "list_queues_v1", EnumSet.of(SECRET_KEY), SAFE),

	QUEUES_RETRIEVE("queues.retrieve", HttpMethod.GET, "/api/v1/queues/{queue}", "retrieve_queue_v1",
			EnumSet.of(SECRET_KEY, PUBLIC_TOKEN), SAFE, QUEUE),

	QUEUES_PAUSE("queues.pause", HttpMethod.POST, "/api/v1/queues/{queue}/pause", "pause_queue_v1",
			EnumSet.of(SECRET_KEY), SAFE, QUEUE),

	QUEUES_OVERRIDE_CONCURRENCY("queues.overrideConcurrencyLimit", HttpMethod.POST,
			"/api/v1/queues/{queue}/concurrency/override", "override_queue_concurrency_v1", EnumSet.of(SECRET_KEY),
			SAFE, QUEUE),

	QUEUES_RESET_CONCURRENCY("queues.resetConcurrencyLimit", HttpMethod.POST,
			"/api/v1/queues/{queue}/concurrency/reset", "reset_queue_concurrency_v1", EnumSet.of(SECRET_KEY), NEVER,
			QUEUE),

	// deployments (secret keys with the deployments ability)
	DEPLOYMENTS_RETRIEVE("deployments.retrieve", HttpMethod.GET, "/api/v1/deployments/{deploymentId}",
			"get_deployment_v1", EnumSet.of(SECRET_KEY), SAFE, DEPLOYMENT_ID),

	DEPLOYMENTS_LATEST("deployments.latest", HttpMethod.GET, "/api/v1/deployments/latest", "get_latest_deployment_v1",
			EnumSet.of(SECRET_KEY), SAFE),

	DEPLOYMENTS_PROMOTE("deployments.promote", HttpMethod.POST, "/api/v1/deployments/{version}/promote",
			"promote_deployment_v1", EnumSet.of(SECRET_KEY), NEVER, DEPLOYMENT_VERSION),

	// waitpoint tokens
	WAITPOINTS_CREATE_TOKEN("waitpoints.createToken", HttpMethod.POST, "/api/v1/waitpoints/tokens",
			"create_waitpoint_token_v1", EnumSet.of(SECRET_KEY), CONDITIONAL),

	WAITPOINTS_LIST_TOKENS("waitpoints.listTokens", HttpMethod.GET, "/api/v1/waitpoints/tokens",
			"list_waitpoint_tokens_v1", EnumSet.of(SECRET_KEY), SAFE),

	WAITPOINTS_RETRIEVE_TOKEN("waitpoints.retrieveToken", HttpMethod.GET, "/api/v1/waitpoints/tokens/{waitpointId}",
			"retrieve_waitpoint_token_v1", EnumSet.of(SECRET_KEY), SAFE, WAITPOINT_ID),

	WAITPOINTS_COMPLETE_TOKEN("waitpoints.completeToken", HttpMethod.POST,
			"/api/v1/waitpoints/tokens/{waitpointId}/complete", "complete_waitpoint_token_v1",
			EnumSet.of(SECRET_KEY, PUBLIC_TOKEN), SAFE, WAITPOINT_ID),

	WAITPOINTS_COMPLETE_VIA_CALLBACK("waitpoints.completeViaCallbackUrl", HttpMethod.POST,
			"/api/v1/waitpoints/tokens/{waitpointId}/callback/{callbackHash}", "complete_waitpoint_token_callback_v1",
			EnumSet.of(NONE), SAFE, WAITPOINT_ID, CALLBACK_HASH),

	// batches
	BATCHES_RETRIEVE("batches.retrieve", HttpMethod.GET, "/api/v1/batches/{batchId}", "retrieve_batch_v1",
			EnumSet.of(SECRET_KEY, PUBLIC_TOKEN), SAFE, BATCH_ID),

	BATCHES_RESULTS("batches.results", HttpMethod.GET, "/api/v1/batches/{batchId}/results", "get_batch_results_v1",
			EnumSet.of(SECRET_KEY), SAFE, BATCH_ID),

	// runs: trace and events
	RUNS_TRACE("runs.trace", HttpMethod.GET, "/api/v1/runs/{runId}/trace", "get_run_trace_v1",
			EnumSet.of(SECRET_KEY, PUBLIC_TOKEN), SAFE, RUN_ID),

	RUNS_EVENTS("runs.events", HttpMethod.GET, "/api/v1/runs/{runId}/events", "get_run_events_v1",
			EnumSet.of(SECRET_KEY, PUBLIC_TOKEN), SAFE, RUN_ID),

	// query
	QUERY_EXECUTE("query.execute", HttpMethod.POST, "/api/v1/query", "execute_query_v1",
			EnumSet.of(SECRET_KEY, PUBLIC_TOKEN), SAFE),

	// Routes outside the contract that the official SDK uses
	// (ContractDeviations.OUTSIDE_CONTRACT);
	// their operation ids start with sdk_.

	IDEMPOTENCY_KEYS_RESET("idempotencyKeys.reset", HttpMethod.POST, "/api/v1/idempotencyKeys/{idempotencyKey}/reset",
			"sdk_reset_idempotency_key", EnumSet.of(SECRET_KEY), SAFE, IDEMPOTENCY_KEY),

	BATCHES_CREATE("batches.create", HttpMethod.POST, "/api/v3/batches", "sdk_create_batch",
			EnumSet.of(SECRET_KEY, PUBLIC_TOKEN), CONDITIONAL),

	BATCHES_STREAM_ITEMS("batches.streamItems", HttpMethod.POST, "/api/v3/batches/{batchId}/items",
			"sdk_stream_batch_items", EnumSet.of(SECRET_KEY, PUBLIC_TOKEN), SAFE, BATCH_ID),

	REALTIME_RUN("runs.subscribeToRun", HttpMethod.GET, "/realtime/v1/runs/{runId}", "sdk_realtime_run",
			EnumSet.of(SECRET_KEY, PUBLIC_TOKEN), SAFE, RUN_ID),

	REALTIME_RUNS_WITH_TAG("runs.subscribeToRunsWithTag", HttpMethod.GET, "/realtime/v1/runs",
			"sdk_realtime_runs_with_tag", EnumSet.of(SECRET_KEY, PUBLIC_TOKEN), SAFE),

	REALTIME_BATCH("runs.subscribeToBatch", HttpMethod.GET, "/realtime/v1/batches/{batchId}", "sdk_realtime_batch",
			EnumSet.of(SECRET_KEY, PUBLIC_TOKEN), SAFE, BATCH_ID),

	REALTIME_STREAM("runs.streamOf", HttpMethod.GET, "/realtime/v1/streams/{runId}/{streamKey}", "sdk_realtime_stream",
			EnumSet.of(SECRET_KEY, PUBLIC_TOKEN), SAFE, RUN_ID, STREAM_KEY),

	// The server's upload presign takes API keys only (authenticateApiRequest without
	// allowJWT); its download presign also takes public tokens.
	PACKETS_UPLOAD("packets.upload", HttpMethod.PUT, "/api/v2/packets/{packetPath}", "sdk_upload_packet",
			EnumSet.of(SECRET_KEY), SAFE, PACKET_PATH),

	PACKETS_DOWNLOAD("packets.download", HttpMethod.GET, "/api/v1/packets/{packetPath}", "sdk_download_packet",
			EnumSet.of(SECRET_KEY, PUBLIC_TOKEN), SAFE, PACKET_PATH),

	AUTH_JWT_CLAIMS("auth.jwtClaims", HttpMethod.POST, "/api/v1/auth/jwt/claims", "sdk_jwt_claims",
			EnumSet.of(SECRET_KEY), SAFE),

	AUTH_PUBLIC_TOKENS("auth.createPublicToken", HttpMethod.POST, "/api/v1/auth/public-tokens",
			"sdk_create_public_token", EnumSet.of(SECRET_KEY), SAFE);

	private final String observationName;

	private final HttpMethod method;

	private final String pathTemplate;

	private final String operationId;

	private final Set<Credential> credentials;

	private final RetryClass retryClass;

	private final List<PathParameter> pathParameters;

	/** The template's literal parts: one more than there are path parameters. */
	private final String[] literals;

	/**
	 * The last URI made for this operation, reused while the next call's URL is the same
	 * (a trigger of one task, again and again): parsing a {@code URI} costs more than
	 * comparing its text. One entry, so nothing grows.
	 */
	private volatile @Nullable LastUri lastUri;

	private record LastUri(String text, URI uri) {
	}

	/** The URI of this URL text, parsed once while calls repeat it. */
	URI uri(String text) {
		LastUri last = this.lastUri;
		if (last != null && last.text().equals(text)) {
			return last.uri();
		}
		URI uri = URI.create(text);
		this.lastUri = new LastUri(text, uri);
		return uri;
	}

	Operation(String observationName, HttpMethod method, String pathTemplate, String operationId,
			Set<Credential> credentials, RetryClass retryClass, PathParameter... pathParameters) {
		this.observationName = observationName;
		this.method = method;
		this.pathTemplate = pathTemplate;
		this.operationId = operationId;
		this.credentials = Set.copyOf(credentials);
		this.retryClass = retryClass;
		this.pathParameters = List.of(pathParameters);
		this.literals = compile(pathTemplate, this.pathParameters);
	}

	/**
	 * The operation's name in observations and messages, such as {@code runs.retrieve}.
	 */
	String observationName() {
		return this.observationName;
	}

	HttpMethod method() {
		return this.method;
	}

	/** The path template, such as {@code /api/v3/runs/{runId}}. */
	String pathTemplate() {
		return this.pathTemplate;
	}

	/** The contract's {@code operationId}, such as {@code retrieve_run_v1}. */
	String operationId() {
		return this.operationId;
	}

	/** The credentials the route accepts. */
	Set<Credential> credentials() {
		return this.credentials;
	}

	RetryClass retryClass() {
		return this.retryClass;
	}

	/** The kinds of the path's variables, in order. */
	List<PathParameter> pathParameters() {
		return this.pathParameters;
	}

	/**
	 * Checks the path values by their kinds.
	 * @throws IllegalArgumentException naming the argument of a value that is not
	 * acceptable
	 */
	void checkPath(String... values) {
		if (values.length != this.pathParameters.size()) {
			throw new IllegalStateException(
					this + " takes " + this.pathParameters.size() + " path values, not " + values.length);
		}
		for (int i = 0; i < values.length; i++) {
			this.pathParameters.get(i).check(values[i]);
		}
	}

	/** Appends the path with the values, each encoded as one segment, to a base URL. */
	StringBuilder path(StringBuilder url, String... values) {
		for (int i = 0; i < values.length; i++) {
			url.append(this.literals[i]).append(UriUtils.encode(values[i], StandardCharsets.UTF_8));
		}
		return url.append(this.literals[values.length]);
	}

	/**
	 * The template's literal parts; fails when its variables are not the parameters'
	 * names, in order.
	 */
	private static String[] compile(String template, List<PathParameter> parameters) {
		List<String> literals = new ArrayList<>();
		List<String> variables = new ArrayList<>();
		// Not a static field: enum constants are built before the enum's static fields.
		Matcher matcher = Pattern.compile("\\{([^}]+)}").matcher(template);
		int start = 0;
		while (matcher.find()) {
			literals.add(template.substring(start, matcher.start()));
			variables.add(matcher.group(1));
			start = matcher.end();
		}
		literals.add(template.substring(start));
		List<String> expected = parameters.stream().map(PathParameter::argument).toList();
		if (!variables.equals(expected)) {
			throw new IllegalStateException(
					"The variables of " + template + " are " + variables + " but the row's parameters are " + expected);
		}
		return literals.toArray(String[]::new);
	}

}
