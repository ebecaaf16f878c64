package io.trigger4j.test;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;

import io.trigger4j.client.TriggerClient;
import io.trigger4j.client.TriggerOperations;
import io.trigger4j.client.TriggerRetrySettings;
import io.trigger4j.client.model.runs.ListRunsRequest;
import io.trigger4j.client.model.runs.Run;
import io.trigger4j.client.model.schedules.Schedule;
import io.trigger4j.client.model.schedules.ScheduleType;
import io.trigger4j.emulator.TriggerEmulator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the code under test asked of a {@link TriggerEmulator} since its last
 * {@link #reset()}: the runs it triggered and the schedules it created, read through the
 * emulator's REST API ({@code GET /api/v1/runs}, {@code GET /api/v3/runs/{runId}},
 * {@code GET /api/v1/schedules}). One inspector per emulator, shared by
 * {@link TriggerAssertions}, the Spring test support and
 * {@code TriggerEmulatorExtension}, which reset it after each test. Thread-safe.
 */
public final class TriggerEmulatorInspector {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final Map<TriggerEmulator, TriggerEmulatorInspector> inspectors = new WeakHashMap<>();

	/** Weak: the inspectors' map must not keep a stopped emulator. */
	private final WeakReference<TriggerEmulator> emulator;

	private final String baseUrl;

	private final TriggerOperations client;

	private Set<String> knownRuns = Set.of();

	private Set<String> knownSchedules = Set.of();

	private TriggerEmulatorInspector(TriggerEmulator emulator) {
		this.emulator = new WeakReference<>(emulator);
		this.baseUrl = emulator.baseUrl();
		this.client = TriggerClient.builder()
			.baseUrl(emulator.baseUrl())
			.secretKey(emulator.secretKey())
			.retry(new TriggerRetrySettings(1, Duration.ofMillis(10), Duration.ofMillis(10), 1, 0, Duration.ZERO,
					false))
			.build();
	}

	/**
	 * The inspector of an emulator; the first call sees everything the emulator has.
	 * @param emulator the emulator
	 * @return its inspector
	 */
	public static TriggerEmulatorInspector of(TriggerEmulator emulator) {
		Objects.requireNonNull(emulator, "emulator must not be null");
		synchronized (inspectors) {
			return inspectors.computeIfAbsent(emulator, TriggerEmulatorInspector::new);
		}
	}

	/**
	 * The runs triggered since the last reset, oldest first, each retrieved in full
	 * (payload, output, tags, idempotency key).
	 * @return the runs
	 */
	public List<Run> runs() {
		return runs(ListRunsRequest.all());
	}

	/**
	 * The runs of one task triggered since the last reset, oldest first, each retrieved
	 * in full.
	 * @param taskIdentifier the task's identifier, such as {@code send-email}
	 * @return the runs
	 */
	public List<Run> runs(String taskIdentifier) {
		Objects.requireNonNull(taskIdentifier, "taskIdentifier must not be null");
		return runs(ListRunsRequest.builder().taskIdentifiers(taskIdentifier).build());
	}

	private List<Run> runs(ListRunsRequest request) {
		Set<String> known = knownRuns();
		List<Run> listed = this.client.runs()
			.list(request)
			.filter((run) -> !known.contains(run.id()))
			.concatMap((run) -> this.client.runs().retrieve(run.id()))
			.collectList()
			.block(TIMEOUT);
		List<Run> runs = new ArrayList<>((listed != null) ? listed : List.of());
		// Listed newest first.
		Collections.reverse(runs);
		return runs;
	}

	/**
	 * The schedules created through the API since the last reset (declarative schedules,
	 * declared by tasks, are not), in the order the API lists them.
	 * @return the schedules
	 */
	public List<Schedule> schedules() {
		Set<String> known = knownSchedules();
		List<Schedule> schedules = this.client.schedules()
			.list()
			.filter((schedule) -> !known.contains(schedule.id()) && !ScheduleType.DECLARATIVE.equals(schedule.type()))
			.collectList()
			.block(TIMEOUT);
		return (schedules != null) ? schedules : List.of();
	}

	/**
	 * Forgets what was asked so far, so that the next test starts clean: clears the
	 * faults not yet spent, cancels the runs triggered since the last reset that have not
	 * finished, resets their idempotency keys (a trigger with the same key makes a new
	 * run), and deletes the schedules created since the last reset. The emulator's clock
	 * is not moved back.
	 */
	public void reset() {
		TriggerEmulator emulator = this.emulator.get();
		if (emulator != null) {
			emulator.clearFaults();
		}
		Set<String> known = knownRuns();
		List<Run> runs = this.client.runs()
			.list(ListRunsRequest.all())
			.filter((run) -> !known.contains(run.id()))
			.collectList()
			.block(TIMEOUT);
		Flux.fromIterable((runs != null) ? runs : List.<Run>of())
			.concatMap((run) -> forget(run).onErrorResume((ex) -> Mono.empty()))
			.blockLast(TIMEOUT);
		Flux.fromIterable(schedules())
			.concatMap((schedule) -> this.client.schedules()
				.delete(schedule.id())
				.then()
				.onErrorResume((ex) -> Mono.empty()))
			.blockLast(TIMEOUT);
		Set<String> runIds = ids(this.client.runs().list(ListRunsRequest.all()).map(Run::id));
		Set<String> scheduleIds = ids(this.client.schedules().list().map(Schedule::id));
		synchronized (this) {
			this.knownRuns = runIds;
			this.knownSchedules = scheduleIds;
		}
	}

	private Mono<Void> forget(Run run) {
		Mono<Void> cancel = run.isTerminal() ? Mono.empty() : this.client.runs().cancel(run.id()).then();
		String key = run.idempotencyKey();
		Mono<Void> resetKey = (key != null && !key.isEmpty())
				? this.client.idempotencyKeys().reset(run.taskIdentifier(), key).onErrorResume((ex) -> Mono.empty())
				: Mono.empty();
		return cancel.onErrorResume((ex) -> Mono.empty()).then(resetKey);
	}

	private static Set<String> ids(Flux<String> ids) {
		List<String> list = ids.collectList().block(TIMEOUT);
		return Set.copyOf(new HashSet<>((list != null) ? list : List.of()));
	}

	private synchronized Set<String> knownRuns() {
		return this.knownRuns;
	}

	private synchronized Set<String> knownSchedules() {
		return this.knownSchedules;
	}

	@Override
	public String toString() {
		return "TriggerEmulatorInspector[" + this.baseUrl + "]";
	}

}
