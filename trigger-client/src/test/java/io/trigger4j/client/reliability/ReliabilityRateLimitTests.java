package io.trigger4j.client.reliability;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.trigger4j.client.TriggerClient;
import io.trigger4j.client.TriggerOperations;
import io.trigger4j.client.TriggerRetrySettings;
import io.trigger4j.client.model.runs.ListRunsRequest;
import io.trigger4j.emulator.EmulatedTask;
import io.trigger4j.emulator.TriggerEmulator;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A burst larger than the server's bucket: 3,000 triggers subscribed at once against the
 * emulator's rate limit (750 in the bucket, 250 more every 2 s: the server's shape, with
 * its 10 s interval scaled down to keep the run short), with the default retry settings
 * and a rate-limit wait long enough. All must succeed; how long it took, how many 429s
 * were answered and how the attempts spread over time go into the report, not into
 * assertions. Only the public API.
 */
class ReliabilityRateLimitTests {

	static final int TRIGGERS = 3_000;

	static final Duration INTERVAL = Duration.ofSeconds(2);

	@Test
	void aBurstLargerThanTheBucketAllSucceeds() {
		AtomicInteger attempts = new AtomicInteger();
		AtomicInteger rateLimited = new AtomicInteger();
		Map<Long, AtomicInteger> attemptsBySecond = new ConcurrentHashMap<>();
		Map<Long, AtomicInteger> limitedBySecond = new ConcurrentHashMap<>();
		long[] start = new long[1];
		try (TriggerEmulator emulator = TriggerEmulator.builder()
			.task(EmulatedTask.of("t", (run) -> Map.of("ok", true)))
			.rateLimit(750, 250, INTERVAL)
			.start()) {
			TriggerOperations client = TriggerClient.builder()
				.secretKey(emulator.secretKey())
				.baseUrl(emulator.baseUrl())
				.webClientBuilder(WebClient.builder().filter((request, next) -> {
					long second = (System.nanoTime() - start[0]) / 1_000_000_000L;
					attempts.incrementAndGet();
					attemptsBySecond.computeIfAbsent(second, (key) -> new AtomicInteger()).incrementAndGet();
					return next.exchange(request).doOnNext((ClientResponse response) -> {
						if (response.statusCode().value() == 429) {
							rateLimited.incrementAndGet();
							limitedBySecond.computeIfAbsent(second, (key) -> new AtomicInteger()).incrementAndGet();
						}
					});
				}))
				.retry(TriggerRetrySettings.defaults().withMaxRateLimitWait(Duration.ofMinutes(2)))
				.build();
			start[0] = System.nanoTime();
			AtomicInteger failed = new AtomicInteger();
			Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
			List<String> ids = Flux.range(0, TRIGGERS)
				.flatMap((i) -> client.tasks()
					.trigger("t", Map.of("i", i))
					.map((triggered) -> triggered.id())
					.onErrorResume((failure) -> {
						failed.incrementAndGet();
						failures.computeIfAbsent(failure.getClass().getSimpleName(), (key) -> new AtomicInteger())
							.incrementAndGet();
						return Mono.empty();
					}), TRIGGERS)
				.collectList()
				.block(Duration.ofMinutes(5));
			Duration elapsed = Duration.ofNanos(System.nanoTime() - start[0]);
			long runs = client.runs()
				.list(ListRunsRequest.builder().pageSize(100).build())
				.count()
				.block(Duration.ofMinutes(2));

			StringBuilder md = new StringBuilder("## Rate limits\n\n");
			md.append(TRIGGERS)
				.append(" keyless triggers subscribed at once (`ReliabilityRateLimitTests`) against the emulator's bucket ")
				.append("of 750 refilled by 250 every ")
				.append(INTERVAL.toMillis())
				.append(" ms (the server's 750 / 250 per 10 s, scaled down), default retry settings with ")
				.append("2 minutes of rate-limit waits allowed. ")
				.append(ids.size())
				.append(" succeeded, ")
				.append(failed.get())
				.append(" failed ")
				.append(failures)
				.append(", ")
				.append(runs)
				.append(" runs made, in ")
				.append(elapsed.toMillis())
				.append(" ms; ")
				.append(attempts.get())
				.append(" requests sent, ")
				.append(rateLimited.get())
				.append(" answered 429.\n\n| Second | Requests sent | Answered 429 |\n|---|---|---|\n");
			new TreeMap<>(attemptsBySecond).forEach((second, count) -> md.append("| ")
				.append(second)
				.append(" | ")
				.append(count.get())
				.append(" | ")
				.append(limitedBySecond.getOrDefault(second, new AtomicInteger()).get())
				.append(" |\n"));
			ReliabilityReport.write("rate-limits", md.toString());

			assertThat(failed).as("failures: " + failures).hasValue(0);
			assertThat(ids).hasSize(TRIGGERS).doesNotHaveDuplicates();
			assertThat(runs).isEqualTo(TRIGGERS);
		}
	}

}
