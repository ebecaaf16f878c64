package io.trigger4j.emulator;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every state a connection can be left in by one request (a header too large for the
 * codec, a request the codec cannot decode, a fault after the answer, a read timeout
 * armed around an answer, pipelined requests) answers that request and leaves the next
 * one, on the same connection or a new one, served.
 */
class ConnectionGuardTests {

	private final List<TriggerEmulator> started = new ArrayList<>();

	private final TriggerEmulator emulator = start(TriggerEmulator.builder().readTimeout(Duration.ofMillis(400)));

	@AfterEach
	void stop() {
		this.started.forEach(TriggerEmulator::stop);
	}

	private TriggerEmulator start(TriggerEmulator.Builder builder) {
		TriggerEmulator started = builder.clock(new ManualClock(Instant.parse("2026-11-22T10:00:00Z")))
			.task("quick", (run) -> "done")
			.start();
		this.started.add(started);
		return started;
	}

	private String get(String path, String... headers) {
		return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + this.emulator.secretKey()
				+ "\r\nx-trigger-api-version: " + Http.CURRENT + "\r\n" + String.join("", headers) + "\r\n";
	}

	private String trigger() {
		String body = "{\"payload\":{}}";
		return "POST /api/v1/tasks/quick/trigger HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
				+ this.emulator.secretKey() + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
				+ "\r\n\r\n" + body;
	}

	private void servedOnANewConnection() {
		try (RawHttp connection = new RawHttp(this.emulator.port())) {
			assertThat(connection.exchange(trigger()).status()).isEqualTo(200);
			assertThat(connection.exchange(get("/api/v1/runs")).status()).isEqualTo(200);
		}
	}

	@ParameterizedTest
	@ValueSource(ints = { 1_000, 6_000, 7_900 })
	void aLargeHeaderUnderTheLimitIsServedAndTheConnectionStaysUsable(int size) {
		try (RawHttp connection = new RawHttp(this.emulator.port())) {
			RawHttp.Answer answer = connection.exchange(get("/api/v1/runs", "X-Large: " + "a".repeat(size) + "\r\n"));
			assertThat(answer.status()).isEqualTo(200);
			assertThat(answer.closes()).isFalse();

			assertThat(connection.exchange(trigger()).status()).isEqualTo(200);
			assertThat(connection.exchange(get("/api/v1/runs")).status()).isEqualTo(200);
		}
		servedOnANewConnection();
	}

	@ParameterizedTest
	@ValueSource(ints = { 9_000, 70_000, 1_000_000 })
	void aHeaderOverTheLimitIsAnswered431AndTheConnectionClosed(int size) {
		try (RawHttp connection = new RawHttp(this.emulator.port())) {
			RawHttp.Answer answer = connection.exchange(get("/api/v1/runs", "X-Large: " + "a".repeat(size) + "\r\n"));
			assertThat(answer.status()).isEqualTo(431);
			assertThat(answer.closes()).isTrue();
			assertThat(connection.closedByPeer()).isTrue();
		}
		servedOnANewConnection();
	}

	@Test
	void aHeaderOverTheLimitAfterAServedRequestOnAKeptAliveConnectionIsAnswered431() {
		try (RawHttp connection = new RawHttp(this.emulator.port())) {
			assertThat(connection.exchange(get("/api/v1/runs")).status()).isEqualTo(200);
			assertThat(connection.exchange(get("/api/v1/runs", "X-Large: " + "a".repeat(9000) + "\r\n")).status())
				.isEqualTo(431);
			assertThat(connection.closedByPeer()).isTrue();
		}
		servedOnANewConnection();
	}

	@ParameterizedTest
	@ValueSource(strings = { "GET /api/v1/runs HTTP/1.1\r\nHost: l\r\nBad Header: x\r\n\r\n",
			"POST /api/v1/tasks/quick/trigger HTTP/1.1\r\nHost: l\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\n{}\r\n0\r\n\r\n",
			"POST /api/v1/tasks/quick/trigger HTTP/1.1\r\nHost: l\r\nContent-Length: -5\r\n\r\n{}",
			"GET /api/v1/runs HTTP/9.9\r\nHost: l\r\n\r\n", "\u0001\u0002\u0003 garbage\r\n\r\n" })
	void aRequestTheCodecCannotDecodeIsAnsweredAndTheNextConnectionServed(String request) {
		try (RawHttp connection = new RawHttp(this.emulator.port())) {
			assertThat(connection.exchange(get("/api/v1/runs")).status()).isEqualTo(200);
			RawHttp.Answer answer = connection.exchange(request);
			assertThat(answer.status()).isBetween(400, 499);
			if (answer.closes()) {
				assertThat(connection.closedByPeer()).isTrue();
			}
		}
		servedOnANewConnection();
	}

