package io.trigger4j.emulator;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The faults a client's suites inject: statuses with the headers the client decides by,
 * both rate limiters' 429s, broken bodies and slow ones; and the emulator's shutdown,
 * which leaves no client waiting.
 */
class FaultAnswersTests {

	private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

	private final ManualClock clock = new ManualClock(NOW);

	private final TriggerEmulator emulator = TriggerEmulator.builder()
		.clock(this.clock)
		.realtimeHoldTimeout(Duration.ofSeconds(30))
		.task("quick", (run) -> "done")
		.start();

	private final Http http = new Http(this.emulator);

	@AfterEach
	void stop() {
		this.emulator.stop();
	}

	private List<String> ids() {
		List<String> ids = new ArrayList<>();
		this.http.get("/api/v1/runs").json().get("data").forEach((run) -> ids.add(run.get("id").asString()));
		return ids;
	}

	private Http.Answer trigger() {
		return this.http.post("/api/v1/tasks/quick/trigger", "{\"payload\":{}}");
	}

	@Test
	void aStatusCarriesTheHeadersItWasGiven() {
		this.emulator.inject(Fault.status(503).withHeader("x-should-retry", "false"));
		this.emulator.inject(Fault.status(500).withHeader("X-Should-Retry", "true"));

		Http.Answer first = trigger();
		Http.Answer second = trigger();

		assertThat(first.status()).isEqualTo(503);
		assertThat(first.header("x-should-retry")).isEqualTo("false");
		assertThat(second.status()).isEqualTo(500);
		assertThat(second.header("x-should-retry")).isEqualTo("true");
		assertThat(ids()).isEmpty();
	}

	@Test
	void aReplacedAnswerCarriesTheHeadersItWasGiven() {
		this.emulator.inject(Fault.status(502).withHeader("x-should-retry", "true").afterServed());

		Http.Answer answer = trigger();

		assertThat(answer.status()).isEqualTo(502);
		assertThat(answer.header("x-should-retry")).isEqualTo("true");
		assertThat(ids()).hasSize(1);
	}

	@Test
	void theGeneralLimitersResetIsInEpochMilliseconds() {
		this.emulator.inject(Fault.rateLimited(Duration.ofSeconds(7)));

		Http.Answer answer = trigger();

		assertThat(answer.status()).isEqualTo(429);
		assertThat(answer.header("x-ratelimit-reset")).isEqualTo(Long.toString(NOW.plusSeconds(7).toEpochMilli()));
		assertThat(answer.header("x-ratelimit-remaining")).isEqualTo("0");
		assertThat(answer.header("retry-after")).isNull();
		assertThat(ids()).isEmpty();
	}

	@Test
	void theBatchLimitersResetIsInEpochSecondsWithRetryAfter() {
		this.emulator.inject(Fault.batchRateLimited(Duration.ofMillis(2500)).onPath("/api/v3/batches"));
		this.clock.advance(Duration.ofMinutes(1));

		Http.Answer answer = this.http.post("/api/v3/batches", "{\"runCount\":1}");

		assertThat(answer.status()).isEqualTo(429);
		assertThat(answer.header("x-ratelimit-reset"))
			.isEqualTo(Long.toString(NOW.plusSeconds(60).plusMillis(2500).getEpochSecond() + 1));
		assertThat(answer.header("retry-after")).isEqualTo("3");
	}

	@Test
	void aTruncatedBodyPromisesMoreThanItSendsAndCloses() {
		this.emulator.inject(Fault.truncatedBody());
		try (RawHttp connection = new RawHttp(this.emulator.port())) {
			connection.send("POST /api/v1/tasks/quick/trigger HTTP/1.1\r\nHost: l\r\nAuthorization: Bearer "
					+ this.emulator.secretKey() + "\r\nContent-Length: 14\r\n\r\n{\"payload\":{}}");
			RawHttp.Answer answer = connection.read();
			assertThat(answer.status()).isEqualTo(200);
			assertThat(answer.body().length()).as("half the promised body")
				.isEqualTo(Integer.parseInt(answer.header("content-length")) / 2);
			assertThat(connection.closedByPeer()).isTrue();
		}
		assertThat(ids()).as("the route did not run").isEmpty();
	}

	@Test
	void aTruncatedAnswerAfterTheServerActedFailsTheClientWithTheRunCreated() {
		this.emulator.inject(Fault.truncatedBody().afterServed());

		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(this::trigger);
		assertThat(ids()).hasSize(1);
	}

	@Test
	void aMalformedJsonBodyKeepsItsStatus() {
		this.emulator.inject(Fault.malformedJson());
		this.emulator.inject(Fault.malformedJson().afterServed());

		Http.Answer standIn = trigger();
		Http.Answer served = trigger();

		assertThat(standIn.status()).isEqualTo(200);
		assertThat(served.status()).isEqualTo(200);
		assertThat(served.header("content-type")).startsWith("application/json");
		assertThat(served.body()).startsWith("{\"id\":\"run_<html>");
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(served::json);
		assertThat(ids()).hasSize(1);
		assertThat(trigger().json().get("id").asString()).startsWith("run_");
	}

	@Test
	void aSlowBodySendsItsHeadersAtOnceAndItsBodyOverTheDuration() {
		this.emulator.inject(Fault.slowBody(Duration.ofMillis(600)));
		long started = System.nanoTime();

		Http.Answer answer = trigger();

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.json().get("id").asString()).startsWith("run_");
		assertThat(trigger().status()).as("the connection serves on").isEqualTo(200);
	}

	@Test
	void headersAreChecked() {
		assertThatIllegalArgumentException().isThrownBy(() -> Fault.status(503).withHeader("x y", "1"))
			.withMessage("header must be a token name and a printable ASCII value but was 'x y'");
		assertThatIllegalArgumentException().isThrownBy(() -> Fault.status(503).withHeader("x", "a\r\nb"));
		assertThatIllegalArgumentException().isThrownBy(() -> Fault.rateLimited(Duration.ofSeconds(-1)))
			.withMessage("after must not be negative but was PT-1S");
	}

	@Test
	void stoppingEndsHeldAndDelayedRequestsAtOnceAndFreesThePort() throws Exception {
		String id = trigger().json().get("id").asString();
		Http.Answer first = this.http.get("/realtime/v1/runs/" + id);
		CompletableFuture<Http.Answer> held = CompletableFuture
			.supplyAsync(() -> this.http.get("/realtime/v1/runs/" + id + "?live=true&offset="
					+ first.header("electric-chunk-last-offset") + "&handle=" + first.header("electric-shape-id")));
		this.emulator.inject(Fault.latency(Duration.ofSeconds(20)).onPath("/api/v1/tasks"));
		CompletableFuture<Http.Answer> delayed = CompletableFuture.supplyAsync(this::trigger);
		Thread.sleep(300);
		long started = System.nanoTime();

		this.emulator.stop();

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
		for (CompletableFuture<Http.Answer> request : List.of(held, delayed)) {
			assertThat(request).failsWithin(3, TimeUnit.SECONDS)
				.withThrowableThat()
				.withRootCauseInstanceOf(java.io.IOException.class);
		}
		try (java.net.ServerSocket reused = new java.net.ServerSocket(this.emulator.port(), 1,
				java.net.InetAddress.getLoopbackAddress())) {
			assertThat(reused.getLocalPort()).isEqualTo(this.emulator.port());
		}
		this.emulator.stop();
	}

}
