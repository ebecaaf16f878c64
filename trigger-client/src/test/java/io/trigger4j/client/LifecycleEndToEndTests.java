package io.trigger4j.client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.trigger4j.client.error.PermissionDeniedException;
import io.trigger4j.client.model.auth.PublicTokenRequest;
import io.trigger4j.client.model.auth.ScopeResource;
import io.trigger4j.client.model.auth.Scopes;
import io.trigger4j.client.model.batches.BatchHandle;
import io.trigger4j.client.model.batches.BatchItem;
import io.trigger4j.client.model.batches.BatchOptions;
import io.trigger4j.client.model.runs.ListRunsRequest;
import io.trigger4j.client.model.runs.Run;
import io.trigger4j.client.model.runs.RunStatus;
import io.trigger4j.client.model.tasks.IdempotencyKey;
import io.trigger4j.client.model.tasks.RunFailedException;
import io.trigger4j.client.model.tasks.TaskRef;
import io.trigger4j.client.model.tasks.TriggerOptions;
import io.trigger4j.client.model.tasks.TriggeredRun;
import io.trigger4j.emulator.EmulatedTask;
import io.trigger4j.emulator.ManualClock;
import io.trigger4j.emulator.TriggerEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The run lifecycle against the emulator: typed trigger-and-wait, idempotency keys as the
 * SDK makes them, public access tokens, large payloads and outputs, and batches of any
 * size.
 */
class LifecycleEndToEndTests {

	record Order(String id, int quantity) {
	}

	record Receipt(String order, int total) {
	}

	record Blob(String data) {
	}

	static final TaskRef<Order, Receipt> CHECKOUT = TaskRef.of("checkout", Order.class, Receipt.class);

	static final TaskRef<Blob, Blob> ECHO = TaskRef.of("echo", Blob.class, Blob.class);

	static final TaskRef<Order, Receipt> BROKEN = TaskRef.of("broken", Order.class, Receipt.class);

	private static final int LARGE = 200 * 1024;

	private final ManualClock clock = new ManualClock(Instant.parse("2026-11-22T10:00:00Z"));

	/** The payload the echo handler saw last. */
	private final AtomicReference<Blob> echoed = new AtomicReference<>();

	private final TriggerEmulator emulator = TriggerEmulator.builder().clock(this.clock).task("checkout", (run) -> {
		Order order = run.payload(Order.class);
		return new Receipt(order.id(), order.quantity() * 7);
	}).task("echo", (run) -> {
		Blob blob = run.payload(Blob.class);
		this.echoed.set(blob);
		return blob;
	}).task("grow", (run) -> new Blob("z".repeat(LARGE))).task(EmulatedTask.of("broken", (run) -> {
		throw new IllegalStateException("out of stock");
	}).withMaxAttempts(1)).task("noop", (run) -> Map.of()).start();

	private final TriggerOperations trigger = TriggerClient.builder()
		.secretKey(this.emulator.secretKey())
		.baseUrl(this.emulator.baseUrl())
		.retry(TestClients.FAST_RETRY)
		.clock(this.clock)
		.build();

	@AfterEach
	void stop() {
		this.emulator.stop();
	}

	@Test
	void triggerAndAwaitReturnsTheTypedOutput() {
		Receipt receipt = this.trigger.tasks()
			.triggerAndAwait(CHECKOUT, new Order("o-1", 3), TriggerOptions.none(), Duration.ofSeconds(10))
			.block();

		assertThat(receipt).isEqualTo(new Receipt("o-1", 21));
	}

	@Test
	void aFailingTaskSignalsRunFailedWithTheRunsError() {
		assertThatExceptionOfType(RunFailedException.class)
			.isThrownBy(() -> this.trigger.tasks()
				.triggerAndAwait(BROKEN, new Order("o-2", 1), TriggerOptions.none(), Duration.ofSeconds(10))
				.block())
			.satisfies((failure) -> {
				assertThat(failure.status()).isEqualTo(RunStatus.FAILED);
				assertThat(failure.run().taskIdentifier()).isEqualTo("broken");
				assertThat(failure.error()).isNotNull();
				assertThat(failure.error().message()).contains("out of stock");
			});
	}

	@Test
	void aKeyMadeFromPartsDeduplicatesShowsTheUsersKeyAndCanBeReset() {
		IdempotencyKey key = IdempotencyKeys.create("order", "42");
		TriggerOptions options = TriggerOptions.builder().idempotencyKey(key).build();

		TriggeredRun first = this.trigger.tasks().trigger(CHECKOUT, new Order("42", 1), options).block();
		TriggeredRun second = this.trigger.tasks().trigger(CHECKOUT, new Order("42", 1), options).block();

		assertThat(first.isCached()).isFalse();
		assertThat(second.isCached()).isTrue();
		assertThat(second.id()).isEqualTo(first.id());
		assertThat(this.trigger.runs().retrieve(first.id()).block().idempotencyKey()).isEqualTo("order-42");

		this.trigger.idempotencyKeys().reset("checkout", key).block();
		TriggeredRun third = this.trigger.tasks().trigger(CHECKOUT, new Order("42", 1), options).block();

		assertThat(third.isCached()).isFalse();
		assertThat(third.id()).isNotEqualTo(first.id());
	}

