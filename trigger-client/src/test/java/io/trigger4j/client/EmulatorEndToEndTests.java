package io.trigger4j.client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.trigger4j.client.error.AuthenticationException;
import io.trigger4j.client.error.BadRequestException;
import io.trigger4j.client.error.NotFoundException;
import io.trigger4j.client.error.TriggerTransportException;
import io.trigger4j.client.error.UnprocessableEntityException;
import io.trigger4j.client.model.batches.BatchItem;
import io.trigger4j.client.model.batches.BatchOptions;
import io.trigger4j.client.model.batches.BatchTriggerResult;
import io.trigger4j.client.model.batches.BatchTriggered;
import io.trigger4j.client.model.queues.Queue;
import io.trigger4j.client.model.queues.QueueRef;
import io.trigger4j.client.model.runs.ListRunsRequest;
import io.trigger4j.client.model.runs.Run;
import io.trigger4j.client.model.runs.RunStatus;
import io.trigger4j.client.model.schedules.CreateScheduleRequest;
import io.trigger4j.client.model.schedules.Schedule;
import io.trigger4j.client.model.tasks.TriggerOptions;
import io.trigger4j.client.model.tasks.TriggeredRun;
import io.trigger4j.emulator.EmulatedTask;
import io.trigger4j.emulator.Fault;
import io.trigger4j.emulator.ManualClock;
import io.trigger4j.emulator.TriggerEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** trigger-client against the emulator: real HTTP, real lifecycle, no WireMock script. */
class EmulatorEndToEndTests {

	record Greeting(String greeting) {
	}

	private final ManualClock clock = new ManualClock(Instant.parse("2026-11-22T10:00:00Z"));

	private final TriggerEmulator emulator = TriggerEmulator.builder()
		.clock(this.clock)
		.task("hello-world", (run) -> Map.of("greeting", "Hello, " + run.payloadAsMap().get("name") + "!"))
		.task(EmulatedTask.of("slow", (run) -> Map.of("greeting", "late")).withDuration(Duration.ofMinutes(5)))
		.task(EmulatedTask.of("flaky", (run) -> {
			if (run.attempt() == 1) {
				throw new IllegalStateException("first attempt fails");
			}
			return Map.of("greeting", "attempt " + run.attempt());
		}))
		.task(EmulatedTask.of("report", (run) -> Map.of("pages", 3)).asScheduled())
		.start();

	private final TriggerOperations trigger = TriggerClient.builder()
		.secretKey(this.emulator.secretKey())
		.baseUrl(this.emulator.baseUrl())
		.retry(TestClients.FAST_RETRY)
		.build();

	@AfterEach
	void stop() {
		this.emulator.stop();
	}

	@Test
	void triggerThenAwaitCompletionAndReadTheTypedOutput() {
		TriggeredRun triggered = this.trigger.tasks().trigger("hello-world", Map.of("name", "Ada")).block();

		Run run = this.trigger.runs()
			.awaitCompletion(triggered.id(), Duration.ofMillis(100), Duration.ofSeconds(10))
			.block();

		assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
		assertThat(run.output(Greeting.class)).isEqualTo(new Greeting("Hello, Ada!"));
		assertThat(run.attemptCount()).isEqualTo(1);
		assertThat(triggered.publicAccessToken()).isNotBlank();
	}

	@Test
	void aFailedAttemptIsRetriedByTheServer() {
		String id = this.trigger.tasks().trigger("flaky", Map.of()).block().id();
		assertThat(this.trigger.runs().retrieve(id).block().status().known()).isEqualTo(RunStatus.Known.EXECUTING);

		this.emulator.advance(Duration.ofSeconds(1));

		Run run = this.trigger.runs().retrieve(id).block();
		assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
		assertThat(run.attemptCount()).isEqualTo(2);
	}

	@Test
	void listStreamsEveryRunAcrossPages() {
		for (int i = 0; i < 12; i++) {
			this.trigger.tasks().trigger("hello-world", Map.of("name", "n" + i)).block();
			this.clock.advance(Duration.ofMillis(1));
		}

		List<Run> runs = this.trigger.runs().list(ListRunsRequest.builder().pageSize(5).build()).collectList().block();

		assertThat(runs).hasSize(12).allSatisfy((run) -> assertThat(run.status()).isEqualTo(RunStatus.COMPLETED));
		assertThat(runs.get(0).createdAt()).isAfter(runs.get(11).createdAt());
		assertThat(runs.get(0).env().name()).isEqualTo("dev");
		assertThat(
				this.trigger.runs().list(ListRunsRequest.builder().pageSize(5).build()).take(3).collectList().block())
			.hasSize(3);
	}

