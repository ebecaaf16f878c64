package io.trigger4j.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** The {@link RunsOperations} implementation. */
final class DefaultRunsOperations implements RunsOperations {

	private static final Duration MIN_POLL_INTERVAL = Duration.ofMillis(100);

	private final TriggerHttp http;

	DefaultRunsOperations(TriggerHttp http) {
		this.http = http;
	}

	@Override
	public Mono<Run> retrieve(String runId) {
		Checks.requireId("runId", runId);
		return this.http.execute(ApiCall.builder("runs.retrieve", HttpMethod.GET, "/api/v3/runs/{runId}")
			.pathVariables(runId)
			.reading(Run.class));
	}

	@Override
	public Flux<Run> list(ListRunsRequest request) {
		Objects.requireNonNull(request, "request must not be null");
		return CursorPager.stream((cursor) -> page(request, "page[after]", cursor), Run::id);
	}

	@Override
	public Mono<CursorPage<Run>> listPage(ListRunsRequest request, @Nullable String cursor) {
		Objects.requireNonNull(request, "request must not be null");
		if (cursor != null) {
			Checks.requireText("cursor", cursor);
		}
		return page(request, "page[after]", cursor);
	}

	@Override
	public Mono<CursorPage<Run>> listPageBefore(ListRunsRequest request, String cursor) {
		Objects.requireNonNull(request, "request must not be null");
		return page(request, "page[before]", Checks.requireText("cursor", cursor));
	}

	private Mono<CursorPage<Run>> page(ListRunsRequest request, String cursorParameter, @Nullable String cursor) {
		return this.http.execute(ApiCall.builder("runs.list", HttpMethod.GET, "/api/v1/runs")
			.query(request.query())
			.query("page[size]", request.pageSize())
			.query(cursorParameter, cursor)
			.reading(DefaultRunsOperations::readPage));
	}

	private static CursorPage<Run> readPage(byte[] body, org.springframework.http.HttpHeaders headers) {
		RunPageBody page = Json.read("runs.list", body, RunPageBody.class);
		Pagination pagination = (page.pagination() != null) ? page.pagination() : new Pagination(null, null);
		return new CursorPage<>(page.data(), pagination.next(), pagination.previous());
	}

	@Override
	public Mono<Run> awaitCompletion(String runId, Duration pollInterval, Duration timeout) {
		Checks.requireId("runId", runId);
		Objects.requireNonNull(pollInterval, "pollInterval must not be null");
		if (pollInterval.compareTo(MIN_POLL_INTERVAL) < 0) {
			throw new IllegalArgumentException(
					"pollInterval must be at least " + MIN_POLL_INTERVAL.toMillis() + " ms but was " + pollInterval);
		}
		Checks.requirePositive("timeout", timeout);
		return pollUntilTerminal(retrieve(runId), pollInterval, timeout);
	}

	/**
	 * Subscribes to {@code retrieval} now and after each interval until it yields a
	 * terminal run.
	 */
	static Mono<Run> pollUntilTerminal(Mono<Run> retrieval, Duration pollInterval, Duration timeout) {
		return retrieval.repeatWhen((completions) -> completions.concatMap((done) -> Mono.delay(pollInterval)))
			.filter(Run::isTerminal)
			.next()
			.timeout(timeout, Mono.error(() -> new TriggerTimeoutException("runs.awaitCompletion", timeout, null)));
	}

	@Override
	public Mono<String> cancel(String runId) {
		Checks.requireId("runId", runId);
		return this.http.execute(ApiCall.builder("runs.cancel", HttpMethod.POST, "/api/v2/runs/{runId}/cancel")
			.pathVariables(runId)
			.idempotent(true)
			.reading((body, headers) -> idOf("runs.cancel", body)));
	}

	@Override
	public Mono<String> replay(String runId) {
		Checks.requireId("runId", runId);
		return this.http.execute(ApiCall.builder("runs.replay", HttpMethod.POST, "/api/v1/runs/{runId}/replay")
			.pathVariables(runId)
			.idempotent(false)
			.reading((body, headers) -> idOf("runs.replay", body)));
	}

	@Override
	public Mono<Run> reschedule(String runId, Duration delay) {
		Checks.requireId("runId", runId);
		return reschedule(runId, Checks.duration("delay", delay));
	}

	@Override
	public Mono<Run> rescheduleUntil(String runId, Instant until) {
		Checks.requireId("runId", runId);
		return reschedule(runId, Checks.instant("until", until));
	}

	private Mono<Run> reschedule(String runId, String delay) {
		return this.http.execute(ApiCall.builder("runs.reschedule", HttpMethod.POST, "/api/v1/runs/{runId}/reschedule")
			.pathVariables(runId)
			.jsonBody("delay", Map.of("delay", delay))
			.idempotent(true)
			.reading(Run.class));
	}

	@Override
	public Mono<String> addTags(String runId, Collection<String> tags) {
		Checks.requireId("runId", runId);
		List<String> checked = Checks.requireTags("tags", tags);
		if (checked.isEmpty()) {
			throw new IllegalArgumentException("tags must not be empty");
		}
		return this.http.execute(ApiCall.builder("runs.addTags", HttpMethod.POST, "/api/v1/runs/{runId}/tags")
			.pathVariables(runId)
			.jsonBody("tags", Map.of("tags", checked))
			.idempotent(true)
			.reading((body, headers) -> Json.read("runs.addTags", body, JsonNode.class).path("message").asString("")));
	}

	@Override
	public Mono<JsonValue> updateMetadata(String runId, Object metadata) {
		Checks.requireId("runId", runId);
		JsonValue checked = Checks.requireMetadata("metadata", metadata);
		return this.http.execute(ApiCall.builder("runs.updateMetadata", HttpMethod.PUT, "/api/v1/runs/{runId}/metadata")
			.pathVariables(runId)
			.jsonBody("metadata", Map.of("metadata", checked))
			.idempotent(true)
			.reading((body, headers) -> {
				JsonNode json = Json.read("runs.updateMetadata", body, JsonNode.class);
				return JsonValue.fromNode(json.path("metadata"));
			}));
	}

	@Override
	public Mono<RunResult> result(String runId) {
		Checks.requireId("runId", runId);
		return this.http.execute(ApiCall.builder("runs.result", HttpMethod.GET, "/api/v1/runs/{runId}/result")
			.pathVariables(runId)
			.reading(RunResult.class));
	}

	private static String idOf(String operation, byte[] body) {
		JsonNode id = Json.read(operation, body, JsonNode.class).path("id");
		if (!id.isString()) {
			throw new TriggerDecodingException("The response of " + operation + " has no run id");
		}
		return id.asString();
	}

	/** The wire shape of a list page. */
	record RunPageBody(List<Run> data, @Nullable Pagination pagination) {

		RunPageBody {
			data = (data != null) ? data : new ArrayList<>();
		}

	}

	/** The wire shape of a page's cursors. */
	record Pagination(@Nullable String next, @Nullable String previous) {
	}

}
