package io.trigger4j.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.trigger4j.client.error.TriggerException;
import io.trigger4j.client.error.TriggerTimeoutException;
import io.trigger4j.client.model.runs.Run;
import io.trigger4j.client.model.runs.RunError;
import io.trigger4j.client.model.tasks.RunFailedException;
import io.trigger4j.client.model.tasks.TaskRef;
import io.trigger4j.client.model.tasks.TriggerOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * {@code triggerAndAwait}: the trigger goes to WireMock, the run is followed through a
 * fake {@link RunsOperations#subscribeToRun(String)}.
 */
@WireMockTest
class TriggerAndAwaitTests {

	record Greeting(String name) {
	}

	record Reply(String text, int wordCount) {
	}

	static final TaskRef<Greeting, Reply> HELLO = TaskRef.of("hello-world", Greeting.class, Reply.class);

	private final RunsOperations runs = mock(RunsOperations.class);

	private final CountDownLatch followed = new CountDownLatch(1);

	@BeforeEach
	void triggerAnswers() {
		stubFor(post("/api/v1/tasks/hello-world/trigger").willReturn(okJson("{\"id\":\"run_1\",\"isCached\":false}")));
	}

	private TasksOperations tasks(WireMockRuntimeInfo wm) {
		return tasks(TestClients.clientWithoutGeneratedKeys(wm));
	}

	private TasksOperations tasks(TriggerOperations client) {
		return new DefaultTasksOperations(((DefaultTriggerOperations) client).http(), this.runs);
	}

	private void feed(String... runs) {
		given(this.runs.subscribeToRun("run_1")).willAnswer((invocation) -> {
			this.followed.countDown();
			return Flux.fromArray(runs).map((json) -> TestClients.read(json, Run.class));
		});
	}

	private static String run(String status, String extra) {
		return "{\"id\":\"run_1\",\"taskIdentifier\":\"hello-world\",\"status\":\"" + status + "\"" + extra + "}";
	}

	@Test
	void triggersFollowsAndReadsTheTypedOutput(WireMockRuntimeInfo wm) {
		feed(run("QUEUED", ""), run("EXECUTING", ""),
				run("COMPLETED", ",\"output\":{\"text\":\"Hello Ada\",\"wordCount\":2}"));

		Reply reply = tasks(wm)
			.triggerAndAwait(HELLO, new Greeting("Ada"), TriggerOptions.none(), Duration.ofMinutes(1))
			.block();

		assertThat(reply).isEqualTo(new Reply("Hello Ada", 2));
		verify(postRequestedFor(urlEqualTo("/api/v1/tasks/hello-world/trigger"))
			.withRequestBody(equalToJson("{\"payload\":{\"name\":\"Ada\"}}")));
	}

	@Test
	void aGenericOutputIsReadWithTheApplicationsMapper(WireMockRuntimeInfo wm) {
		feed(run("COMPLETED", ",\"output\":[{\"text\":\"a\",\"word_count\":1},{\"text\":\"b c\",\"word_count\":2}]"));
		JsonMapper snakeCase = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

		List<Reply> replies = tasks(TestClients.builder(wm).jsonMapper(snakeCase).build())
			.triggerAndAwait("hello-world", new Greeting("x"), TriggerOptions.none(), new TypeReference<List<Reply>>() {
			}, Duration.ofMinutes(1))
			.block();

		assertThat(replies).containsExactly(new Reply("a", 1), new Reply("b c", 2));
	}

	@Test
	void aCompletedRunsLateOutputIsAwaited(WireMockRuntimeInfo wm) {
		feed(run("COMPLETED", ""), run("COMPLETED", ",\"output\":\"done\""));

		assertThat(tasks(wm)
			.triggerAndAwait("hello-world", "x", TriggerOptions.none(), String.class, Duration.ofMinutes(1))
			.block()).isEqualTo("done");
	}

	@Test
	void withoutAnOutputTypeTheRunIsDoneOnceItCompletes(WireMockRuntimeInfo wm) {
		// The feed stays open, as a real one does during its completion grace.
		given(this.runs.subscribeToRun("run_1"))
			.willReturn(Flux.concat(Flux.just(TestClients.read(run("COMPLETED", ""), Run.class)), Flux.never()));

		StepVerifier.create(tasks(wm).triggerAndAwait("hello-world", "x", TriggerOptions.none(), Void.class))
			.expectComplete()
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void anOffloadedOutputIsDownloadedWithoutTheSecretKey(WireMockRuntimeInfo wm) {
		stubFor(get(urlPathEqualTo("/bucket/run_1/output.json"))
			.willReturn(okJson("{\"text\":\"" + "w".repeat(200 * 1024) + "\",\"wordCount\":1}")));
		feed(run("COMPLETED", ",\"outputPresignedUrl\":\"" + wm.getHttpBaseUrl()
				+ "/bucket/run_1/output.json?X-Amz-Signature=abc\""));

		Reply reply = tasks(wm).triggerAndAwait(HELLO, new Greeting("x"), TriggerOptions.none(), Duration.ofMinutes(1))
			.block();

		assertThat(reply).isEqualTo(new Reply("w".repeat(200 * 1024), 1));
		verify(getRequestedFor(urlPathEqualTo("/bucket/run_1/output.json")).withoutHeader("Authorization"));
	}

	@Test
	void aRunCompletedWithoutOutputCompletesEmpty(WireMockRuntimeInfo wm) {
		feed(run("EXECUTING", ""), run("COMPLETED", ""));

		StepVerifier
			.create(tasks(wm).triggerAndAwait("hello-world", "x", TriggerOptions.none(), String.class,
					Duration.ofMinutes(1)))
			.verifyComplete();
	}

	@ParameterizedTest
	@ValueSource(strings = { "FAILED", "CRASHED", "SYSTEM_FAILURE", "EXPIRED", "TIMED_OUT", "CANCELED" })
	void aRunEndingWithoutSuccessSignalsRunFailed(String status, WireMockRuntimeInfo wm) {
		feed(run("EXECUTING", ""), run(status, ",\"error\":{\"name\":\"Error\",\"message\":\"boom\"}"));

		assertThatExceptionOfType(RunFailedException.class)
			.isThrownBy(() -> tasks(wm)
				.triggerAndAwait(HELLO, new Greeting("x"), TriggerOptions.none(), Duration.ofMinutes(1))
				.block())
			.satisfies((ex) -> {
				assertThat(ex.status().value()).isEqualTo(status);
				assertThat(ex.run().id()).isEqualTo("run_1");
				assertThat(ex.error()).isEqualTo(new RunError("boom", "Error", null));
				assertThat(ex).hasMessage("Run run_1 of task hello-world ended " + status + ": Error: boom");
			});
	}

	@Test
	void aFeedEndingBeforeTheRunFinishedIsAnError(WireMockRuntimeInfo wm) {
		feed(run("EXECUTING", ""));

		assertThatExceptionOfType(TriggerException.class)
			.isThrownBy(() -> tasks(wm)
				.triggerAndAwait("hello-world", "x", TriggerOptions.none(), String.class, Duration.ofMinutes(1))
				.block())
			.withMessageContaining("the feed of run run_1 ended before the run finished (last status EXECUTING)");
	}

	@Test
	void aRunNotFinishedWithinTheTimeoutSignalsATimeoutNamingIt(WireMockRuntimeInfo wm) {
		given(this.runs.subscribeToRun("run_1")).willAnswer((invocation) -> {
			this.followed.countDown();
			return Flux.never();
		});
		TasksOperations tasks = tasks(wm);

		StepVerifier
			.withVirtualTime(() -> tasks.triggerAndAwait(HELLO, new Greeting("x"), TriggerOptions.none(),
					Duration.ofMinutes(10)))
			.expectSubscription()
			.then(this::awaitFollowed)
			.expectNoEvent(Duration.ofMinutes(10).minusMillis(1))
			.thenAwait(Duration.ofMillis(1))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(TriggerTimeoutException.class)
				.hasMessageContaining("run run_1 did not finish within PT10M"))
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void theTimeoutRunsOnTheClientsScheduler() {
		ScriptedExchange exchange = new ScriptedExchange().thenJson(200, "{\"id\":\"run_1\",\"isCached\":false}");
		VirtualTimeScheduler time = VirtualTimeScheduler.create();
		given(this.runs.subscribeToRun("run_1")).willReturn(Flux.never());
		AtomicReference<Throwable> failure = new AtomicReference<>();

		tasks(exchange.client(time))
			.triggerAndAwait(HELLO, new Greeting("x"), TriggerOptions.none(), Duration.ofMinutes(10))
			.subscribe(null, failure::set);
		time.advanceTimeBy(Duration.ofMinutes(10).minusMillis(1));
		assertThat(failure.get()).isNull();
		time.advanceTimeBy(Duration.ofMillis(1));

		assertThat(failure.get()).isInstanceOf(TriggerTimeoutException.class)
			.hasMessageContaining("run run_1 did not finish within PT10M");
	}

	private void awaitFollowed() {
		try {
			assertThat(this.followed.await(5, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	void argumentsAreCheckedBeforeAnythingIsSent(WireMockRuntimeInfo wm) {
		TasksOperations tasks = tasks(wm);

		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> tasks.triggerAndAwait("hello-world", "x", TriggerOptions.none(), String.class, Duration.ZERO))
			.withMessageContaining("timeout");
		assertThatExceptionOfType(NullPointerException.class)
			.isThrownBy(() -> tasks.triggerAndAwait("hello-world", "x", TriggerOptions.none(), (Class<String>) null,
					Duration.ofMinutes(1)))
			.withMessage("outputType must not be null");
		verify(0, postRequestedFor(urlEqualTo("/api/v1/tasks/hello-world/trigger")));
	}

	@Test
	void typedHandlesWithGenericTypesCheckPayloadsAndOutputsAtCompileTime(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/tasks/greet-many/trigger").willReturn(okJson("{\"id\":\"run_1\"}")));
		feed(run("COMPLETED", ",\"output\":[{\"text\":\"Hi b\",\"wordCount\":2}]"));
		TaskRef<List<Greeting>, List<Reply>> many = TaskRef.of("greet-many", new TypeReference<List<Greeting>>() {
		}, new TypeReference<List<Reply>>() {
		});

		// Compiles only because the payload and the output have the handle's types.
		List<Reply> replies = tasks(wm)
			.triggerAndAwait(many, List.of(new Greeting("b")), TriggerOptions.none(), Duration.ofMinutes(1))
			.block();

		assertThat(replies).containsExactly(new Reply("Hi b", 2));
		verify(postRequestedFor(urlEqualTo("/api/v1/tasks/greet-many/trigger"))
			.withRequestBody(equalToJson("{\"payload\":[{\"name\":\"b\"}]}")));
		assertThat(many.outputType().getTypeName()).isEqualTo("java.util.List<" + Reply.class.getName() + ">");
		assertThat(HELLO).isEqualTo(TaskRef.of("hello-world", Greeting.class, Reply.class));
		assertThatIllegalArgumentException().isThrownBy(() -> TaskRef.of(" ", Greeting.class, Reply.class))
			.withMessage("id must not be blank");
	}

}
