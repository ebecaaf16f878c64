package io.trigger4j.client;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import io.trigger4j.client.error.TriggerTimeoutException;
import io.trigger4j.client.model.runs.ListRunsRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One call's total time is bounded by its deadline, against a server that accepts
 * connections and never answers. The deadline runs in virtual time; the connection is
 * real.
 */
class DeadlineTests {

	/** Accepts connections (the kernel completes them) and never reads or answers. */
	private ServerSocket silent;

	private VirtualTimeScheduler time;

	private TriggerOperations client;

	@BeforeEach
	void silentServer() throws IOException {
		this.silent = new ServerSocket(0, 50);
		this.time = VirtualTimeScheduler.create();
		this.client = TriggerClient.builder()
			.secretKey(TestClients.SECRET_KEY)
			.baseUrl("http://127.0.0.1:" + this.silent.getLocalPort())
			// Longer than the deadline: only the deadline can end the call.
			.responseTimeout(Duration.ofMinutes(10))
			.deadline(Duration.ofSeconds(20))
			.scheduler(this.time)
			.build();
	}

	@AfterEach
	void close() throws IOException {
		this.silent.close();
		this.time.dispose();
	}

	@Test
	void aTriggerEndsAtTheDeadline() {
		StepVerifier.create(this.client.tasks().trigger("t", Map.of()))
			.expectSubscription()
			.then(() -> this.time.advanceTimeBy(Duration.ofSeconds(20)))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(TriggerTimeoutException.class)
				.hasMessage("tasks.trigger failed: no answer within the deadline of PT20S (1 attempt in 20.000 s)"))
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void aPageOfAListEndsAtTheDeadline() {
		StepVerifier.create(this.client.runs().list(ListRunsRequest.builder().pageSize(5).build()))
			.expectSubscription()
			.then(() -> this.time.advanceTimeBy(Duration.ofSeconds(20)))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(TriggerTimeoutException.class)
				.hasMessage("runs.list failed: no answer within the deadline of PT20S (1 attempt in 20.000 s)"))
			.verify(Duration.ofSeconds(10));
	}

}
