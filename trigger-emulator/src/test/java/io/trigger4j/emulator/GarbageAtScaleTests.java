package io.trigger4j.emulator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The size: 10,000 seeded garbage requests over four raw connections at a time,
 * kept alive where they can be (random bytes, huge headers, invalid UTF-8, absurd
 * numbers, broken targets, broken framing, requests that stop arriving), with a 200 ms
 * read timeout. Per category: each request gets an HTTP answer that is not a 5xx, none is
 * closed without one (a request that stops arriving is answered 408, then closed),
 * kept-alive connections serve the next request, and the emulator serves as before
 * afterwards.
 */
class GarbageAtScaleTests {

	private static final int REQUESTS = 10_000;

	private static final String[] PATHS = { "/api/v1/tasks/hello-world/trigger", "/api/v1/tasks/batch",
			"/api/v1/tasks/hello-world/batch", "/api/v3/batches", "/api/v1/runs", "/api/v3/runs/run_abc",
			"/api/v2/runs/run_abc/cancel", "/api/v1/runs/run_abc/tags", "/api/v1/schedules", "/api/v1/queues",
			"/api/v1/waitpoints/tokens", "/api/v1/query", "/api/v1/projects/proj_x/envvars/dev",
			"/api/v1/deployments/latest", "/realtime/v1/runs/run_abc", "/api/v1/idempotencyKeys/k/reset" };

	private static final String[] NUMBERS = { "1e400", "-1e400", "1e999999999", "-0", "99999999999999999999999999999",
			"9223372036854775808", "-9223372036854775809", "0.0000000000000000000000000001", "1E-999999999",
			"123456789012345678901234567890.5" };

	private static final String[] FIELDS = { "ttl", "delay", "maxAttempts", "priority", "idempotencyKeyTTL",
			"maxDuration", "concurrencyKey", "queue", "tags", "metadata", "machine", "runCount", "limit" };

	private static final String[] CATEGORIES = { "random bytes", "huge headers", "invalid UTF-8", "absurd numbers",
			"broken target", "broken framing", "stalled headers", "stalled body" };

	private final ManualClock clock = new ManualClock(java.time.Instant.parse("2026-11-22T10:00:00Z"));

	private final TriggerEmulator emulator = TriggerEmulator.builder()
		.clock(this.clock)
		.readTimeout(Duration.ofMillis(200))
		.task("hello-world", (run) -> Map.of("greeting", "Hello, " + run.payloadAsMap().get("name") + "!"))
		.start();

	private final Http http = new Http(this.emulator);

	@org.junit.jupiter.api.AfterEach
	void stop() {
		this.emulator.stop();
	}

	/** A category's tally: answers by status, and what went wrong. */
	private record Tally(Map<Integer, Integer> statuses, List<String> failures) {
	}

	@Test
	void tenThousandGarbageRequestsOverFourConnectionsAreEachAnsweredWithoutA5xx() throws Exception {
		garbage(REQUESTS, 4);
	}

	private void garbage(int requests, int connections) throws Exception {
		Map<String, Tally> tallies = new TreeMap<>();
		for (String category : CATEGORIES) {
			tallies.put(category, new Tally(new TreeMap<>(), new ArrayList<>()));
		}
		java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newFixedThreadPool(connections);
		List<java.util.concurrent.Future<?>> done = new ArrayList<>();
		for (int w = 0; w < connections; w++) {
			int worker = w;
			done.add(workers.submit(() -> garbageOn(new Random(14 + worker), requests / connections, tallies)));
		}
		try {
			for (java.util.concurrent.Future<?> each : done) {
				each.get(3, java.util.concurrent.TimeUnit.MINUTES);
			}
		}
		finally {
			workers.shutdownNow();
		}

		int total = 0;
		for (Map.Entry<String, Tally> tally : tallies.entrySet()) {
			int answered = tally.getValue().statuses().values().stream().mapToInt(Integer::intValue).sum();
			total += answered + tally.getValue().failures().size();
			assertThat(answered).as(tally.getKey()).isPositive();
			assertThat(tally.getValue().failures()).as("%s: statuses %s", tally.getKey(), tally.getValue().statuses())
				.isEmpty();
		}
		assertThat(total).isEqualTo(requests);
		// A request stalled in its headers is answered by the read timeout; one stalled
		// in its body by its route, when the route answers without reading the body.
		assertThat(tallies.get("stalled headers").statuses()).containsOnlyKeys(408);
		assertThat(tallies.get("stalled body").statuses()).containsKey(408)
			.allSatisfy((status, count) -> assertThat(status).isBetween(400, 499));

		String id = this.http.post("/api/v1/tasks/hello-world/trigger", "{\"payload\":{\"name\":\"after\"}}")
			.json()
			.get("id")
			.asString();
		assertThat(this.http.get("/api/v3/runs/" + id).json().get("output").get("greeting").asString())
			.isEqualTo("Hello, after!");
		assertThat(this.http.get("/api/v1/runs").json().get("data").get(0).get("id").asString()).isEqualTo(id);
	}

