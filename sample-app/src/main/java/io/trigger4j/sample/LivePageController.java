package io.trigger4j.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.trigger4j.client.TriggerOperations;
import io.trigger4j.client.model.runs.ListRunsRequest;
import io.trigger4j.client.model.runs.Run;
import io.trigger4j.client.observation.DefaultTriggerRequestObservationConvention;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the live page ({@code /}, {@code static/index.html}) reads.
 *
 * <ul>
 * <li>{@code GET /runs/live} streams the newest runs as Server-Sent Events: each run
 * once, then again whenever its status changes (event {@code run}), a finished run with
 * its output or error; a failed listing is an event {@code problem}. The runs are listed
 * every second, for as long as the browser stays connected;</li>
 * <li>{@code GET /client-latency} summarises the {@code trigger.client.requests} timers
 * per operation: calls, mean and max in milliseconds.</li>
 * </ul>
 */
@RestController
class LivePageController {

	/** How many of the newest runs the page follows. */
	static final int LIMIT = 25;

	private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

	private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

	private final TriggerOperations trigger;

	private final MeterRegistry meters;

	LivePageController(TriggerOperations trigger, MeterRegistry meters) {
		this.trigger = trigger;
		this.meters = meters;
	}

	/**
	 * A run as the page shows it.
	 *
	 * @param id the run id
	 * @param task the task identifier
	 * @param status the run's status
	 * @param finished whether the status is final
	 * @param createdAt when the run was created, ISO-8601
	 * @param output a finished run's output as compact JSON, if any
	 * @param error a failed run's error message, if any
	 */
	record LiveRun(String id, String task, String status, boolean finished, @Nullable String createdAt,
			@Nullable String output, @Nullable String error) {

		static LiveRun of(Run run) {
			return new LiveRun(run.id(), run.taskIdentifier(), run.status().value(), run.isTerminal(),
					(run.createdAt() != null) ? run.createdAt().toString() : null,
					(run.output() != null) ? run.output().toString() : null,
					(run.error() != null) ? run.error().message() : null);
		}

	}

	/**
	 * The latency of one client operation.
	 *
	 * @param operation the operation, such as {@code tasks.trigger}
	 * @param count how many calls were timed
	 * @param meanMs their mean duration in milliseconds
	 * @param maxMs the longest recent one in milliseconds
	 */
	record OperationLatency(String operation, long count, double meanMs, double maxMs) {
	}

	@GetMapping(path = "/runs/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<ServerSentEvent<?>> live() {
		Flux<ServerSentEvent<?>> changes = Flux.defer(() -> {
			// one browser's view: run id -> the status it was last sent
			Map<String, String> sent = new HashMap<>();
			return Flux.interval(Duration.ZERO, POLL_INTERVAL)
				.onBackpressureDrop()
				.concatMap(
						(tick) -> changedRuns(sent)
							.<ServerSentEvent<?>>map(
									(run) -> ServerSentEvent.builder(LiveRun.of(run)).event("run").build())
							.onErrorResume(
									(ex) -> Mono.just(ServerSentEvent.builder(problem(ex)).event("problem").build())),
						1);
		});
		// a comment at once (the browser sees the stream open even with no runs to
		// send), then now and then, so that a proxy keeps the stream open and a closed
		// browser is noticed (and the listing cancelled) even when nothing changes
		Flux<ServerSentEvent<?>> keepAlive = Flux.interval(Duration.ZERO, KEEP_ALIVE)
			.onBackpressureDrop()
			.map((tick) -> ServerSentEvent.builder().comment("keep-alive").build());
		return Flux.merge(changes, keepAlive);
	}

	/**
	 * The newest runs whose status differs from what was sent, oldest first (so that the
	 * page can put each new one on top); a finished run retrieved for its output.
	 */
	private Flux<Run> changedRuns(Map<String, String> sent) {
		return this.trigger.runs()
			.list(ListRunsRequest.builder().pageSize(LIMIT).build())
			.take(LIMIT)
			.collectList()
			.timeout(CALL_TIMEOUT)
			.flatMapMany((runs) -> {
				List<Run> changed = new ArrayList<>();
				Map<String, String> listed = new HashMap<>();
				for (Run run : runs) {
					listed.put(run.id(), run.status().value());
					if (!run.status().value().equals(sent.get(run.id()))) {
						changed.add(run);
					}
				}
				// forget runs that left the listing, so that the map stays small
				sent.clear();
				sent.putAll(listed);
				Collections.reverse(changed);
				return Flux.fromIterable(changed);
			})
			// listed runs carry no output: a finished one is retrieved once for it
			.concatMap((run) -> run.isTerminal()
					? this.trigger.runs().retrieve(run.id()).timeout(CALL_TIMEOUT).onErrorReturn(run) : Mono.just(run));
	}

	private static String problem(Throwable ex) {
		if (ex instanceof TimeoutException) {
			return "Listing runs took longer than " + CALL_TIMEOUT.toSeconds() + " s";
		}
		return "Listing runs failed: " + ex.getMessage();
	}

	@GetMapping("/client-latency")
	List<OperationLatency> latency() {
		Map<String, List<Timer>> byOperation = new LinkedHashMap<>();
		for (Timer timer : this.meters.find(DefaultTriggerRequestObservationConvention.NAME).timers()) {
			String operation = timer.getId().getTag("operation");
			if (operation != null) {
				byOperation.computeIfAbsent(operation, (key) -> new ArrayList<>()).add(timer);
			}
		}
		List<OperationLatency> latencies = new ArrayList<>();
		byOperation.forEach((operation, timers) -> {
			long count = 0;
			double total = 0;
			double max = 0;
			for (Timer timer : timers) {
				count += timer.count();
				total += timer.totalTime(TimeUnit.MILLISECONDS);
				max = Math.max(max, timer.max(TimeUnit.MILLISECONDS));
			}
			if (count > 0) {
				latencies.add(new OperationLatency(operation, count, total / count, max));
			}
		});
		latencies.sort(Comparator.comparing(OperationLatency::operation));
		return latencies;
	}

}
