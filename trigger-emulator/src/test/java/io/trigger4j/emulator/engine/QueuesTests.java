package io.trigger4j.emulator.engine;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.trigger4j.emulator.ManualClock;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The queues' state driving the engine: pause, overrides, resets. */
class QueuesTests {

	private static final Instant START = Instant.parse("2026-11-22T10:00:00Z");

	private final ManualClock clock = new ManualClock(START);

	private final Engine engine = new Engine(this.clock, List.of(task("one", Duration.ofMinutes(1), 1),
			task("free", Duration.ofMinutes(1), 0), task("alpha", Duration.ZERO, 0)), Duration.ofSeconds(10));

	private final Queues queues = this.engine.queues();

	private static TaskSpec task(String id, Duration stepDuration, int limit) {
		return new TaskSpec(id, stepDuration, 1, Duration.ofSeconds(1), limit,
				(context) -> new StepOutcome.Complete(JsonNodeFactory.instance.stringNode("done")));
	}

	private String trigger(String task) {
		return trigger(task, null, null);
	}

	private String trigger(String task, @Nullable String queue, @Nullable Integer queueLimit) {
		return this.engine
			.trigger(new TriggerSpec(task, null, List.of(), null, Duration.ofHours(1), "1h", null, null, queue, null,
					false, null, null, null, "trigger", queueLimit, null))
			.run()
			.id();
	}

	private RunState state(String id) {
		return this.engine.find(id).orElseThrow().state();
	}

	private QueueSnapshot queue(String task) {
		return this.queues.retrieve(Queues.By.TASK, task).orElseThrow();
	}

	@Test
	void everyTasksQueueIsListedByTaskIdentifierWithAStableId() {
		QueuePage page = this.queues.list(1, 25);

		assertThat(page.count()).isEqualTo(3);
		assertThat(page.data()).extracting(QueueSnapshot::name).containsExactly("task/alpha", "task/free", "task/one");
		assertThat(page.data()).extracting(QueueSnapshot::displayName).containsExactly("alpha", "free", "one");
		assertThat(page.data()).allSatisfy((queue) -> {
			assertThat(queue.id()).matches("queue_[1-9a-km-z]{21}");
			assertThat(queue.taskQueue()).isTrue();
			assertThat(queue.paused()).isFalse();
		});
		assertThat(this.queues.list(1, 25).data()).extracting(QueueSnapshot::id)
			.containsExactlyElementsOf(page.data().stream().map(QueueSnapshot::id).toList());
		assertThat(this.queues.list(2, 2).data()).extracting(QueueSnapshot::name).containsExactly("task/one");
		assertThat(this.queues.list(3, 2).data()).isEmpty();
		assertThat(this.queues.list(Long.MAX_VALUE, 100).data()).isEmpty();
	}

	@Test
	void aQueueIsFoundByIdByTaskWithOrWithoutThePrefixAndByName() {
		QueueSnapshot one = queue("one");

		assertThat(one.concurrencyLimit()).isEqualTo(1);
		assertThat(one.concurrencyLimitBase()).isNull();
		assertThat(this.queues.retrieve(Queues.By.ID, one.id())).contains(one);
		assertThat(this.queues.retrieve(Queues.By.TASK, "task/one")).contains(one);
		assertThat(this.queues.retrieve(Queues.By.CUSTOM, "task/one")).contains(one);
		assertThat(this.queues.retrieve(Queues.By.CUSTOM, "one")).isEmpty();
		assertThat(this.queues.retrieve(Queues.By.ID, "queue_unknown")).isEmpty();
		assertThat(queue("free").concurrencyLimit()).isNull();
	}

	@Test
	void aCustomQueueAppearsWhenATriggerNamesIt() {
		trigger("free", "shared/reports", 2);

		QueueSnapshot custom = this.queues.retrieve(Queues.By.CUSTOM, "shared/reports").orElseThrow();
		assertThat(custom.taskQueue()).isFalse();
		assertThat(custom.concurrencyLimit()).isEqualTo(2);
		assertThat(custom.running()).isEqualTo(1);
		assertThat(this.queues.list(1, 25).data()).extracting(QueueSnapshot::name)
			.containsExactly("task/alpha", "task/free", "task/one", "shared/reports");
	}

	@Test
	void aPausedQueueStartsNoRunUntilResumed() {
		this.queues.pause(Queues.By.TASK, "free", true);
		String first = trigger("free");
		String second = trigger("free");

		this.clock.advance(Duration.ofMinutes(5));
		assertThat(state(first)).isEqualTo(RunState.PENDING);
		QueueSnapshot paused = queue("free");
		assertThat(paused.paused()).isTrue();
		assertThat(paused.queued()).isEqualTo(2);
		assertThat(paused.running()).isZero();

		QueueSnapshot resumed = this.queues.pause(Queues.By.TASK, "free", false).orElseThrow();
		assertThat(resumed.paused()).isFalse();
		assertThat(resumed.running()).isEqualTo(2);
		assertThat(resumed.queued()).isZero();
		assertThat(this.engine.find(first).orElseThrow().startedAt()).isEqualTo(START.plus(Duration.ofMinutes(5)));
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(state(second)).isEqualTo(RunState.COMPLETED_SUCCESSFULLY);
	}

