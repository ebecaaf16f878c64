package io.trigger4j.benchmarks;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.netty.buffer.Unpooled;
import io.trigger4j.benchmarks.StubServer.CapturedRequest;
import io.trigger4j.client.TriggerClient;
import io.trigger4j.client.TriggerOperations;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;
import tools.jackson.databind.json.JsonMapper;

/**
 * Trigger throughput, latency, CPU and allocation per call at each concurrency:
 * trigger4j's {@code tasks().trigger(...)} against a plain {@link WebClient} posting the
 * same bytes to a prebuilt {@link URI}, and against raw Reactor Netty posting them, all
 * three over one {@link HttpClient} (one pool, one set of event loops). Contenders run in
 * interleaved rounds; medians are reported. Then trigger4j with observation on against
 * off.
 */
public final class TriggerThroughputSection implements Section {

	static final String TASK = "send-welcome-email";

	private static final String TRIGGER4J = "trigger4j";

	private static final String WEBCLIENT = "plain WebClient";

	private static final String RAW = "raw Reactor Netty";

	private static final String OBSERVED = "trigger4j, observation on";

	@Override
	public String name() {
		return "trigger";
	}

	@Override
	public String run(Mode mode, StubServer stub) throws Exception {
		LoopResources loops = LoopResources.create("bench-client",
				Math.max(2, Runtime.getRuntime().availableProcessors()), true);
		ConnectionProvider pool = ConnectionProvider.builder("bench-pool")
			.maxConnections(512)
			.pendingAcquireMaxCount(-1)
			.pendingAcquireTimeout(Duration.ofSeconds(60))
			.build();
		HttpClient http = HttpClient.create(pool).runOn(loops);
		ObservationRegistry observations = ObservationRegistry.create();
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
		try (TriggerOperations plain = client(stub, http).build();
				TriggerOperations observed = client(stub, http).observationRegistry(observations)
					.meterRegistry(meters)
					.webClientBuilder(WebClient.builder().observationRegistry(observations))
					.build()) {
			Signup payload = new Signup("user-4711", "ada@example.com", "pro");
			Map<String, Supplier<Mono<?>>> contenders = new LinkedHashMap<>();
			contenders.put(TRIGGER4J, () -> plain.tasks().trigger(TASK, payload));
			CapturedRequest sent = stub.capture(() -> plain.tasks().trigger(TASK, payload).block());
			contenders.put(WEBCLIENT, webClient(stub, http, sent));
			contenders.put(RAW, rawNetty(stub, http, sent));
			String identical = checkIdentical(stub, sent, contenders);
			Map<String, Supplier<Mono<?>>> observation = new LinkedHashMap<>();
			observation.put(TRIGGER4J, contenders.get(TRIGGER4J));
			observation.put(OBSERVED, () -> observed.tasks().trigger(TASK, payload));

			// warm-up: every contender, at the highest and the lowest concurrency
			for (int concurrency : new int[] { 64, 1 }) {
				contenders.values().forEach((call) -> ClosedLoop.run(call, concurrency, mode.warmup()));
				ClosedLoop.run(observation.get(OBSERVED), concurrency, mode.warmup());
			}
			Map<Integer, Map<String, List<ClosedLoop.Result>>> results = new LinkedHashMap<>();
			for (int concurrency : mode.concurrencies()) {
				results.put(concurrency, rounds(contenders, concurrency, mode));
			}
			int observedAt = mode.observedConcurrency();
			Map<String, List<ClosedLoop.Result>> observationResults = rounds(observation, observedAt, mode);
			return report(mode, sent, identical, results, observedAt, observationResults);
		}
		finally {
			pool.disposeLater().block(Duration.ofSeconds(10));
			loops.disposeLater().block(Duration.ofSeconds(10));
		}
	}

	private static TriggerClient.Builder client(StubServer stub, HttpClient http) {
		return TriggerClient.builder()
			.secretKey(StubServer.SECRET_KEY)
			.baseUrl(stub.baseUrl())
			.clientConnector(new ReactorClientHttpConnector(http));
	}

	private static Supplier<Mono<?>> webClient(StubServer stub, HttpClient http, CapturedRequest sent) {
		WebClient webClient = WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
		URI uri = URI.create(stub.baseUrl() + sent.uri());
		HttpHeaders headers = new HttpHeaders();
		sent.replayedHeaders().forEach((header) -> headers.add(header.getKey(), header.getValue()));
		byte[] body = sent.body();
		return () -> webClient.post()
			.uri(uri)
			.headers((h) -> h.addAll(headers))
			.bodyValue(body)
			.retrieve()
			.bodyToMono(TriggerAnswer.class);
	}

