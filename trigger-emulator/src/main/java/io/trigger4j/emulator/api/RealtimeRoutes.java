package io.trigger4j.emulator.api;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.trigger4j.emulator.engine.Engine;
import io.trigger4j.emulator.engine.EngineException;
import io.trigger4j.emulator.engine.RealtimeFeed;
import io.trigger4j.emulator.engine.RealtimeRows;
import io.trigger4j.emulator.engine.RealtimeRun;
import io.trigger4j.emulator.engine.RunChanges;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The realtime shape routes of runs, tags and batches (sdk-behaviour.md 5.2), with the
 * protocol of the server's Electric-compatible feeds: {@code offset=-1} answers the
 * current rows as {@code insert}s then {@code up-to-date}; a live request
 * ({@code live=true&offset&handle&cursor}) is held until a row of the feed changes (its
 * full row as an {@code update}, or an {@code insert} for a run new to a tag or batch
 * feed) or the hold timeout passes (a bare {@code up-to-date}); a handle this emulator
 * did not hand out is answered 409 with a new handle and {@code must-refetch}. A held
 * request waits on an engine watch, never on a thread; at most
 * {@link RunChanges#maxHeldRequests()} are held at once (with data stream connections),
 * one more live request is answered 429 as the server's realtime concurrency limit.
 *
 * <p>
 * Offsets are {@code <updatedAtMs>_<revision>}: the second part is the engine's run
 * revision the client is up to date with.
 */
final class RealtimeRoutes {

	/** The hold timeout's jitter, as the server's (±15 %). */
	static final double JITTER = 0.15;

	/** The longest lookback of a tag feed, and its default (the server's 24 h). */
	static final Duration MAX_LOOKBACK = Duration.ofDays(1);

	/**
	 * Characters a realtime tag must not hold (the server's UNSAFE_REALTIME_TAG_CHARS).
	 */
	private static final Pattern UNSAFE_TAG = Pattern.compile("[\\x00-\\x1f\\x7f\\\\\"]");

	/** An offset; longer numbers than a {@code long} holds are no offset. */
	/** Marks a {@link #watched} wait as over. */
	private static final Object ENDED = new Object();

	private static final Pattern OFFSET = Pattern.compile("^(\\d{1,18})_(\\d{1,18})$");

	private final Engine engine;

	private final Guard guard;

	private final RealtimeHandles handles = new RealtimeHandles();

	RealtimeRoutes(Engine engine, Guard guard) {
		this.engine = engine;
		this.guard = guard;
	}

	/**
	 * Secret keys, and public tokens with a read scope on the run (its id, task, a tag,
	 * its batch), on the tags asked for, or on the batch, as the server's.
	 */
	void register(RouterFunctions.Builder routes) {
		routes
			.GET("/realtime/v1/runs/{runId}",
					this.guard.guarded(Guard.Family.BUILDER, AuthAccess.run(this.engine, "read", "runId"), this::run))
			.GET("/realtime/v1/runs",
					this.guard.guarded(Guard.Family.BUILDER, AuthAccess.runsWithTags("tags"), this::tagged))
			.GET("/realtime/v1/batches/{batchId}",
					this.guard.guarded(Guard.Family.BUILDER, AuthAccess.batch(this.engine, "batchId"), this::batch));
	}

	private Mono<ServerResponse> run(ServerRequest request) {
		return serve(request, RealtimeFeed.run(request.pathVariable("runId")), false);
	}

	private Mono<ServerResponse> tagged(ServerRequest request) {
		List<String> tags = new ArrayList<>();
		String tagsText = request.queryParam("tags").orElse("");
		if (!tagsText.isEmpty()) {
			for (String tag : tagsText.split(",", -1)) {
				if (tag.isEmpty() || UNSAFE_TAG.matcher(tag).find()) {
					throw ApiError.queryError(List.of(ApiError.issue("custom",
							"Invalid tag: " + ApiJson.MAPPER.writeValueAsString(tag), "tags")));
				}
				tags.add(tag);
			}
		}
		RealtimeFeed feed = RealtimeFeed.tagged(tags,
				createdAfter(request.queryParam("createdAt").orElse(null), this.engine.now()));
		return serve(request, feed, false);
	}

	private Mono<ServerResponse> batch(ServerRequest request) {
		return serve(request, RealtimeFeed.batch(request.pathVariable("batchId")), true);
	}

	/**
	 * The lower bound of a tag feed's createdAt: {@code createdAt} ago (a duration,
	 * {@code 24h} by default), never further back than {@link #MAX_LOOKBACK}.
	 */
	static Instant createdAfter(@Nullable String createdAt, Instant now) {
		Instant floor = now.minus(MAX_LOOKBACK);
		Duration lookback;
		try {
			lookback = Durations.parse((createdAt != null) ? createdAt.trim() : "24h");
		}
		catch (Durations.TooLong ex) {
			lookback = null;
		}
		if (lookback == null || lookback.compareTo(MAX_LOOKBACK) > 0) {
			return floor;
		}
		return now.minus(lookback);
	}

	/** One request's view of the protocol. */
	private record Exchange(ServerRequest request, Set<String> skipped, @Nullable String apiVersion, boolean modern,
			String offset) {

		boolean singleRun(RealtimeFeed feed) {
			return feed.kind() == RealtimeFeed.Kind.RUN;
		}

	}

	private Mono<ServerResponse> serve(ServerRequest request, RealtimeFeed fresh, boolean retryNotFound) {
		String offset = request.queryParam("offset").orElse("-1");
		String handle = request.queryParam("handle").or(() -> request.queryParam("shape_id")).orElse(null);
		boolean live = "true".equals(request.queryParam("live").orElse(null));
		Exchange exchange = new Exchange(request, ShapeRenderer.skipped(request.queryParam("skipColumns").orElse(null)),
				request.headers().firstHeader("x-trigger-api-version"),
				request.headers().firstHeader("x-trigger-electric-version") != null, offset);
		RealtimeHandles.Shape shape = this.handles.get(handle);
		boolean known = shape != null && sameFeed(shape.feed, fresh);
		RealtimeFeed feed = known ? shape.feed : fresh;
		return rows(feed, retryNotFound).flatMap((rows) -> {
			if ("-1".equals(offset) || handle == null) {
				return snapshot(exchange, feed, rows, known ? handle : this.handles.open(feed));
			}
			if (!known) {
				return mustRefetch(exchange, this.handles.open(fresh));
			}
			Matcher matcher = OFFSET.matcher(offset);
			if (!matcher.matches()) {
				throw ApiError.queryError(List.of(ApiError.issue("custom",
						"offset must be -1 or <updatedAtMs>_<seq> but was '" + offset + "'", "offset")));
			}
			long since = Long.parseLong(matcher.group(2));
			if (!live) {
				return snapshot(exchange, feed, rows, handle);
			}
			RunChanges changes = this.engine.runChanges();
			Runnable release = changes.tryHold();
			if (release == null) {
				return tooManyConcurrent();
			}
			long deadline = System.nanoTime() + jittered(changes.holdTimeout()).toNanos();
			// Given back before the answer goes on, and when the request is abandoned.
			return Mono.defer(() -> hold(exchange, feed, Objects.requireNonNull(shape), handle, since, rows, deadline))
				.doOnSuccess((answer) -> release.run())
				.doOnError((ex) -> release.run())
				.doFinally((signal) -> release.run());
		});
	}

	private Mono<RealtimeRows> rows(RealtimeFeed feed, boolean retryNotFound) {
		return EngineCalls.call(() -> this.engine.runChanges().rows(feed))
			.onErrorMap((failure) -> failure instanceof EngineException error && error.status() == 404,
					(failure) -> ApiError.notFound(retryNotFound));
	}

	private static boolean sameFeed(RealtimeFeed held, RealtimeFeed asked) {
		return held.kind() == asked.kind() && Objects.equals(held.runId(), asked.runId())
				&& Objects.equals(held.batchId(), asked.batchId()) && held.tags().equals(asked.tags());
	}

	/** The rows as {@code insert}s, then {@code up-to-date}. */
	private Mono<ServerResponse> snapshot(Exchange exchange, RealtimeFeed feed, RealtimeRows rows, String handle) {
		RealtimeHandles.Shape shape = this.handles.get(handle);
		if (shape != null) {
			shape.forget();
		}
		List<Map<String, Object>> changes = new ArrayList<>();
		for (RealtimeRun row : rows.rows()) {
			if (shape != null) {
				shape.hold(row.run().id());
			}
			changes.add(ShapeRenderer.change(row, "insert", exchange.skipped(), exchange.apiVersion()));
		}
		return answer(exchange, ShapeRenderer.body(changes), offset(rows), handle,
				ShapeRenderer.schema(exchange.skipped()), null);
	}

	/**
	 * Answers the rows changed since the client's revision, or waits for a change until
	 * the deadline, then answers a bare {@code up-to-date}.
	 */
	private Mono<ServerResponse> hold(Exchange exchange, RealtimeFeed feed, RealtimeHandles.Shape shape, String handle,
			long since, RealtimeRows rows, long deadline) {
		List<Map<String, Object>> changes = new ArrayList<>();
		for (RealtimeRun row : rows.rows()) {
			if (row.revision() > since) {
				boolean held = shape.hold(row.run().id());
				String operation = (held || exchange.singleRun(feed)) ? "update" : "insert";
				changes.add(ShapeRenderer.change(row, operation, exchange.skipped(), exchange.apiVersion()));
			}
		}
		if (!changes.isEmpty()) {
			return answer(exchange, ShapeRenderer.body(changes), offset(rows), handle, null, this.handles.cursor());
		}
		long remaining = deadline - System.nanoTime();
		if (remaining <= 0) {
			return answer(exchange, ShapeRenderer.body(List.of()), exchange.offset(), handle, null,
					this.handles.cursor());
		}
		return changed(feed, since, Duration.ofNanos(remaining)).flatMap((woken) -> rows(feed, false)
			.flatMap((next) -> hold(exchange, feed, shape, handle, since, next, woken ? deadline : System.nanoTime())));
	}

	/**
	 * Whether the feed changed past the revision within the time: an engine watch, its
	 * wait a timer, no thread held.
	 */
	private Mono<Boolean> changed(RealtimeFeed feed, long since, Duration within) {
		return watched(() -> this.engine.runChanges().watch(feed, since), within);
	}

	/**
	 * Whether the watch the engine call opens saw its change within the time. The watch
	 * is cancelled however this ends, also when the request is abandoned while the engine
	 * call is still opening it (otherwise the watch would stay open for good).
	 */
	static Mono<Boolean> watched(Callable<RunChanges.Watch> open, Duration within) {
		return Mono.defer(() -> {
			AtomicReference<@Nullable Object> opened = new AtomicReference<>();
			Runnable close = () -> {
				Object watch = opened.getAndSet(ENDED);
				if (watch instanceof RunChanges.Watch held) {
					held.cancel();
				}
			};
			// Closed before the answer goes on (so it is closed once the client has the
			// answer), and when the request is abandoned.
			return EngineCalls.call(() -> {
				RunChanges.Watch watch = open.call();
				if (!opened.compareAndSet(null, watch)) {
					watch.cancel();
				}
				return watch;
			})
				.flatMap((watch) -> Mono.fromFuture(watch.changed(), true)
					.then(Mono.just(true))
					.timeout(within, Mono.just(false)))
				.doOnSuccess((changed) -> close.run())
				.doOnError((ex) -> close.run())
				.doFinally((signal) -> close.run());
		});
	}

	/**
	 * The server's answer to a live request over its realtime concurrency limit: 429
	 * {@code {"error":"Too many concurrent requests"}} (the SDK's Electric client retries
	 * it with backoff).
	 */
	static Mono<ServerResponse> tooManyConcurrent() {
		return ServerResponse.status(429)
			.contentType(MediaType.APPLICATION_JSON)
			.headers(RealtimeRoutes::common)
			.bodyValue(Map.of("error", "Too many concurrent requests"));
	}

	private Mono<ServerResponse> mustRefetch(Exchange exchange, String handle) {
		return ServerResponse.status(409).contentType(MediaType.APPLICATION_JSON).headers((headers) -> {
			common(headers);
			headers.set(exchange.modern() ? "electric-handle" : "electric-shape-id", handle);
		}).bodyValue(ShapeRenderer.write(List.of(ShapeRenderer.MUST_REFETCH)));
	}

	private Mono<ServerResponse> answer(Exchange exchange, byte[] body, String offset, String handle,
			@Nullable String schema, @Nullable String cursor) {
		return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).headers((headers) -> {
			common(headers);
			headers.set(exchange.modern() ? "electric-offset" : "electric-chunk-last-offset", offset);
			headers.set(exchange.modern() ? "electric-handle" : "electric-shape-id", handle);
			if (schema != null) {
				headers.set("electric-schema", schema);
			}
			if (cursor != null) {
				headers.set("electric-cursor", cursor);
			}
		}).bodyValue(body);
	}

	private static void common(HttpHeaders headers) {
		headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
		headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
		headers.set(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, "*");
	}

	/** {@code <newest updatedAt in ms>_<revision>}. */
	private static String offset(RealtimeRows rows) {
		long updatedAt = 0;
		for (RealtimeRun row : rows.rows()) {
			updatedAt = Math.max(updatedAt, row.run().updatedAt().toEpochMilli());
		}
		return updatedAt + "_" + rows.revision();
	}

	/** The hold timeout, jittered by ±15 % as the server's. */
	static Duration jittered(Duration base) {
		double factor = 1 - JITTER + ThreadLocalRandom.current().nextDouble() * 2 * JITTER;
		return Duration.ofNanos(Math.max(1, (long) (base.toNanos() * factor)));
	}

}