	@Test
	void aKeptAliveConnectionIdleLongerThanTheReadTimeoutIsServedAgain() throws InterruptedException {
		try (RawHttp connection = new RawHttp(this.emulator.port())) {
			assertThat(connection.exchange(trigger()).status()).isEqualTo(200);
			// Idle between requests is not timed: wait past the 400 ms read timeout.
			Thread.sleep(700);
			assertThat(connection.exchange(get("/api/v1/runs")).status()).isEqualTo(200);
			Thread.sleep(700);
			assertThat(connection.exchange(trigger()).status()).isEqualTo(200);
		}
	}

	@Test
	void pipelinedRequestsAreAnsweredInOrder() {
		try (RawHttp connection = new RawHttp(this.emulator.port())) {
			connection.send(trigger() + get("/api/v1/runs") + trigger() + get("/api/v3/runs/run_nothing"));
			assertThat(connection.read().status()).isEqualTo(200);
			assertThat(connection.read().status()).isEqualTo(200);
			assertThat(connection.read().status()).isEqualTo(200);
			assertThat(connection.read().status()).isEqualTo(404);
			assertThat(connection.exchange(get("/api/v1/runs")).status()).isEqualTo(200);
		}
	}

	/**
	 * A request asking to close that arrives while the previous answer is still pending
	 * (here pipelined; in the garbage suite, one sent right after an answer, before
	 * Reactor Netty had ended that exchange): Reactor Netty 1.3.8 buffers it and never
	 * serves it.
	 */
	@Test
	void aRequestAskingToCloseAfterAPendingOneIsAnsweredThenTheConnectionCloses() {
		try (RawHttp connection = new RawHttp(this.emulator.port())) {
			connection.send(trigger() + get("/api/v3/runs/run_nothing", "Connection: close\r\n") + get("/api/v1/runs"));
			assertThat(connection.read().status()).isEqualTo(200);
			RawHttp.Answer last = connection.read();
			assertThat(last.status()).isEqualTo(404);
			assertThat(last.closes()).isTrue();
			assertThat(connection.closedByPeer()).isTrue();
		}
		servedOnANewConnection();
	}

	@Test
	void anHttp10RequestWithoutKeepAliveAfterAPendingOneIsAnsweredThenTheConnectionCloses() {
		try (RawHttp connection = new RawHttp(this.emulator.port())) {
			connection.send(trigger() + "GET /api/v1/runs HTTP/1.0\r\nAuthorization: Bearer "
					+ this.emulator.secretKey() + "\r\n\r\n");
			assertThat(connection.read().status()).isEqualTo(200);
			RawHttp.Answer last = connection.read();
			assertThat(last.status()).isEqualTo(200);
			assertThat(last.closes()).isTrue();
			assertThat(connection.closedByPeer()).isTrue();
		}
	}

	@Test
	void aRequestAskingToCloseWhoseBodyArrivesAfterItsAnswerBeganIsAnsweredOnce() {
		try (RawHttp connection = new RawHttp(this.emulator.port())) {
			assertThat(connection.exchange(trigger()).status()).isEqualTo(200);
			connection.send("POST /api/v1/runs HTTP/1.1\r\nHost: l\r\nAuthorization: Bearer "
					+ this.emulator.secretKey() + "\r\nConnection: close\r\nContent-Length: 2\r\n\r\n");
			RawHttp.Answer answer = connection.send("{}").read();
			assertThat(answer.status()).isEqualTo(405);
			assertThat(answer.closes()).isTrue();
			assertThat(connection.closedByPeer()).isTrue();
		}
	}

