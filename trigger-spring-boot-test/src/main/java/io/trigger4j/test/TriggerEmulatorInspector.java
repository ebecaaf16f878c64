package io.trigger4j.test;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.function.Predicate;

import io.trigger4j.client.TriggerClient;
import io.trigger4j.client.TriggerOperations;
import io.trigger4j.client.TriggerRetrySettings;
import io.trigger4j.client.error.NotFoundException;
import io.trigger4j.client.model.runs.Run;
import io.trigger4j.client.model.schedules.Schedule;
import io.trigger4j.client.model.schedules.ScheduleType;
import io.trigger4j.emulator.EmulatedRun;
import io.trigger4j.emulator.TriggerEmulator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the code under test asked of a {@link TriggerEmulator} since its last
 * {@link #reset()}: the runs it triggered (found with {@link TriggerEmulator#runs()},
 * each retrieved in full through the REST API, {@code GET /api/v3/runs/{runId}}, as the
 * client reads it) and the schedules it created ({@code GET /api/v1/schedules}). One
 * inspector per emulator, shared by {@link TriggerAssertions}, the Spring test support
 * and {@code TriggerEmulatorExtension}, which reset it after each test. Thread-safe.
 */
public final class TriggerEmulatorInspector {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final Map<TriggerEmulator, TriggerEmulatorInspector> inspectors = new WeakHashMap<>();

	/** Weak: the inspectors' map must not keep a stopped emulator. */
	private final WeakReference<TriggerEmulator> emulator;

	private final String baseUrl;

	private final TriggerOperations client;

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
		return runs((run) -> true);
	}

	/**
	 * The runs of one task triggered since the last reset, oldest first, each retrieved
	 * in full.
	 * @param taskIdentifier the task's identifier, such as {@code send-email}
	 * @return the runs
	 */
	public List<Run> runs(String taskIdentifier) {
		Objects.requireNonNull(taskIdentifier, "taskIdentifier must not be null");
		return runs((run) -> run.taskIdentifier().equals(taskIdentifier));
	}

	private List<Run> runs(Predicate<EmulatedRun> filter) {
		TriggerEmulator emulator = this.emulator.get();
		if (emulator == null) {
			return List.of();
		}
		List<Run> runs = Flux.fromIterable(emulator.runs())
			.filter(filter)
			// A run reset away meanwhile is gone.
			.concatMap((run) -> this.client.runs()
				.retrieve(run.id())
				.onErrorResume(NotFoundException.class, (ex) -> Mono.empty()))
			.collectList()
			.block(TIMEOUT);
		return (runs != null) ? runs : List.of();
	}

	/**
	 * The schedules created through the API since the last reset (declarative schedules,
	 * declared by tasks, are not), in the order the API lists them.
	 * @return the schedules
	 */
	public List<Schedule> schedules() {
		List<Schedule> schedules = this.client.schedules()
			.list()
			.filter((schedule) -> !ScheduleType.DECLARATIVE.equals(schedule.type()))
			.collectList()
			.block(TIMEOUT);
		return (schedules != null) ? schedules : List.of();
	}

	/**
	 * Forgets what was asked so far, so that the next test starts clean: resets the
	 * emulator ({@link TriggerEmulator#reset()}), so that its runs, batches, waitpoint
	 * tokens, idempotency keys (a trigger with the same key makes a new run), schedules
	 * created through the API, environment variables and faults not yet spent are gone.
	 * The emulator's tasks stay, and its clock is not moved back.
	 */
	public void reset() {
		TriggerEmulator emulator = this.emulator.get();
		if (emulator != null) {
			emulator.reset();
		}
	}

	@Override
	public String toString() {
		return "TriggerEmulatorInspector[" + this.baseUrl + "]";
	}

}
