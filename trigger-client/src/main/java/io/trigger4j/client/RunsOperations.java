package io.trigger4j.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import io.trigger4j.client.error.BadRequestException;
import io.trigger4j.client.error.NotFoundException;
import io.trigger4j.client.error.TriggerTimeoutException;
import io.trigger4j.client.model.CursorPage;
import io.trigger4j.client.model.JsonValue;
import io.trigger4j.client.model.runs.ListRunsRequest;
import io.trigger4j.client.model.runs.ReplayOptions;
import io.trigger4j.client.model.runs.Run;
import io.trigger4j.client.model.runs.RunEvent;
import io.trigger4j.client.model.runs.RunResult;
import io.trigger4j.client.model.runs.RunStatus;
import io.trigger4j.client.model.runs.RunSubscriptionOptions;
import io.trigger4j.client.model.runs.RunTrace;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Retrieving, listing and managing runs. Obtain from {@link TriggerOperations#runs()}.
 */
public interface RunsOperations {

	/**
	 * Retrieves a run with its payload, output, error and related runs. {@code GET
	 * /api/v3/runs/{runId}}. A 404 just after a trigger is retried, as the server advises
	 * ({@code x-should-retry}). A payload or output the server stored apart (the run
	 * carries {@code payloadPresignedUrl} or {@code outputPresignedUrl}) is downloaded
	 * from its presigned URL, without the client's credentials and retried as any call; a
	 * failed download fails the {@code Mono}, the value is never silently left out.
	 * @param runId the run id ({@code run_...})
	 * @return the run
	 */
	Mono<Run> retrieve(String runId);

	/**
	 * Streams every run matching the request, newest first, fetching page after page as
	 * the subscriber asks for runs ({@code GET /api/v1/runs}): a page is requested only
	 * while the subscriber has asked for more runs than the walk holds, one request at a
	 * time, so {@code take(n)} fetches only the pages it needs. Once the subscriber has
	 * had runs and wants more than a page holds, the next page is requested while the
	 * current one is decoded (at most one page ahead). Runs repeated across a page
	 * boundary are dropped. A page whose runs cannot be decoded ends the {@code Flux}
	 * with a {@link io.trigger4j.client.error.TriggerDecodingException} when the walk
	 * gets to it (its request has already been recorded as answered).
	 *
	 * <p>
	 * Without a created-at filter the server lists only the <strong>last 7 days</strong>;
	 * see {@link ListRunsRequest}.
	 * @param request filters and page size; {@link ListRunsRequest#all()} for none
	 * @return the matching runs, newest first
	 */
	Flux<Run> list(ListRunsRequest request);

	/**
	 * Fetches one page of runs. {@code GET /api/v1/runs}.
	 * @param request filters and page size
	 * @param cursor {@code null} for the first page, or a {@link CursorPage#next()}
	 * cursor
	 * @return the page
	 */
	Mono<CursorPage<Run>> listPage(ListRunsRequest request, @Nullable String cursor);

	/**
	 * Fetches the page before a cursor (newer runs). {@code GET /api/v1/runs} with
	 * {@code page[before]}.
	 * @param request filters and page size
	 * @param cursor a {@link CursorPage#previous()} cursor
	 * @return the page before the cursor
	 */
	Mono<CursorPage<Run>> listPageBefore(ListRunsRequest request, String cursor);

	/**
	 * Streams the runs of a project across the given environments, newest first, page by
	 * page as the subscriber consumes them. Needs a personal access token (set
	 * {@code trigger.access-token}); the secret key is not accepted here. {@code GET
	 * /api/v1/projects/{projectRef}/runs}.
	 * @param projectRef the project's ref, {@code proj_...}
	 * @param environments the environments to list, such as {@code prod} (at least one)
	 * @param request filters and page size
	 * @return the project's matching runs, newest first
	 */
	Flux<Run> listForProject(String projectRef, Collection<String> environments, ListRunsRequest request);

	/**
	 * Fetches one page of a project's runs across environments (needs a personal access
	 * token). {@code GET /api/v1/projects/{projectRef}/runs}.
	 * @param projectRef the project's ref, {@code proj_...}
	 * @param environments the environments to list, such as {@code prod} (at least one)
	 * @param request filters and page size
	 * @param cursor {@code null} for the first page, or a {@link CursorPage#next()}
	 * cursor
	 * @return the page
	 */
	Mono<CursorPage<Run>> listPageForProject(String projectRef, Collection<String> environments,
			ListRunsRequest request, @Nullable String cursor);

	/**
	 * Polls a run until it reaches a terminal status ({@link RunStatus#isTerminal()}:
	 * COMPLETED, CANCELED, FAILED, CRASHED, INTERRUPTED, SYSTEM_FAILURE, EXPIRED or
	 * TIMED_OUT) and returns it. Retrieves the run ({@code GET /api/v3/runs/{runId}}) at
	 * once, then every {@code pollInterval}. Finality is decided from the status, so
	 * EXPIRED and TIMED_OUT runs end the wait too.
	 * @param runId the run id ({@code run_...})
	 * @param pollInterval time between two retrievals (at least 100 ms)
	 * @param timeout how long to wait in all; then a {@link TriggerTimeoutException} is
	 * signalled
	 * @return the run in its terminal status
	 */
	Mono<Run> awaitCompletion(String runId, Duration pollInterval, Duration timeout);

	/**
	 * Cancels a run. Cancelling a finished run does nothing and succeeds. {@code POST
	 * /api/v2/runs/{runId}/cancel}.
	 * @param runId the run id ({@code run_...})
	 * @return the run id
	 */
	Mono<String> cancel(String runId);

	/**
	 * Creates a new run with the same payload and options as the given run. {@code POST
	 * /api/v1/runs/{runId}/replay}. Never retried after an ambiguous failure: every call
	 * creates a run.
	 * @param runId the run id ({@code run_...})
	 * @return the new run's id
	 */
	Mono<String> replay(String runId);

	/**
	 * Creates a new run from the given run, with some of its payload and options
	 * replaced. {@code POST /api/v1/runs/{runId}/replay} with the overrides as its body
	 * (none sent when {@code options} sets nothing): the {@code ReplayRunRequestBody}
	 * fields the official SDK 4.8 sends with {@code runs.replay(runId, options)}. Never
	 * retried after an ambiguous failure. A server whose replay route reads no body (such
	 * as v4.5) copies the run unchanged.
	 * @param runId the run to replay ({@code run_...})
	 * @param options what to change for the new run; {@link ReplayOptions#none()} for a
	 * plain copy
	 * @return the new run's id
	 * @throws IllegalArgumentException if the payload or metadata cannot be written, or
	 * the metadata is not a JSON object of at most 256 KiB
	 */
	Mono<String> replay(String runId, ReplayOptions options);

	/**
	 * Retrieves a run's trace: its span tree, with the run's own span at the root.
	 * {@code GET /api/v1/runs/{runId}/trace}. A 404 just after a trigger is retried, as
	 * the server advises ({@code x-should-retry}); a run without a trace yet gives
	 * {@link NotFoundException}.
	 * @param runId the run id ({@code run_...})
	 * @return the run's trace
	 */
	Mono<RunTrace> trace(String runId);

	/**
	 * Lists a run's events (its spans and log lines, flat, as the server keeps them).
	 * {@code GET /api/v1/runs/{runId}/events}. A 404 just after a trigger is retried, as
	 * the server advises ({@code x-should-retry}).
	 * @param runId the run id ({@code run_...})
	 * @return the run's events
	 */
	Mono<List<RunEvent>> events(String runId);

	/**
	 * Delays a DELAYED run by a new duration from now. {@code POST
	 * /api/v1/runs/{runId}/reschedule}. A run that is not DELAYED fails with
	 * {@link BadRequestException}.
	 * @param runId the run id ({@code run_...})
	 * @param delay whole seconds, at least one
	 * @return the run after rescheduling
	 */
	Mono<Run> reschedule(String runId, Duration delay);

	/**
	 * Delays a DELAYED run until an instant. {@code POST
	 * /api/v1/runs/{runId}/reschedule}.
	 * @param runId the run id ({@code run_...})
	 * @param until when the run should start
	 * @return the run after rescheduling
	 */
	Mono<Run> rescheduleUntil(String runId, Instant until);

	/**
	 * Adds tags to a run; tags it already has are ignored. A run has at most 10 tags.
	 * {@code POST /api/v1/runs/{runId}/tags}.
	 * @param runId the run id ({@code run_...})
	 * @param tags 1 to 10 tags, each at most 128 characters
	 * @return the server's message, such as {@code Successfully set 2 new tags.}
	 */
	Mono<String> addTags(String runId, Collection<String> tags);

	/**
	 * Replaces a run's metadata. Allowed until one hour after the run finished.
	 * {@code PUT /api/v1/runs/{runId}/metadata}.
	 * @param runId the run id ({@code run_...})
	 * @param metadata anything that serialises to a JSON object of at most 256 KiB
	 * @return the metadata now stored
	 */
	Mono<JsonValue> updateMetadata(String runId, Object metadata);

	/**
	 * Retrieves the execution result of a finished run. {@code GET
	 * /api/v1/runs/{runId}/result}. Current servers answer 404
	 * ({@link NotFoundException}) for most runs; prefer {@link #retrieve(String)}, whose
	 * {@link Run#output()} and {@link Run#error()} always work.
	 * @param runId the run id ({@code run_...})
	 * @return the run's execution result
	 */
	Mono<RunResult> result(String runId);

	/**
	 * Each change of one run, as the server's realtime feed reports it ({@code GET
	 * /realtime/v1/runs/{runId}}, the protocol of the official SDK's
	 * {@code runs.subscribeToRun}), with {@link RunSubscriptionOptions#defaults()}: the
	 * run as it is now, then the run after each change. Statuses have their public names
	 * ({@code COMPLETED}, {@code WAITING}, ...); payload, output and metadata are decoded
	 * JSON (a value the server stored apart, whose storage path the feed gives in
	 * {@link Run#payloadPresignedUrl()} or {@link Run#outputPresignedUrl()}, is
	 * downloaded before the run is emitted; a failed download ends the {@code Flux}).
	 *
	 * <p>
	 * <strong>Completes</strong> once the run is final (it has a finish time or a
	 * terminal status, EXPIRED and TIMED_OUT included) and the completion grace passed,
	 * so that output and metadata written just after the final status still arrive.
	 * Requests are sent as the subscriber asks for runs; cancelling stops the request in
	 * flight at once. Each long-poll is bounded by its own timeout, never by the client's
	 * deadline for the whole feed.
	 *
	 * <p>
	 * <strong>Errors:</strong> 429, 5xx and I/O failures are retried with the client's
	 * back-off (its retry settings bound consecutive failures); a 409 (the server rotated
	 * the feed) starts over without an error; other error statuses end the {@code Flux}
	 * with their {@link io.trigger4j.client.error.TriggerApiException}. A server without
	 * the realtime routes (404 on the first request) is polled instead ({@code GET
	 * /api/v3/runs/{runId}} every poll interval, emitting each change, ending after a
	 * terminal status), so a missing run still fails with {@link NotFoundException}.
	 * @param runId the run id ({@code run_...})
	 * @return the run as it is now, then after each change
	 */
	Flux<Run> subscribeToRun(String runId);

	/**
	 * Each change of one run, with the given completion grace and polling interval; see
	 * {@link #subscribeToRun(String)}.
	 * @param runId the run id ({@code run_...})
	 * @param options how the subscription ends and polls
	 * @return the run as it is now, then after each change
	 */
	Flux<Run> subscribeToRun(String runId, RunSubscriptionOptions options);

	/**
	 * The runs carrying any of the given tags, created within the lookback, then each
	 * change of them and each new run tagged so. {@code GET
	 * /realtime/v1/runs?tags=...&createdAt=...} over the realtime protocol (see
	 * {@link #subscribeToRun(String)}: demand-driven, cancellable, 429/5xx retried, other
	 * errors end it). The server sends at most 1000 runs and clamps the lookback. Never
	 * completes on its own.
	 * @param tags 1 to 10 tags; a tag must not contain {@code ,}, {@code "}, {@code \} or
	 * control characters
	 * @param lookback how far back runs are included, in whole seconds (the SDK's default
	 * is 24 hours)
	 * @return the tagged runs, then each change and each new tagged run
	 */
	Flux<Run> subscribeToRunsWithTag(Collection<String> tags, Duration lookback);

	/**
	 * The runs of a batch, then each change of them. {@code GET
	 * /realtime/v1/batches/{batchId}} over the realtime protocol (see
	 * {@link #subscribeToRun(String)}). Never completes on its own.
	 * @param batchId the batch id ({@code batch_...})
	 * @return the batch's runs, then each change of them
	 */
	Flux<Run> subscribeToBatch(String batchId);

	/**
	 * The records a run writes to one of its realtime data streams (such as the tokens an
	 * AI task streams), each read as the given type with the application's mapper.
	 * {@code GET /realtime/v1/streams/{runId}/{streamKey}} as server-sent events, in both
	 * stream versions ({@code X-Stream-Version} {@code v1} and {@code v2}). Records are
	 * read as the subscriber asks for them. A dropped connection is resumed where it
	 * stopped ({@code Last-Event-ID}) after the client's back-off, records seen already
	 * are dropped, and 429, 5xx and I/O failures are retried (the client's retry settings
	 * bound consecutive failures without records); other error statuses, such as 404 for
	 * an unknown run, end the {@code Flux} with their
	 * {@link io.trigger4j.client.error.TriggerApiException}, and a record that does not
	 * fit the type with a {@link io.trigger4j.client.error.TriggerDecodingException}.
	 * <strong>Completes</strong> when the server ends the stream.
	 * @param <T> the type to decode into
	 * @param runId the run id ({@code run_...})
	 * @param streamKey the stream's key, such as {@code openai}
	 * @param type the type of a record; {@link JsonValue} for any JSON
	 * @return the stream's records, in order
	 */
	<T> Flux<T> streamOf(String runId, String streamKey, Class<T> type);

}
