package io.trigger4j.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.trigger4j.client.error.TriggerTimeoutException;
import io.trigger4j.client.internal.Checks;
import io.trigger4j.client.model.CursorPage;
import io.trigger4j.client.model.JsonValue;
import io.trigger4j.client.model.MachinePreset;
import io.trigger4j.client.model.runs.ListRunsRequest;
import io.trigger4j.client.model.runs.ReplayOptions;
import io.trigger4j.client.model.runs.Run;
import io.trigger4j.client.model.runs.RunEvent;
import io.trigger4j.client.model.runs.RunResult;
import io.trigger4j.client.model.runs.RunSubscriptionOptions;
import io.trigger4j.client.model.runs.RunTrace;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The {@link RunsOperations} implementation. */
final class DefaultRunsOperations implements RunsOperations {

	private static final Duration MIN_POLL_INTERVAL = Duration.ofMillis(100);

	/** What the realtime tag route rejects in a tag, and the tag separator. */
	private static final Pattern UNSAFE_TAG = Pattern.compile("[\\x00-\\x1f\\x7f\\\\\",]");

	private final TriggerHttp http;

	private final Packets packets;

	DefaultRunsOperations(TriggerHttp http) {
		this.http = http;
		this.packets = new Packets(http);
	}

	@Override
	public Mono<Run> retrieve(String runId) {
		return this.http.execute(ApiCall.to(Operation.RUNS_RETRIEVE, runId).reading(Run.class))
			.flatMap(this.packets::resolve);
	}

