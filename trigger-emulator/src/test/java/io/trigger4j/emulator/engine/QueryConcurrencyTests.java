package io.trigger4j.emulator.engine;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.trigger4j.emulator.ManualClock;
import io.trigger4j.emulator.api.EmulatorApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * POST /api/v1/query while every query thread is busy: the next query is 429 at once and
 * the other routes still answer.
 */
class QueryConcurrencyTests {

	private static final String KEY = "tr_dev_queries";

	/** A trillion rows: never ends by itself, whatever the machine. */
	private static final String ENDLESS = "SELECT count(*) FROM SYSTEM_RANGE(1, 1000000) a, SYSTEM_RANGE(1, 1000000) b";

	private final ManualClock clock = new ManualClock(Instant.parse("2026-11-22T10:00:00Z"));

	private final Engine engine = new Engine(this.clock, List.of(), Duration.ofSeconds(10));

	private final DisposableServer server = HttpServer.create()
		.host("127.0.0.1")
		.port(0)
		.handle(new EmulatorApi(this.engine, this.clock, KEY, null).handler())
		.bindNow();

	private final HttpClient client = HttpClient.newHttpClient();

	@AfterEach
	void stop() {
		this.engine.queries().cancelAll();
		this.server.disposeNow(Duration.ofSeconds(5));
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.server.port() + path))
			.header("Authorization", "Bearer " + KEY)
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(30));
	}

	private CompletableFuture<HttpResponse<String>> query(String sql) {
		String body = "{\"query\":\"" + sql + "\"}";
		return this.client.sendAsync(request("/api/v1/query").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void theQueryAfterTheLimitIs429AtOnceWhileOtherRoutesAnswer() throws Exception {
		this.engine.queries().timeout(Duration.ofSeconds(60));
		this.engine.queries().memoryBudget(Long.MAX_VALUE);
		List<CompletableFuture<HttpResponse<String>>> runaways = new ArrayList<>();
		for (int i = 0; i < QuerySandbox.MAX_CONCURRENT; i++) {
			runaways.add(query(ENDLESS));
		}
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (this.engine.queries().running() < QuerySandbox.MAX_CONCURRENT) {
			assertThat(System.nanoTime()).as("both queries running").isLessThan(deadline);
			Thread.sleep(5);
		}

		HttpResponse<String> refused = query("SELECT 1").get();
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.body()).isEqualTo("{\"error\":\"You've exceeded your query concurrency of 2 for this "
				+ "project. Please try again later.\"}");
		HttpResponse<String> runs = this.client.send(request("/api/v1/runs").GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(runs.statusCode()).as(runs.body()).isEqualTo(200);
		assertThat(runaways).allMatch((runaway) -> !runaway.isDone());

		this.engine.queries().cancelAll();
		for (CompletableFuture<HttpResponse<String>> runaway : runaways) {
			assertThat(runaway.get().statusCode()).isEqualTo(400);
		}
		while (this.engine.queries().running() > 0) {
			assertThat(System.nanoTime()).as("the cancelled queries end").isLessThan(deadline);
			Thread.sleep(5);
		}
		HttpResponse<String> next = query("SELECT count() AS n FROM runs").get();
		assertThat(next.body()).isEqualTo("{\"format\":\"json\",\"results\":[{\"n\":0}]}");
	}

}
