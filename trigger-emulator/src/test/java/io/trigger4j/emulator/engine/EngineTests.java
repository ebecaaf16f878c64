package io.trigger4j.emulator.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.trigger4j.emulator.ManualClock;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The engine on its own, with a clock that moves only when told to. */
class EngineTests {

	private static final Instant START = Instant.parse("2026-11-22T10:00:00Z");

	private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

	private final ManualClock clock = new ManualClock(START);

	private final List<StepContext> calls = new CopyOnWriteArrayList<>();

	private Engine engine(TaskSpec... tasks) {
		return new Engine(this.clock, List.of(tasks), Duration.ofSeconds(10));
	}

	private TaskSpec task(String id, Duration stepDuration, int maxAttempts, Duration retryDelay, int limit,
			StepFunction function) {
		return new TaskSpec(id, stepDuration, maxAttempts, retryDelay, limit, (context) -> {
			this.calls.add(context);
			return function.run(context);
		});
	}

	private TaskSpec completing(String id, Duration stepDuration, int limit) {
		return task(id, stepDuration, 3, Duration.ofSeconds(1), limit,
				(context) -> new StepOutcome.Complete(JSON.stringNode("done")));
	}

	private static Spec spec(String task) {
		return new Spec(task);
	}

	private static Instant at(String time) {
		return Instant.parse("2026-11-22T" + time + "Z");
	}

	private static RunSnapshot find(Engine engine, String id) {
		return engine.find(id).orElseThrow();
	}

	private static RunState state(Engine engine, String id) {
		return find(engine, id).state();
	}

	@Test
	void aDelayedRunIsQueuedExecutesAndCompletesAtItsInstants() {
		Engine engine = engine(completing("slow", Duration.ofSeconds(30), 0));
		Triggered triggered = engine.trigger(spec("slow").delayUntil(at("10:01:00")).build());
		String id = triggered.run().id();

		assertThat(id).matches("run_[0-9a-v]{24}e1");
		assertThat(triggered.cached()).isFalse();
		assertThat(triggered.run().state()).isEqualTo(RunState.DELAYED);
		assertThat(triggered.run().delayedUntil()).isEqualTo(at("10:01:00"));
		assertThat(triggered.run().ttl()).isEqualTo("10m");
		assertThat(triggered.run().version()).isEqualTo(Engine.DEFAULT_VERSION);

		this.clock.advance(Duration.ofMinutes(1));
		RunSnapshot executing = find(engine, id);
		assertThat(executing.state()).isEqualTo(RunState.EXECUTING);
		assertThat(executing.startedAt()).isEqualTo(at("10:01:00"));
		assertThat(executing.attemptCount()).isEqualTo(1);

		this.clock.advance(Duration.ofMinutes(5));
		RunSnapshot done = find(engine, id);
		assertThat(done.state()).isEqualTo(RunState.COMPLETED_SUCCESSFULLY);
		assertThat(done.finishedAt()).isEqualTo(at("10:01:30"));
		assertThat(done.updatedAt()).isEqualTo(at("10:01:30"));
		assertThat(done.executionMillis()).isEqualTo(30_000);
		assertThat(done.output().asString()).isEqualTo("done");
		assertThat(this.calls).as("the step started at 10:01 although the tick came at 10:06")
			.containsExactly(new StepContext(id, "slow", 1, 1, at("10:01:00"), null));
	}

	@Test
	void runsBeyondTheConcurrencyLimitWaitQueuedAndExpireWhenTheirTtlPasses() {
		Engine engine = engine(completing("one", Duration.ofMinutes(1), 1));
		String first = engine.trigger(spec("one").build()).run().id();
		String second = engine.trigger(spec("one").ttl(Duration.ofMinutes(5), "5m").build()).run().id();
		String third = engine.trigger(spec("one").ttl(Duration.ofSeconds(90), "90s").build()).run().id();
		assertThat(state(engine, first)).isEqualTo(RunState.EXECUTING);
		assertThat(state(engine, second)).isEqualTo(RunState.PENDING);
		assertThat(find(engine, third).ttl()).isEqualTo("90s");

		this.clock.advance(Duration.ofMinutes(1));
		assertThat(state(engine, first)).isEqualTo(RunState.COMPLETED_SUCCESSFULLY);
		assertThat(find(engine, second).startedAt()).isEqualTo(at("10:01:00"));
		assertThat(state(engine, third)).isEqualTo(RunState.PENDING);

		this.clock.advance(Duration.ofMinutes(1));
		assertThat(state(engine, second)).isEqualTo(RunState.COMPLETED_SUCCESSFULLY);
		RunSnapshot expired = find(engine, third);
		assertThat(expired.state()).isEqualTo(RunState.EXPIRED);
		assertThat(expired.expiredAt()).isEqualTo(at("10:01:30"));
		assertThat(expired.finishedAt()).isEqualTo(at("10:01:30"));
		assertThat(expired.startedAt()).isNull();
	}

	@Test
	void aLateTickStartsQueuedRunsWhenTheirSlotFreedNotWhenTheTickCame() {
		Engine engine = engine(completing("one", Duration.ofMinutes(1), 1));
		String first = engine.trigger(spec("one").build()).run().id();
		String second = engine.trigger(spec("one").ttl(Duration.ofHours(1), "1h").build()).run().id();
		String third = engine.trigger(spec("one").ttl(Duration.ofMinutes(2), "2m").build()).run().id();

		this.clock.advance(Duration.ofMinutes(10));
		engine.tick();

		assertThat(find(engine, first).finishedAt()).isEqualTo(at("10:01:00"));
		assertThat(find(engine, second).startedAt()).isEqualTo(at("10:01:00"));
		assertThat(find(engine, second).finishedAt()).isEqualTo(at("10:02:00"));
		// The slot frees at 10:02, the instant its TTL passes: it expires instead.
		assertThat(state(engine, third)).isEqualTo(RunState.EXPIRED);
		assertThat(find(engine, third).expiredAt()).isEqualTo(at("10:02:00"));
	}

