package io.trigger4j.emulator.api;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.trigger4j.emulator.engine.Engine;
import io.trigger4j.emulator.engine.RunChanges;
import io.trigger4j.emulator.engine.RunSnapshot;
import io.trigger4j.emulator.engine.StreamRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Realtime data streams of runs over SSE (sdk-behaviour.md 5.3), in the server's v1
 * format ({@code X-Stream-Version: v1}): each record an event {@code id: <ms>-<seq>} with
 * its JSON {@code data}. {@code Last-Event-ID} resumes after a record;
 * {@code X-Trigger-Stream-Start: latest} (without it) starts at the tail. The connection
 * stays open for new records until the run finishes (the stream then ends) or no record
 * came for {@code Timeout-Seconds} (1-600; otherwise the emulator's inactivity timeout,
 * the server's 60 s), with a {@code : ping} comment every 10 s. Waiting is an engine
 * watch, never a thread; an open connection takes one of the engine's
 * {@link RunChanges#maxHeldRequests()} places (429 when all are taken).
 */
final class StreamRoutes {

	static final Duration PING_INTERVAL = Duration.ofSeconds(10);

	private static final MediaType EVENT_STREAM = MediaType.parseMediaType("text/event-stream");

	private static final String MAX_TIMEOUT_TEXT = "Timeout seconds must be less than 600";

	private final Engine engine;

	private final Guard guard;

	StreamRoutes(Engine engine, Guard guard) {
		this.engine = engine;
		this.guard = guard;
	}

	/**
	 * Secret keys, and public tokens with a read scope on the run (its id, task, a tag,
	 * its batch), as the server's.
	 */
	void register(RouterFunctions.Builder routes) {
		routes.GET("/realtime/v1/streams/{runId}/{streamId}",
				this.guard.guarded(Guard.Family.BUILDER, AuthAccess.run(this.engine, "read", "runId"), this::stream));
	}

	private Mono<ServerResponse> stream(ServerRequest request) {
		String runId = request.pathVariable("runId");
		String key = request.pathVariable("streamId");
		Integer timeoutSeconds = leadingInteger(request.headers().firstHeader("Timeout-Seconds"));
		// As the server's checks: NaN and 0 are no timeout.
		if (timeoutSeconds != null && timeoutSeconds != 0) {
			if (timeoutSeconds < 1) {
				return text(400, "Timeout seconds must be greater than 0");
			}
			if (timeoutSeconds > 600) {
				return text(400, MAX_TIMEOUT_TEXT);
			}
		}
		Duration inactivity = (timeoutSeconds != null && timeoutSeconds > 0) ? Duration.ofSeconds(timeoutSeconds)
				: this.engine.runChanges().streamInactivityTimeout();
		String lastEventId = Optional.ofNullable(request.headers().firstHeader("Last-Event-ID"))
			.filter((id) -> !id.isBlank())
			.orElse(null);
		boolean fromLatest = lastEventId == null
				&& "latest".equals(request.headers().firstHeader("X-Trigger-Stream-Start"));
		return EngineCalls.call(() -> this.engine.find(runId))
			.flatMap((found) -> found.map(Mono::just).orElseGet(() -> Mono.error(ApiError.notFound(false))))
			.flatMap((run) -> {
				Mono<Optional<String>> start = fromLatest
						? EngineCalls.call(() -> Optional.ofNullable(this.engine.streams().lastId(runId, key)))
						: Mono.just(Optional.ofNullable(lastEventId));
				return start.flatMap((after) -> held(run, key, after.orElse(null), inactivity));
			});
	}

	/**
	 * The answer, holding one of the engine's places for held requests until its body
	 * ends or the client goes; 429 when all are taken.
	 */
	private Mono<ServerResponse> held(RunSnapshot run, String key, @Nullable String after, Duration inactivity) {
		RunChanges changes = this.engine.runChanges();
		Runnable release = changes.tryHold();
		if (release == null) {
			return RealtimeRoutes.tooManyConcurrent();
		}
		return answer(run, key, after, inactivity, release).doOnCancel(release).doOnError((failure) -> release.run());
	}

	private Mono<ServerResponse> answer(RunSnapshot run, String key, @Nullable String after, Duration inactivity,
			Runnable release) {
		Sinks.Empty<Void> done = Sinks.empty();
		Flux<String> events = events(run.id(), key, after, inactivity).doFinally((signal) -> done.tryEmitEmpty());
		Flux<String> pings = Flux.interval(PING_INTERVAL, PING_INTERVAL)
			.map((tick) -> ": ping\n\n")
			.takeUntilOther(done.asMono());
		Flux<DataBuffer> body = Flux.merge(events, pings)
			.doFinally((signal) -> release.run())
			.map((text) -> DefaultDataBufferFactory.sharedInstance.wrap(text.getBytes(StandardCharsets.UTF_8)));
		return ServerResponse.ok()
			.contentType(EVENT_STREAM)
			.header(HttpHeaders.CACHE_CONTROL, "no-cache")
			.header(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
			.header(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, "*")
			.header("X-Stream-Version", "v1")
			.body(BodyInserters.fromDataBuffers(body));
	}

	/**
	 * The stream's events after a record: those there are, then, while the run has not
	 * finished, those appended before the inactivity timeout passes without one. Each
	 * wake is one more step of an {@code expand}, so a connection woken any number of
	 * times keeps a constant depth of operators.
	 */
	private Flux<String> events(String runId, String key, @Nullable String after, Duration inactivity) {
		return read(runId, key, after)
			.expand((chunk) -> (chunk.runFinished()) ? Mono.empty()
					: RealtimeRoutes
						.watched(() -> this.engine.runChanges().watchStream(runId, key, chunk.last()), inactivity)
						.flatMap((woken) -> woken ? read(runId, key, chunk.last()) : Mono.empty()))
			.concatMapIterable(Chunk::events);
	}

	private Mono<Chunk> read(String runId, String key, @Nullable String after) {
		return EngineCalls.call(() -> this.engine.streams().read(runId, key, after)).map((read) -> {
			List<StreamRecord> records = read.records();
			List<String> events = records.stream().map(StreamRoutes::event).toList();
			String last = records.isEmpty() ? after : records.get(records.size() - 1).id();
			return new Chunk(events, last, read.runFinished());
		});
	}

	/** The events of one read, the id they end at, and whether the run has finished. */
	private record Chunk(List<String> events, @Nullable String last, boolean runFinished) {
	}

	/** A v1 event: {@code id: <ms>-<seq>} and the record's JSON on one line. */
	static String event(StreamRecord record) {
		return "id: " + record.id() + "\ndata: " + record.data() + "\n\n";
	}

	/** JavaScript's {@code parseInt}: the leading integer, or {@code null} for NaN. */
	static @Nullable Integer leadingInteger(@Nullable String text) {
		if (text == null) {
			return null;
		}
		String trimmed = text.strip();
		int end = 0;
		if (end < trimmed.length() && (trimmed.charAt(end) == '-' || trimmed.charAt(end) == '+')) {
			end++;
		}
		int digits = end;
		while (end < trimmed.length() && Character.isDigit(trimmed.charAt(end)) && end - digits < 9) {
			end++;
		}
		if (end == digits) {
			return null;
		}
		boolean more = end < trimmed.length() && Character.isDigit(trimmed.charAt(end));
		int value = Integer.parseInt(trimmed.substring(0, end));
		// Longer numbers are far beyond 600 either way.
		return more ? ((value < 0) ? Integer.MIN_VALUE : Integer.MAX_VALUE) : value;
	}

	private static Mono<ServerResponse> text(int status, String message) {
		return ServerResponse.status(status).contentType(MediaType.TEXT_PLAIN).bodyValue(message);
	}

}
