package io.trigger4j.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import io.trigger4j.client.error.TriggerApiException;
import io.trigger4j.client.error.TriggerTransportException;
import io.trigger4j.client.model.JsonValue;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.codec.ServerSentEvent;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import reactor.core.publisher.Flux;
import reactor.util.retry.Retry;
import reactor.util.retry.RetryBackoffSpec;

/**
 * Reads a run's realtime data stream over server-sent events as the official SDK's
 * {@code SSEStreamSubscription} does (sdk-behaviour.md 5.3): {@code GET
 * /realtime/v1/streams/{runId}/{key}} with {@code Accept: text/event-stream}; the
 * answer's {@code X-Stream-Version} picks the format: {@code v1} events carry an
 * {@code id} and JSON {@code data}; {@code v2} {@code batch} events carry records whose
 * {@code body} is {@code {"data", "id"}} and whose {@code seq_num} is the resume cursor.
 * A dropped connection is resumed with {@code Last-Event-ID} after a back-off (the
 * client's retry settings; the count starts over once records arrive); records already
 * seen (by their id, v1 event ids and v2 envelope ids alike, in a window of
 * {@value #SEEN_IDS} kept across reconnections, where the SDK keeps one per connection)
 * are dropped. The feed completes when the server ends the stream.
 */
final class RunDataStream {

	/** How many record ids are remembered to drop repeated records. */
	static final int SEEN_IDS = 5000;

	/**
	 * The longest silence between two reads before the connection is taken as dead and
	 * resumed (the server sends pings while a stream is idle).
	 */
	static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);

	private final TriggerHttp http;

	private final String runId;

	private final String streamKey;

	private final Function<JsonValue, ?> decoder;

	RunDataStream(TriggerHttp http, String runId, String streamKey, Function<JsonValue, ?> decoder) {
		this.http = http;
		this.runId = runId;
		this.streamKey = streamKey;
		this.decoder = decoder;
	}

	/** A cold feed of the decoded records. */
	@SuppressWarnings("unchecked")
	<T> Flux<T> flux() {
		return Flux.defer(() -> {
			Session session = new Session();
			return Flux.defer(session::connect).retryWhen(retry());
		}).map((record) -> (T) record);
	}

	/**
	 * Retries what may succeed later (429, 408, 5xx, I/O failures, a stream read failure
	 * the server reports) with the client's back-off; the count starts over after records
	 * arrived.
	 */
	private Retry retry() {
		TriggerRetrySettings settings = this.http.retrySettings();
		RetryBackoffSpec spec = Retry.backoff(settings.maxAttempts() - 1L, settings.minBackoff())
			.maxBackoff(settings.maxBackoff())
			.multiplier(settings.multiplier())
			.jitter(settings.jitter())
			.scheduler(this.http.scheduler())
			.transientErrors(true)
			.filter(RunDataStream::isRetryable)
			.onRetryExhaustedThrow((backoff, signal) -> signal.failure());
		return spec;
	}

	private static boolean isRetryable(Throwable failure) {
		if (failure instanceof TriggerApiException api) {
			int status = api.statusCode();
			return (status == 408 || status == 429 || status >= 500) && api.isRetryAdvised();
		}
		return failure instanceof TriggerTransportException;
	}

	/** One subscription: the resume cursor and the ids seen. */
	private final class Session {

		private @Nullable String lastEventId;

		private final Set<String> seen = new LinkedHashSet<>();

		Flux<Object> connect() {
			ApiCall<Object> call = ApiCall
				.to(Operation.REALTIME_STREAM, RunDataStream.this.runId, RunDataStream.this.streamKey)
				.header(HttpHeaders.ACCEPT, "text/event-stream")
				.header("Last-Event-ID", this.lastEventId)
				.reading((json, body, headers) -> body);
			return RunDataStream.this.http.stream(call, IDLE_TIMEOUT, (headers, events) -> {
				String version = headers.getFirst("X-Stream-Version");
				boolean v2 = version != null && version.strip().equalsIgnoreCase("v2");
				return events.concatMapIterable((event) -> v2 ? batch(event) : single(event), 1);
			});
		}

		/**
		 * A v1 event: its id is the cursor, its data one JSON record; an event whose id
		 * was seen already (a server replaying after a resume) is dropped.
		 */
		private List<Object> single(ServerSentEvent<String> event) {
			String id = event.id();
			if (id != null) {
				this.lastEventId = id;
			}
			String data = event.data();
			if (data == null || data.isEmpty() || (id != null && !remember(id))) {
				// A comment, such as the server's pings, or a repeat.
				return List.of();
			}
			JsonNode record = json(data);
			return record.isNull() ? List.of() : List.of(decode(record));
		}

		/** A v2 event: a batch of records. */
		private List<Object> batch(ServerSentEvent<String> event) {
			if ("error".equals(event.event())) {
				throw new TriggerTransportException(Operation.REALTIME_STREAM.observationName(),
						"the server could not read the stream (" + event.data() + ")", false, null);
			}
			if (!"batch".equals(event.event()) || event.data() == null) {
				return List.of();
			}
			JsonNode records = json(event.data()).path("records");
			List<Object> values = new ArrayList<>();
			for (JsonNode record : records) {
				JsonNode seq = record.path("seq_num");
				if (!seq.isMissingNode() && !seq.isNull()) {
					// Advanced for every record, skipped ones too.
					this.lastEventId = seq.asString();
				}
				JsonNode headers = record.path("headers");
				if (headers.path(0).path(0).isString() && headers.path(0).path(0).asString().isEmpty()) {
					// An S2 command record (trim, fence), not data.
					continue;
				}
				JsonNode body = record.path("body");
				JsonNode envelope = body.isString() ? json(body.asString()) : body;
				if (!envelope.isObject() || envelope.path("data").isNull() || envelope.path("data").isMissingNode()) {
					// A control record (empty body), one that is not an envelope, or no
					// data.
					continue;
				}
				JsonNode id = envelope.path("id");
				if (id.isString() && !remember(id.asString())) {
					continue;
				}
				values.add(decode(envelope.get("data")));
			}
			return values;
		}

		/** Remembers an id; false when it was seen already. */
		private boolean remember(String id) {
			if (!this.seen.add(id)) {
				return false;
			}
			if (this.seen.size() > SEEN_IDS) {
				Iterator<String> oldest = this.seen.iterator();
				oldest.next();
				oldest.remove();
			}
			return true;
		}

		/** JSON text, or the text itself as a JSON string when it is not JSON. */
		private JsonNode json(String text) {
			try {
				return WireJson.WIRE.readTree(text);
			}
			catch (JacksonException ex) {
				return WireJson.WIRE.getNodeFactory().stringNode(text);
			}
		}

		private Object decode(JsonNode data) {
			JsonValue value = RunDataStream.this.http.json()
				.read(Operation.REALTIME_STREAM.observationName(), WireJson.WIRE.writeValueAsBytes(data),
						JsonValue.class);
			Object decoded = RunDataStream.this.decoder.apply(value);
			if (decoded == null) {
				throw new IllegalStateException("a stream record decoded to null");
			}
			return decoded;
		}

	}

}
