package io.trigger4j.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.trigger4j.client.error.TriggerApiException;
import io.trigger4j.client.model.batches.BatchHandle;
import io.trigger4j.client.model.batches.BatchItem;
import io.trigger4j.client.model.batches.BatchOptions;
import io.trigger4j.client.model.tasks.IdempotencyKey;
import io.trigger4j.client.model.tasks.TaskRef;
import io.trigger4j.client.model.tasks.TriggerOptions;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.findAll;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Batches of any size through the SDK's two-phase batch API ({@code POST
 * /api/v3/batches}, then NDJSON items), 1000 items per batch.
 */
@WireMockTest
class BatchTriggerStreamingTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	record Resize(int image) {
	}

	private static void batchesAnswer() {
		for (int n = 0; n < 3; n++) {
			stubFor(post("/api/v3/batches").withRequestBody(matchingJsonPath("$.idempotencyKey", equalTo(batchKey(n))))
				.willReturn(aResponse().withStatus(202)
					.withHeader("Content-Type", "application/json")
					.withHeader("x-trigger-jwt", "jwt-" + n)
					.withBody("{\"id\":\"batch_" + n + "\",\"runCount\":" + (n < 2 ? 1000 : 500)
							+ ",\"isCached\":false,\"someNewField\":1}")));
			stubFor(post("/api/v3/batches/batch_" + n + "/items").willReturn(okJson(
					"{\"id\":\"batch_" + n + "\",\"itemsAccepted\":1,\"itemsDeduplicated\":0,\"sealed\":true}")));
		}
	}

	private static String batchKey(int n) {
		IdempotencyKey key = IdempotencyKey.of("resize-all");
		return (n == 0) ? key.hash() : key.part("chunk", n).hash();
	}

	private static List<JsonNode> lines(LoggedRequest request) {
		return request.getBodyAsString().lines().map(JSON::readTree).toList();
	}

	@Test
	void twentyFiveHundredItemsGoAsThreeBatchesInInputOrder(WireMockRuntimeInfo wm) {
		batchesAnswer();
		Flux<BatchItem> items = Flux.range(0, 2500).map((i) -> BatchItem.of("resize", new Resize(i)));

		List<BatchHandle> handles = TestClients.client(wm)
			.tasks()
			.batchTrigger(items, BatchOptions.idempotent("resize-all"))
			.collectList()
			.block();

		assertThat(handles).containsExactly(new BatchHandle("batch_0", 0, 1000, false, "jwt-0"),
				new BatchHandle("batch_1", 1000, 1000, false, "jwt-1"),
				new BatchHandle("batch_2", 2000, 500, false, "jwt-2"));
		assertThat(handles.get(0).toString()).doesNotContain("jwt-0");
		verify(postRequestedFor(urlEqualTo("/api/v3/batches")).withRequestBody(equalToJson("""
				{"runCount":1000,"taskIdentifiers":["resize"],"idempotencyKey":"%s",
				 "idempotencyKeyOptions":{"key":"resize-all","scope":"run"}}""".formatted(batchKey(0)))));
		verify(postRequestedFor(urlEqualTo("/api/v3/batches")).withRequestBody(equalToJson("""
				{"runCount":1000,"taskIdentifiers":["resize"],"idempotencyKey":"%s"}""".formatted(batchKey(1)))));
		for (int n = 0; n < 3; n++) {
			List<LoggedRequest> sent = findAll(postRequestedFor(urlEqualTo("/api/v3/batches/batch_" + n + "/items"))
				.withHeader("Content-Type", equalTo("application/x-ndjson")));
			assertThat(sent).hasSize(1);
			List<JsonNode> lines = lines(sent.get(0));
			assertThat(lines).hasSize((n < 2) ? 1000 : 500);
			for (int i = 0; i < lines.size(); i++) {
				JsonNode line = lines.get(i);
				int input = n * 1000 + i;
				assertThat(line.get("index").asInt()).isEqualTo(i);
				assertThat(line.get("task").asString()).isEqualTo("resize");
				assertThat(line.get("payload").get("image").asInt()).isEqualTo(input);
				assertThat(line.get("options").get("idempotencyKey").asString())
					.isEqualTo(IdempotencyKey.of("resize-all").item(input).hash());
			}
		}
	}

	@Test
	void aFailedItemsRequestIsSentAgainWithoutASecondBatch(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v3/batches").willReturn(aResponse().withStatus(202)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"id\":\"batch_1\",\"runCount\":2,\"isCached\":false}")));
		stubFor(post("/api/v3/batches/batch_1/items").inScenario("flaky")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(500).withBody("{\"error\":\"Something went wrong\"}"))
			.willSetStateTo("up"));
		stubFor(post("/api/v3/batches/batch_1/items").inScenario("flaky")
			.whenScenarioStateIs("up")
			.willReturn(okJson("""
					{"id":"batch_1","itemsAccepted":1,"itemsDeduplicated":1,"sealed":true,"runCount":2}""")));

		List<BatchHandle> handles = TestClients.client(wm)
			.tasks()
			.batchTrigger(Flux.just(BatchItem.of("a", 1), BatchItem.of("b", 2)), BatchOptions.none())
			.collectList()
			.block();

		assertThat(handles).containsExactly(new BatchHandle("batch_1", 0, 2, false, null));
		verify(1, postRequestedFor(urlEqualTo("/api/v3/batches"))
			.withRequestBody(equalToJson("{\"runCount\":2,\"taskIdentifiers\":[\"a\",\"b\"]}")));
		List<LoggedRequest> sent = findAll(postRequestedFor(urlEqualTo("/api/v3/batches/batch_1/items")));
		assertThat(sent).hasSize(2);
		assertThat(sent.get(1).getBodyAsString()).isEqualTo(sent.get(0).getBodyAsString())
			.isEqualTo("{\"index\":0,\"task\":\"a\",\"payload\":1}\n{\"index\":1,\"task\":\"b\",\"payload\":2}\n");
	}

	@Test
	void aKeyedBatchCreateIsRetriedAndTheItemsOfTheCachedBatchAreStillSent(WireMockRuntimeInfo wm) {
		// The first answer was lost after the server made the batch: the retry finds it
		// cached, and its items must still be sent, or the batch never gets any.
		stubFor(post("/api/v3/batches").inScenario("create")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("up"));
		stubFor(post("/api/v3/batches").inScenario("create")
			.whenScenarioStateIs("up")
			.willReturn(okJson("{\"id\":\"batch_1\",\"runCount\":1,\"isCached\":true,\"idempotencyKey\":\"k\"}")));
		stubFor(post("/api/v3/batches/batch_1/items")
			.willReturn(okJson("{\"id\":\"batch_1\",\"itemsAccepted\":1,\"itemsDeduplicated\":0,\"sealed\":true}")));
		TaskRef<Resize, Void> resize = TaskRef.of("resize", Resize.class, Void.class);

		List<BatchHandle> handles = TestClients.client(wm)
			.tasks()
			.batchTrigger(resize, Flux.just(new Resize(1)), BatchOptions.idempotent(IdempotencyKeys.create("k")))
			.collectList()
			.block();

		assertThat(handles).containsExactly(new BatchHandle("batch_1", 0, 1, true, null));
		List<LoggedRequest> creates = findAll(postRequestedFor(urlEqualTo("/api/v3/batches")));
		assertThat(creates).hasSize(2);
		assertThat(creates.get(1).getHeader("x-trigger-request-idempotency-key"))
			.isEqualTo(creates.get(0).getHeader("x-trigger-request-idempotency-key"));
		List<LoggedRequest> sent = findAll(postRequestedFor(urlEqualTo("/api/v3/batches/batch_1/items")));
		assertThat(sent).hasSize(1);
		assertThat(lines(sent.get(0))).singleElement()
			.satisfies((line) -> assertThat(line.get("payload").get("image").asInt()).isEqualTo(1));
	}

	@Test
	void aBatchWithoutAKeyIsNotAnnouncedAgainAfterAFailureWhereTheServerMayHaveActed(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v3/batches").willReturn(aResponse().withStatus(500)));

		assertThatExceptionOfType(TriggerApiException.class).isThrownBy(() -> TestClients.client(wm)
			.tasks()
			.batchTrigger(Flux.just(BatchItem.of("a", 1)), BatchOptions.none())
			.blockLast());

		verify(1, postRequestedFor(urlEqualTo("/api/v3/batches")));
		verify(0, postRequestedFor(urlMatching("/api/v3/batches/.*/items")));
	}

	@Test
	void itemsAreSentAgainWhileTheBatchIsNotSealedAfterTheBackOff() {
		ScriptedExchange exchange = new ScriptedExchange()
			.thenJson(202, "{\"id\":\"batch_1\",\"runCount\":1,\"isCached\":false}")
			.thenJson(200, """
					{"id":"batch_1","itemsAccepted":0,"itemsDeduplicated":0,"sealed":false,
					 "enqueuedCount":0,"expectedCount":1}""")
			.thenJson(200, "{\"id\":\"batch_1\",\"itemsAccepted\":1,\"itemsDeduplicated\":0,\"sealed\":true}");
		VirtualTimeScheduler time = VirtualTimeScheduler.create();
		TasksOperations tasks = exchange.client(time).tasks();

		StepVerifier
			.withVirtualTime(() -> tasks.batchTrigger(Flux.just(BatchItem.of("a", Map.of())), BatchOptions.none()),
					() -> time, Long.MAX_VALUE)
			.expectSubscription()
			// The back-off of 1 s with Reactor's default jitter of 50 %: 0.5 to 1.5 s.
			.expectNoEvent(DefaultTasksOperations.SEAL_RETRY_BACKOFF.dividedBy(2).minusMillis(1))
			.thenAwait(DefaultTasksOperations.SEAL_RETRY_BACKOFF.plusMillis(1))
			.assertNext((handle) -> assertThat(handle.batchId()).isEqualTo("batch_1"))
			.expectComplete()
			.verify(Duration.ofSeconds(5));
		assertThat(exchange.requests()).extracting((request) -> request.url().getPath())
			.containsExactly("/api/v3/batches", "/api/v3/batches/batch_1/items", "/api/v3/batches/batch_1/items");
	}

	@Test
	void atMostTwoBatchesOfItemsAreTakenFromTheSourceWhileTheirRequestsAreInFlight() {
		// Every request hangs: what the source gave is what the call holds.
		ScriptedExchange exchange = new ScriptedExchange().thenHang();
		AtomicInteger taken = new AtomicInteger();
		Flux<BatchItem> items = Flux.range(0, 100_000)
			.doOnNext((i) -> taken.incrementAndGet())
			.map((i) -> BatchItem.of("a", i));

		Disposable call = exchange.client(VirtualTimeScheduler.create())
			.tasks()
			.batchTrigger(items, BatchOptions.none())
			.subscribe();

		assertThat(taken).hasValue(2 * DefaultTasksOperations.MAX_STREAMED_BATCH_ITEMS);
		assertThat(exchange.requests()).hasSize(2);
		call.dispose();
		assertThat(exchange.cancelled()).isEqualTo(2);
	}

	@Test
	void anEmptyFluxOrABadItemFailsBeforeItsBatchIsSent(WireMockRuntimeInfo wm) {
		TasksOperations tasks = TestClients.client(wm).tasks();

		assertThatIllegalArgumentException()
			.isThrownBy(() -> tasks.batchTrigger(Flux.<BatchItem>empty(), BatchOptions.none()).blockLast())
			.withMessage("items must have at least 1 element");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> tasks
				.batchTrigger(Flux.just(BatchItem.of("a", 1), BatchItem.of("a", new Object())), BatchOptions.none())
				.blockLast())
			.withMessageStartingWith("items[1].payload cannot be serialised to JSON");
		verify(0, postRequestedFor(urlMatching("/api/v3/batches.*")));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> tasks.batchTrigger(IntStream.range(0, 501).mapToObj((i) -> BatchItem.of("a", i)).toList(),
					BatchOptions.none()))
			.withMessageContaining("batchTrigger(Flux, BatchOptions) takes any number");
	}

	@Test
	void itemOptionsAndTheBatchTtlGoOnEachLine(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v3/batches").willReturn(okJson("{\"id\":\"batch_1\",\"runCount\":1,\"isCached\":false}")));
		stubFor(post("/api/v3/batches/batch_1/items").willReturn(okJson("{\"sealed\":true}")));

		TestClients.client(wm)
			.tasks()
			.batchTrigger(Flux.just(BatchItem.of("a", 1, TriggerOptions.builder().tags("x").build())),
					BatchOptions.idempotent("k").withIdempotencyKeyTtl(java.time.Duration.ofMinutes(10)))
			.blockLast();

		JsonNode line = lines(findAll(postRequestedFor(urlEqualTo("/api/v3/batches/batch_1/items"))).get(0)).get(0);
		assertThat(line).isEqualTo(JSON.readTree("""
				{"index":0,"task":"a","payload":1,"options":{"idempotencyKey":"%s","idempotencyKeyTTL":"10m",
				 "tags":["x"]}}""".formatted(IdempotencyKey.of("k").item(0).hash())));
	}

}