	@Test
	void aMintedTokenReadsTheRunItGrantsAndNoOther() {
		String granted = this.trigger.tasks().trigger("noop", Map.of()).block().id();
		String other = this.trigger.tasks().trigger("noop", Map.of()).block().id();
		String token = this.trigger.auth()
			.createPublicToken(PublicTokenRequest.of(Scopes.builder().read(ScopeResource.RUNS, granted).build()))
			.block();
		TriggerOperations reader = this.trigger.withOptions(RequestOptions.builder().publicAccessToken(token).build());

		assertThat(reader.runs().retrieve(granted).block().id()).isEqualTo(granted);
		assertThatExceptionOfType(PermissionDeniedException.class)
			.isThrownBy(() -> reader.runs().retrieve(other).block())
			.satisfies((denied) -> assertThat(denied.getMessage()).doesNotContain(token));
	}

	@Test
	void theTriggersTokenReadsItsRun() {
		TriggeredRun triggered = this.trigger.tasks().trigger("noop", Map.of()).block();

		TriggerOperations reader = this.trigger
			.withOptions(RequestOptions.builder().publicAccessToken(triggered.publicAccessToken()).build());

		assertThat(reader.runs().retrieve(triggered.id()).block().status()).isEqualTo(RunStatus.COMPLETED);
	}

	@Test
	void aLargePayloadReachesTheHandlerAndRetrieveReturnsIt() {
		Blob payload = new Blob("p".repeat(LARGE));

		String id = this.trigger.tasks().trigger(ECHO, payload, TriggerOptions.none()).block().id();

		assertThat(this.echoed.get()).isEqualTo(payload);
		Run run = this.trigger.runs().retrieve(id).block();
		assertThat(run.payloadPresignedUrl()).startsWith(this.emulator.packetBaseUrl());
		assertThat(run.payload(Blob.class)).isEqualTo(payload);
		assertThat(run.output(Blob.class)).isEqualTo(payload);
	}

	@Test
	void aLargeOutputComesBackThroughRetrieveAndTriggerAndAwait() {
		Blob expected = new Blob("z".repeat(LARGE));

		Blob awaited = this.trigger.tasks()
			.triggerAndAwait("grow", Map.of(), TriggerOptions.none(), Blob.class, Duration.ofSeconds(10))
			.block();

		assertThat(awaited).isEqualTo(expected);
		String id = this.trigger.runs()
			.list(ListRunsRequest.builder().taskIdentifiers("grow").build())
			.blockFirst()
			.id();
		Run run = this.trigger.runs().retrieve(id).block();
		assertThat(run.outputPresignedUrl()).startsWith(this.emulator.packetBaseUrl());
		assertThat(run.output(Blob.class)).isEqualTo(expected);
	}

	@Test
	void aFluxOf2500ItemsGoesAsThreeBatchesAndAgainWithTheSameKeyMakesNoRun() {
		Flux<BatchItem> items = Flux.range(0, 2500).map((i) -> BatchItem.of(ECHO, new Blob("b" + i)));
		BatchOptions options = BatchOptions.idempotent("nightly-echo");

		List<BatchHandle> handles = this.trigger.tasks().batchTrigger(items, options).collectList().block();

		assertThat(handles).extracting(BatchHandle::firstIndex, BatchHandle::runCount, BatchHandle::isCached)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(0L, 1000, false),
					org.assertj.core.groups.Tuple.tuple(1000L, 1000, false),
					org.assertj.core.groups.Tuple.tuple(2000L, 500, false));
		assertThat(handles).extracting(BatchHandle::batchId).doesNotHaveDuplicates();
		assertThat(echoRuns()).isEqualTo(2500);

		List<BatchHandle> again = this.trigger.tasks().batchTrigger(items, options).collectList().block();

		assertThat(again).extracting(BatchHandle::batchId)
			.containsExactlyElementsOf(handles.stream().map(BatchHandle::batchId).toList());
		assertThat(again).allSatisfy((handle) -> assertThat(handle.isCached()).isTrue());
		assertThat(echoRuns()).isEqualTo(2500);
	}

	@Test
	void aKeyedBatchWhoseItemsNeverArrivedIsCompletedByRepeatingTheCall() {
		// An earlier call announced the batch, then failed before its items arrived.
		String announced = WebClient.create(this.emulator.baseUrl())
			.post()
			.uri("/api/v3/batches")
			.header("Authorization", "Bearer " + this.emulator.secretKey())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("runCount", 2, "taskIdentifiers", List.of("echo"), "idempotencyKey",
					IdempotencyKey.of("nightly-echo").hash()))
			.retrieve()
			.bodyToMono(Map.class)
			.map((answer) -> (String) answer.get("id"))
			.block();

		List<BatchHandle> handles = this.trigger.tasks()
			.batchTrigger(Flux.just(BatchItem.of(ECHO, new Blob("a")), BatchItem.of(ECHO, new Blob("b"))),
					BatchOptions.idempotent("nightly-echo"))
			.collectList()
			.block();

		assertThat(handles).singleElement().satisfies((handle) -> {
			assertThat(handle.batchId()).isEqualTo(announced);
			assertThat(handle.isCached()).isTrue();
		});
		assertThat(echoRuns()).isEqualTo(2);
	}

	private long echoRuns() {
		return this.trigger.runs()
			.list(ListRunsRequest.builder().taskIdentifiers("echo").pageSize(100).build())
			.count()
			.block();
	}

}