	@Test
	void filtersReachTheServer() {
		String tagged = this.trigger.tasks()
			.trigger("hello-world", Map.of("name", "x"), TriggerOptions.builder().tags("vip").build())
			.block()
			.id();
		this.trigger.tasks().trigger("slow", Map.of()).block();

		List<String> completedVips = this.trigger.runs()
			.list(ListRunsRequest.builder().statuses(RunStatus.COMPLETED).tags("vip").build())
			.map(Run::id)
			.collectList()
			.block();

		assertThat(completedVips).containsExactly(tagged);
	}

	@Test
	void cancelAnExecutingRunAndReplayIt() {
		String id = this.trigger.tasks().trigger("slow", Map.of("n", 1)).block().id();

		assertThat(this.trigger.runs().cancel(id).block()).isEqualTo(id);
		assertThat(this.trigger.runs().retrieve(id).block().status()).isEqualTo(RunStatus.CANCELED);
		assertThat(this.trigger.runs().cancel(id).block()).as("cancelling a finished run is a no-op").isEqualTo(id);

		String replayed = this.trigger.runs().replay(id).block();
		assertThat(replayed).isNotEqualTo(id);
		assertThat(this.trigger.runs().retrieve(replayed).block().payload().asMap()).containsEntry("n", 1);
	}

	@Test
	void rescheduleADelayedRun() {
		String id = this.trigger.tasks()
			.trigger("hello-world", Map.of("name", "later"),
					TriggerOptions.builder().delay(Duration.ofHours(1)).build())
			.block()
			.id();
		assertThat(this.trigger.runs().retrieve(id).block().status()).isEqualTo(RunStatus.DELAYED);

		Run rescheduled = this.trigger.runs().reschedule(id, Duration.ofMinutes(10)).block();

		assertThat(rescheduled.delayedUntil()).isEqualTo(Instant.parse("2026-11-22T10:10:00Z"));
		this.emulator.advance(Duration.ofMinutes(10));
		assertThat(this.trigger.runs().retrieve(id).block().status()).isEqualTo(RunStatus.COMPLETED);
		assertThatExceptionOfType(BadRequestException.class)
			.isThrownBy(() -> this.trigger.runs().reschedule(id, Duration.ofMinutes(1)).block())
			.withMessageContaining("Cannot reschedule a run that is not delayed");
	}

	@Test
	void tagsAndMetadata() {
		String id = this.trigger.tasks()
			.trigger("slow", Map.of(), TriggerOptions.builder().tags("a").metadata(Map.of("step", 1)).build())
			.block()
			.id();

		assertThat(this.trigger.runs().addTags(id, List.of("a", "b")).block())
			.isEqualTo("Successfully set 1 new tags.");
		assertThat(this.trigger.runs().updateMetadata(id, Map.of("step", 2)).block().asMap()).containsEntry("step", 2);
		Run run = this.trigger.runs().retrieve(id).block();
		assertThat(run.tags()).containsExactly("a", "b");
		assertThat(run.metadata().asMap()).containsEntry("step", 2);
		assertThatExceptionOfType(UnprocessableEntityException.class)
			.isThrownBy(
					() -> this.trigger.runs().addTags(id, List.of("c", "d", "e", "f", "g", "h", "i", "j", "k")).block())
			.satisfies((ex) -> assertThat(ex.serverMessage()).startsWith("Runs can only have 10 tags"));
	}

	@Test
	void anIdempotentTriggerReturnsTheSameRun() {
		TriggerOptions options = TriggerOptions.builder().idempotencyKey("order-42").build();
		TriggeredRun first = this.trigger.tasks().trigger("slow", Map.of(), options).block();
		TriggeredRun second = this.trigger.tasks().trigger("slow", Map.of(), options).block();

		assertThat(second.id()).isEqualTo(first.id());
		assertThat(second.isCached()).isTrue();
	}

	@Test
	void batchesOfOneTaskAndOfMany() {
		BatchTriggerResult one = this.trigger.tasks()
			.batchTrigger("hello-world",
					List.of(BatchItem.of("x", Map.of("name", "a")), BatchItem.of("x", Map.of("name", "b"))),
					BatchOptions.none())
			.block();
		assertThat(one.runs()).hasSize(2);

		BatchTriggered many = this.trigger.tasks()
			.batchTrigger(List.of(BatchItem.of("hello-world", Map.of("name", "c")), BatchItem.of("slow", Map.of())),
					BatchOptions.idempotent("nightly"))
			.block();
		assertThat(many.runs()).extracting(BatchTriggered.BatchRun::taskIdentifier)
			.containsExactly("hello-world", "slow");
		assertThat(this.trigger.tasks()
			.batchTrigger(List.of(BatchItem.of("slow", Map.of())), BatchOptions.idempotent("nightly"))
			.block()
			.isCached()).isTrue();
	}

