package io.trigger4j.emulator.api;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * The contract's 44 operations, for the requests no served route took: a contract route
 * the emulator does not serve yet answers 501 naming the operation; a known path with
 * another method answers 405 with {@code Allow}; anything else 404.
 */
final class ContractRoutes {

	/**
	 * One operation of {@code contract/trigger-v3-openapi.yaml}.
	 *
	 * @param method the method
	 * @param path the path template
	 * @param operationId the contract's operationId
	 */
	record ContractOperation(HttpMethod method, String path, String operationId) {

		PathPattern pattern() {
			return PathPatternParser.defaultInstance.parse(this.path);
		}

	}

	static final List<ContractOperation> OPERATIONS = List.of(
			new ContractOperation(HttpMethod.POST, "/api/v1/schedules", "create_schedule_v1"),
			new ContractOperation(HttpMethod.GET, "/api/v1/schedules", "list_schedules_v1"),
			new ContractOperation(HttpMethod.GET, "/api/v1/schedules/{schedule_id}", "get_schedule_v1"),
			new ContractOperation(HttpMethod.PUT, "/api/v1/schedules/{schedule_id}", "update_schedule_v1"),
			new ContractOperation(HttpMethod.DELETE, "/api/v1/schedules/{schedule_id}", "delete_schedule_v1"),
			new ContractOperation(HttpMethod.POST, "/api/v1/schedules/{schedule_id}/deactivate",
					"deactivate_schedule_v1"),
			new ContractOperation(HttpMethod.POST, "/api/v1/schedules/{schedule_id}/activate", "activate_schedule_v1"),
			new ContractOperation(HttpMethod.GET, "/api/v1/timezones", "get_timezones_v1"),
			new ContractOperation(HttpMethod.POST, "/api/v1/runs/{runId}/replay", "replay_run_v1"),
			new ContractOperation(HttpMethod.POST, "/api/v1/runs/{runId}/tags", "add_run_tags_v1"),
			new ContractOperation(HttpMethod.GET, "/api/v1/runs/{runId}/trace", "get_run_trace_v1"),
			new ContractOperation(HttpMethod.GET, "/api/v1/runs/{runId}/events", "get_run_events_v1"),
			new ContractOperation(HttpMethod.PUT, "/api/v1/runs/{runId}/metadata", "update_run_metadata_v1"),
			new ContractOperation(HttpMethod.POST, "/api/v2/runs/{runId}/cancel", "cancel_run_v1"),
			new ContractOperation(HttpMethod.GET, "/api/v1/deployments/{deploymentId}", "get_deployment_v1"),
			new ContractOperation(HttpMethod.GET, "/api/v1/deployments/latest", "get_latest_deployment_v1"),
			new ContractOperation(HttpMethod.POST, "/api/v1/deployments/{version}/promote", "promote_deployment_v1"),
			new ContractOperation(HttpMethod.POST, "/api/v1/query", "execute_query_v1"),
			new ContractOperation(HttpMethod.POST, "/api/v1/runs/{runId}/reschedule", "reschedule_run_v1"),
			new ContractOperation(HttpMethod.GET, "/api/v1/runs/{runId}/result", "get_run_result_v1"),
			new ContractOperation(HttpMethod.GET, "/api/v3/runs/{runId}", "retrieve_run_v1"),
			new ContractOperation(HttpMethod.GET, "/api/v1/runs", "list_runs_v1"),
			new ContractOperation(HttpMethod.GET, "/api/v1/projects/{projectRef}/runs", "list_project_runs_v1"),
			new ContractOperation(HttpMethod.GET, "/api/v1/projects/{projectRef}/envvars/{env}",
					"list_project_envvars_v1"),
			new ContractOperation(HttpMethod.POST, "/api/v1/projects/{projectRef}/envvars/{env}",
					"create_project_envvar_v1"),
			new ContractOperation(HttpMethod.POST, "/api/v1/projects/{projectRef}/envvars/{env}/import",
					"upload_project_envvars_v1"),
			new ContractOperation(HttpMethod.GET, "/api/v1/projects/{projectRef}/envvars/{env}/{name}",
					"get_project_envvar_v1"),
			new ContractOperation(HttpMethod.DELETE, "/api/v1/projects/{projectRef}/envvars/{env}/{name}",
					"delete_project_envvar_v1"),
			new ContractOperation(HttpMethod.PUT, "/api/v1/projects/{projectRef}/envvars/{env}/{name}",
					"update_project_envvar_v1"),
			new ContractOperation(HttpMethod.POST, "/api/v1/tasks/{taskIdentifier}/trigger", "trigger_task_v1"),
			new ContractOperation(HttpMethod.POST, "/api/v1/tasks/{taskIdentifier}/batch",
					"batch_trigger_task_by_id_v1"),
			new ContractOperation(HttpMethod.POST, "/api/v1/tasks/batch", "batch_trigger_task_v1"),
			new ContractOperation(HttpMethod.GET, "/api/v1/batches/{batchId}", "retrieve_batch_v1"),
			new ContractOperation(HttpMethod.GET, "/api/v1/batches/{batchId}/results", "get_batch_results_v1"),
			new ContractOperation(HttpMethod.GET, "/api/v1/queues", "list_queues_v1"),
			new ContractOperation(HttpMethod.GET, "/api/v1/queues/{queueParam}", "retrieve_queue_v1"),
			new ContractOperation(HttpMethod.POST, "/api/v1/queues/{queueParam}/pause", "pause_queue_v1"),
			new ContractOperation(HttpMethod.POST, "/api/v1/queues/{queueParam}/concurrency/override",
					"override_queue_concurrency_v1"),
			new ContractOperation(HttpMethod.POST, "/api/v1/queues/{queueParam}/concurrency/reset",
					"reset_queue_concurrency_v1"),
			new ContractOperation(HttpMethod.POST, "/api/v1/waitpoints/tokens", "create_waitpoint_token_v1"),
			new ContractOperation(HttpMethod.GET, "/api/v1/waitpoints/tokens", "list_waitpoint_tokens_v1"),
			new ContractOperation(HttpMethod.POST, "/api/v1/waitpoints/tokens/{waitpointId}/callback/{callbackHash}",
					"complete_waitpoint_token_callback_v1"),
			new ContractOperation(HttpMethod.POST, "/api/v1/waitpoints/tokens/{waitpointId}/complete",
					"complete_waitpoint_token_v1"),
			new ContractOperation(HttpMethod.GET, "/api/v1/waitpoints/tokens/{waitpointId}",
					"retrieve_waitpoint_token_v1"));

	private static final Map<ContractOperation, PathPattern> PATTERNS = OPERATIONS.stream()
		.collect(Collectors.toMap((operation) -> operation, ContractOperation::pattern));

	private ContractRoutes() {
	}

	/** The answer to a request no served route took. */
	static Mono<ServerResponse> unserved(ServerRequest request) {
		PathContainer path = request.requestPath().pathWithinApplication();
		Set<String> allowed = new TreeSet<>();
		for (ContractOperation operation : OPERATIONS) {
			if (PATTERNS.get(operation).matches(path)) {
				if (operation.method().equals(request.method())) {
					return Answers.json(501,
							Map.of("error", "The trigger4j emulator does not serve " + operation.operationId() + " ("
									+ operation.method().name() + " " + operation.path() + ") yet"));
				}
				allowed.add(operation.method().name());
			}
		}
		if (!allowed.isEmpty()) {
			return Answers.json(405, Map.of("error", "Method not allowed"),
					Map.of("Allow", String.join(", ", allowed)));
		}
		return Answers.json(404, Map.of("error", "Not found"));
	}

}