	@Test
	void aCancelledRunGivesItsSlotToTheOldestWaitingRunAtOnce() {
		Engine engine = engine(completing("one", Duration.ofMinutes(1), 1));
		String first = engine.trigger(spec("one").build()).run().id();
		String second = engine.trigger(spec("one").build()).run().id();
		this.clock.advance(Duration.ofSeconds(20));

		RunSnapshot cancelled = engine.cancel(first);
		assertThat(cancelled.state()).isEqualTo(RunState.CANCELED);
		assertThat(cancelled.finishedAt()).isEqualTo(at("10:00:20"));
		assertThat(find(engine, second).startedAt()).isEqualTo(at("10:00:20"));

		this.clock.advance(Duration.ofMinutes(5));
		assertThat(engine.cancel(first).state()).as("cancelling a finished run is a no-op")
			.isEqualTo(RunState.CANCELED);
		assertThat(engine.cancel(second).state()).isEqualTo(RunState.COMPLETED_SUCCESSFULLY);
		assertThatExceptionOfType(EngineException.class).isThrownBy(() -> engine.cancel("run_unknown"))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(404))
			.withMessage("Resource not found");
	}

	@Test
	void aFailedAttemptIsRetriedAfterTheRetryDelayAndTheRunFailsWhenAttemptsRunOut() {
		Engine engine = engine(task("flaky", Duration.ZERO, 3, Duration.ofSeconds(5), 0, (context) -> {
			if (context.attempt() == 1) {
				throw new IllegalStateException("first attempt fails");
			}
			return new StepOutcome.Complete(JSON.numberNode(context.attempt()));
		}), task("broken", Duration.ofSeconds(1), 2, Duration.ofSeconds(1), 0, (context) -> {
			throw new IllegalArgumentException("always fails");
		}));
		Triggered flaky = engine.trigger(spec("flaky").build());
		assertThat(flaky.run().state()).isEqualTo(RunState.RETRYING_AFTER_FAILURE);
		assertThat(flaky.run().error()).isNull();

		this.clock.advance(Duration.ofSeconds(5));
		RunSnapshot done = find(engine, flaky.run().id());
		assertThat(done.state()).isEqualTo(RunState.COMPLETED_SUCCESSFULLY);
		assertThat(done.attemptCount()).isEqualTo(2);
		assertThat(done.output().asInt()).isEqualTo(2);
		assertThat(done.finishedAt()).isEqualTo(at("10:00:05"));

		String broken = engine.trigger(spec("broken").build()).run().id();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(state(engine, broken)).isEqualTo(RunState.RETRYING_AFTER_FAILURE);
		this.clock.advance(Duration.ofSeconds(2));
		RunSnapshot failed = find(engine, broken);
		assertThat(failed.state()).isEqualTo(RunState.COMPLETED_WITH_ERRORS);
		assertThat(failed.attemptCount()).isEqualTo(2);
		assertThat(failed.finishedAt()).isEqualTo(at("10:00:08"));
		assertThat(failed.executionMillis()).isEqualTo(2_000);
		assertThat(failed.output()).isNull();
		assertThat(failed.error().get("message").asString()).isEqualTo("always fails");
		assertThat(failed.error().get("name").asString()).isEqualTo("IllegalArgumentException");
		assertThat(failed.error().get("stackTrace").asString())
			.isEqualTo("java.lang.IllegalArgumentException: always fails");
	}

	@Test
	void theTriggersMaxAttemptsWinsOverTheTasks() {
		Engine engine = engine(task("broken", Duration.ZERO, 5, Duration.ofSeconds(1), 0,
				(context) -> new StepOutcome.Fail(JSON.objectNode().put("message", "no"))));
		String id = engine.trigger(spec("broken").maxAttempts(1).build()).run().id();
		RunSnapshot failed = find(engine, id);
		assertThat(failed.state()).isEqualTo(RunState.COMPLETED_WITH_ERRORS);
		assertThat(failed.error().get("message").asString()).isEqualTo("no");
	}

	@Test
	void anUndeclaredTaskWaitsForADeployThenExpiresAfterItsTtlCountedFromTheEndOfItsDelay() {
		Engine engine = engine();
		String id = engine.trigger(spec("not-deployed").ttl(Duration.ofMinutes(5), "5m").build()).run().id();
		String delayed = engine
			.trigger(spec("not-deployed").delayUntil(at("10:01:00")).ttl(Duration.ofMinutes(5), "5m").build())
			.run()
			.id();
		RunSnapshot waiting = find(engine, id);
		assertThat(waiting.state()).isEqualTo(RunState.PENDING_VERSION);
		assertThat(waiting.version()).isNull();

		this.clock.advance(Duration.ofMinutes(5));
		RunSnapshot expired = find(engine, id);
		assertThat(expired.state()).isEqualTo(RunState.EXPIRED);
		assertThat(expired.expiredAt()).isEqualTo(at("10:05:00"));
		assertThat(state(engine, delayed)).isEqualTo(RunState.PENDING_VERSION);

		this.clock.advance(Duration.ofHours(1));
		assertThat(find(engine, delayed).expiredAt()).isEqualTo(at("10:06:00"));
		String zero = engine.trigger(spec("not-deployed").ttl(Duration.ZERO, "0s").build()).run().id();
		assertThat(state(engine, zero)).isEqualTo(RunState.EXPIRED);
	}

	@Test
	void aWaitingRunIsWaitingToResumeThenRunsItsNextStepKeepingItsSlot() {
		Engine engine = engine(task("waits", Duration.ofSeconds(10), 3, Duration.ofSeconds(1), 1,
				(context) -> (context.step() == 1) ? new StepOutcome.Wait(Duration.ofMinutes(1))
						: new StepOutcome.Complete(JSON.stringNode("step " + context.step()))));
		String id = engine.trigger(spec("waits").build()).run().id();
		String queued = engine.trigger(spec("waits").build()).run().id();
		assertThat(state(engine, id)).isEqualTo(RunState.EXECUTING);

		this.clock.advance(Duration.ofSeconds(10));
		RunSnapshot waiting = find(engine, id);
		assertThat(waiting.state()).isEqualTo(RunState.WAITING_TO_RESUME);
		assertThat(waiting.updatedAt()).isEqualTo(at("10:00:10"));
		assertThat(state(engine, queued)).as("the waiting run keeps its slot").isEqualTo(RunState.PENDING);

		this.clock.advance(Duration.ofMinutes(1));
		RunSnapshot resumed = find(engine, id);
		assertThat(resumed.state()).isEqualTo(RunState.EXECUTING);
		assertThat(resumed.updatedAt()).isEqualTo(at("10:01:10"));

		this.clock.advance(Duration.ofSeconds(10));
		RunSnapshot done = find(engine, id);
		assertThat(done.state()).isEqualTo(RunState.COMPLETED_SUCCESSFULLY);
		assertThat(done.output().asString()).isEqualTo("step 2");
		assertThat(done.finishedAt()).isEqualTo(at("10:01:20"));
		assertThat(done.executionMillis()).isEqualTo(20_000);
		assertThat(done.attemptCount()).isEqualTo(1);
		assertThat(find(engine, queued).startedAt()).isEqualTo(at("10:01:20"));
		assertThat(this.calls).extracting(StepContext::runId, StepContext::attempt, StepContext::step)
			.startsWith(org.assertj.core.groups.Tuple.tuple(id, 1, 1), org.assertj.core.groups.Tuple.tuple(id, 1, 2));
	}

	@Test
	void aLateTickPassesThroughEveryStepOfAWaitingRun() {
		Engine engine = engine(task("waits", Duration.ZERO, 3, Duration.ZERO, 0, (context) -> (context.step() < 3)
				? new StepOutcome.Wait(Duration.ofMinutes(1)) : new StepOutcome.Complete(null)));
		String id = engine.trigger(spec("waits").build()).run().id();
		assertThat(state(engine, id)).isEqualTo(RunState.WAITING_TO_RESUME);

		this.clock.advance(Duration.ofHours(1));
		RunSnapshot done = find(engine, id);
		assertThat(done.state()).isEqualTo(RunState.COMPLETED_SUCCESSFULLY);
		assertThat(done.finishedAt()).isEqualTo(at("10:02:00"));
		assertThat(done.output()).isNull();
		assertThat(this.calls).extracting(StepContext::step).containsExactly(1, 2, 3);
	}

	@Test
	void stepFunctionsRunOutsideTheLockOnTaskThreadsOnceEvenWithConcurrentCallers() throws Exception {
		CountDownLatch entered = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger invocations = new AtomicInteger();
		Set<String> threads = ConcurrentHashMap.newKeySet();
		Engine engine = engine(task("blocking", Duration.ZERO, 1, Duration.ZERO, 0, (context) -> {
			invocations.incrementAndGet();
			threads.add(Thread.currentThread().getName() + "/" + Thread.currentThread().isDaemon());
			entered.countDown();
			release.await();
			return new StepOutcome.Complete(JSON.stringNode("ok"));
		}));
		ExecutorService callers = Executors.newFixedThreadPool(8);
		try {
			Future<Triggered> trigger = callers.submit(() -> engine.trigger(spec("blocking").build()));
			assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
			List<Future<Page>> lists = new ArrayList<>();
			for (int i = 0; i < 7; i++) {
				lists.add(callers.submit(() -> list(engine, query(25))));
			}
			// Every caller waits for the step; none of them holds the lock meanwhile.
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
			while (engine.isLocked() && System.nanoTime() < deadline) {
				Thread.sleep(5);
			}
			assertThat(engine.isLocked()).isFalse();
			assertThat(trigger.isDone()).isFalse();
			release.countDown();

			RunSnapshot run = trigger.get(5, TimeUnit.SECONDS).run();
			assertThat(run.state()).isEqualTo(RunState.COMPLETED_SUCCESSFULLY);
			for (Future<Page> list : lists) {
				assertThat(list.get(5, TimeUnit.SECONDS).data()).singleElement()
					.satisfies((listed) -> assertThat(listed.state()).isEqualTo(RunState.COMPLETED_SUCCESSFULLY));
			}
			assertThat(invocations).hasValue(1);
			assertThat(threads).containsExactly("trigger-emulator-task/true");
		}
		finally {
			release.countDown();
			callers.shutdownNow();
		}
	}

	@Test
	void manyCallersOnManyThreadsCallEachStepOnce() throws Exception {
		Map<String, AtomicInteger> perStep = new ConcurrentHashMap<>();
		Engine engine = engine(task("flaky", Duration.ZERO, 3, Duration.ZERO, 2, (context) -> {
			perStep
				.computeIfAbsent(context.runId() + "/" + context.attempt() + "/" + context.step(),
						(key) -> new AtomicInteger())
				.incrementAndGet();
			Thread.sleep(1);
			if (context.attempt() == 1) {
				throw new IllegalStateException("first attempt fails");
			}
			return (context.step() == 1) ? new StepOutcome.Wait(Duration.ZERO) : new StepOutcome.Complete(null);
		}));
		ExecutorService callers = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> work = new ArrayList<>();
			for (int i = 0; i < 40; i++) {
				work.add(callers.submit(() -> engine.trigger(spec("flaky").build())));
				work.add(callers.submit(() -> list(engine, query(100))));
				work.add(callers.submit(engine::tick));
			}
			for (Future<?> future : work) {
				future.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			callers.shutdownNow();
		}
		Page page = list(engine, query(100));
		assertThat(page.data()).hasSize(40)
			.allSatisfy((run) -> assertThat(run.state()).isEqualTo(RunState.COMPLETED_SUCCESSFULLY))
			.allSatisfy((run) -> assertThat(run.attemptCount()).isEqualTo(2));
		// attempt 1 step 1, attempt 2 steps 1 and 2: three calls a run, each once
		assertThat(perStep).hasSize(120);
		assertThat(perStep.values()).allSatisfy((count) -> assertThat(count).hasValue(1));
	}

	@Test
	void aStepThatDoesNotReturnInTimeFails() {
		CountDownLatch never = new CountDownLatch(1);
		Engine engine = new Engine(this.clock, List.of(task("stuck", Duration.ZERO, 1, Duration.ZERO, 0, (context) -> {
			never.await();
			return new StepOutcome.Complete(null);
		})), Duration.ofMillis(200));
		long start = System.nanoTime();
		RunSnapshot run = engine.trigger(spec("stuck").build()).run();
		long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

		assertThat(tookMillis).isBetween(150L, 5_000L);
		assertThat(run.state()).isEqualTo(RunState.COMPLETED_WITH_ERRORS);
		assertThat(run.error().get("message").asString()).isEqualTo("Task handler did not return within PT0.2S");
		assertThat(run.error().get("name").asString()).isEqualTo("TimeoutException");
		assertThat(engine.find(run.id()).orElseThrow().state()).isEqualTo(RunState.COMPLETED_WITH_ERRORS);
	}

	@Test
	void aStepFunctionThatReturnsBeforeItsStepEndsNeedsNoWaiting() throws Exception {
		CountDownLatch done = new CountDownLatch(1);
		Engine engine = engine(task("quick", Duration.ofMinutes(1), 1, Duration.ZERO, 0, (context) -> {
			done.countDown();
			return new StepOutcome.Complete(JSON.stringNode("early"));
		}));
		String id = engine.trigger(spec("quick").build()).run().id();
		assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(state(engine, id)).isEqualTo(RunState.EXECUTING);
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(find(engine, id).output().asString()).isEqualTo("early");
	}

	@Test
	void idempotencyKeysAreScopedByTaskAnswerCachedAndAreReleasedByAFailureOrTheirTtl() {
		Engine engine = engine(completing("slow", Duration.ofMinutes(1), 0),
				task("broken", Duration.ZERO, 1, Duration.ZERO, 0, (context) -> {
					throw new IllegalStateException("no");
				}));
		Triggered first = engine.trigger(spec("slow").idempotencyKey("order-1").build());
		Triggered again = engine.trigger(spec("slow").idempotencyKey("order-1").tags("x").build());
		assertThat(again.run().id()).isEqualTo(first.run().id());
		assertThat(again.cached()).isTrue();
		assertThat(again.run().tags()).isEmpty();
		assertThat(first.run().idempotencyKey()).isEqualTo("order-1");

		Triggered failing = engine.trigger(spec("broken").idempotencyKey("order-1").build());
		assertThat(failing.run().id()).isNotEqualTo(first.run().id());
		assertThat(failing.run().state()).isEqualTo(RunState.COMPLETED_WITH_ERRORS);
		Triggered retriggered = engine.trigger(spec("broken").idempotencyKey("order-1").build());
		assertThat(retriggered.cached()).isFalse();
		assertThat(retriggered.run().id()).isNotEqualTo(failing.run().id());

		this.clock.advance(Duration.ofMinutes(5));
		Triggered completed = engine.trigger(spec("slow").idempotencyKey("order-1").build());
		assertThat(completed.cached()).as("a completed run keeps its key").isTrue();

		Triggered shortLived = engine
			.trigger(spec("slow").idempotencyKey("short").idempotencyKeyTtl(Duration.ofMinutes(1)).build());
		engine.cancel(shortLived.run().id());
		assertThat(engine.trigger(spec("slow").idempotencyKey("short").build()).cached())
			.as("a cancelled run keeps its key")
			.isTrue();
		this.clock.advance(Duration.ofSeconds(61));
		Triggered afterTtl = engine.trigger(spec("slow").idempotencyKey("short").build());
		assertThat(afterTtl.cached()).isFalse();
		assertThat(afterTtl.run().id()).isNotEqualTo(shortLived.run().id());
	}

	@Test
	void aRepeatedRequestKeyReplaysTheFirstRunNotCachedFor24Hours() {
		Engine engine = engine(completing("slow", Duration.ofMinutes(1), 0));
		Triggered first = engine.trigger(spec("slow").requestKey("request-1").build());
		Triggered second = engine.trigger(spec("slow").requestKey("request-1").build());
		assertThat(second.run().id()).isEqualTo(first.run().id());
		assertThat(second.cached()).isFalse();

		this.clock.advance(Duration.ofHours(24));
		assertThat(engine.trigger(spec("slow").requestKey("request-1").build()).run().id())
			.isNotEqualTo(first.run().id());
	}

	@Test
	void batchesMarkTheirRunsAndARepeatedKeyReturnsTheFirstBatchCached() {
		Engine engine = engine(completing("slow", Duration.ofMinutes(1), 0));
		String existing = engine.trigger(spec("slow").idempotencyKey("i1").build()).run().id();
		BatchSpec spec = new BatchSpec("v2",
				List.of(spec("slow").idempotencyKey("i1").triggerFunction("batchTrigger").build(),
						spec("slow").payload(JSON.objectNode().put("n", 2)).triggerFunction("batchTrigger").build()),
				"nightly", null);
		BatchResult batch = engine.batch(spec);
		assertThat(batch.id()).matches("batch_[0-9a-v]{24}e1");
		assertThat(batch.cached()).isFalse();
		assertThat(batch.idempotencyKey()).isEqualTo("nightly");
		assertThat(batch.runCached()).containsExactly(true, false);
		assertThat(batch.runs().get(0).id()).isEqualTo(existing);
		assertThat(batch.runs().get(0).batchId()).isNull();
		assertThat(batch.runs().get(1).batchId()).isEqualTo(batch.id());
		assertThat(batch.runs().get(1).triggerFunction()).isEqualTo("batchTrigger");
		assertThat(batch.runs().get(1).state()).isEqualTo(RunState.EXECUTING);

		this.clock.advance(Duration.ofMinutes(2));
		BatchResult repeat = engine.batch(spec);
		assertThat(repeat.id()).isEqualTo(batch.id());
		assertThat(repeat.cached()).isTrue();
		assertThat(repeat.runCached()).containsExactly(true, true);
		assertThat(repeat.runs()).extracting(RunSnapshot::id)
			.containsExactlyElementsOf(batch.runs().stream().map(RunSnapshot::id).toList());
		assertThat(repeat.runs().get(1).state()).isEqualTo(RunState.COMPLETED_SUCCESSFULLY);

		BatchResult otherRoute = engine.batch(new BatchSpec("v1", spec.items(), "nightly", null));
		assertThat(otherRoute.id()).as("a key is the environment's, whichever route uses it").isEqualTo(batch.id());
		assertThat(otherRoute.cached()).isTrue();
		BatchResult shortLived = engine.batch(new BatchSpec("v1", spec.items(), "hourly", Duration.ofMinutes(1)));
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(engine.batch(new BatchSpec("v2", spec.items(), "hourly", null)).id())
			.as("at its expiry instant the key is live")
			.isEqualTo(shortLived.id());
		this.clock.advance(Duration.ofMillis(1));
		BatchResult taken = engine.batch(new BatchSpec("v2", spec.items(), "hourly", null));
		assertThat(taken.id()).as("an expired key moves to the new batch").isNotEqualTo(shortLived.id());
		assertThat(taken.cached()).isFalse();
		assertThat(engine.batch(new BatchSpec("v1", spec.items(), "hourly", null)).id()).isEqualTo(taken.id());
		assertThat(list(engine, query(100).batch(batch.id())).data()).extracting(RunSnapshot::id)
			.containsExactly(batch.runs().get(1).id());
	}

	@Test
	void aRefusedBatchCreatesNothing() {
		Engine engine = engine(completing("slow", Duration.ofMinutes(1), 0));
		List<String> eleven = new ArrayList<>();
		for (int i = 0; i < 11; i++) {
			eleven.add("t" + i);
		}
		BatchSpec spec = new BatchSpec("v2",
				List.of(spec("slow").idempotencyKey("k").build(), spec("slow").tags(eleven).build()), "b", null);
		assertThatExceptionOfType(EngineException.class).isThrownBy(() -> engine.batch(spec))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(422))
			.withMessage("Runs can only have 10 tags, you're trying to set 11.");
		assertThat(list(engine, query(100)).data()).isEmpty();
		assertThat(engine.trigger(spec("slow").idempotencyKey("k").build()).cached()).isFalse();
		assertThat(engine.batch(new BatchSpec("v2", List.of(spec("slow").build()), "b", null)).cached()).isFalse();
	}

	@Test
	void tagsAndMetadataAreLimitedAndARefusedTriggerCreatesNothing() {
		Engine engine = engine(completing("slow", Duration.ofMinutes(1), 0), completing("instant", Duration.ZERO, 0));
		List<String> eleven = new ArrayList<>();
		for (int i = 0; i < 11; i++) {
			eleven.add("t" + i);
		}
		assertThatExceptionOfType(EngineException.class)
			.isThrownBy(() -> engine.trigger(spec("slow").tags(eleven).idempotencyKey("k").build()))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(422))
			.withMessage("Runs can only have 10 tags, you're trying to set 11.");
		ObjectNode big = JSON.objectNode().put("big", "x".repeat(262_144));
		assertThatExceptionOfType(EngineException.class)
			.isThrownBy(() -> engine.trigger(spec("slow").metadata(big).build()))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(413))
			.withMessage("Metadata exceeds maximum size of 262144 bytes");
		assertThat(list(engine, query(100)).data()).isEmpty();
		assertThat(engine.trigger(spec("slow").idempotencyKey("k").build()).cached()).isFalse();

		List<String> repeated = List.of("a", "a", " ", "b");
		String id = engine.trigger(spec("slow").tags(repeated).build()).run().id();
		assertThat(find(engine, id).tags()).containsExactly("a", "b");
		assertThat(engine.addTags(id, List.of("a", "c", "c", ""))).isEqualTo("Successfully set 1 new tags.");
		assertThat(engine.addTags(id, List.of("a"))).isEqualTo("No new tags to add");
		assertThatExceptionOfType(EngineException.class)
			.isThrownBy(() -> engine.addTags(id, List.of("d", "e", "f", "g", "h", "i", "j", "k", "l", "m")))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(422))
			.withMessage(
					"Runs can only have 10 tags, you're trying to set 13. These tags have not been set: 'k', 'l', 'm'.");
		assertThat(find(engine, id).tags()).containsExactly("a", "b", "c");
		assertThatExceptionOfType(EngineException.class).isThrownBy(() -> engine.addTags("run_x", List.of("a")))
			.withMessage("Run not found");

		String done = engine.trigger(spec("instant").metadata(JSON.objectNode().put("step", 1)).build()).run().id();
		assertThat(find(engine, done).metadata().get("step").asInt()).isEqualTo(1);
		assertThat(engine.replaceMetadata(done, JSON.objectNode().put("step", 2)).get("step").asInt()).isEqualTo(2);
		assertThatExceptionOfType(EngineException.class).isThrownBy(() -> engine.replaceMetadata(done, big))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(413));
		this.clock.advance(Duration.ofMinutes(60));
		assertThat(engine.replaceMetadata(done, JSON.objectNode().put("step", 3)).get("step").asInt()).isEqualTo(3);
		this.clock.advance(Duration.ofMillis(1));
		assertThatExceptionOfType(EngineException.class)
			.isThrownBy(() -> engine.replaceMetadata(done, JSON.objectNode().put("step", 4)))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(422))
			.withMessage("Cannot update metadata for a completed run");
		assertThat(find(engine, done).metadata().get("step").asInt()).isEqualTo(3);
	}

	@Test
	void storedJsonIsNeitherChangedByTheCallerNorByTheStepFunction() {
		Engine engine = engine(task("mutating", Duration.ZERO, 1, Duration.ZERO, 0, (context) -> {
			((ObjectNode) context.payload()).put("name", "changed by the task");
			return new StepOutcome.Complete(context.payload());
		}));
		ObjectNode payload = JSON.objectNode().put("name", "Ada");
		ObjectNode metadata = JSON.objectNode().put("step", 1);
		RunSnapshot run = engine.trigger(spec("mutating").payload(payload).metadata(metadata).build()).run();
		payload.put("name", "changed by the caller");
		metadata.put("step", 2);

		RunSnapshot stored = find(engine, run.id());
		assertThat(stored.payload().get("name").asString()).isEqualTo("Ada");
		assertThat(stored.metadata().get("step").asInt()).isEqualTo(1);
		assertThat(stored.output().get("name").asString()).isEqualTo("changed by the task");
	}

	@Test
	void replayCreatesANewRunWithoutKeysOrDelayAndRescheduleMovesADelayedRun() {
		Engine engine = engine(completing("slow", Duration.ofMinutes(1), 0));
		RunSnapshot original = engine
			.trigger(spec("slow").payload(JSON.objectNode().put("n", 1))
				.idempotencyKey("k")
				.tags("a")
				.ttl(Duration.ofMinutes(3), "3m")
				.delayUntil(at("11:00:00"))
				.build())
			.run();
		RunSnapshot replayed = engine.replay(original.id());
		assertThat(replayed.id()).isNotEqualTo(original.id());
		assertThat(replayed.payload().get("n").asInt()).isEqualTo(1);
		assertThat(replayed.idempotencyKey()).isNull();
		assertThat(replayed.tags()).containsExactly("a");
		assertThat(replayed.ttl()).isEqualTo("3m");
		assertThat(replayed.state()).isEqualTo(RunState.EXECUTING);
		assertThatExceptionOfType(EngineException.class).isThrownBy(() -> engine.replay("run_x"))
			.withMessage("Resource not found");

		assertThatExceptionOfType(EngineException.class)
			.isThrownBy(() -> engine.reschedule(replayed.id(), at("12:00:00"), "2h"))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(400))
			.withMessage("Cannot reschedule a run that is not delayed");
		assertThatExceptionOfType(EngineException.class)
			.isThrownBy(() -> engine.reschedule(original.id(), at("09:00:00"), "2026-11-22T09:00:00Z"))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(400))
			.withMessage("Invalid delay: 2026-11-22T09:00:00Z");
		assertThatExceptionOfType(EngineException.class)
			.isThrownBy(() -> engine.reschedule("run_x", at("12:00:00"), "2h"))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(404))
			.withMessage("Run not found");

		RunSnapshot rescheduled = engine.reschedule(original.id(), at("10:30:00"), "30m");
		assertThat(rescheduled.state()).isEqualTo(RunState.DELAYED);
		assertThat(rescheduled.delayedUntil()).isEqualTo(at("10:30:00"));
		this.clock.advance(Duration.ofMinutes(30));
		assertThat(find(engine, original.id()).startedAt()).isEqualTo(at("10:30:00"));
		this.clock.advance(Duration.ofHours(1));
		RunSnapshot done = find(engine, original.id());
		assertThat(done.attemptCount()).as("the old delay's end did nothing").isEqualTo(1);
		assertThat(done.finishedAt()).isEqualTo(at("10:31:00"));
	}

	@Test
	void theListPagesNewestFirstWithAfterAndBefore() {
		Engine engine = engine(completing("slow", Duration.ofHours(1), 0));
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			ids.add(engine.trigger(spec("slow").build()).run().id());
			if (i % 3 == 2) {
				this.clock.advance(Duration.ofMillis(1));
			}
		}
		Collections.reverse(ids);

		Page first = list(engine, query(25));
		assertThat(first.data()).extracting(RunSnapshot::id).containsExactlyElementsOf(ids.subList(0, 25));
		assertThat(first.hasNext()).isTrue();
		assertThat(first.hasPrevious()).isFalse();

		List<String> walked = new ArrayList<>();
		ListQuery.Position after = null;
		int pages = 0;
		while (true) {
			Page page = list(engine, query(7).after(after));
			pages++;
			page.data().forEach((run) -> walked.add(run.id()));
			assertThat(page.hasPrevious()).isEqualTo(after != null);
			if (!page.hasNext()) {
				break;
			}
			after = position(page.data().get(page.data().size() - 1));
		}
		assertThat(walked).isEqualTo(ids);
		assertThat(pages).isEqualTo(5);

		Page second = list(engine, query(10).after(position(list(engine, query(10)).data().get(9))));
		assertThat(second.data()).extracting(RunSnapshot::id).containsExactlyElementsOf(ids.subList(10, 20));
		assertThat(second.hasPrevious()).isTrue();
		Page back = list(engine, query(10).before(position(second.data().get(0))));
		assertThat(back.data()).extracting(RunSnapshot::id).containsExactlyElementsOf(ids.subList(0, 10));
		assertThat(back.hasNext()).isTrue();
		assertThat(back.hasPrevious()).isFalse();
		Page middle = list(engine, query(5).before(position(second.data().get(0))));
		assertThat(middle.data()).extracting(RunSnapshot::id).containsExactlyElementsOf(ids.subList(5, 10));
		assertThat(middle.hasPrevious()).isTrue();
		Page newest = list(engine, query(5).before(position(find(engine, ids.get(0)))));
		assertThat(newest.data()).isEmpty();
		assertThat(newest.hasNext()).isFalse();
		assertThat(newest.hasPrevious()).isFalse();

		Page last = list(engine, query(5).after(position(find(engine, ids.get(29)))));
		assertThat(last.data()).isEmpty();
		assertThat(last.hasPrevious()).isFalse();
	}

	@Test
	void theListFilters() {
		Engine engine = engine(completing("slow", Duration.ofHours(1), 0), completing("instant", Duration.ZERO, 0));
		String done = engine.trigger(spec("instant").tags("vip").build()).run().id();
		this.clock.advance(Duration.ofSeconds(1));
		String running = engine.trigger(spec("slow").queue("special").machine("large-1x").build()).run().id();
		this.clock.advance(Duration.ofSeconds(1));
		String pending = engine.trigger(spec("undeployed").test(true).build()).run().id();

		assertThat(ids(engine, query(25))).containsExactly(pending, running, done);
		assertThat(ids(engine, query(25).states(RunState.COMPLETED_SUCCESSFULLY, RunState.EXECUTING)))
			.containsExactly(running, done);
		assertThat(ids(engine, query(25).tasks("slow", "undeployed"))).containsExactly(pending, running);
		assertThat(ids(engine, query(25).versions(Engine.DEFAULT_VERSION))).containsExactly(running, done);
		assertThat(ids(engine, query(25).queues("task/instant", "special"))).containsExactly(running, done);
		assertThat(ids(engine, query(25).machines("small-1x"))).containsExactly(pending, done);
		assertThat(ids(engine, query(25).tags("vip", "other"))).containsExactly(done);
		assertThat(ids(engine, query(25).test(true))).containsExactly(pending);
		assertThat(ids(engine, query(25).regions("local"))).hasSize(3);
		assertThat(ids(engine, query(25).regions("elsewhere"))).isEmpty();
		assertThat(ids(engine, query(25).matchNothing())).isEmpty();
		assertThat(ids(engine, query(25).created(at("10:00:01"), null))).containsExactly(pending, running);
		assertThat(ids(engine, query(25).created(null, at("10:00:01")))).containsExactly(running, done);
		assertThat(ids(engine, query(1).created(null, at("10:00:01")))).containsExactly(running);
		assertThat(list(engine, query(1).created(null, at("10:00:01"))).hasNext()).isTrue();
	}

	@Test
	void hugeDelaysTtlsAndWaitsMeanNeverAndBreakNothing() {
		Engine engine = engine(
				task("waits-forever", Duration.ZERO, 1, Duration.ZERO, 0,
						(context) -> new StepOutcome.Wait(Duration.ofSeconds(Long.MAX_VALUE))),
				task("endless", Duration.ofSeconds(Long.MAX_VALUE), 1, Duration.ZERO, 0,
						(context) -> new StepOutcome.Complete(null)),
				task("retries-never", Duration.ZERO, 2, Duration.ofSeconds(Long.MAX_VALUE), 0, (context) -> {
					throw new IllegalStateException("no");
				}));
		Duration forever = Duration.ofSeconds(Long.MAX_VALUE);
		String ttl = engine
			.trigger(spec("undeployed").ttl(forever, "huge").idempotencyKey("k").idempotencyKeyTtl(forever).build())
			.run()
			.id();
		String delayed = engine.trigger(spec("undeployed").delayUntil(Instant.MAX).build()).run().id();
		String far = engine.trigger(spec("undeployed").delayUntil(Instant.parse("+275760-09-13T00:00:00Z")).build())
			.run()
			.id();
		String waiting = engine.trigger(spec("waits-forever").build()).run().id();
		String endless = engine.trigger(spec("endless").build()).run().id();
		String retrying = engine.trigger(spec("retries-never").build()).run().id();
		engine.batch(new BatchSpec("v2", List.of(spec("undeployed").build()), "b", forever));

		this.clock.advance(Duration.ofDays(365L * 1000));
		engine.tick();
		assertThat(state(engine, ttl)).isEqualTo(RunState.PENDING_VERSION);
		assertThat(state(engine, delayed)).isEqualTo(RunState.DELAYED);
		assertThat(state(engine, far)).isEqualTo(RunState.DELAYED);
		assertThat(state(engine, waiting)).isEqualTo(RunState.WAITING_TO_RESUME);
		assertThat(state(engine, endless)).isEqualTo(RunState.EXECUTING);
		assertThat(state(engine, retrying)).isEqualTo(RunState.RETRYING_AFTER_FAILURE);
		assertThat(engine.trigger(spec("undeployed").idempotencyKey("k").build()).cached()).isTrue();
		assertThat(list(engine, query(100)).data()).hasSize(7);
		assertThat(engine.reschedule(delayed, Instant.MAX, "forever").delayedUntil()).isEqualTo(Instant.MAX);
		assertThat(engine.scheduledEvents()).as("only the delay ending at the largest date").isEqualTo(1);
	}

	@Test
	void anExceptionWhileProcessingOneRunFailsThatRunAndTheEngineGoesOn() {
		Engine engine = engine(completing("slow", Duration.ofMinutes(1), 1));
		String first = engine.trigger(spec("slow").build()).run().id();
		String second = engine.trigger(spec("slow").build()).run().id();
		engine.beforeEvent((runId) -> {
			if (runId.equals(first)) {
				throw new IllegalStateException("boom");
			}
		});
		this.clock.advance(Duration.ofMinutes(1));

		RunSnapshot failed = find(engine, first);
		assertThat(failed.state()).isEqualTo(RunState.SYSTEM_FAILURE);
		assertThat(failed.error().get("message").asString()).isEqualTo("boom");
		assertThat(failed.finishedAt()).isEqualTo(at("10:01:00"));
		assertThat(find(engine, second).startedAt()).isEqualTo(at("10:01:00"));
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(state(engine, second)).isEqualTo(RunState.COMPLETED_SUCCESSFULLY);
		assertThat(list(engine, query(10)).data()).hasSize(2);
	}

	@Test
	void aTickProcessesOnlyWhatIsDue() {
		Engine engine = engine(completing("instant", Duration.ZERO, 0), completing("slow", Duration.ofMinutes(1), 0));
		for (int i = 0; i < 10_000; i++) {
			engine.trigger(spec("instant").build());
		}
		assertThat(engine.processedEvents()).isEqualTo(10_000);
		assertThat(engine.scheduledEvents()).isZero();

		long before = engine.processedEvents();
		this.clock.advance(Duration.ofHours(1));
		engine.tick();
		list(engine, query(10));
		assertThat(engine.processedEvents()).isEqualTo(before);

		String slow = engine.trigger(spec("slow").delayUntil(this.clock.instant().plusSeconds(10)).build()).run().id();
		this.clock.advance(Duration.ofMinutes(5));
		engine.tick();
		assertThat(engine.processedEvents()).as("its delay's end and its step's end").isEqualTo(before + 2);
		assertThat(state(engine, slow)).isEqualTo(RunState.COMPLETED_SUCCESSFULLY);
	}

	@Test
	void idsAreTheServersRunOpsShapeAndSortByCreation() {
		Engine engine = engine(completing("slow", Duration.ofMinutes(1), 0));
		String first = engine.trigger(spec("slow").build()).run().id();
		String second = engine.trigger(spec("slow").build()).run().id();
		assertThat(first).matches("run_[0-9a-v]{24}e1").isLessThan(second);
		assertThat(Ids.newId("run_", Instant.ofEpochMilli(1), 1)).isEqualTo("run_000000000400000000000001e1");
	}

	private static List<String> ids(Engine engine, QueryBuilder query) {
		return list(engine, query).data().stream().map(RunSnapshot::id).toList();
	}

	private static Page list(Engine engine, QueryBuilder query) {
		return engine.list(query.build());
	}

	private static ListQuery.Position position(RunSnapshot run) {
		return new ListQuery.Position(run.createdAt().toEpochMilli(), run.id().substring("run_".length()));
	}

	private static QueryBuilder query(int size) {
		return new QueryBuilder(size);
	}

	/** A trigger spec with defaults. */
	static final class Spec {

		private final String task;

		private @Nullable JsonNode payload;

		private List<String> tags = List.of();

		private @Nullable JsonNode metadata;

		private @Nullable Duration ttl;

		private @Nullable String ttlText;

		private @Nullable Instant delayUntil;

		private @Nullable Integer maxAttempts;

		private @Nullable String queue;

		private @Nullable String machine;

		private boolean test;

		private @Nullable String idempotencyKey;

		private @Nullable Duration idempotencyKeyTtl;

		private @Nullable String requestKey;

		private String triggerFunction = "trigger";

		Spec(String task) {
			this.task = task;
		}

		Spec payload(JsonNode payload) {
			this.payload = payload;
			return this;
		}

		Spec tags(String... tags) {
			return tags(List.of(tags));
		}

		Spec tags(List<String> tags) {
			this.tags = tags;
			return this;
		}

		Spec metadata(JsonNode metadata) {
			this.metadata = metadata;
			return this;
		}

		Spec ttl(Duration ttl, String text) {
			this.ttl = ttl;
			this.ttlText = text;
			return this;
		}

		Spec delayUntil(Instant delayUntil) {
			this.delayUntil = delayUntil;
			return this;
		}

		Spec maxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
			return this;
		}

		Spec queue(String queue) {
			this.queue = queue;
			return this;
		}

		Spec machine(String machine) {
			this.machine = machine;
			return this;
		}

		Spec test(boolean test) {
			this.test = test;
			return this;
		}

		Spec idempotencyKey(String key) {
			this.idempotencyKey = key;
			return this;
		}

		Spec idempotencyKeyTtl(Duration ttl) {
			this.idempotencyKeyTtl = ttl;
			return this;
		}

		Spec requestKey(String key) {
			this.requestKey = key;
			return this;
		}

		Spec triggerFunction(String triggerFunction) {
			this.triggerFunction = triggerFunction;
			return this;
		}

		TriggerSpec build() {
			return new TriggerSpec(this.task, this.payload, this.tags, this.metadata, this.ttl, this.ttlText,
					this.delayUntil, this.maxAttempts, this.queue, this.machine, this.test, this.idempotencyKey,
					this.idempotencyKeyTtl, this.requestKey, this.triggerFunction, null, null);
		}

	}

	/** A list query with no filters unless set. */
	static final class QueryBuilder {

		private final int size;

		private @Nullable Set<RunState> states;

		private @Nullable List<String> tasks;

		private @Nullable List<String> versions;

		private @Nullable List<String> queues;

		private @Nullable List<String> regions;

		private @Nullable List<String> tags;

		private @Nullable List<String> machines;

		private @Nullable Boolean test;

		private @Nullable String batch;

		private boolean matchNothing;

		private @Nullable Instant from;

		private @Nullable Instant to;

		private ListQuery.@Nullable Position after;

		private ListQuery.@Nullable Position before;

		QueryBuilder(int size) {
			this.size = size;
		}

		QueryBuilder states(RunState... states) {
			this.states = Set.of(states);
			return this;
		}

		QueryBuilder tasks(String... tasks) {
			this.tasks = List.of(tasks);
			return this;
		}

		QueryBuilder versions(String... versions) {
			this.versions = List.of(versions);
			return this;
		}

		QueryBuilder queues(String... queues) {
			this.queues = List.of(queues);
			return this;
		}

		QueryBuilder regions(String... regions) {
			this.regions = List.of(regions);
			return this;
		}

		QueryBuilder tags(String... tags) {
			this.tags = List.of(tags);
			return this;
		}

		QueryBuilder machines(String... machines) {
			this.machines = List.of(machines);
			return this;
		}

		QueryBuilder test(boolean test) {
			this.test = test;
			return this;
		}

		QueryBuilder batch(String batch) {
			this.batch = batch;
			return this;
		}

		QueryBuilder matchNothing() {
			this.matchNothing = true;
			return this;
		}

		QueryBuilder created(@Nullable Instant from, @Nullable Instant to) {
			this.from = from;
			this.to = to;
			return this;
		}

		QueryBuilder after(ListQuery.@Nullable Position after) {
			this.after = after;
			return this;
		}

		QueryBuilder before(ListQuery.@Nullable Position before) {
			this.before = before;
			return this;
		}

		ListQuery build() {
			return new ListQuery(this.states, this.tasks, this.versions, this.queues, this.regions, this.tags,
					this.machines, this.test, this.batch, this.matchNothing, this.from, this.to, this.size, this.after,
					this.before);
		}

	}

}
