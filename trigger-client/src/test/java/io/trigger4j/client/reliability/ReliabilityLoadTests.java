package io.trigger4j.client.reliability;

import java.lang.management.ManagementFactory;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BooleanSupplier;

import io.trigger4j.client.TriggerClient;
import io.trigger4j.client.TriggerOperations;
import io.trigger4j.client.TriggerRetrySettings;
import io.trigger4j.client.model.runs.ListRunsRequest;
import io.trigger4j.client.model.runs.Run;
import io.trigger4j.emulator.EmulatedTask;
import io.trigger4j.emulator.Fault;
import io.trigger4j.emulator.TriggerEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionPoolMetrics;
import reactor.netty.resources.ConnectionProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Load against the emulator through the application's own Reactor Netty connection pool,
 * watched through its metrics: after many calls at concurrency 256 no connection is still
 * acquired or awaited and the heap after GC has not grown; cancelled calls release their
 * connections; a slow subscriber of a run list holds at most one page ahead. Only the
 * public API.
 */
class ReliabilityLoadTests {

	static final int CONCURRENCY = 256;

	/** The calls of the load run: 100,000 with the full property, else 20,000. */
	static final int CALLS = ReliabilityReport.full() ? 100_000 : 20_000;

	static final int WARM_UP = 10_000;

	static final int CANCELLED = 1_000;

	private static final StringBuilder report = new StringBuilder();

	private final List<ConnectionPoolMetrics> pools = new CopyOnWriteArrayList<>();

	private final ConnectionProvider provider = ConnectionProvider.builder("reliability")
		.maxConnections(CONCURRENCY)
		.pendingAcquireMaxCount(-1)
		.metrics(true, () -> new ConnectionProvider.MeterRegistrar() {
			@Override
			public void registerMetrics(String poolName, String id, SocketAddress remoteAddress,
					ConnectionPoolMetrics metrics) {
				ReliabilityLoadTests.this.pools.add(metrics);
			}
		})
		.build();

	private final AtomicInteger listRequests = new AtomicInteger();

	private final AtomicInteger triggered = new AtomicInteger();

	private final TriggerEmulator emulator = TriggerEmulator.builder()
		.task(EmulatedTask.of("t", (run) -> Map.of("ok", true)))
		// Enough for the backlog of queued runs under load: unfinished runs are never
		// evicted, so a small bound would evict runs that just finished.
		.retainedRuns(10_000)
		.start();

