package io.trigger4j.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.netty.buffer.Unpooled;
import io.trigger4j.emulator.EmulatedRun;
import io.trigger4j.emulator.EmulatedTask;
import io.trigger4j.emulator.TriggerEmulator;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * The forked JVM of {@link EmulatorSection}: starts a {@link TriggerEmulator} holding at
 * most {@code storedRuns} runs, warms it up with {@code warmupTriggers} triggers (the
 * same number whatever {@code storedRuns}, so that the JIT has seen as much in every
 * JVM), forgets them, measures the heap after GC with no runs, fills it with
 * {@code storedRuns} finished runs, measures the heap again, then warms up for
 * {@code warmupMillis} and measures triggers/s in closed loop (raw Reactor Netty posting
 * trigger4j's request shape, a new idempotency key per request) while the emulator stays
 * at {@code storedRuns} runs, evicting the oldest finished one as each new one is stored.
 * Arguments:
 * {@code <storedRuns> <concurrency> <warmupTriggers> <warmupMillis> <windowMillis> <rounds>}.
 */
public final class EmulatorMain {

	static final String TASK = TriggerThroughputSection.TASK;

	static final String PATH = "/api/v1/tasks/" + TASK + "/trigger";

	private EmulatorMain() {
	}

	/**
	 * Runs one measurement.
	 * @param args
	 * {@code <storedRuns> <concurrency> <warmupTriggers> <warmupMillis> <windowMillis> <rounds>}
	 * @throws InterruptedException if interrupted while measuring the heap
	 */
	public static void main(String[] args) throws InterruptedException {
		((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
		int stored = Integer.parseInt(args[0]);
		int concurrency = Integer.parseInt(args[1]);
		int warmupTriggers = Integer.parseInt(args[2]);
		Duration warmup = Duration.ofMillis(Long.parseLong(args[3]));
		Duration window = Duration.ofMillis(Long.parseLong(args[4]));
		int rounds = Integer.parseInt(args[5]);
		LoopResources loops = LoopResources.create("bench-client", 2, true);
		ConnectionProvider pool = ConnectionProvider.builder("bench-pool")
			.maxConnections(512)
			.pendingAcquireMaxCount(-1)
			.pendingAcquireTimeout(Duration.ofSeconds(60))
			.build();
		try (TriggerEmulator emulator = TriggerEmulator.builder()
			.secretKey(StubServer.SECRET_KEY)
			.task(EmulatedTask.of(TASK, (run) -> Map.of("sent", true)))
			.retainedRuns(stored)
			.start()) {
			Supplier<Mono<?>> trigger = trigger(HttpClient.create(pool).runOn(loops), emulator.baseUrl());
			fill(trigger, warmupTriggers, concurrency);
			emulator.reset();
			long empty = heapAfterGc();
			long fillStart = System.nanoTime();
			long fillErrors = fill(trigger, stored, concurrency);
			long fillNanos = System.nanoTime() - fillStart;
			// time moves forward first: the last runs triggered finish
			List<EmulatedRun> runs = emulator.runs();
			int held = runs.size();
			long finished = runs.stream().filter(EmulatedRun::finished).count();
			runs = null;
			long full = heapAfterGc();
			ClosedLoop.run(trigger, concurrency, warmup);
			List<ClosedLoop.Result> results = new ArrayList<>();
			for (int round = 0; round < rounds; round++) {
				results.add(ClosedLoop.run(trigger, concurrency, window));
			}
			Forks.report("storedRuns", held);
			Forks.report("finishedRuns", finished);
			Forks.report("fillErrors", fillErrors);
			Forks.report("fillPerSecond", stored * 1e9 / fillNanos);
			Forks.report("heapEmpty", empty);
			Forks.report("heapFull", full);
			Forks.report("bytesPerRun", (double) (full - empty) / Math.max(1, held));
			Forks.report("perSecond", TriggerThroughputSection.median(results, ClosedLoop.Result::perSecond));
			Forks.report("p99Micros", TriggerThroughputSection.median(results, ClosedLoop.Result::p99Micros));
			Forks.report("cpuMicrosPerCall",
					TriggerThroughputSection.median(results, ClosedLoop.Result::cpuMicrosPerCall));
			Forks.report("errors", results.stream().mapToLong(ClosedLoop.Result::errors).sum());
			Forks.report("heldAfter", emulator.runs().size());
		}
		finally {
			pool.disposeLater().block(Duration.ofSeconds(10));
			loops.disposeLater().block(Duration.ofSeconds(10));
		}
		System.exit(0);
	}

	/**
	 * A trigger as trigger4j sends it (headers, and a body with a generated idempotency
	 * key), with new keys per request, the answer checked for a run id.
	 */
	private static Supplier<Mono<?>> trigger(HttpClient http, String baseUrl) {
		HttpClient client = http.baseUrl(baseUrl)
			.headers((headers) -> headers.add("accept", "application/json")
				.add("authorization", "Bearer " + StubServer.SECRET_KEY)
				.add("x-trigger-api-version", "2025-07-16")
				.add("content-type", "application/json"));
		return () -> client.post().uri(PATH).send((request, outbound) -> {
			request.header("x-trigger-request-idempotency-key", UUID.randomUUID().toString());
			return outbound.send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body())));
		})
			.responseSingle((response, content) -> (response.status().code() == 200) ? content.asString()
					: Mono.error(new IllegalStateException("status " + response.status())))
			.map((answer) -> {
				if (!answer.startsWith("{\"id\":\"run_")) {
					throw new IllegalStateException("not a trigger answer: " + answer);
				}
				return answer;
			});
	}

	private static byte[] body() {
		return ("{\"payload\":{\"userId\":\"user-4711\",\"email\":\"ada@example.com\",\"plan\":\"pro\"},"
				+ "\"options\":{\"idempotencyKey\":\"trigger4j-" + UUID.randomUUID()
				+ "\",\"idempotencyKeyTTL\":\"1h\"}}")
			.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Posts {@code count} triggers, {@code concurrency} in flight; returns the failures.
	 */
	private static long fill(Supplier<Mono<?>> trigger, int count, int concurrency) {
		AtomicLong errors = new AtomicLong();
		Flux.range(0, count).flatMap((ignored) -> Mono.defer(trigger).onErrorResume((ex) -> {
			errors.incrementAndGet();
			return Mono.empty();
		}), concurrency, 1).blockLast(Duration.ofMinutes(15));
		return errors.get();
	}

	/** The smallest heap in use after each of a few full GCs. */
	private static long heapAfterGc() throws InterruptedException {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		long least = Long.MAX_VALUE;
		for (int i = 0; i < 4; i++) {
			System.gc();
			Thread.sleep(100);
			least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
		}
		return least;
	}

}