	@Override
	public Flux<Run> list(ListRunsRequest request) {
		Objects.requireNonNull(request, "request must not be null");
		return CursorPager.stream((cursor) -> walked(ApiCall.to(Operation.RUNS_LIST), request, cursor), Run::id);
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

	@Override
	public Flux<Run> listForProject(String projectRef, Collection<String> environments, ListRunsRequest request) {
		Operation.RUNS_LIST_FOR_PROJECT.checkPath(projectRef);
		String env = environments(environments);
		Objects.requireNonNull(request, "request must not be null");
		return CursorPager.stream(
				(cursor) -> walked(ApiCall.to(Operation.RUNS_LIST_FOR_PROJECT, projectRef).query("filter[env]", env),
						request, cursor),
				Run::id);
	}

	@Override
	public Mono<CursorPage<Run>> listPageForProject(String projectRef, Collection<String> environments,
			ListRunsRequest request, @Nullable String cursor) {
		Operation.RUNS_LIST_FOR_PROJECT.checkPath(projectRef);
		String env = environments(environments);
		Objects.requireNonNull(request, "request must not be null");
		if (cursor != null) {
			Checks.requireText("cursor", cursor);
		}
		return projectPage(projectRef, env, request, cursor);
	}

	private Mono<CursorPage<Run>> projectPage(String projectRef, String env, ListRunsRequest request,
			@Nullable String cursor) {
		return page(ApiCall.to(Operation.RUNS_LIST_FOR_PROJECT, projectRef).query("filter[env]", env), request,
				"page[after]", cursor);
	}

	/**
	 * The {@code filter[env]} value: without it the server answers 500, so at least one
	 * environment is needed.
	 */
	private static String environments(Collection<String> environments) {
		Objects.requireNonNull(environments, "environments must not be null");
		if (environments.isEmpty()) {
			throw new IllegalArgumentException("environments must name at least one environment, such as prod");
		}
		List<String> checked = new ArrayList<>();
		for (String environment : environments) {
			Checks.requireId("environments element", environment);
			if (environment.contains(",")) {
				throw new IllegalArgumentException(
						"environments values must not contain ',' but got '" + environment + "'");
			}
			checked.add(environment);
		}
		return String.join(",", checked);
	}

	private Mono<CursorPage<Run>> page(ListRunsRequest request, String cursorParameter, @Nullable String cursor) {
		return page(ApiCall.to(Operation.RUNS_LIST), request, cursorParameter, cursor);
	}

	private Mono<CursorPage<Run>> page(ApiCall.Builder call, ListRunsRequest request, String cursorParameter,
			@Nullable String cursor) {
		return this.http.execute(pageCall(call, request, cursorParameter, cursor).reading(RunPage.class,
				(page, headers) -> page.toPage()));
	}

	/** A page's call: the request's filters, its page size and the cursor. */
	private static ApiCall.Builder pageCall(ApiCall.Builder call, ListRunsRequest request, String cursorParameter,
			@Nullable String cursor) {
		return call.query(request.queryParameters())
			.query("page[size]", request.pageSize())
			.query(cursorParameter, cursor);
	}

	/**
	 * A page of a walk: its cursor read from the answer at once, its runs decoded when
	 * the walk gets to them.
	 */
	private Mono<CursorPager.Fetched<Run>> walked(ApiCall.Builder call, ListRunsRequest request,
			@Nullable String cursor) {
		return this.http.execute(pageCall(call, request, "page[after]", cursor).readingPage(RunPage.class,
				CursorPager.atMost(request.pageSize()), (json, page) -> page.toPage()));
	}

	@Override
	public Mono<Run> awaitCompletion(String runId, Duration pollInterval, Duration timeout) {
		Operation.RUNS_RETRIEVE.checkPath(runId);
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
		return this.http.execute(ApiCall.to(Operation.RUNS_CANCEL, runId).reading(IdAnswer.class)).map(IdAnswer::id);
	}

	@Override
	public Mono<String> replay(String runId) {
		return this.http.execute(ApiCall.to(Operation.RUNS_REPLAY, runId).reading(IdAnswer.class)).map(IdAnswer::id);
	}

	@Override
	public Mono<String> replay(String runId, ReplayOptions options) {
		Operation.RUNS_REPLAY.checkPath(runId);
		Objects.requireNonNull(options, "options must not be null");
		ReplayBody body = replayBody(options);
		ApiCall.Builder call = ApiCall.to(Operation.RUNS_REPLAY, runId);
		if (!ReplayBody.EMPTY.equals(body)) {
			call.body(body).idempotencyKey(options.idempotencyKey());
		}
		return this.http.execute(call.reading(IdAnswer.class)).map(IdAnswer::id);
	}

	/**
	 * The overrides as the server names them. The payload and metadata are written now
	 * with the application's mapper, so a value it cannot write fails before anything is
	 * sent.
	 */
	private ReplayBody replayBody(ReplayOptions options) {
		WireJson json = this.http.json();
		RawJson metadata = null;
		if (options.metadata() != null) {
			metadata = json.user("metadata", options.metadata());
			Checks.requireMetadata("metadata", metadata.json());
		}
		RawJson payload = (options.payload() != null) ? json.user("payload", options.payload()) : null;
		return new ReplayBody(payload, metadata, options.tags(), options.queue(), options.concurrencyKey(),
				options.machine(), options.lockToVersion(), options.region(), options.delay(), options.ttl(),
				options.idempotencyKey(), options.idempotencyKeyTtl(), options.maxAttempts(),
				seconds(options.maxDuration()), seconds(options.priority()));
	}

	private static @Nullable Long seconds(@Nullable Duration duration) {
		return (duration != null) ? duration.getSeconds() : null;
	}

	@Override
	public Mono<RunTrace> trace(String runId) {
		return this.http.execute(ApiCall.to(Operation.RUNS_TRACE, runId).reading(TraceAnswer.class))
			.map(TraceAnswer::trace);
	}

	@Override
	public Mono<List<RunEvent>> events(String runId) {
		return this.http.execute(ApiCall.to(Operation.RUNS_EVENTS, runId).reading(EventsAnswer.class))
			.map(EventsAnswer::events);
	}

	@Override
	public Mono<Run> reschedule(String runId, Duration delay) {
		Operation.RUNS_RESCHEDULE.checkPath(runId);
		return reschedule(runId, Checks.duration("delay", delay));
	}

	@Override
	public Mono<Run> rescheduleUntil(String runId, Instant until) {
		Operation.RUNS_RESCHEDULE.checkPath(runId);
		return reschedule(runId, Checks.instant("until", until));
	}

	private Mono<Run> reschedule(String runId, String delay) {
		return this.http
			.execute(ApiCall.to(Operation.RUNS_RESCHEDULE, runId).body(new RescheduleBody(delay)).reading(Run.class));
	}

	@Override
	public Mono<String> addTags(String runId, Collection<String> tags) {
		Operation.RUNS_ADD_TAGS.checkPath(runId);
		List<String> checked = Checks.requireTags("tags", tags);
		if (checked.isEmpty()) {
			throw new IllegalArgumentException("tags must not be empty");
		}
		return this.http
			.execute(
					ApiCall.to(Operation.RUNS_ADD_TAGS, runId).body(new TagsBody(checked)).reading(MessageAnswer.class))
			.map(MessageAnswer::text);
	}

	@Override
	public Mono<JsonValue> updateMetadata(String runId, Object metadata) {
		Operation.RUNS_UPDATE_METADATA.checkPath(runId);
		Objects.requireNonNull(metadata, "metadata must not be null");
		RawJson json = this.http.json().user("metadata", metadata);
		Checks.requireMetadata("metadata", json.json());
		return this.http
			.execute(ApiCall.to(Operation.RUNS_UPDATE_METADATA, runId)
				.body(new MetadataBody(json))
				.reading(MetadataAnswer.class))
			.map(MetadataAnswer::metadata);
	}

	@Override
	public Mono<RunResult> result(String runId) {
		return this.http.execute(ApiCall.to(Operation.RUNS_RESULT, runId).reading(RunResult.class));
	}

	/** The wire shape of a list page. */
	record RunPage(@Nullable List<Run> data, @Nullable Pagination pagination) {

		CursorPage<Run> toPage() {
			return (this.pagination != null)
					? new CursorPage<>(this.data, this.pagination.next(), this.pagination.previous())
					: new CursorPage<>(this.data, null, null);
		}

	}

	/** The wire shape of a page's cursors. */
	record Pagination(@Nullable String next, @Nullable String previous) {
	}

	/** The answer of cancel and replay: the run's id. */
	record IdAnswer(@JsonProperty(required = true) String id) {

		IdAnswer {
			Objects.requireNonNull(id, "id must not be null");
		}

	}

	/** The answer of add tags. */
	record MessageAnswer(@Nullable String message) {

		String text() {
			return (this.message != null) ? this.message : "";
		}

	}

	/** The answer of the metadata update: the metadata now stored. */
	record MetadataAnswer(@JsonProperty(required = true) JsonValue metadata) {

		MetadataAnswer {
			Objects.requireNonNull(metadata, "metadata must not be null");
		}

	}

	/** The answer of trace. */
	record TraceAnswer(@JsonProperty(required = true) RunTrace trace) {

		TraceAnswer {
			Objects.requireNonNull(trace, "trace must not be null");
		}

	}

	/** The answer of events. */
	record EventsAnswer(@Nullable List<RunEvent> events) {

		EventsAnswer {
			events = (events != null) ? List.copyOf(events) : List.of();
		}

	}

	/**
	 * The body of a replay with overrides: the fields of the SDK's
	 * {@code ReplayRunRequestBody}, which the server checks strictly (no other key).
	 */
	record ReplayBody(@Nullable RawJson payload, @Nullable RawJson metadata, @Nullable List<String> tags,
			@Nullable String queue, @Nullable String concurrencyKey, @Nullable MachinePreset machine,
			@Nullable String version, @Nullable String region, @Nullable String delay, @Nullable String ttl,
			@Nullable String idempotencyKey, @JsonProperty("idempotencyKeyTTL") @Nullable String idempotencyKeyTtl,
			@Nullable Integer maxAttempts, @Nullable Long maxDuration, @Nullable Long priority) {

		static final ReplayBody EMPTY = new ReplayBody(null, null, null, null, null, null, null, null, null, null, null,
				null, null, null, null);

	}

	record RescheduleBody(String delay) {
	}

	record TagsBody(List<String> tags) {
	}

	record MetadataBody(RawJson metadata) {
	}

	@Override
	public Flux<Run> subscribeToRun(String runId) {
		return subscribeToRun(runId, RunSubscriptionOptions.defaults());
	}

	@Override
	public Flux<Run> subscribeToRun(String runId, RunSubscriptionOptions options) {
		Operation.REALTIME_RUN.checkPath(runId);
		Objects.requireNonNull(options, "options must not be null");
		RunShapeStream.SingleRun single = new RunShapeStream.SingleRun(options.completionGrace(),
				options.pollInterval(), () -> retrieve(runId));
		return new RunShapeStream(this.http,
				new RunShapeStream.Feed(Operation.REALTIME_RUN, new String[] { runId }, Map.of()), single,
				this::resolvePackets)
			.flux();
	}

	@Override
	public Flux<Run> subscribeToRunsWithTag(Collection<String> tags, Duration lookback) {
		List<String> checked = Checks.requireTags("tags", tags);
		if (checked.isEmpty()) {
			throw new IllegalArgumentException("tags must name at least one tag");
		}
		for (int i = 0; i < checked.size(); i++) {
			if (UNSAFE_TAG.matcher(checked.get(i)).find()) {
				throw new IllegalArgumentException("tags[" + i
						+ "] must not contain ',', '\"', '\\' or control characters but was '" + checked.get(i) + "'");
			}
		}
		Map<String, String> query = new LinkedHashMap<>();
		query.put("tags", String.join(",", checked));
		query.put("createdAt", Checks.duration("lookback", lookback));
		return new RunShapeStream(this.http,
				new RunShapeStream.Feed(Operation.REALTIME_RUNS_WITH_TAG, new String[0], query), null,
				this::resolvePackets)
			.flux();
	}

	@Override
	public Flux<Run> subscribeToBatch(String batchId) {
		Operation.REALTIME_BATCH.checkPath(batchId);
		return new RunShapeStream(this.http,
				new RunShapeStream.Feed(Operation.REALTIME_BATCH, new String[] { batchId }, Map.of()), null,
				this::resolvePackets)
			.flux();
	}

	/**
	 * A realtime run with its packets stored apart ({@code application/store}, whose
	 * storage path is in {@link Run#payloadPresignedUrl()} or
	 * {@link Run#outputPresignedUrl()}) downloaded.
	 */
	private Mono<Run> resolvePackets(Run run) {
		return this.packets.resolve(run);
	}

	@Override
	public <T> Flux<T> streamOf(String runId, String streamKey, Class<T> type) {
		Operation.REALTIME_STREAM.checkPath(runId, streamKey);
		Objects.requireNonNull(type, "type must not be null");
		Function<JsonValue, ?> decoder = (type == JsonValue.class) ? Function.identity() : (value) -> value.as(type);
		return new RunDataStream(this.http, runId, streamKey, decoder).flux();
	}

}
