package io.trigger4j.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

import io.trigger4j.client.TriggerClient;
import io.trigger4j.client.TriggerOperations;
import io.trigger4j.client.model.runs.ListRunsRequest;
import io.trigger4j.client.model.runs.Run;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The forked JVM of {@link ListStreamingSection}: walks the stub's run list with
 * trigger4j or with the raw baseline and reports runs/s and the peak heap after GC.
 * Arguments: {@code trigger4j|raw <baseUrl> <expectedRuns> <warmUpRuns>}: a first walk of
 * the warm-up runs (the JIT compiles the path, as in the other sections' warm-ups), then
 * the measured walk of the whole list.
 */
public final class ListStreamingMain {

	static final String TRIGGER4J = "trigger4j";

	static final String RAW = "raw";

	private ListStreamingMain() {
	}

	/**
	 * Runs one walk.
	 * @param args {@code trigger4j|raw <baseUrl> <expectedRuns> <warmUpRuns>}
	 */
	public static void main(String[] args) {
		String baseUrl = args[1];
		long expected = Long.parseLong(args[2]);
		long warmUp = Long.parseLong(args[3]);
		boolean ours = args[0].equals(TRIGGER4J);
		long warmStart = System.nanoTime();
		HeapSampler none = new HeapSampler(Long.MAX_VALUE);
		long warmed = ours ? viaTrigger4j(baseUrl, none, warmUp) : viaRawNetty(baseUrl, none, warmUp);
		Forks.report("warmUpRunsPerSecond", warmed * 1e9 / (System.nanoTime() - warmStart));
		long pages = (expected + RunBodies.PAGE_SIZE - 1) / RunBodies.PAGE_SIZE;
		HeapSampler heap = new HeapSampler(Math.max(1, pages / SAMPLES) * RunBodies.PAGE_SIZE);
		long start = System.nanoTime();
		long runs = ours ? viaTrigger4j(baseUrl, heap, 0) : viaRawNetty(baseUrl, heap, 0);
		long elapsed = System.nanoTime() - start - heap.gcNanos;
		if (runs != expected) {
			throw new IllegalStateException("listed " + runs + " runs, expected " + expected);
		}
		Forks.report("runs", runs);
		Forks.report("runsPerSecond", runs * 1e9 / elapsed);
		Forks.report("peakHeapAfterGc", heap.peak);
		Forks.report("firstHeapAfterGc", heap.first);
		Forks.report("lastHeapAfterGc", heap.last);
		Forks.report("samples", heap.samples);
		System.exit(0);
	}

	/** The forced GCs of one walk: about this many, evenly spread. */
	static final int SAMPLES = 10;

	/**
	 * Every {@code interval} runs consumed: {@code System.gc()}, then the heap in use;
	 * the time the GC took is left out of the walk's.
	 */
	static final class HeapSampler {

		private final long interval;

		private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

		long consumed;

		long gcNanos;

		long peak;

		long first = -1;

		long last;

		int samples;

		HeapSampler(long interval) {
			this.interval = interval;
		}

		void consumed(long runs) {
			long before = this.consumed;
			this.consumed += runs;
			if (before / this.interval != this.consumed / this.interval) {
				long start = System.nanoTime();
				System.gc();
				this.gcNanos += System.nanoTime() - start;
				long used = this.memory.getHeapMemoryUsage().getUsed();
				this.peak = Math.max(this.peak, used);
				this.first = (this.first < 0) ? used : this.first;
				this.last = used;
				this.samples++;
			}
		}

	}

	/** Walks the list, or its first {@code limit} runs when {@code limit > 0}. */
	private static long viaTrigger4j(String baseUrl, HeapSampler heap, long limit) {
		try (TriggerOperations trigger = TriggerClient.builder()
			.secretKey(StubServer.SECRET_KEY)
			.baseUrl(baseUrl)
			.build()) {
			Flux<Run> runs = trigger.runs().list(ListRunsRequest.builder().pageSize(100).build());
			return ((limit > 0) ? runs.take(limit) : runs).doOnNext((run) -> heap.consumed(1)).count().block();
		}
	}

	/**
	 * Walks the list, or its first {@code limit} runs (whole pages) when
	 * {@code limit > 0}.
	 */
	private static long viaRawNetty(String baseUrl, HeapSampler heap, long limit) {
		JsonMapper mapper = JsonMapper.builder().build();
		HttpClient client = HttpClient.create()
			.baseUrl(baseUrl)
			.headers(
					(h) -> h.add("authorization", "Bearer " + StubServer.SECRET_KEY).add("accept", "application/json"));
		long runs = 0;
		String cursor = null;
		do {
			String uri = "/api/v1/runs?page%5Bsize%5D=100" + ((cursor != null) ? "&page%5Bafter%5D=" + cursor : "");
			byte[] body = client.get()
				.uri(uri)
				.responseSingle((response, content) -> (response.status().code() == 200) ? content.asByteArray()
						: Mono.error(new IllegalStateException("status " + response.status())))
				.block();
			JsonNode page = mapper.readTree(body);
			int size = page.get("data").size();
			runs += size;
			heap.consumed(size);
			JsonNode next = page.path("pagination").path("next");
			cursor = next.isMissingNode() ? null : next.asString();
		}
		while (cursor != null && (limit <= 0 || runs < limit));
		return runs;
	}

}