	private final TriggerOperations client = TriggerClient.builder()
		.secretKey(this.emulator.secretKey())
		.baseUrl(this.emulator.baseUrl())
		// The application's connector, kept as it is: no connect timeout of the client's.
		.connectTimeout(null)
		.webClientBuilder(WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(HttpClient.create(this.provider)))
			.filter((request, next) -> {
				if (request.url().getPath().equals("/api/v1/runs")) {
					this.listRequests.incrementAndGet();
				}
				return next.exchange(request);
			}))
		.responseTimeout(Duration.ofSeconds(10))
		.deadline(Duration.ofSeconds(60))
		.retry(TriggerRetrySettings.defaults().withBackoff(Duration.ofMillis(5), Duration.ofMillis(50)))
		.build();

	@AfterEach
	void stop() {
		this.emulator.stop();
		this.provider.disposeLater().block(Duration.ofSeconds(10));
		ReliabilityReport.write("load", "## Load\n\n" + report);
	}

	@Test
	void manyCallsLeaveThePoolIdleAndTheHeapFlat() {
		List<String> runIds = Flux.range(0, 100)
			.flatMap((i) -> this.client.tasks().trigger("t", Map.of("i", i)), 16)
			.map((triggered) -> triggered.id())
			.collectList()
			.block(Duration.ofSeconds(60));
		AtomicReferenceArray<String> recent = new AtomicReferenceArray<>(runIds.toArray(new String[0]));
		Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
		long start = System.nanoTime();
		run(0, WARM_UP, recent, failures);
		long heapAtWarmUp = heapAfterGc();
		run(WARM_UP, CALLS, recent, failures);
		long heapAtEnd = heapAfterGc();
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		boolean idle = eventually(this::idle);
		report.append("### Calls at concurrency ")
			.append(CONCURRENCY)
			.append("\n\n")
			.append(CALLS)
			.append(" calls (")
			.append(ReliabilityReport.full() ? "full size"
					: "default build size; 100,000 with `-D" + ReliabilityReport.FULL_PROPERTY + "=true`")
			.append("): one in ten a run-list page, one in three of the rest a trigger, the others a retrieve, ")
			.append(CONCURRENCY)
			.append(" at a time, through a Reactor Netty pool of ")
			.append(CONCURRENCY)
			.append(" connections. Elapsed ")
			.append(elapsed.toMillis())
			.append(" ms, ")
			.append(failures.values().stream().mapToInt(AtomicInteger::get).sum())
			.append(" failed calls ")
			.append(failures)
			.append(". Afterwards: ")
			.append(poolState())
			.append(". Heap used after GC: ")
			.append(heapAtWarmUp >> 20)
			.append(" MiB after call ")
			.append(WARM_UP)
			.append(", ")
			.append(heapAtEnd >> 20)
			.append(" MiB after call ")
			.append(CALLS)
			.append(" (the emulator, in the same JVM, keeps its last 10,000 runs).\n\n");
		assertThat(failures).as("failed calls").isEmpty();
		assertThat(idle).as("pool idle afterwards: " + poolState()).isTrue();
		assertThat(heapAtEnd - heapAtWarmUp).as("heap growth after GC").isLessThan(256L << 20);
	}

	@Test
	void cancelledCallsReleaseTheirConnections() {
		String slowRun = this.client.tasks().trigger("t", Map.of()).block().id();
		this.emulator.inject(Fault.latency(Duration.ofSeconds(30)).times(CANCELLED).onPath("/api/v3/runs/" + slowRun));
		AtomicInteger answered = new AtomicInteger();
		Disposable calls = Flux.range(0, CANCELLED)
			.flatMap((i) -> this.client.runs().retrieve(slowRun), CANCELLED)
			.subscribe((run) -> answered.incrementAndGet(), (failure) -> answered.incrementAndGet());
		boolean saturated = eventually(() -> acquired() == CONCURRENCY && pending() == CANCELLED - CONCURRENCY);
		String during = poolState();
		calls.dispose();
		boolean released = eventually(this::idle);
		String afterCancel = poolState();
		this.emulator.clearFaults();
		Run after = this.client.runs().retrieve(slowRun).block(Duration.ofSeconds(10));
		report.append("### Cancelled calls\n\n")
			.append(CANCELLED)
			.append(" retrieves subscribed at once against a route delayed 30 s by the emulator, then cancelled. ")
			.append("While in flight: ")
			.append(during)
			.append(". After cancelling: ")
			.append(afterCancel)
			.append(". ")
			.append(answered.get())
			.append(" of them had answered before the cancel.\n\n");
		assertThat(saturated).as("all in flight before cancelling: " + during).isTrue();
		assertThat(answered).hasValue(0);
		assertThat(released).as("connections released: " + afterCancel).isTrue();
		assertThat(after.id()).isEqualTo(slowRun);
	}

	@Test
	void aSlowSubscriberOfTheRunListHoldsAtMostOnePageAhead() throws InterruptedException {
		Flux.range(0, 60).concatMap((i) -> this.client.tasks().trigger("t", Map.of("i", i))).blockLast();
		this.listRequests.set(0);
		BlockingQueue<Run> received = new LinkedBlockingQueue<>();
		BaseSubscriber<Run> slow = new BaseSubscriber<>() {
			@Override
			protected void hookOnSubscribe(Subscription subscription) {
				request(1);
			}

			@Override
			protected void hookOnNext(Run run) {
				received.add(run);
			}
		};
		this.client.runs().list(ListRunsRequest.builder().pageSize(10).build()).subscribe(slow);
		int consumed = 0;
		int mostPages = 0;
		for (; consumed < 25; consumed++) {
			assertThat(received.poll(10, TimeUnit.SECONDS)).as("run " + consumed).isNotNull();
			mostPages = Math.max(mostPages, this.listRequests.get());
			if (consumed < 24) {
				slow.request(1);
			}
		}
		// Anything fetched eagerly would show by now.
		Thread.sleep(300);
		int pages = this.listRequests.get();
		slow.dispose();
		report.append("### Slow subscriber\n\n")
			.append("`runs().list()` with pages of 10, read one run at a time: after ")
			.append(consumed)
			.append(" runs (3 pages needed) the server had been asked for ")
			.append(pages)
			.append(" pages.\n\n");
		assertThat(pages).as("pages asked for after 25 runs of pages of 10").isLessThanOrEqualTo(4);
	}

	/**
	 * Calls {@code from} to {@code to}: retrieves read the latest runs (the emulator
	 * evicts the earliest).
	 */
	private void run(int from, int to, AtomicReferenceArray<String> recent, Map<String, AtomicInteger> failures) {
		Flux.range(from, to - from).flatMap((i) -> {
			Mono<?> call;
			if (i % 10 == 0) {
				call = this.client.runs().listPage(ListRunsRequest.builder().pageSize(20).build(), null);
			}
			else if (i % 3 == 0) {
				call = this.client.tasks()
					.trigger("t", Map.of("i", i))
					// Round robin over every slot, so that no id read back is older than
					// the last 100 triggers.
					.doOnNext((triggered) -> recent.set(this.triggered.getAndIncrement() % recent.length(),
							triggered.id()));
			}
			else {
				call = this.client.runs().retrieve(recent.get(i % recent.length()));
			}
			return call.then().onErrorResume((failure) -> {
				failures.computeIfAbsent(failure.getClass().getSimpleName(), (key) -> new AtomicInteger())
					.incrementAndGet();
				return Mono.empty();
			});
		}, CONCURRENCY).blockLast(Duration.ofMinutes(10));
	}

	private boolean idle() {
		return acquired() == 0 && pending() == 0;
	}

	private int acquired() {
		return this.pools.stream().mapToInt(ConnectionPoolMetrics::acquiredSize).sum();
	}

	private int pending() {
		return this.pools.stream().mapToInt(ConnectionPoolMetrics::pendingAcquireSize).sum();
	}

	private String poolState() {
		return "acquired " + acquired() + ", pending " + pending() + ", idle "
				+ this.pools.stream().mapToInt(ConnectionPoolMetrics::idleSize).sum() + ", allocated "
				+ this.pools.stream().mapToInt(ConnectionPoolMetrics::allocatedSize).sum();
	}

	/** Whether the condition holds within 10 s (real time: the pool is real). */
	private static boolean eventually(BooleanSupplier condition) {
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (System.nanoTime() < end) {
			if (condition.getAsBoolean()) {
				return true;
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return condition.getAsBoolean();
	}

	private static long heapAfterGc() {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

}