	@Test
	void aLateAnswerFaultLeavesTheConnectionUsable() {
		this.emulator.inject(Fault.latency(Duration.ofMillis(100)).afterServed());
		try (RawHttp connection = new RawHttp(this.emulator.port())) {
			assertThat(connection.exchange(trigger()).status()).isEqualTo(200);
			assertThat(connection.exchange(trigger()).status()).isEqualTo(200);
			assertThat(connection.exchange(get("/api/v1/runs")).status()).isEqualTo(200);
		}
	}

	@Test
	void aReplacedAnswerClosesItsConnectionAndTheNextConnectionIsServed() {
		this.emulator.inject(Fault.status(502).afterServed());
		try (RawHttp connection = new RawHttp(this.emulator.port())) {
			RawHttp.Answer answer = connection.exchange(trigger());
			assertThat(answer.status()).isEqualTo(502);
			assertThat(answer.closes()).isTrue();
			assertThat(connection.closedByPeer()).isTrue();
		}
		servedOnANewConnection();
	}

	@Test
	void aLostAnswerClosesItsConnectionAndTheNextConnectionIsServed() {
		this.emulator.inject(Fault.drop().afterServed());
		try (RawHttp connection = new RawHttp(this.emulator.port())) {
			assertThat(connection.exchange(trigger()).status()).isEqualTo(RawHttp.Answer.CLOSED);
		}
		servedOnANewConnection();
	}

	@Test
	void aFaultBeforeTheRouteLeavesTheConnectionUsable() {
		this.emulator.inject(Fault.status(503).times(2));
		try (RawHttp connection = new RawHttp(this.emulator.port())) {
			assertThat(connection.exchange(trigger()).status()).isEqualTo(503);
			assertThat(connection.exchange(get("/api/v1/runs")).status()).isEqualTo(503);
			assertThat(connection.exchange(get("/api/v1/runs")).status()).isEqualTo(200);
		}
	}

	@Test
	void aRequestStalledAfterAServedOneOnTheSameConnectionIsAnswered408() {
		try (RawHttp connection = new RawHttp(this.emulator.port())) {
			assertThat(connection.exchange(trigger()).status()).isEqualTo(200);
			RawHttp.Answer answer = connection.exchange("GET /api/v1/runs HTTP/1.1\r\nHost: loc");
			assertThat(answer.status()).isEqualTo(408);
			assertThat(connection.closedByPeer()).isTrue();
		}
		servedOnANewConnection();
	}

	@Test
	void theJdkClientGetsEveryAnswerOverLargeHeadersRepeatedly() {
		Http http = new Http(this.emulator);
		for (int i = 0; i < 30; i++) {
			for (int size : new int[] { 6000, 9000, 70_000 }) {
				Http.Answer answer = Http
					.send(HttpRequest.newBuilder(URI.create(this.emulator.baseUrl() + "/api/v1/runs?i=" + i))
						.header("Authorization", "Bearer " + "t".repeat(size))
						.header("x-trigger-api-version", Http.CURRENT)
						.GET());
				assertThat(answer.status()).isIn(401, 431);
			}
			assertThat(http.get("/api/v1/runs").status()).isEqualTo(200);
		}
	}

	@Test
	void requestsWithAnUnknownMethodAreAnsweredAndClosedWhenAsked() throws Exception {
		java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newFixedThreadPool(4);
		List<java.util.concurrent.Future<?>> done = new ArrayList<>();
		for (int w = 0; w < 4; w++) {
			done.add(workers.submit(this::unknownMethods));
		}
		for (java.util.concurrent.Future<?> each : done) {
			each.get(60, java.util.concurrent.TimeUnit.SECONDS);
		}
		workers.shutdownNow();
	}

	private void unknownMethods() {
		for (int i = 0; i < 300; i++) {
			String path = (i % 2 == 0) ? "/api/v1/waitpoints/tokens" : "/realtime/v1/runs/run_abc";
			try (RawHttp connection = new RawHttp(this.emulator.port())) {
				RawHttp.Answer answer = connection
					.exchange("BREW " + path + " HTTP/1.1\r\nHost: l\r\nAuthorization: Bearer "
							+ this.emulator.secretKey() + "\r\nConnection: close\r\n\r\n");
				assertThat(answer.status()).as("request %d: %s", i, answer.headers()).isBetween(400, 499);
				assertThat(connection.closedByPeer()).isTrue();
			}
		}
	}

}