	@Test
	void errorsAndRetriesAgainstTheEmulatorsFaults() {
		this.emulator.inject(Fault.status(503).times(2).onPath("/api/v3/runs"));
		String id = this.trigger.tasks().trigger("hello-world", Map.of("name", "x")).block().id();

		assertThat(this.trigger.runs().retrieve(id).block().status()).isEqualTo(RunStatus.COMPLETED);

		TriggerOperations noRetry = TriggerClient.builder()
			.secretKey(this.emulator.secretKey())
			.baseUrl(this.emulator.baseUrl())
			.retry(TriggerRetrySettings.none())
			.build();
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> noRetry.runs().retrieve("run_missing").block())
			.satisfies((ex) -> assertThat(ex.isRetryAdvised()).isTrue());
		assertThatExceptionOfType(AuthenticationException.class)
			.isThrownBy(() -> TriggerClient.builder()
				.secretKey("tr_prod_wrong")
				.baseUrl(this.emulator.baseUrl())
				.build()
				.runs()
				.retrieve(id)
				.block())
			.withMessage("runs.retrieve failed with HTTP 401: Invalid API key");
	}

	@Test
	void aTriggerWithoutKeyIsNotRepeatedWhenTheConnectionDrops() {
		this.emulator.inject(Fault.drop().onPath("/api/v1/tasks"));

		assertThatExceptionOfType(TriggerTransportException.class)
			.isThrownBy(() -> this.trigger.tasks().trigger("hello-world", Map.of("name", "x")).block())
			.satisfies((ex) -> assertThat(ex.isConnectFailure()).isFalse());
		assertThat(this.trigger.runs().list(ListRunsRequest.all()).collectList().block()).isEmpty();
	}

	@Test
	void aScheduleFiresRunsAsTheClockMovesUntilItIsDeactivated() {
		Schedule schedule = this.trigger.schedules()
			.create(CreateScheduleRequest.builder()
				.task("report")
				.cron("0 * * * *")
				.timezone("Europe/Paris")
				.deduplicationKey("hourly-report")
				.build())
			.block();
		assertThat(schedule.active()).isTrue();
		assertThat(schedule.nextRun()).isEqualTo(Instant.parse("2026-11-22T11:00:00Z"));
		ListRunsRequest ofSchedule = ListRunsRequest.builder().schedule(schedule.id()).build();

		this.emulator.advance(Duration.ofHours(3));

		List<Run> runs = this.trigger.runs().list(ofSchedule).collectList().block();
		assertThat(runs).extracting(Run::createdAt)
			.containsExactly(Instant.parse("2026-11-22T13:00:00Z"), Instant.parse("2026-11-22T12:00:00Z"),
					Instant.parse("2026-11-22T11:00:00Z"));
		Run fired = this.trigger.runs().retrieve(runs.get(0).id()).block();
		assertThat(fired.schedule().id()).isEqualTo(schedule.id());
		assertThat(fired.payload().asMap()).containsEntry("scheduleId", schedule.id())
			.containsEntry("timestamp", "2026-11-22T13:00:00.000Z");
		assertThat(fired.status()).isEqualTo(RunStatus.COMPLETED);

		this.trigger.schedules().deactivate(schedule.id()).block();
		this.emulator.advance(Duration.ofHours(2));
		assertThat(this.trigger.runs().list(ofSchedule).collectList().block()).hasSize(3);
	}

	@Test
	void aPausedQueueHoldsRunsBackUntilItIsResumed() {
		Queue paused = this.trigger.queues().pause(QueueRef.task("slow")).block();
		assertThat(paused.paused()).isTrue();

		String id = this.trigger.tasks().trigger("slow", Map.of()).block().id();
		// Within the run's TTL (10 minutes by default): held back, not expired.
		this.emulator.advance(Duration.ofMinutes(5));
		assertThat(this.trigger.runs().retrieve(id).block().status()).isEqualTo(RunStatus.QUEUED);
		assertThat(this.trigger.queues().retrieve(QueueRef.task("slow")).block().queued()).isEqualTo(1);

		this.trigger.queues().resume(QueueRef.task("slow")).block();
		Run resumed = this.trigger.runs().retrieve(id).block();
		assertThat(resumed.status()).isEqualTo(RunStatus.EXECUTING);
		assertThat(resumed.startedAt()).isEqualTo(Instant.parse("2026-11-22T10:05:00Z"));
	}

}