	/** One connection's share: kept alive while the answers allow it. */
	private void garbageOn(Random random, int count, Map<String, Tally> tallies) {
		RawHttp connection = null;
		String previous = "none";
		try {
			for (int i = 0; i < count; i++) {
				int category = category(random);
				byte[] request = garbage(random, category);
				if (connection == null) {
					connection = new RawHttp(this.emulator.port());
					previous = "new connection";
				}
				RawHttp.Answer answer = connection.send(request).read();
				String failure = null;
				if (answer.status() == RawHttp.Answer.HELD) {
					failure = "no answer within " + RawHttp.READ_TIMEOUT_MILLIS + " ms (" + answer.body() + ") after "
							+ previous;
				}
				else if (answer.status() == RawHttp.Answer.CLOSED) {
					failure = "closed without an answer";
				}
				else if (answer.status() >= 500) {
					failure = answer.status() + " " + answer.body();
				}
				Tally tally = tallies.get(CATEGORIES[category]);
				synchronized (tally) {
					if (failure != null) {
						tally.failures()
							.add(failure + " for " + new String(request, 0, Math.min(request.length, 200),
									StandardCharsets.ISO_8859_1));
					}
					else {
						tally.statuses().merge(answer.status(), 1, Integer::sum);
					}
				}
				previous = CATEGORIES[category] + " answered " + answer.status();
				if (failure != null || answer.closes() || category != 2 && category != 3) {
					// Kept alive only after well-framed requests answered without a
					// close.
					connection.close();
					connection = null;
				}
			}
		}
		finally {
			if (connection != null) {
				connection.close();
			}
		}
	}

	/**
	 * Mostly requests that keep their connection; a few that stall (each takes 200 ms).
	 */
	private static int category(Random random) {
		int draw = random.nextInt(1000);
		if (draw < 8) {
			return (draw < 3) ? 7 : 6;
		}
		return (draw < 300) ? 2 + random.nextInt(2) : random.nextInt(6);
	}

