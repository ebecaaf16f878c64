package io.trigger4j.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.trigger4j.client.TriggerOperations;
import io.trigger4j.client.model.runs.ListRunsRequest;
import io.trigger4j.client.model.runs.Run;
import io.trigger4j.client.model.runs.RunStatus;
import io.trigger4j.client.model.tasks.TriggerOptions;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Triggers tasks and shows their runs.
 *
 * <ul>
 * <li>{@code POST /tasks/{taskId}/trigger} with a JSON payload triggers a run;</li>
 * <li>{@code GET /runs} streams runs as NDJSON, page after page as the client reads;</li>
 * <li>{@code GET /runs/{runId}} retrieves one run ({@code ?wait=true} waits until it has
 * finished); {@code POST /runs/{runId}/cancel} cancels it; {@code POST
 * /runs/{runId}/replay} triggers it again and answers with the new run's id.</li>
 * </ul>
 */
@RestController
class RunsController {

	private final TriggerOperations trigger;

	RunsController(TriggerOperations trigger) {
		this.trigger = trigger;
	}

	/** What the app answers to a trigger: the run, without the public access token. */
	record Triggered(String id, boolean cached) {
	}

	@PostMapping("/tasks/{taskId}/trigger")
	Mono<Triggered> trigger(@PathVariable String taskId, @RequestBody Map<String, Object> payload,
			@RequestParam(required = false) List<String> tag, @RequestParam(required = false) String idempotencyKey) {
		TriggerOptions.Builder options = TriggerOptions.builder();
		if (tag != null) {
			options.tags(tag);
		}
		if (idempotencyKey != null) {
			options.idempotencyKey(idempotencyKey);
		}
		return this.trigger.tasks()
			.trigger(taskId, payload, options.build())
			.map((run) -> new Triggered(run.id(), run.isCached()));
	}

	@GetMapping(path = "/runs", produces = MediaType.APPLICATION_NDJSON_VALUE)
	Flux<Run> runs(@RequestParam(required = false) List<String> status, @RequestParam(required = false) String task,
			@RequestParam(defaultValue = "100") int limit) {
		ListRunsRequest.Builder request = ListRunsRequest.builder().pageSize(Math.min(Math.max(limit, 1), 100));
		if (status != null && !status.isEmpty()) {
			request.statuses(status.stream().map(RunStatus::of).toList());
		}
		if (task != null) {
			request.taskIdentifiers(task);
		}
		return this.trigger.runs().list(request.build()).take(limit);
	}

	@GetMapping("/runs/{runId}")
	Mono<Run> run(@PathVariable String runId, @RequestParam(defaultValue = "false") boolean wait) {
		if (wait) {
			return this.trigger.runs().awaitCompletion(runId, Duration.ofMillis(500), Duration.ofMinutes(2));
		}
		return this.trigger.runs().retrieve(runId);
	}

	@PostMapping("/runs/{runId}/cancel")
	Mono<Map<String, String>> cancel(@PathVariable String runId) {
		return this.trigger.runs().cancel(runId).map((id) -> Map.of("id", id));
	}

	@PostMapping("/runs/{runId}/replay")
	Mono<Map<String, String>> replay(@PathVariable String runId) {
		return this.trigger.runs().replay(runId).map((id) -> Map.of("id", id));
	}

}
