package io.trigger4j.emulator.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.trigger4j.emulator.ManualClock;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Batches in engine time: their status follows their runs' live states, and the two-phase
 * batch is created, fed and sealed as the server's services do.
 */
class BatchesTests {

	private static final Instant START = Instant.parse("2026-11-22T10:00:00Z");

	private final ManualClock clock = new ManualClock(START);

	private final Engine engine = new Engine(this.clock,
			List.of(task("quick", Duration.ofSeconds(10)), task("slow", Duration.ofMinutes(1))),
			Duration.ofSeconds(10));

	private final Batches batches = this.engine.batches();

	private static TaskSpec task(String id, Duration stepDuration) {
		return new TaskSpec(id, stepDuration, 1, Duration.ofSeconds(1), 0,
				(context) -> new StepOutcome.Complete(JsonNodeFactory.instance.stringNode("done")));
	}

	private static TriggerSpec trigger(String task, List<String> tags) {
		return new TriggerSpec(task, null, tags, null, null, null, null, null, null, null, false, null, null, null,
				"batchTrigger", null, null);
	}

	private static TriggerSpec trigger(String task) {
		return trigger(task, List.of());
	}

	private BatchSnapshot batch(String id) {
		return this.batches.find(id).orElseThrow();
	}

	@Test
	void aBatchOfTheTriggerRoutesIsPendingUntilItsLastRunFinishes() {
		BatchResult created = this.engine
			.batch(new BatchSpec("v2", List.of(trigger("quick"), trigger("slow")), "nightly", null));

		BatchSnapshot pending = batch(created.id());
		assertThat(pending.status()).isEqualTo(BatchStatus.PENDING);
		assertThat(pending.runCount()).isEqualTo(2);
		assertThat(pending.runs()).extracting(RunSnapshot::id)
			.containsExactlyElementsOf(created.runs().stream().map(RunSnapshot::id).toList());
		assertThat(pending.idempotencyKey()).isEqualTo("nightly");
		assertThat(pending.createdAt()).isEqualTo(START);
		assertThat(pending.updatedAt()).isEqualTo(START);
		assertThat(pending.processingCompletedAt()).isNull();
		assertThat(pending.successfulRunCount()).isNull();

		this.clock.advance(Duration.ofSeconds(10));
		assertThat(batch(created.id()).status()).as("one run still executing").isEqualTo(BatchStatus.PENDING);

		this.clock.advance(Duration.ofSeconds(50));
		BatchSnapshot completed = batch(created.id());
		assertThat(completed.status()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(completed.updatedAt()).as("when its last run finished").isEqualTo(START.plusSeconds(60));
		assertThat(completed.runs()).allSatisfy((run) -> assertThat(run.state().isTerminal()).isTrue());
	}

	@Test
	void aCanceledRunCountsAsFinished() {
		BatchResult created = this.engine.batch(new BatchSpec("v1", List.of(trigger("slow")), null, null));
		this.clock.advance(Duration.ofSeconds(5));

		this.engine.cancel(created.runs().get(0).id());

		assertThat(batch(created.id()).status()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(batch(created.id()).updatedAt()).isEqualTo(START.plusSeconds(5));
	}

	@Test
	void aTwoPhaseBatchTriggersItsItemsAsTheyArriveAndIsSealedByTheLast() {
		BatchCreated created = this.batches.create(3, null, List.of("quick"));
		assertThat(created.id()).matches("batch_[0-9a-v]{24}e1");
		assertThat(created.runCount()).isEqualTo(3);
		assertThat(created.cached()).isFalse();
		assertThat(batch(created.id()).status()).isEqualTo(BatchStatus.PENDING);

		BatchItemsResult first = this.batches.addItems(created.id(),
				List.of(BatchItem.of(0, trigger("quick")), BatchItem.of(2, trigger("quick"))));
		assertThat(first.sealed()).isFalse();
		assertThat(first.itemsAccepted()).isEqualTo(2);
		assertThat(first.enqueuedCount()).isEqualTo(2);
		assertThat(first.expectedCount()).isEqualTo(3);
		BatchSnapshot unsealed = batch(created.id());
		assertThat(unsealed.runs()).as("the server writes the run ids once all items are processed").isEmpty();
		assertThat(unsealed.status()).isEqualTo(BatchStatus.PENDING);

		this.clock.advance(Duration.ofSeconds(3));
		BatchItemsResult retry = this.batches.addItems(created.id(), List.of(BatchItem.of(0, trigger("quick")),
				BatchItem.of(1, trigger("slow")), BatchItem.of(2, trigger("quick"))));
		assertThat(retry.sealed()).isTrue();
		assertThat(retry.itemsAccepted()).isEqualTo(1);
		assertThat(retry.itemsDeduplicated()).isEqualTo(2);
		assertThat(retry.enqueuedCount()).isNull();

		BatchSnapshot sealed = batch(created.id());
		assertThat(sealed.runs()).extracting(RunSnapshot::taskIdentifier).containsExactly("quick", "slow", "quick");
		assertThat(sealed.runs()).allSatisfy((run) -> assertThat(run.batchId()).isEqualTo(created.id()));
		assertThat(sealed.processingCompletedAt()).isEqualTo(START.plusSeconds(3));
		assertThat(sealed.successfulRunCount()).isEqualTo(3);
		assertThat(sealed.failedRunCount()).isZero();
		assertThat(sealed.status()).isEqualTo(BatchStatus.PENDING);

		this.clock.advance(Duration.ofMinutes(1));
		assertThat(batch(created.id()).status()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(batch(created.id()).updatedAt()).isEqualTo(START.plusSeconds(63));

		BatchItemsResult afterSeal = this.batches.addItems(created.id(), List.of(BatchItem.of(1, trigger("slow"))));
		assertThat(afterSeal.sealed()).isTrue();
		assertThat(afterSeal.itemsAccepted()).isZero();
		assertThat(afterSeal.itemsDeduplicated()).isZero();
	}

	@Test
	void anItemWhoseTriggerIsRefusedBecomesAnErrorOfTheBatch() {
		List<String> tooManyTags = new ArrayList<>();
		for (int i = 0; i < 11; i++) {
			tooManyTags.add("t" + i);
		}
		BatchCreated created = this.batches.create(2, null, List.of());

		this.batches.addItems(created.id(), List.of(BatchItem.of(0, trigger("quick", tooManyTags)),
				BatchItem.failed(1, "quick", "too large", "PAYLOAD_TOO_LARGE")));

		BatchSnapshot aborted = batch(created.id());
		assertThat(aborted.status()).isEqualTo(BatchStatus.ABORTED);
		assertThat(aborted.runs()).isEmpty();
		assertThat(aborted.failedRunCount()).isEqualTo(2);
		assertThat(aborted.errors()).containsExactly(
				new BatchItemError(0, "quick", "Runs can only have 10 tags, you're trying to set 11.", "TRIGGER_ERROR"),
				new BatchItemError(1, "quick", "too large", "PAYLOAD_TOO_LARGE"));
		assertThatExceptionOfType(EngineException.class)
			.isThrownBy(() -> this.batches.addItems(created.id(), List.of(BatchItem.of(0, trigger("quick")))))
			.withMessage("Batch " + created.id() + " is not in PENDING status (current: ABORTED)");

		BatchCreated partial = this.batches.create(2, null, List.of());
		this.batches.addItems(partial.id(),
				List.of(BatchItem.of(0, trigger("slow")), BatchItem.of(1, trigger("quick", tooManyTags))));
		assertThat(batch(partial.id()).status()).isEqualTo(BatchStatus.PARTIAL_FAILED);
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(batch(partial.id()).status()).isEqualTo(BatchStatus.COMPLETED);
	}

	@Test
	void anItemBeyondTheCountIsRefusedAfterTheItemsBeforeIt() {
		BatchCreated created = this.batches.create(2, null, List.of());

		assertThatExceptionOfType(EngineException.class)
			.isThrownBy(() -> this.batches.addItems(created.id(),
					List.of(BatchItem.of(0, trigger("quick")), BatchItem.of(2, trigger("quick")))))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(422))
			.withMessage("Item index 2 exceeds batch runCount 2");

		BatchItemsResult rest = this.batches.addItems(created.id(), List.of(BatchItem.of(1, trigger("quick"))));
		assertThat(rest.sealed()).as("item 0 was kept").isTrue();
		assertThat(batch(created.id()).runs()).hasSize(2);
	}

	@Test
	void unknownAndMalformedBatchIdsAreRefused() {
		assertThatExceptionOfType(EngineException.class)
			.isThrownBy(() -> this.batches.addItems("batch_nope", List.of()))
			.withMessage("Batch batch_nope not found");
		assertThatExceptionOfType(EngineException.class).isThrownBy(() -> this.batches.addItems("nope", List.of()))
			.withMessage("Invalid batchFriendlyId: nope");
		assertThat(this.batches.find("batch_nope")).isEmpty();
	}

	@Test
	void aRepeatedKeyAnswersTheFirstBatchForTheSameTasksWithin24Hours() {
		BatchCreated first = this.batches.create(2, "key-1", List.of("quick", "slow"));
		assertThat(first.idempotencyKey()).isEqualTo("key-1");

		BatchCreated again = this.batches.create(5, "key-1", List.of("slow", "quick", "slow"));
		assertThat(again.cached()).isTrue();
		assertThat(again.id()).isEqualTo(first.id());
		assertThat(again.runCount()).isEqualTo(2);
		assertThat(again.idempotencyKey()).isNull();

		assertThatExceptionOfType(EngineException.class)
			.isThrownBy(() -> this.batches.create(2, "key-1", List.of("quick")))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(422))
			.withMessage("Cannot create batch as it has already been created with the same idempotency key.");
		this.clock.advance(Duration.ofHours(24));
		assertThatExceptionOfType(EngineException.class)
			.isThrownBy(() -> this.batches.create(2, "key-1", List.of("quick", "slow")));
		assertThat(this.batches.create(2, "key-2", List.of("quick")).cached()).isFalse();
	}

	@Test
	void aKeyIsTheEnvironmentsWhicheverBatchRouteUsesIt() {
		BatchCreated twoPhase = this.batches.create(1, "shared", List.of("quick"));
		this.batches.addItems(twoPhase.id(), List.of(new BatchItem(0, "quick", trigger("quick"), null, null)));

		BatchResult oneShot = this.engine.batch(new BatchSpec("v2", List.of(trigger("slow")), "shared", null));
		assertThat(oneShot.id()).as("the two-phase batch holding the key").isEqualTo(twoPhase.id());
		assertThat(oneShot.cached()).isTrue();
		assertThat(oneShot.runs()).singleElement()
			.satisfies((run) -> assertThat(run.taskIdentifier()).isEqualTo("quick"));

		BatchResult keyed = this.engine.batch(new BatchSpec("v1", List.of(trigger("slow")), "one-shot", null));
		assertThatExceptionOfType(EngineException.class)
			.isThrownBy(() -> this.batches.create(1, "one-shot", List.of("slow")))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(422))
			.withMessage("Cannot create batch as it has already been created with the same idempotency key.");
		assertThat(this.engine.batch(new BatchSpec("v2", List.of(trigger("quick")), "one-shot", null)).id())
			.isEqualTo(keyed.id());
	}

	@Test
	void theCountIsBounded() {
		assertThatExceptionOfType(EngineException.class).isThrownBy(() -> this.batches.create(1001, null, List.of()))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(400))
			.withMessage("Batch runCount of 1001 exceeds maximum allowed of 1000.");
		assertThatExceptionOfType(EngineException.class).isThrownBy(() -> this.batches.create(0, null, List.of()))
			.withMessage("runCount must be a positive integer");
		assertThat(this.batches.create(1000, null, List.of()).runCount()).isEqualTo(1000);
	}

}
