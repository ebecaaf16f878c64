package io.trigger4j.client;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.trigger4j.client.error.TriggerException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Closing a client: new calls are refused, accepted calls get the grace, and what is left
 * after it fails. The grace runs in virtual time.
 */
@WireMockTest
class ShutdownTests {

	private static final Duration GRACE = Duration.ofSeconds(10);

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	private final DefaultTriggerOperations client = (DefaultTriggerOperations) TriggerClient.builder()
		.secretKey(TestClients.SECRET_KEY)
		.baseUrl("http://127.0.0.1:1")
		.scheduler(this.time)
		.shutdownGrace(GRACE)
		.build();

	private final TrackingClientSignals signals = this.client.lifecycle();

	@AfterEach
	void disposeTime() {
		this.time.dispose();
	}

	@Test
	void aCallSubscribedAfterCloseFailsAtOnceSayingTheClientIsClosed() {
		this.client.shutdown().block(Duration.ofSeconds(5));
		AtomicBoolean subscribed = new AtomicBoolean();
		StepVerifier.create(this.signals.call(Operation.RUNS_RETRIEVE, Mono.fromCallable(() -> {
			subscribed.set(true);
			return "sent";
		})))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalStateException.class)
				.hasMessageStartingWith("the Trigger.dev client is closed; runs.retrieve was not sent"))
			.verify(Duration.ofSeconds(5));
		assertThat(subscribed).isFalse();
	}

	@Test
	void anAcceptedCallMayFinishWithinTheGrace() {
		Sinks.One<String> answer = Sinks.one();
		StepVerifier.create(this.signals.call(Operation.RUNS_RETRIEVE, answer.asMono()))
			.expectSubscription()
			.then(() -> {
				Mono<Void> shutdown = this.client.shutdown();
				this.time.advanceTimeBy(GRACE.minusSeconds(1));
				assertThat(this.signals.inFlight()).isOne();
				answer.tryEmitValue("answered");
				StepVerifier.create(shutdown).verifyComplete();
			})
			.expectNext("answered")
			.verifyComplete();
	}

	@Test
	void aCallStillRunningAfterTheGraceIsCancelledAndFails() {
		AtomicBoolean cancelled = new AtomicBoolean();
		Mono<String> hanging = Mono.<String>never().doOnCancel(() -> cancelled.set(true));
		StepVerifier.create(this.signals.call(Operation.TASKS_TRIGGER, hanging)).expectSubscription().then(() -> {
			Mono<Void> shutdown = this.client.shutdown();
			this.time.advanceTimeBy(GRACE.minusMillis(1));
			assertThat(cancelled).isFalse();
			this.time.advanceTimeBy(Duration.ofMillis(1));
			StepVerifier.create(shutdown).verifyComplete();
		})
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(TriggerException.class)
				.hasMessage("tasks.trigger failed: the Trigger.dev client was closed during the call "
						+ "and its shutdown grace of PT10S passed"))
			.verify(Duration.ofSeconds(5));
		assertThat(cancelled).isTrue();
		assertThat(this.signals.inFlight()).isZero();
	}

	@Test
	void aStreamKeepsItsItemsAndFailsAtOnceWhileOtherCallsGetTheGrace() {
		Sinks.Many<String> events = Sinks.many().unicast().onBackpressureBuffer();
		StepVerifier.create(this.signals.call(Operation.REALTIME_RUN, events.asFlux()))
			.then(() -> events.tryEmitNext("event 1"))
			.expectNext("event 1")
			.then(() -> {
				this.signals.call(Operation.RUNS_RETRIEVE, Mono.never()).subscribe((value) -> {
				}, (ex) -> {
				});
				this.client.shutdown();
				assertThat(this.signals.inFlight()).isOne();
			})
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(TriggerException.class)
				.hasMessage("runs.subscribeToRun failed: the Trigger.dev client was closed during the call"))
			.verify(Duration.ofSeconds(5));
		this.time.advanceTimeBy(GRACE);
		assertThat(this.signals.inFlight()).isZero();
	}

	@Test
	void aCallThatEndsEmptyWithinTheGraceStaysEmpty() {
		Sinks.Empty<String> answer = Sinks.empty();
		StepVerifier.create(this.signals.call(Operation.RUNS_CANCEL, answer.asMono())).expectSubscription().then(() -> {
			this.client.shutdown();
			answer.tryEmitEmpty();
		}).verifyComplete();
	}

	@Test
	void withNoCallRunningCloseReturnsAtOnceAndAgainAndAgain() {
		this.client.close();
		this.client.close();
		assertThat(this.signals.isClosed()).isTrue();
		assertThat(this.client.shutdown()).isSameAs(this.client.shutdown());
	}

	@Test
	void closingTheSecondTimeWaitsForTheSameGrace() {
		StepVerifier.create(this.signals.call(Operation.RUNS_RETRIEVE, Mono.never())).expectSubscription().then(() -> {
			Mono<Void> first = this.client.shutdown();
			this.time.advanceTimeBy(Duration.ofSeconds(5));
			Mono<Void> second = this.client.shutdown();
			this.time.advanceTimeBy(Duration.ofSeconds(5));
			StepVerifier.create(first).verifyComplete();
			StepVerifier.create(second).verifyComplete();
		}).expectError(TriggerException.class).verify(Duration.ofSeconds(5));
	}

	@Test
	void closingAViewClosesTheClientAndAllItsViews() {
		TriggerOperations view = this.client.withRetry(TriggerRetrySettings.none());
		TriggerOperations other = this.client.withOptions(RequestOptions.builder().header("x-a", "b").build());
		view.close();
		assertThat(((DefaultTriggerOperations) other).lifecycle()).isSameAs(this.signals);
		assertThat(this.signals.isClosed()).isTrue();
	}

	@Test
	void aZeroGraceFailsRunningCallsAtOnce() {
		DefaultTriggerOperations client = (DefaultTriggerOperations) TriggerClient.builder()
			.secretKey(TestClients.SECRET_KEY)
			.scheduler(this.time)
			.shutdownGrace(Duration.ZERO)
			.build();
		StepVerifier.create(client.lifecycle().call(Operation.RUNS_RETRIEVE, Mono.never()))
			.expectSubscription()
			.then(() -> {
				client.shutdown();
				this.time.advanceTime();
			})
			.expectError(TriggerException.class)
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void theGraceMustNotBeNegative() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TriggerClient.builder().shutdownGrace(Duration.ofSeconds(-1)))
			.withMessage("shutdownGrace must not be negative but was PT-1S");
	}

	@Test
	void theDefaultGraceIsTenSeconds() {
		DefaultTriggerOperations client = (DefaultTriggerOperations) TriggerClient.builder()
			.secretKey(TestClients.SECRET_KEY)
			.build();
		assertThat(client.lifecycle().grace()).isEqualTo(TriggerClient.DEFAULT_SHUTDOWN_GRACE)
			.isEqualTo(Duration.ofSeconds(10));
	}

	// End to end: the transport reports its calls to the signals.

	@Test
	void aCallAfterCloseSendsNothing(WireMockRuntimeInfo wm) {
		TriggerOperations client = TestClients.client(wm);
		client.close();
		StepVerifier.create(client.runs().retrieve("run_1"))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("the Trigger.dev client is closed"))
			.verify(Duration.ofSeconds(5));
		verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void aTriggerToAServerThatNeverAnswersFailsWhenTheGraceHasPassed() throws IOException {
		try (ServerSocket silent = new ServerSocket(0, 50)) {
			DefaultTriggerOperations client = (DefaultTriggerOperations) TriggerClient.builder()
				.secretKey(TestClients.SECRET_KEY)
				.baseUrl("http://127.0.0.1:" + silent.getLocalPort())
				.responseTimeout(Duration.ofMinutes(10))
				.deadline(Duration.ofMinutes(10))
				.scheduler(this.time)
				.shutdownGrace(GRACE)
				.build();
			StepVerifier.create(client.tasks().trigger("t", Map.of())).expectSubscription().then(() -> {
				client.shutdown();
				this.time.advanceTimeBy(GRACE);
			})
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(TriggerException.class)
					.hasMessageContaining("closed during the call"))
				.verify(Duration.ofSeconds(5));
			assertThat(client.lifecycle().inFlight()).isZero();
		}
	}

}
