package io.trigger4j.emulator.api;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.BiFunction;

import io.trigger4j.emulator.engine.Engine;
import io.trigger4j.emulator.engine.EngineException;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.function.server.HandlerStrategies;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The HTTP face of the emulator: the served routes per resource, authentication and rate
 * limiting, the contract's other routes (501, 405) and every answer to bad input. A
 * request fails alone: whatever it sends, it gets an answer (a 4xx with the server's
 * error shape, or a 500 for a fault of the emulator), and the next request is served as
 * if it had not come.
 */
public final class EmulatorApi {

	private static final Logger logger = LoggerFactory.getLogger(EmulatorApi.class);

	private static final byte[] INTERNAL_ERROR = "{\"error\":\"Internal Server Error\"}".getBytes();

	private final ReactorHttpHandlerAdapter adapter;

	private final PacketUrls packetUrls;

	private final PacketHost packetHost;

	/**
	 * Builds the routes of every resource over one engine, behind one guard (the rate
	 * limit, then each route family's authentication).
	 * @param engine the state behind the routes
	 * @param clock the engine's clock, for the rate limiter
	 * @param secretKey the only key accepted, or {@code null} to accept any
	 * {@code tr_dev_} key
	 * @param rateLimit the token bucket ({@code capacity}, {@code refill} per
	 * {@code interval}), or {@code null} for no rate limit
	 */
	public EmulatorApi(Engine engine, Clock clock, @Nullable String secretKey, @Nullable RateLimit rateLimit) {
		TokenBucket bucket = (rateLimit != null)
				? new TokenBucket(clock, rateLimit.capacity(), rateLimit.refill(), rateLimit.interval()) : null;
		Guard guard = new Guard(clock, secretKey, bucket);
		this.packetUrls = new PacketUrls(engine);
		this.packetHost = new PacketHost(engine, this.packetUrls);
		PacketContents packets = new PacketContents(engine, this.packetUrls);
		RouterFunctions.Builder routes = RouterFunctions.route();
		new TaskRoutes(engine, guard, packets).register(routes);
		new RunRoutes(engine, guard, packets).register(routes);
		new ScheduleRoutes(engine, guard).register(routes);
		new EnvVarRoutes(engine, guard).register(routes);
		new QueueRoutes(engine, guard).register(routes);
		new DeploymentRoutes(engine, guard).register(routes);
		new WaitpointRoutes(engine, guard).register(routes);
		new BatchRoutes(engine, guard).register(routes);
		new QueryRoutes(engine, guard).register(routes);
		new RealtimeRoutes(engine, guard).register(routes);
		new StreamRoutes(engine, guard).register(routes);
		new IdempotencyKeyRoutes(engine, guard).register(routes);
		new PacketRoutes(this.packetUrls, guard).register(routes);
		new AuthRoutes(guard).register(routes);
		RouterFunction<ServerResponse> router = routes.route((request) -> true, ContractRoutes::unserved)
			.filter((request, next) -> {
				try {
					return next.handle(request).onErrorResume(EmulatorApi::answer);
				}
				catch (RuntimeException ex) {
					return answer(ex);
				}
			})
			.build();
		// Bodies up to the server's largest limit (3 MiB) must be read, not refused by
		// the codec's 256 KiB default.
		HandlerStrategies strategies = HandlerStrategies.builder()
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024))
			.build();
		HttpHandler handler = RouterFunctions.toHttpHandler(router, strategies);
		this.adapter = new ReactorHttpHandlerAdapter(handler);
	}

	/**
	 * A token bucket per bearer token.
	 *
	 * @param capacity the bucket's size
	 * @param refill tokens added per interval
	 * @param interval the refill interval
	 */
	public record RateLimit(long capacity, long refill, Duration interval) {
	}

	/**
	 * The contract's operations the emulator knows, as {@code METHOD /path operationId}:
	 * served ones, and those it answers with 501.
	 * @return the operations, one line each
	 */
	public static java.util.List<String> contractOperations() {
		return ContractRoutes.OPERATIONS.stream()
			.map((operation) -> operation.method().name() + " " + operation.path() + " " + operation.operationId())
			.toList();
	}

	/**
	 * The Reactor Netty handler of the packet host: the object store the presigned URLs
	 * of the packet routes point to, to be served on a port of its own (it takes no
	 * credential; each URL carries its signature and expiry).
	 * @return the handler, for {@code HttpServer.handle}
	 */
	public BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> packetHandler() {
		return this.packetHost::handle;
	}

	/**
	 * Where the packet host serves, such as {@code http://127.0.0.1:50124}; set once it
	 * is bound, before the API serves a packet route.
	 * @param baseUrl the packet host's base URL, without a trailing {@code /}
	 */
	public void packetBaseUrl(String baseUrl) {
		this.packetUrls.baseUrl(baseUrl);
	}

	/**
	 * {@return the Reactor Netty handler serving the API, for {@code HttpServer.handle}}
	 */
	public BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> handler() {
		return this::handle;
	}

	private Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
		if (!RequestTargets.isWellFormed(request.uri())) {
			return response.status(400)
				.header("Content-Type", "application/json; charset=utf-8")
				.sendString(Mono.just("{\"error\":\"Invalid URL\"}"))
				.then();
		}
		Mono<Void> served;
		try {
			served = this.adapter.apply(request, response);
		}
		catch (RuntimeException ex) {
			served = Mono.error(ex);
		}
		return served.onErrorResume((failure) -> {
			logger.warn("Unexpected failure answering {} {}", request.method(), request.path(), failure);
			if (response.hasSentHeaders()) {
				return Mono.empty();
			}
			return response.status(500)
				.header("Content-Type", "application/json; charset=utf-8")
				.sendByteArray(Mono.just(INTERNAL_ERROR))
				.then();
		});
	}

	/** The answer to a failure of a route: the 4xx it asks for, or a 500 for a fault. */
	private static Mono<ServerResponse> answer(Throwable failure) {
		if (failure instanceof ApiError error) {
			return Answers.error(error);
		}
		if (failure instanceof EngineException error) {
			return Answers.error(error);
		}
		if (failure instanceof AuthDenied) {
			return Answers.json(403, AuthDenied.body());
		}
		if (failure instanceof reactor.netty.channel.AbortedException) {
			// The connection closed while the route read its body (the client went away,
			// or the read timeout answered 408): nobody is left to answer.
			logger.debug("Connection closed before the route could answer", failure);
			return Mono.empty();
		}
		if (failure instanceof org.springframework.web.server.ResponseStatusException status
				&& status.getStatusCode().is4xxClientError()) {
			return Answers.json(status.getStatusCode().value(),
					Map.of("error", String.valueOf(status.getReason() != null ? status.getReason() : "Bad Request")));
		}
		logger.warn("Unexpected failure in a route", failure);
		return Answers.json(500, Map.of("error", "Internal Server Error"));
	}

}
