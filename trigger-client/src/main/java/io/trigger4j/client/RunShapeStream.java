package io.trigger4j.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

import io.trigger4j.client.RunShapeRows.Column;
import io.trigger4j.client.error.ConflictException;
import io.trigger4j.client.error.NotFoundException;
import io.trigger4j.client.error.TriggerDecodingException;
import io.trigger4j.client.error.TriggerTimeoutException;
import io.trigger4j.client.model.runs.Run;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Follows runs over the realtime shape protocol the official SDK uses through
 * {@code @electric-sql/client} (sdk-behaviour.md 5.2): a first request at
 * {@code offset=-1}, then long-polls ({@code live=true}) from the offset, handle and
 * cursor of the previous answer; {@code update}s merged into the rows held; the changed
 * rows emitted on {@code up-to-date}; {@code must-refetch} and 409 start over (409 with
 * the new handle); 429, 5xx and I/O failures retried with the client's back-off; other
 * errors end the feed.
 *
 * <p>
 * Demand-driven: the next request is sent only when the subscriber asks for more and the
 * runs of the previous answer were delivered, so at most one answer is held. Each request
 * is one call with its own deadline ({@link #LIVE_TIMEOUT} for a long-poll, which is then
 * sent again), so a feed may last forever; cancelling it cancels the request in flight. A
 * long-poll answered sooner than {@link #MIN_IDLE_POLL_INTERVAL} with nothing new, or a
 * second restart in a row, delays the next one, so that a server answering at once cannot
 * make the feed spin; after {@link #MAX_RESTARTS_IN_A_ROW} restarts in a row a further
 * 409 ends the feed with its error.
 */
final class RunShapeStream {

	/** The protocol version the server's modern header names answer. */
	static final String ELECTRIC_VERSION = "1.0.0-beta.1";

	/**
	 * The response timeout and deadline of one long-poll: the server holds one about 20 s
	 * (±15 %), so 30 s leaves room for the network. A long-poll cut by it is sent again
	 * at once, without counting as a failure.
	 */
	static final Duration LIVE_TIMEOUT = Duration.ofSeconds(30);

	/**
	 * The most answers in a row that may start the feed over (409 or
	 * {@code must-refetch}): a server answering 409 to every request then ends the feed
	 * with its {@code ConflictException} (after the client's retries) instead of keeping
	 * it open forever.
	 */
	static final int MAX_RESTARTS_IN_A_ROW = 10;

	/**
	 * The least time between two long-polls that brought nothing: a server (or proxy)
	 * that answers a live request at once must not make the feed spin.
	 */
	static final Duration MIN_IDLE_POLL_INTERVAL = Duration.ofSeconds(1);

	private static final String INITIAL_OFFSET = "-1";

	private final TriggerHttp http;

	private final TriggerHttp initialView;

	private final TriggerHttp liveView;

	private final Feed feed;

	private final @Nullable SingleRun single;

	private final Function<Run, Mono<Run>> finisher;

	/**
	 * What a feed follows.
	 *
	 * @param operation the realtime operation
	 * @param pathValues its path values
	 * @param query extra query parameters, such as {@code tags}
	 */
	record Feed(Operation operation, String[] pathValues, Map<String, String> query) {
	}

	/**
	 * How a one-run feed ends and falls back.
	 *
	 * @param completionGrace how long to keep following a final run
	 * @param pollInterval the interval of the polling fallback
	 * @param retrieval retrieves the run, for the polling fallback
	 */
	record SingleRun(Duration completionGrace, Duration pollInterval, Supplier<Mono<Run>> retrieval) {
	}

	/**
	 * @param single for a one-run feed, which completes and can fall back to polling;
	 * {@code null} for a feed of many runs, which never completes on its own
	 * @param finisher completes each run decoded from a row before it is emitted
	 * (downloads its packets stored apart)
	 */
	RunShapeStream(TriggerHttp http, Feed feed, @Nullable SingleRun single, Function<Run, Mono<Run>> finisher) {
		this.http = http;
		RequestOptions once = RequestOptions.builder().retry(TriggerRetrySettings.none()).build();
		this.initialView = http.withOptions(once);
		this.liveView = http.withOptions(RequestOptions.builder()
			.retry(TriggerRetrySettings.none())
			.responseTimeout(LIVE_TIMEOUT)
			.deadline(LIVE_TIMEOUT)
			.build());
		this.feed = feed;
		this.single = single;
		this.finisher = finisher;
	}

	/** A cold feed: each subscription follows from scratch. */
	Flux<Run> flux() {
		return Flux.defer(() -> {
			Session session = new Session();
			return Flux.<Boolean>generate((sink) -> {
				if (session.isDone()) {
					sink.complete();
				}
				else {
					sink.next(Boolean.TRUE);
				}
			}).concatMap((tick) -> whenRequested(session::step), 0);
		});
	}

	/**
	 * The runs of a step, whose request is sent only once the subscriber asks for a run:
	 * {@code concatMap} subscribes to the next step as soon as the previous one
	 * completed, demand or not.
	 */
	private static Flux<Run> whenRequested(Supplier<Flux<Run>> step) {
		return Flux.create((sink) -> {
			AtomicBoolean started = new AtomicBoolean();
			sink.onRequest((n) -> {
				if (started.compareAndSet(false, true)) {
					Flux<Run> runs;
					try {
						runs = step.get();
					}
					catch (RuntimeException ex) {
						sink.error(ex);
						return;
					}
					sink.onDispose(runs.subscribe(sink::next, sink::error, sink::complete));
				}
			});
		});
	}

	/** The state of one subscription. Used by one step at a time. */
	private final class Session {

		private final Scheduler timer = RunShapeStream.this.http.scheduler();

		private @Nullable String handle;

		private String offset = INITIAL_OFFSET;

		private @Nullable String cursor;

		private boolean upToDate;

		private @Nullable Map<String, Column> schema;

		private final Map<String, ObjectNode> rows = new LinkedHashMap<>();

		private final Set<String> changed = new LinkedHashSet<>();

		private boolean answered;

		private boolean polling;

		private boolean polled;

		private @Nullable Run lastPolled;

		/** When a final run was first seen, or -1. */
		private long finalAt = -1;

		private boolean finished;

		/** When the request in flight was sent. */
		private long sentAt;

		/** How long to wait before the next request. */
		private long pauseMillis;

		/** How many answers in a row restarted the feed (409 or {@code must-refetch}). */
		private int restarts;

		boolean isDone() {
			if (this.finished) {
				return true;
			}
			return this.finalAt >= 0 && RunShapeStream.this.single != null
					&& now() - this.finalAt >= RunShapeStream.this.single.completionGrace().toMillis();
		}

		private long now() {
			return this.timer.now(TimeUnit.MILLISECONDS);
		}

		Flux<Run> step() {
			Flux<Run> runs = this.polling ? poll()
					: request().flatMapIterable(this::apply).concatMap(RunShapeStream.this.finisher);
			SingleRun single = RunShapeStream.this.single;
			if (this.finalAt >= 0 && single != null) {
				long left = single.completionGrace().toMillis() - (now() - this.finalAt);
				if (left <= 0) {
					return Flux.empty();
				}
				runs = runs.take(Duration.ofMillis(left), this.timer);
			}
			return runs;
		}

		private Mono<Answer> request() {
			Feed feed = RunShapeStream.this.feed;
			boolean live = this.upToDate;
			ApiCall.Builder builder = ApiCall.to(feed.operation(), feed.pathValues()).query(feed.query());
			builder.query("offset", this.offset).query("handle", this.handle);
			if (live) {
				builder.query("live", "true").query("cursor", this.cursor);
			}
			ApiCall<Answer> call = builder.query("log", "full")
				.header("x-trigger-electric-version", ELECTRIC_VERSION)
				.reading((json, body, headers) -> Answer.of(feed.operation().observationName(), body, headers));
			TriggerHttp view = live ? RunShapeStream.this.liveView : RunShapeStream.this.initialView;
			Mono<Answer> answer = Mono.defer(() -> {
				this.sentAt = now();
				return view.execute(call);
			})
				.onErrorResume(ConflictException.class, (conflict) -> (this.restarts >= MAX_RESTARTS_IN_A_ROW)
						? Mono.error(conflict) : Mono.just(Answer.conflict(conflict)));
			if (live) {
				// A long-poll the server did not answer in time: cut and sent again.
				answer = answer.onErrorResume(TriggerTimeoutException.class, (timeout) -> Mono.just(Answer.none()));
			}
			answer = answer.retryWhen(RunShapeStream.this.http.retryStrategy().forCall(call));
			if (!this.answered && RunShapeStream.this.single != null) {
				// A server without the realtime routes: poll instead.
				answer = answer.onErrorResume(NotFoundException.class, (notFound) -> {
					this.polling = true;
					return Mono.empty();
				});
			}
			if (this.pauseMillis > 0) {
				answer = Mono.delay(Duration.ofMillis(this.pauseMillis), this.timer).then(answer);
				this.pauseMillis = 0;
			}
			return answer;
		}

		private List<Run> apply(Answer answer) {
			boolean live = this.upToDate;
			boolean idle = live && answer.isIdle();
			this.restarts = answer.isRestart() ? this.restarts + 1 : 0;
			List<Run> runs = changes(answer);
			long elapsed = now() - this.sentAt;
			// A restart follows at once, but a server restarting the feed again and again
			// must not make it spin either.
			if ((idle || this.restarts > 1) && elapsed < MIN_IDLE_POLL_INTERVAL.toMillis()) {
				this.pauseMillis = MIN_IDLE_POLL_INTERVAL.toMillis() - elapsed;
			}
			return runs;
		}

		private List<Run> changes(Answer answer) {
			if (answer.conflict()) {
				// The shape was rotated: start over with the new handle.
				reset((answer.handle() != null) ? answer.handle() : this.handle + "-next");
				return List.of();
			}
			this.answered = true;
			if (answer.handle() != null) {
				this.handle = answer.handle();
			}
			if (answer.offset() != null) {
				this.offset = answer.offset();
			}
			if (answer.cursor() != null) {
				this.cursor = answer.cursor();
			}
			if (this.schema == null || answer.schema() != null) {
				this.schema = RunShapeRows.schema(RunShapeStream.this.feed.operation().observationName(),
						answer.schema());
			}
			List<Run> runs = new ArrayList<>();
			for (JsonNode message : answer.messages()) {
				JsonNode headers = message.path("headers");
				if (message.has("key")) {
					change(message.path("key").asString(), headers.path("operation").asString("insert"),
							message.path("value"));
				}
				else if ("must-refetch".equals(headers.path("control").asString(""))) {
					reset(null);
					return runs;
				}
				else if ("up-to-date".equals(headers.path("control").asString(""))) {
					this.upToDate = true;
					for (String key : this.changed) {
						ObjectNode row = this.rows.get(key);
						if (row != null) {
							runs.add(RunShapeRows.toRun(RunShapeStream.this.http.json(),
									RunShapeStream.this.feed.operation().observationName(), row));
						}
					}
					this.changed.clear();
				}
			}
			if (RunShapeStream.this.single != null && this.finalAt < 0
					&& runs.stream().anyMatch((run) -> run.isTerminal() || run.finishedAt() != null)) {
				this.finalAt = now();
			}
			return runs;
		}

		private void change(String key, String operation, JsonNode value) {
			Map<String, Column> schema = (this.schema != null) ? this.schema : Map.of();
			switch (operation) {
				case "delete" -> {
					this.rows.remove(key);
					this.changed.remove(key);
				}
				case "update" -> {
					ObjectNode row = this.rows.get(key);
					ObjectNode decoded = RunShapeRows.decode(value, schema);
					if (row != null) {
						row.setAll(decoded);
					}
					else {
						this.rows.put(key, decoded);
					}
					this.changed.add(key);
				}
				default -> {
					this.rows.put(key, RunShapeRows.decode(value, schema));
					this.changed.add(key);
				}
			}
		}

		/** Forgets the rows and starts over at offset -1. */
		private void reset(@Nullable String handle) {
			this.handle = handle;
			this.offset = INITIAL_OFFSET;
			this.cursor = null;
			this.upToDate = false;
			this.schema = null;
			this.rows.clear();
			this.changed.clear();
		}

		/**
		 * The polling fallback: retrieves the run now, then after each interval; emits it
		 * when it changed, and ends after a terminal status (EXPIRED and TIMED_OUT
		 * included).
		 */
		private Flux<Run> poll() {
			SingleRun single = RunShapeStream.this.single;
			Mono<Run> retrieval = Mono.defer(single.retrieval());
			Mono<Run> next = this.polled ? Mono.delay(single.pollInterval(), this.timer).then(retrieval) : retrieval;
			this.polled = true;
			return next.flatMapMany((run) -> {
				if (run.isTerminal()) {
					this.finished = true;
				}
				if (run.equals(this.lastPolled)) {
					return Flux.empty();
				}
				this.lastPolled = run;
				return Flux.just(run);
			});
		}

	}

	/**
	 * One answer of the feed.
	 *
	 * @param conflict whether it was a 409 (the handle was rotated)
	 * @param handle {@code electric-handle}
	 * @param offset {@code electric-offset}
	 * @param cursor {@code electric-cursor}
	 * @param schema {@code electric-schema}
	 * @param messages the messages of the body
	 */
	record Answer(boolean conflict, @Nullable String handle, @Nullable String offset, @Nullable String cursor,
			@Nullable String schema, JsonNode messages) {

		static Answer of(String operation, byte[] body, HttpHeaders headers) {
			return new Answer(false, header(headers, "electric-handle", "electric-shape-id"),
					header(headers, "electric-offset", "electric-chunk-last-offset"),
					headers.getFirst("electric-cursor"), headers.getFirst("electric-schema"),
					messages(operation, body));
		}

		/**
		 * Whether the answer changed nothing: no row, no {@code must-refetch}, no 409.
		 */
		boolean isIdle() {
			if (this.conflict) {
				return false;
			}
			for (JsonNode message : this.messages) {
				if (message.has("key") || "must-refetch".equals(message.path("headers").path("control").asString(""))) {
					return false;
				}
			}
			return true;
		}

		/** Whether the answer starts the feed over: a 409 or a {@code must-refetch}. */
		boolean isRestart() {
			if (this.conflict) {
				return true;
			}
			for (JsonNode message : this.messages) {
				if ("must-refetch".equals(message.path("headers").path("control").asString(""))) {
					return true;
				}
			}
			return false;
		}

		/** No answer: a long-poll cut by its timeout. */
		static Answer none() {
			return new Answer(false, null, null, null, null, JsonNodeFactory.instance.arrayNode());
		}

		static Answer conflict(ConflictException conflict) {
			List<String> handles = conflict.headers().get("electric-handle");
			String handle = (handles != null && !handles.isEmpty()) ? handles.get(0) : null;
			return new Answer(true, handle, null, null, null, JsonNodeFactory.instance.arrayNode());
		}

		private static @Nullable String header(HttpHeaders headers, String name, String legacyName) {
			String value = headers.getFirst(name);
			return (value != null) ? value : headers.getFirst(legacyName);
		}

		private static JsonNode messages(String operation, byte[] body) {
			if (body.length == 0) {
				return JsonNodeFactory.instance.arrayNode();
			}
			JsonNode messages;
			try {
				messages = WireJson.WIRE.readTree(body);
			}
			catch (JacksonException ex) {
				throw new TriggerDecodingException(
						"Could not decode the response of " + operation + ": " + ex.getOriginalMessage(), ex);
			}
			if (!messages.isArray()) {
				throw new TriggerDecodingException("Could not decode the response of " + operation
						+ ": expected an array of shape messages but got " + messages.getNodeType(), null);
			}
			return messages;
		}

	}

}
