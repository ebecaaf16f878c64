package io.trigger4j.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.trigger4j.client.model.batches.BatchItem;
import io.trigger4j.client.model.batches.BatchOptions;
import io.trigger4j.client.model.batches.BatchTriggered;
import io.trigger4j.client.model.runs.Run;
import io.trigger4j.client.model.runs.RunStatus;
import io.trigger4j.client.model.runs.RunSubscriptionOptions;
import io.trigger4j.client.model.tasks.TriggerOptions;
import io.trigger4j.emulator.EmulatedTask;
import io.trigger4j.emulator.ManualClock;
import io.trigger4j.emulator.TriggerEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Following runs and reading their data streams against the emulator, over its realtime
 * routes: the emulator's clock is moved by hand, and each held long-poll is answered as
 * soon as the run it follows changes.
 */
class RealtimeEndToEndTests {

	record Greeting(String greeting) {
	}

	record Token(String text) {
	}

	/** How long any one story may take, real time. */
	private static final Duration STORY = Duration.ofSeconds(5);

	private final ManualClock clock = new ManualClock(Instant.parse("2026-11-22T10:00:00Z"));

	private final TriggerEmulator emulator = TriggerEmulator.builder()
		.clock(this.clock)
		.task("hello-world", (run) -> Map.of("greeting", "Hello, " + run.payloadAsMap().get("name") + "!"))
		.task(EmulatedTask.of("slow", (run) -> Map.of("greeting", "late")).withDuration(Duration.ofMinutes(5)))
		.task(EmulatedTask.of("chat", (run) -> {
			run.stream("openai").append(Map.of("text", "Hel"));
			run.append("openai", Map.of("text", "lo", "finish", "stop"));
			return Map.of("tokens", 2);
		}).withDuration(Duration.ofMinutes(1)))
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
	void subscribeToRunSeesEachStatusThroughToTheOutputAndCompletes() {
		String id = this.trigger.tasks()
			.trigger("slow", Map.of(), TriggerOptions.builder().delay(Duration.ofMinutes(1)).build())
			.block()
			.id();

		StepVerifier
			.create(this.trigger.runs()
				.subscribeToRun(id, RunSubscriptionOptions.defaults().withCompletionGrace(Duration.ofMillis(200))))
			.assertNext((run) -> {
				assertThat(run.id()).isEqualTo(id);
				assertThat(run.status().value()).isEqualTo("DELAYED");
			})
			.then(() -> this.emulator.advance(Duration.ofMinutes(1)))
			.assertNext(
					(run) -> assertThat(run.status().known()).isIn(RunStatus.Known.DEQUEUED, RunStatus.Known.EXECUTING))
			.then(() -> this.emulator.advance(Duration.ofMinutes(5)))
			.assertNext((run) -> {
				assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
				assertThat(run.finishedAt()).isNotNull();
				assertThat(run.output(Greeting.class)).isEqualTo(new Greeting("late"));
			})
			// Ends after the completion grace, cutting the long-poll the emulator holds.
			.expectComplete()
			.verify(STORY);
	}

	@Test
	void streamOfReadsTheRecordsATaskStreamedAndEndsWithTheRun() {
		String id = this.trigger.tasks().trigger("chat", Map.of()).block().id();

		StepVerifier.create(this.trigger.runs().streamOf(id, "openai", Token.class))
			.expectNext(new Token("Hel"), new Token("lo"))
			// The run is still executing: the stream stays open until it finishes.
			.expectNoEvent(Duration.ofMillis(300))
			.then(() -> this.emulator.advance(Duration.ofMinutes(1)))
			.expectComplete()
			.verify(STORY);

		assertThat(this.trigger.runs().streamOf(id, "openai", Token.class).collectList().block(STORY))
			.containsExactly(new Token("Hel"), new Token("lo"));
	}

	@Test
	void subscribeToRunsWithTagSeesANewlyTriggeredTaggedRun() {
		TriggerOptions vip = TriggerOptions.builder().tags("vip").build();
		String first = this.trigger.tasks().trigger("hello-world", Map.of("name", "Ada"), vip).block().id();
		this.trigger.tasks().trigger("hello-world", Map.of("name", "Bob")).block();

		StepVerifier.create(this.trigger.runs().subscribeToRunsWithTag(List.of("vip"), Duration.ofHours(1)))
			.assertNext((run) -> {
				assertThat(run.id()).isEqualTo(first);
				assertThat(run.tags()).containsExactly("vip");
			})
			.then(() -> this.trigger.tasks().trigger("hello-world", Map.of("name", "Cy"), vip).block())
			.assertNext((run) -> {
				assertThat(run.id()).isNotEqualTo(first);
				assertThat(run.tags()).containsExactly("vip");
				assertThat(run.output(Greeting.class)).isEqualTo(new Greeting("Hello, Cy!"));
			})
			.thenCancel()
			.verify(STORY);
	}

	@Test
	void subscribeToBatchSeesTheBatchsRunsAndTheirChanges() {
		BatchTriggered batch = this.trigger.tasks()
			.batchTrigger(List.of(BatchItem.of("slow", Map.of()), BatchItem.of("slow", Map.of())), BatchOptions.none())
			.block();
		List<String> ids = batch.runs().stream().map(BatchTriggered.BatchRun::id).toList();

		StepVerifier.create(this.trigger.runs().subscribeToBatch(batch.id()))
			.recordWith(ArrayList::new)
			.expectNextCount(2)
			.consumeRecordedWith(
					(runs) -> assertThat(runs).extracting(Run::id).containsExactlyInAnyOrderElementsOf(ids))
			.then(() -> this.emulator.advance(Duration.ofMinutes(5)))
			.recordWith(ArrayList::new)
			.expectNextCount(2)
			.consumeRecordedWith((runs) -> assertThat(runs).allSatisfy((run) -> {
				assertThat(ids).contains(run.id());
				assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
			}))
			.thenCancel()
			.verify(STORY);
	}

}
