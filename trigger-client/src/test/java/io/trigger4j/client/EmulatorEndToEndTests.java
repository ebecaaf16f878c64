package io.trigger4j.client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.trigger4j.client.error.AuthenticationException;
import io.trigger4j.client.error.BadRequestException;
import io.trigger4j.client.error.NotFoundException;
import io.trigger4j.client.error.UnprocessableEntityException;
import io.trigger4j.client.model.batches.Batch;
import io.trigger4j.client.model.batches.BatchItem;
import io.trigger4j.client.model.batches.BatchOptions;
import io.trigger4j.client.model.batches.BatchStatus;
import io.trigger4j.client.model.batches.BatchTriggerResult;
import io.trigger4j.client.model.batches.BatchTriggered;
import io.trigger4j.client.model.queues.Queue;
import io.trigger4j.client.model.queues.QueueRef;
import io.trigger4j.client.model.runs.ListRunsRequest;
import io.trigger4j.client.model.query.QueryRequest;
import io.trigger4j.client.model.runs.Run;
import io.trigger4j.client.model.runs.RunSpan;
import io.trigger4j.client.model.runs.RunStatus;
import io.trigger4j.client.model.runs.RunTrace;
import io.trigger4j.client.model.schedules.CreateScheduleRequest;
import io.trigger4j.client.model.schedules.Schedule;
import io.trigger4j.client.model.tasks.TriggerOptions;
import io.trigger4j.client.model.tasks.TriggeredRun;
import io.trigger4j.client.model.waitpoints.ListWaitpointTokensRequest;
import io.trigger4j.client.model.waitpoints.WaitpointToken;
import io.trigger4j.client.model.waitpoints.WaitpointTokenStatus;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.trigger4j.emulator.EmulatedTask;
import io.trigger4j.emulator.Fault;
import io.trigger4j.emulator.ManualClock;
import io.trigger4j.emulator.TaskInvocation;
import io.trigger4j.emulator.TaskStep;
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
		.task(EmulatedTask.of("approval", (run) -> {
			if (run.step() == 1) {
				return TaskStep
					.waitForToken(run.createToken("approve-" + run.runId(), Duration.ofHours(1), List.of("approval")));
			}
			TaskInvocation.TokenResult result = Objects.requireNonNull(run.tokenResult());
			return result.ok() ? Map.of("decision", result.outputAsMap()) : Map.of("timedOut", result.error());
		}))
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
	void aRunWaitsOnATokenAndResumesWithItsData() {
		String runId = this.trigger.tasks().trigger("approval", Map.of()).block().id();
		WaitpointToken token = this.trigger.waitpoints()
			.listTokens(ListWaitpointTokensRequest.builder().tags("approval").build())
			.blockFirst();
		assertThat(token.status()).isEqualTo(WaitpointTokenStatus.WAITING);
		assertThat(this.trigger.runs().retrieve(runId).block().status()).isEqualTo(RunStatus.of("WAITING"));

		this.trigger.waitpoints().completeToken(token.id(), Map.of("approved", true, "by", "ada")).block();
		Run run = this.trigger.runs().awaitCompletion(runId, Duration.ofMillis(100), Duration.ofSeconds(10)).block();

		assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
		assertThat(run.output(Map.class)).isEqualTo(Map.of("decision", Map.of("approved", true, "by", "ada")));
		WaitpointToken completed = this.trigger.waitpoints().retrieveToken(token.id()).block();
		assertThat(completed.isCompleted()).isTrue();
		assertThat(completed.isTimedOut()).isFalse();
		assertThat(completed.output(Map.class)).isEqualTo(Map.of("approved", true, "by", "ada"));
	}

	@Test
	void aTokenTimesOutAsTheClockMovesAndTheRunResumesWithTheError() {
		String runId = this.trigger.tasks().trigger("approval", Map.of()).block().id();
		WaitpointToken token = this.trigger.waitpoints()
			.listTokens(ListWaitpointTokensRequest.builder().statuses(WaitpointTokenStatus.WAITING).build())
			.blockFirst();

		this.emulator.advance(Duration.ofHours(1));
		Run run = this.trigger.runs().awaitCompletion(runId, Duration.ofMillis(100), Duration.ofSeconds(10)).block();

		WaitpointToken timedOut = this.trigger.waitpoints().retrieveToken(token.id()).block();
		assertThat(timedOut.isTimedOut()).isTrue();
		assertThat(timedOut.output(Map.class)).isNull();
		assertThat(timedOut.error().message()).contains("timed out");
		assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
		assertThat(run.output(Map.class).get("timedOut").toString()).contains("timed out");
	}

	record TaskCount(@JsonProperty("task_identifier") String task, long runs) {
	}

	@Test
	void aRunsTraceShowsItsAttemptsAndAQueryCountsRunsByTask() {
		String flaky = this.trigger.tasks().trigger("flaky", Map.of()).block().id();
		this.trigger.tasks().trigger("hello-world", Map.of("name", "a")).block();
		this.trigger.tasks().trigger("hello-world", Map.of("name", "b")).block();
		this.emulator.advance(Duration.ofSeconds(1));
		this.trigger.runs().awaitCompletion(flaky, Duration.ofMillis(100), Duration.ofSeconds(10)).block();

		RunTrace trace = this.trigger.runs().trace(flaky).block();
		List<TaskCount> counts = this.trigger.query()
			.execute(QueryRequest.of("SELECT task_identifier, count() AS runs FROM runs "
					+ "GROUP BY task_identifier ORDER BY task_identifier"), TaskCount.class)
			.block()
			.rows();

		assertThat(trace.spans()).filteredOn((span) -> span.message().startsWith("Attempt"))
			.extracting(RunSpan::isError)
			.containsExactly(true, false);
		assertThat(this.trigger.runs().events(flaky).block()).isNotEmpty();
		assertThat(counts).containsExactly(new TaskCount("flaky", 1), new TaskCount("hello-world", 2));
	}

	@Test
	void aBatchsStatusMovesAsItsRunsFinish() {
		BatchTriggered triggered = this.trigger.tasks()
			.batchTrigger(List.of(BatchItem.of("slow", Map.of()), BatchItem.of("slow", Map.of())), BatchOptions.none())
			.block();

		Batch running = this.trigger.batches().retrieve(triggered.id()).block();
		this.emulator.advance(Duration.ofMinutes(5));
		Batch finished = this.trigger.batches().retrieve(triggered.id()).block();

		assertThat(running.status()).isEqualTo(BatchStatus.PENDING);
		assertThat(running.runs())
			.containsExactlyElementsOf(triggered.runs().stream().map(BatchTriggered.BatchRun::id).toList());
		assertThat(finished.status()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(finished.runCount()).isEqualTo(2);
		assertThat(this.trigger.batches().results(triggered.id()).block().id()).isEqualTo(triggered.id());
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
	void aTriggerWithoutKeyIsRepeatedWhenTheConnectionDropsAndMakesOneRun() {
		this.emulator.inject(Fault.drop().onPath("/api/v1/tasks"));
		this.emulator.inject(Fault.drop().afterServed().onPath("/api/v1/tasks"));

		TriggeredRun run = this.trigger.tasks().trigger("hello-world", Map.of("name", "x")).block();

		assertThat(this.trigger.runs().list(ListRunsRequest.all()).collectList().block()).extracting(Run::id)
			.containsExactly(run.id());
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