	@Test
	void pausingLetsRunningRunsFinish() {
		String running = trigger("one");
		this.queues.pause(Queues.By.TASK, "one", true);
		String waiting = trigger("one");

		this.clock.advance(Duration.ofMinutes(2));

		assertThat(state(running)).isEqualTo(RunState.COMPLETED_SUCCESSFULLY);
		assertThat(state(waiting)).isEqualTo(RunState.PENDING);
	}

	@Test
	void anOverrideChangesHowManyRunAtOnceAndAResetRestoresTheTasksLimit() {
		List<String> runs = List.of(trigger("one"), trigger("one"), trigger("one"), trigger("one"));
		assertThat(queue("one").running()).isEqualTo(1);

		QueueSnapshot raised = this.queues.overrideLimit(Queues.By.TASK, "one", 3).orElseThrow();
		assertThat(raised.running()).isEqualTo(3);
		assertThat(raised.queued()).isEqualTo(1);
		assertThat(raised.concurrencyLimit()).isEqualTo(3);
		assertThat(raised.concurrencyLimitBase()).isEqualTo(1);
		assertThat(raised.overriddenAt()).isEqualTo(START);
		assertThat(raised.overridePercent()).isNull();

		QueueSnapshot reset = this.queues.reset(Queues.By.TASK, "one").orElseThrow();
		assertThat(reset.concurrencyLimit()).isEqualTo(1);
		assertThat(reset.concurrencyLimitBase()).isNull();
		assertThat(reset.overriddenAt()).isNull();
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(runs.stream().map(this::state)).containsExactly(RunState.COMPLETED_SUCCESSFULLY,
				RunState.COMPLETED_SUCCESSFULLY, RunState.COMPLETED_SUCCESSFULLY, RunState.EXECUTING);
	}

	@Test
	void anOverrideOfZeroHoldsEveryNewRun() {
		this.queues.overrideLimit(Queues.By.TASK, "free", 0);
		String held = trigger("free");

		this.clock.advance(Duration.ofMinutes(10));

		assertThat(state(held)).isEqualTo(RunState.PENDING);
		assertThat(queue("free").concurrencyLimit()).isZero();
	}

	@Test
	void aPercentOverrideIsAShareOfTheEnvironmentsLimitRoundedDownAndAtLeastOne() {
		assertThat(this.queues.overridePercent(Queues.By.TASK, "free", new BigDecimal("2.5"))
			.orElseThrow()
			.concurrencyLimit()).isEqualTo(2);
		assertThat(queue("free").overridePercent()).isEqualByComparingTo("2.5");
		assertThat(this.queues.overridePercent(Queues.By.TASK, "free", new BigDecimal("0.1"))
			.orElseThrow()
			.concurrencyLimit()).isEqualTo(1);
		assertThat(this.queues.overridePercent(Queues.By.TASK, "free", new BigDecimal("100"))
			.orElseThrow()
			.concurrencyLimit()).isEqualTo(Queues.ENVIRONMENT_CONCURRENCY_LIMIT);
		assertThat(this.queues.overrideLimit(Queues.By.TASK, "free", 7).orElseThrow().overridePercent()).isNull();
	}

	@Test
	void refusedChangesChangeNothing() {
		assertThatExceptionOfType(EngineException.class)
			.isThrownBy(() -> this.queues.overrideLimit(Queues.By.TASK, "one", 101))
			.withMessage("Concurrency limit (101) cannot exceed the environment limit (100)")
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(400));
		assertThatExceptionOfType(EngineException.class)
			.isThrownBy(() -> this.queues.overridePercent(Queues.By.TASK, "one", BigDecimal.ZERO))
			.withMessage("Percent must be greater than 0 and less than or equal to 100");
		assertThatExceptionOfType(EngineException.class).isThrownBy(() -> this.queues.reset(Queues.By.TASK, "one"))
			.withMessage("Queue is not overridden");
		assertThat(queue("one").concurrencyLimit()).isEqualTo(1);
		assertThat(queue("one").overriddenAt()).isNull();
		assertThat(this.engine.isLocked()).isFalse();
	}

	@Test
	void unknownQueuesAreEmpty() {
		assertThat(this.queues.pause(Queues.By.CUSTOM, "nope", true)).isEmpty();
		assertThat(this.queues.overrideLimit(Queues.By.ID, "queue_nope", 1)).isEmpty();
		assertThat(this.queues.reset(Queues.By.TASK, "nope")).isEmpty();
		assertThat(this.queues.overrideLimit(Queues.By.TASK, "nope", 500)).isEmpty();
	}

}