	private static Supplier<Mono<?>> rawNetty(StubServer stub, HttpClient http, CapturedRequest sent) {
		JsonMapper mapper = JsonMapper.builder().build();
		HttpClient client = http.baseUrl(stub.baseUrl())
			.headers((h) -> sent.replayedHeaders().forEach((header) -> h.add(header.getKey(), header.getValue())));
		byte[] body = sent.body();
		String uri = sent.uri();
		return () -> client.post()
			.uri(uri)
			.send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body)))
			.responseSingle((response, content) -> {
				if (response.status().code() != 200) {
					return Mono.error(new IllegalStateException("status " + response.status()));
				}
				return content.asByteArray();
			})
			.map((bytes) -> mapper.readTree(bytes).get("id").asString());
	}

	/**
	 * Captures one request of each baseline and compares it with trigger4j's: same
	 * method, path, headers (names and values) and body.
	 */
	private static String checkIdentical(StubServer stub, CapturedRequest sent,
			Map<String, Supplier<Mono<?>>> contenders) {
		List<String> differences = new ArrayList<>();
		for (String name : List.of(WEBCLIENT, RAW)) {
			CapturedRequest replayed = stub.capture(() -> contenders.get(name).get().block());
			if (!replayed.method().equals(sent.method()) || !replayed.uri().equals(sent.uri())
					|| !java.util.Arrays.equals(replayed.body(), sent.body())
					|| !normalized(replayed.headers()).equals(normalized(sent.headers()))) {
				differences.add(name + " sent " + normalized(replayed.headers()) + " " + replayed.bodyText());
			}
		}
		return differences.isEmpty() ? "yes" : "**no**: " + differences;
	}

	private static List<String> normalized(List<Map.Entry<String, String>> headers) {
		return headers.stream()
			.map((header) -> header.getKey().toLowerCase(Locale.ROOT) + ": " + header.getValue())
			.sorted()
			.toList();
	}

	private static Map<String, List<ClosedLoop.Result>> rounds(Map<String, Supplier<Mono<?>>> contenders,
			int concurrency, Mode mode) {
		Map<String, List<ClosedLoop.Result>> results = new LinkedHashMap<>();
		for (int round = 0; round < mode.rounds(); round++) {
			contenders.forEach((name, call) -> results.computeIfAbsent(name, (key) -> new ArrayList<>())
				.add(ClosedLoop.run(call, concurrency, mode.window())));
			System.gc();
		}
		return results;
	}

	private static String report(Mode mode, CapturedRequest sent, String identical,
			Map<Integer, Map<String, List<ClosedLoop.Result>>> results, int observedAt,
			Map<String, List<ClosedLoop.Result>> observation) {
		Table table = new Table();
		StringBuilder figures = new StringBuilder(
				"| contender | concurrency | req/s | p50 µs | p99 µs | CPU µs/call | bytes/call | failed calls |\n")
			.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
		results.forEach((concurrency, byContender) -> {
			List<ClosedLoop.Result> t4j = byContender.get(TRIGGER4J);
			for (String baseline : List.of(WEBCLIENT, RAW)) {
				List<ClosedLoop.Result> base = byContender.get(baseline);
				boolean targets = baseline.equals(WEBCLIENT);
				String at = " @" + concurrency + " vs " + baseline;
				Metric throughput = new Metric(t4j, base, ClosedLoop.Result::perSecond);
				Metric p99 = new Metric(t4j, base, ClosedLoop.Result::p99Micros);
				Metric bytes = new Metric(t4j, base, ClosedLoop.Result::bytesPerCall);
				Metric cpu = new Metric(t4j, base, ClosedLoop.Result::cpuMicrosPerCall);
				Metric p50 = new Metric(t4j, base, ClosedLoop.Result::p50Micros);
				if (targets) {
					table.rowAtLeast("req/s" + at, Table.number(throughput.ours), Table.number(throughput.theirs),
							throughput.ratio, 0.95);
					table.rowAtMost("p99 latency µs" + at, Table.number(p99.ours), Table.number(p99.theirs), p99.ratio,
							1.1);
					table.rowAtMost("bytes allocated/call" + at, Table.number(bytes.ours), Table.number(bytes.theirs),
							bytes.ratio, 1.2);
				}
				else {
					table.row("req/s" + at, Table.number(throughput.ours), Table.number(throughput.theirs),
							throughput.ratio, "", null);
					table.row("p99 latency µs" + at, Table.number(p99.ours), Table.number(p99.theirs), p99.ratio, "",
							null);
					table.row("bytes allocated/call" + at, Table.number(bytes.ours), Table.number(bytes.theirs),
							bytes.ratio, "", null);
				}
				table.row("p50 latency µs" + at, Table.number(p50.ours), Table.number(p50.theirs), p50.ratio, "", null);
				table.row("CPU µs/call" + at, Table.decimal(cpu.ours), Table.decimal(cpu.theirs), cpu.ratio, "", null);
			}
			byContender.forEach((name, rounds) -> figures.append(figureRow(name, concurrency, rounds)));
		});
		Metric observedCpu = new Metric(observation.get(OBSERVED), observation.get(TRIGGER4J),
				ClosedLoop.Result::cpuMicrosPerCall);
		Metric observedRate = new Metric(observation.get(OBSERVED), observation.get(TRIGGER4J),
				ClosedLoop.Result::perSecond);
		table.rowAtMost("CPU µs/call @" + observedAt + ", observation on vs off", Table.decimal(observedCpu.ours),
				Table.decimal(observedCpu.theirs), observedCpu.ratio, 1.10);
		table.row("req/s @" + observedAt + ", observation on vs off", Table.number(observedRate.ours),
				Table.number(observedRate.theirs), observedRate.ratio, "", null);
		observation.forEach((name, rounds) -> figures.append(figureRow(name, observedAt, rounds)));
		return "## Trigger throughput\n\n" + table.toMarkdown() + "\n" + String.format(Locale.ROOT,
				"Closed loop against the stub server on loopback (in this JVM, its threads left out of CPU "
						+ "and allocation): `concurrency` calls in flight, a new one as each ends. After a warm-up, "
						+ "%d interleaved round(s) of %d ms per contender and concurrency (trigger4j, plain WebClient, "
						+ "raw Reactor Netty, then again); figures are medians over rounds and each ratio the median "
						+ "of the per-round ratios. All three share one Reactor Netty `HttpClient` (one pool of at "
						+ "most 512 connections, the same event loops). Latency from subscription to decoded answer "
						+ "(HdrHistogram). CPU per call: process CPU time (`OperatingSystemMXBean`, so GC and JIT "
						+ "count) minus the stub's threads' CPU time. Bytes per call: "
						+ "`ThreadMXBean.getThreadAllocatedBytes` summed over live threads but the stub's.%n%n",
				mode.rounds(), mode.window().toMillis())
				+ "Identical bytes: the baselines replay the request trigger4j sent (captured once at the stub): `"
				+ sent.method() + " " + sent.uri() + "` with " + sent.headers().size() + " headers and a "
				+ sent.body().length
				+ "-byte body. trigger4j sends a new `x-trigger-request-idempotency-key` and a new body "
				+ "`idempotencyKey` (`trigger4j-<uuid>`) per call; the baselines send the captured ones as constants. "
				+ "The plain WebClient decodes the answer into a record, raw Netty reads it with `readTree`. "
				+ "Baseline requests checked identical to trigger4j's at the stub (method, path, headers, body): "
				+ identical
				+ ".\n\nObservation on: an `ObservationRegistry` with `DefaultMeterObservationHandler` on a "
				+ "`SimpleMeterRegistry`, given to `TriggerClient.builder().observationRegistry(...)`, "
				+ "`.meterRegistry(...)` and to the `WebClient.Builder` (as Boot wires it), against the same client "
				+ "without.\n\nMedian figures per contender:\n\n" + figures;
	}

	private static String figureRow(String name, int concurrency, List<ClosedLoop.Result> rounds) {
		return "| " + name + " | " + concurrency + " | " + Table.number(median(rounds, ClosedLoop.Result::perSecond))
				+ " | " + Table.number(median(rounds, ClosedLoop.Result::p50Micros)) + " | "
				+ Table.number(median(rounds, ClosedLoop.Result::p99Micros)) + " | "
				+ Table.decimal(median(rounds, ClosedLoop.Result::cpuMicrosPerCall)) + " | "
				+ Table.number(median(rounds, ClosedLoop.Result::bytesPerCall)) + " | "
				+ rounds.stream().mapToLong(ClosedLoop.Result::errors).sum() + " |\n";
	}

	static <T> double median(List<T> values, ToDoubleFunction<T> metric) {
		double[] sorted = values.stream().mapToDouble(metric).sorted().toArray();
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	/** One metric of two contenders: medians, and the median of the per-round ratios. */
	private static final class Metric {

		final double ours;

		final double theirs;

		final double ratio;

		Metric(List<ClosedLoop.Result> ours, List<ClosedLoop.Result> theirs,
				ToDoubleFunction<ClosedLoop.Result> metric) {
			this.ours = median(ours, metric);
			this.theirs = median(theirs, metric);
			List<Double> ratios = new ArrayList<>();
			for (int i = 0; i < Math.min(ours.size(), theirs.size()); i++) {
				ratios.add(metric.applyAsDouble(ours.get(i)) / metric.applyAsDouble(theirs.get(i)));
			}
			this.ratio = median(ratios, Double::doubleValue);
		}

	}

	/**
	 * The payload triggered.
	 *
	 * @param userId the user
	 * @param email the address
	 * @param plan the plan
	 */
	public record Signup(String userId, String email, String plan) {

	}

	/**
	 * What the plain WebClient decodes the answer into.
	 *
	 * @param id the run id
	 * @param isCached whether the run existed
	 */
	public record TriggerAnswer(String id, boolean isCached) {

	}

}
