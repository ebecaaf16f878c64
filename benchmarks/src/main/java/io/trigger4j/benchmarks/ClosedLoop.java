package io.trigger4j.benchmarks;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Closed-loop load: keeps {@code concurrency} calls in flight, starting a new one as each
 * ends, until the window has passed; calls in flight then finish (none is cancelled, so
 * no connection is closed). Records each call's latency from subscription to answer.
 */
final class ClosedLoop {

	private ClosedLoop() {
	}

	static Result run(Supplier<Mono<?>> call, int concurrency, Duration window) {
		Histogram latencies = new ConcurrentHistogram(3);
		AtomicLong errors = new AtomicLong();
		Usage before = Usage.now();
		long start = System.nanoTime();
		long end = start + window.toNanos();
		Flux.<Integer>generate((sink) -> {
			if (System.nanoTime() < end) {
				sink.next(1);
			}
			else {
				sink.complete();
			}
		}).flatMap((ignored) -> Mono.defer(() -> {
			long sent = System.nanoTime();
			return call.get().doOnSuccess((answer) -> latencies.recordValue(System.nanoTime() - sent));
		}).onErrorResume((ex) -> {
			errors.incrementAndGet();
			return Mono.empty();
		}), concurrency, 1).blockLast(window.plusSeconds(60));
		long elapsed = System.nanoTime() - start;
		Usage used = Usage.now().minus(before);
		long calls = latencies.getTotalCount();
		return new Result(calls, errors.get(), calls * 1e9 / elapsed, latencies.getValueAtPercentile(50) / 1e3,
				latencies.getValueAtPercentile(99) / 1e3, (calls > 0) ? used.cpuNanos() / 1e3 / calls : Double.NaN,
				(calls > 0) ? (double) used.allocatedBytes() / calls : Double.NaN);
	}

	/**
	 * What one window measured.
	 *
	 * @param calls calls answered
	 * @param errors calls failed
	 * @param perSecond calls answered per second
	 * @param p50Micros median latency, µs
	 * @param p99Micros 99th percentile latency, µs
	 * @param cpuMicrosPerCall CPU per call, µs
	 * @param bytesPerCall bytes allocated per call
	 */
	record Result(long calls, long errors, double perSecond, double p50Micros, double p99Micros,
			double cpuMicrosPerCall, double bytesPerCall) {

	}

}
