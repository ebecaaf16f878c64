package io.trigger4j.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import io.trigger4j.emulator.api.EmulatorApi;
import io.trigger4j.emulator.engine.Engine;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.JsonNode;

/**
 * An emulator whose engine the test configures (short realtime hold timeouts), on a
 * manual clock, with plain HTTP requests, some sent without waiting for the answer.
 */
final class RealtimeFixture implements AutoCloseable {

	static final String KEY = "tr_dev_realtimetests0000000";

	private static final HttpClient CLIENT = HttpClient.newHttpClient();

	final ManualClock clock = new ManualClock(Instant.parse("2026-11-22T10:00:00Z"));

	final Engine engine;

	private final DisposableServer server;

	RealtimeFixture(Duration holdTimeout, EmulatedTask... tasks) {
		AtomicReference<Engine> built = new AtomicReference<>();
		this.engine = new Engine(this.clock,
				List.of(tasks).stream().map((task) -> TaskSteps.spec(task, built::get)).toList(),
				Duration.ofSeconds(5));
		built.set(this.engine);
		this.engine.runChanges().holdTimeout(holdTimeout);
		this.engine.runChanges().tickInterval(Duration.ofMillis(10));
		this.engine.runChanges().streamInactivityTimeout(holdTimeout);
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle(new EmulatorApi(this.engine, this.clock, KEY, null).handler())
			.bindNow();
	}

	record Answer(int status, java.net.http.HttpHeaders headers, String body) {

		JsonNode json() {
			return EmulatorJson.MAPPER.readTree(this.body);
		}

		String header(String name) {
			return this.headers.firstValue(name).orElse(null);
		}

	}

	HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.server.port() + path))
			.header("Authorization", "Bearer " + KEY)
			.header("x-trigger-api-version", "2025-07-16")
			.header("x-trigger-electric-version", "1.0.0-beta.1")
			.timeout(Duration.ofSeconds(20));
	}

	Answer get(String path) {
		return join(send(request(path).GET()));
	}

	Answer post(String path, String json) {
		return join(send(request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))));
	}

	/** Sends without waiting for the answer. */
	CompletableFuture<Answer> send(HttpRequest.Builder request) {
		return CLIENT.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
			.thenApply((response) -> new Answer(response.statusCode(), response.headers(), response.body()));
	}

	String trigger(String task, String body) {
		Answer answer = post("/api/v1/tasks/" + task + "/trigger", body);
		if (answer.status() != 200) {
			throw new IllegalStateException(answer.body());
		}
		return answer.json().get("id").asString();
	}

	/** Waits (at most 5 s) until so many realtime requests are held by the engine. */
	void awaitHeld(int count) {
		awaitTrue(() -> this.engine.runChanges().watching() >= count, "held requests: " + count);
	}

	static void awaitTrue(BooleanSupplier condition, String what) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("timed out waiting for " + what);
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
		}
	}

	static Answer join(CompletableFuture<Answer> answer) {
		try {
			return answer.get(20, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (java.util.concurrent.ExecutionException ex) {
			if (ex.getCause() instanceof IOException io) {
				throw new UncheckedIOException(io);
			}
			throw new IllegalStateException(ex.getCause());
		}
		catch (java.util.concurrent.TimeoutException ex) {
			throw new AssertionError("no answer within 20 s", ex);
		}
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

}
