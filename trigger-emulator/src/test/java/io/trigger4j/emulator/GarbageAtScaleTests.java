package io.trigger4j.emulator;

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
		for (String category : GarbageRequests.CATEGORIES) {
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
				byte[] request = GarbageRequests.request(random, (r) -> category, this.emulator.secretKey(), false);
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
				Tally tally = tallies.get(GarbageRequests.CATEGORIES[category]);
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
				previous = GarbageRequests.CATEGORIES[category] + " answered " + answer.status();
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

}
