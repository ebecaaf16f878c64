package io.trigger4j.client;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.trigger4j.client.error.TriggerTimeoutException;
import io.trigger4j.client.model.runs.Run;
import io.trigger4j.client.model.runs.RunStatus;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Polling until a run finishes, in virtual time. */
class AwaitCompletionTests {

	private final AtomicInteger retrievals = new AtomicInteger();

	/** A retrieval answering each status in turn, the last one repeatedly. */
	private Mono<Run> retrievalAnswering(String... statuses) {
		Deque<String> queue = new ArrayDeque<>(List.of(statuses));
		return Mono.fromSupplier(() -> {
			this.retrievals.incrementAndGet();
			String status = (queue.size() > 1) ? queue.poll() : queue.peek();
			return TestClients.read("{\"id\":\"run_1\",\"status\":\"" + status + "\",\"taskIdentifier\":\"t\"}",
					Run.class);
		});
	}

	@Test
	void pollsUntilATerminalStatus() {
		StepVerifier
			.withVirtualTime(() -> DefaultRunsOperations.pollUntilTerminal(
					retrievalAnswering("QUEUED", "EXECUTING", "COMPLETED"), Duration.ofSeconds(2),
					Duration.ofMinutes(1)))
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(3999))
			.thenAwait(Duration.ofMillis(1))
			.assertNext((run) -> assertThat(run.status()).isEqualTo(RunStatus.COMPLETED))
			.verifyComplete();
		assertThat(this.retrievals).hasValue(3);
	}

	@Test
	void expiredEndsTheWaitThoughTheServerSaysNotCompleted() {
		StepVerifier
			.withVirtualTime(() -> DefaultRunsOperations.pollUntilTerminal(retrievalAnswering("QUEUED", "EXPIRED"),
					Duration.ofSeconds(1), Duration.ofMinutes(1)))
			.thenAwait(Duration.ofSeconds(1))
			.assertNext((run) -> assertThat(run.status().value()).isEqualTo("EXPIRED"))
			.verifyComplete();
	}

	@Test
	void givesUpAfterTheTimeout() {
		StepVerifier
			.withVirtualTime(() -> DefaultRunsOperations.pollUntilTerminal(retrievalAnswering("EXECUTING"),
					Duration.ofSeconds(1), Duration.ofSeconds(10)))
			.expectSubscription()
			.thenAwait(Duration.ofSeconds(10))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(TriggerTimeoutException.class)
				.hasMessage("runs.awaitCompletion failed: no answer within PT10S"))
			.verify();
	}

	@Test
	void argumentsAreChecked() {
		RunsOperations runs = TriggerClient.builder().secretKey("tr_dev_x").build().runs();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> runs.awaitCompletion("run_1", Duration.ofMillis(10), Duration.ofSeconds(1)))
			.withMessage("pollInterval must be at least 100 ms but was PT0.01S");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> runs.awaitCompletion("run_1", Duration.ofSeconds(1), Duration.ZERO))
			.withMessage("timeout must be positive but was PT0S");
	}

}
