package io.trigger4j.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;

/**
 * A loopback server answering as the Trigger.dev API does, with bytes fixed up front or
 * generated from a template, so that it costs the same for every contender: {@code POST
 * /api/v1/tasks/{id}/trigger} (200 and {@code {"id":"run_..."}} with the real server's
 * headers), {@code GET /api/v1/runs} (pages of 100 of {@link #listTotal(long)} runs, with
 * cursors) and {@code GET /api/v3/runs/{id}}. It can capture the next trigger request it
 * receives, so that baselines replay trigger4j's exact bytes. Its event-loop threads are
 * named {@value #THREAD_PREFIX}..., so that measurements can leave them out.
 */
public final class StubServer implements AutoCloseable {

	/** The name prefix of the server's threads. */
	public static final String THREAD_PREFIX = "bench-stub";

	/**
	 * The key every benchmark's client sends (the stub and the benchmarks' emulator
	 * accept any): not a real key.
	 */
	public static final String SECRET_KEY = "tr_dev_stub";

	private static final String JSON = "application/json; charset=utf-8";

	private static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjbTV4MHkxejIwMDAwYWIxMmNkMzRlZjU2IiwicHViIjp0cnVlfQ."
			+ "c2lnbmF0dXJlLW9mLXRoZS1iZW5jaG1hcmstc3R1Yg";

	private static final String JWT_CLAIMS = "{\"sub\":\"cm5x0y1z20000ab12cd34ef56\",\"pub\":true,\"scopes\":"
			+ "[\"read:runs:run_06g27kcm0cv5e0ojs9ovnvj7e1\",\"write:inputStreams:run_06g27kcm0cv5e0ojs9ovnvj7e1\"]}";

	private final byte[] triggerBody = RunBodies.trigger();

	private final byte[] retrieveBody = RunBodies.retrieve();

	/** A rate-limit reset a day ahead, as epoch milliseconds, with budget left. */
	private final String rateLimitReset = Long.toString(Instant.now().plusSeconds(86_400).toEpochMilli());

	private final AtomicReference<CapturedRequest> captured = new AtomicReference<>();

	private volatile boolean capturing;

	private volatile long listTotal = 1_000;

	private final LoopResources loops;

	private final DisposableServer server;

	private StubServer() {
		this.loops = LoopResources.create(THREAD_PREFIX, 2, true);
		this.server = HttpServer.create().host("127.0.0.1").port(0).runOn(this.loops).handle(this::handle).bindNow();
	}

	/**
	 * Starts a server on a free loopback port.
	 * @return the started server
	 */
	public static StubServer start() {
		return new StubServer();
	}

	/**
	 * The base URL to give a client.
	 * @return {@code http://127.0.0.1:<port>}
	 */
	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.port();
	}

	/**
	 * Sets how many runs {@code GET /api/v1/runs} lists in all, from the next first page.
	 * @param totalRuns the runs listed
	 */
	public void listTotal(long totalRuns) {
		this.listTotal = totalRuns;
	}

	/**
	 * Captures the next trigger request received, once.
	 * @param send sends the request to capture
	 * @return the request as it arrived
	 */
	public CapturedRequest capture(Runnable send) {
		this.captured.set(null);
		this.capturing = true;
		try {
			send.run();
		}
		finally {
			this.capturing = false;
		}
		CapturedRequest request = this.captured.get();
		if (request == null) {
			throw new IllegalStateException("no trigger request arrived while capturing");
		}
		return request;
	}

	private Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
		String uri = request.uri();
		if (request.method().name().equals("POST") && uri.startsWith("/api/v1/tasks/") && uri.endsWith("/trigger")) {
			return request.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0]).flatMap((body) -> {
				if (this.capturing) {
					this.captured.compareAndSet(null, CapturedRequest.of(request, body));
				}
				return answer(response, this.triggerBody).then();
			});
		}
		if (request.method().name().equals("GET") && uri.startsWith("/api/v1/runs")) {
			QueryStringDecoder query = new QueryStringDecoder(uri);
			List<String> after = query.parameters().get("page[after]");
			int page = RunBodies.pageOf((after != null) ? after.get(0) : null);
			return request.receive().then(answer(response, RunBodies.page(page, this.listTotal)).then());
		}
		if (request.method().name().equals("GET") && uri.startsWith("/api/v3/runs/")) {
			return request.receive().then(answer(response, this.retrieveBody).then());
		}
		return response.status(HttpResponseStatus.NOT_FOUND)
			.header("content-type", JSON)
			.sendString(Mono.just("{\"error\":\"Not found\"}"));
	}

	private reactor.netty.NettyOutbound answer(HttpServerResponse response, byte[] body) {
		response.status(HttpResponseStatus.OK)
			.header("content-type", JSON)
			.header("content-length", Integer.toString(body.length))
			.header("x-ratelimit-limit", "750")
			.header("x-ratelimit-remaining", "749")
			.header("x-ratelimit-reset", this.rateLimitReset);
		if (body == this.triggerBody) {
			response.header("x-trigger-jwt", JWT).header("x-trigger-jwt-claims", JWT_CLAIMS);
		}
		return response.sendByteArray(Mono.just(body));
	}

	@Override
	public void close() {
		this.server.disposeNow();
		this.loops.disposeLater().block();
	}

	/**
	 * A request as the server received it.
	 *
	 * @param method the method
	 * @param uri the path and query
	 * @param headers the headers in the order received
	 * @param body the body
	 */
	public record CapturedRequest(String method, String uri, List<Map.Entry<String, String>> headers, byte[] body) {

		static CapturedRequest of(HttpServerRequest request, byte[] body) {
			List<Map.Entry<String, String>> headers = new ArrayList<>();
			request.requestHeaders().forEach((header) -> headers.add(Map.entry(header.getKey(), header.getValue())));
			return new CapturedRequest(request.method().name(), request.uri(), List.copyOf(headers), body);
		}

		/**
		 * The headers a baseline sends itself: all but those its transport sets
		 * ({@code host}, {@code content-length}), with the same values.
		 * @return the headers to replay
		 */
		public List<Map.Entry<String, String>> replayedHeaders() {
			return this.headers.stream()
				.filter((header) -> !header.getKey().equalsIgnoreCase("host")
						&& !header.getKey().equalsIgnoreCase("content-length"))
				.toList();
		}

		/**
		 * The body as text.
		 * @return the body, UTF-8
		 */
		public String bodyText() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

	}

}