	private byte[] garbage(Random random, int category) {
		String path = PATHS[random.nextInt(PATHS.length)];
		String auth = "Authorization: Bearer " + this.emulator.secretKey() + "\r\n";
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		switch (category) {
			case 0 -> {
				// Random bytes, then the end of a header block.
				byte[] bytes = new byte[1 + random.nextInt(2000)];
				random.nextBytes(bytes);
				out.writeBytes(bytes);
				out.writeBytes("\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
			}
			case 1 -> {
				// A huge header, or very many.
				StringBuilder headers = new StringBuilder();
				if (random.nextBoolean()) {
					headers.append("X-Huge: ").append("a".repeat(1000 + random.nextInt(100_000))).append("\r\n");
				}
				else {
					for (int h = 0, n = 100 + random.nextInt(2000); h < n; h++) {
						headers.append("X-H").append(h).append(": v\r\n");
					}
				}
				out.writeBytes(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + auth + headers
						+ "Connection: close\r\n\r\n")
					.getBytes(StandardCharsets.ISO_8859_1));
			}
			case 2 -> {
				// A JSON body with invalid UTF-8 in its strings.
				ByteArrayOutputStream body = new ByteArrayOutputStream();
				body.writeBytes("{\"payload\":{\"name\":\"".getBytes(StandardCharsets.US_ASCII));
				byte[] bad = new byte[1 + random.nextInt(50)];
				random.nextBytes(bad);
				for (int b = 0; b < bad.length; b++) {
					bad[b] = (byte) (bad[b] | 0x80);
				}
				body.writeBytes(bad);
				body.writeBytes("\"},\"options\":{\"queue\":\"q".getBytes(StandardCharsets.US_ASCII));
				body.writeBytes(new byte[] { (byte) 0xC3, (byte) 0x28, (byte) 0xED, (byte) 0xA0, (byte) 0x80 });
				body.writeBytes("\"}}".getBytes(StandardCharsets.US_ASCII));
				post(out, path, auth, body.toByteArray());
			}
			case 3 -> {
				// Absurd numbers where numbers, strings or objects are expected.
				StringBuilder options = new StringBuilder();
				for (int f = 0, n = 1 + random.nextInt(4); f < n; f++) {
					options.append((f == 0) ? "" : ",")
						.append('"')
						.append(FIELDS[random.nextInt(FIELDS.length)])
						.append("\":")
						.append(NUMBERS[random.nextInt(NUMBERS.length)]);
				}
				String number = NUMBERS[random.nextInt(NUMBERS.length)];
				String body = "{\"payload\":" + number + ",\"runCount\":" + number
						+ ",\"items\":[{\"task\":\"hello-world\",\"options\":{" + options + "}}],\"options\":{"
						+ options + "},\"limit\":" + number + "}";
				post(out, path, auth, body.getBytes(StandardCharsets.US_ASCII));
			}
			case 4 -> {
				// A broken target: bad escapes, control and non-ASCII bytes, a huge
				// query.
				String[] targets = { path + "?page[size]=" + NUMBERS[random.nextInt(NUMBERS.length)], path + "%ZZ%",
						path + "/%00%ff%c3%28", path + "?" + "x=1&".repeat(5000), "/api/v3/runs/" + "r".repeat(20_000),
						"*", "http://other.example/api/v1/runs", "/../../etc/passwd", path + "\u00e9\u00ff" };
				out.writeBytes(("GET " + targets[random.nextInt(targets.length)] + " HTTP/1.1\r\nHost: localhost\r\n"
						+ auth + "Connection: close\r\n\r\n")
					.getBytes(StandardCharsets.ISO_8859_1));
			}
			case 6 -> {
				// A request that stops arriving in its headers.
				String[] requests = { "GET " + path + " HTTP/1.1\r\nHost: l\r\nAuthor", "GET " + path };
				out.writeBytes(requests[random.nextInt(requests.length)].getBytes(StandardCharsets.ISO_8859_1));
			}
			case 7 -> {
				// A request that stops arriving in its body.
				out.writeBytes(("POST " + path + " HTTP/1.1\r\nHost: l\r\n" + auth
						+ "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"payload\":")
					.getBytes(StandardCharsets.ISO_8859_1));
			}
			default -> {
				// Broken framing: a wrong or absurd Content-Length, a bad chunk size, an
				// unknown method or version.
				String[] requests = {
						"POST " + path + " HTTP/1.1\r\nHost: l\r\n" + auth
								+ "Content-Length: 99999999999999999999\r\n\r\n{}",
						"POST " + path + " HTTP/1.1\r\nHost: l\r\n" + auth + "Content-Length: -5\r\n\r\n{}",
						"POST " + path + " HTTP/1.1\r\nHost: l\r\n" + auth
								+ "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nZZZ\r\n{}\r\n0\r\n\r\n",
						"BREW " + path + " HTTP/1.1\r\nHost: l\r\n" + auth + "Connection: close\r\n\r\n",
						"GET " + path + " HTTP/9.9\r\nHost: l\r\n\r\n",
						"GET " + path + " HTTP/1.1\r\nHost: l\r\nBad Header Name: x\r\n\u0001\u0002: y\r\n\r\n" };
				out.writeBytes(requests[random.nextInt(requests.length)].getBytes(StandardCharsets.ISO_8859_1));
			}
		}
		return out.toByteArray();
	}

	private static void post(ByteArrayOutputStream out, String path, String auth, byte[] body) {
		out.writeBytes(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\n" + auth
				+ "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
			.getBytes(StandardCharsets.ISO_8859_1));
		out.writeBytes(body);
	}

}
