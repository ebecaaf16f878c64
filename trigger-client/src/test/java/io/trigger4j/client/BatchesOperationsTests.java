package io.trigger4j.client;

import java.time.Instant;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.trigger4j.client.error.NotFoundException;
import io.trigger4j.client.model.batches.Batch;
import io.trigger4j.client.model.batches.BatchItemError;
import io.trigger4j.client.model.batches.BatchResults;
import io.trigger4j.client.model.batches.BatchStatus;
import io.trigger4j.client.model.runs.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Batches: the request each operation sends, how answers decode (both shapes of the
 * per-item errors, unknown fields and statuses, missing optional fields), errors, and the
 * id check made before anything is sent.
 */
@WireMockTest
class BatchesOperationsTests {

	private static final String ID = "batch_cm9xk2f0a0001abcd1234efgh";

	@Test
	void retrieveReadsTheV1ShapeWithItsTopLevelErrors(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v1/batches/" + ID).willReturn(
				okJson("""
						{"id":"%s","status":"PARTIAL_FAILED","idempotencyKey":"nightly-2026-08-21",
						 "createdAt":"2026-08-21T10:00:00.000Z","updatedAt":"2026-08-21T10:05:00.000Z",
						 "runCount":2,"runs":["run_1","run_2"],"successfulRunCount":1,"failedRunCount":1,
						 "errors":[{"index":2,"taskIdentifier":"send-email","error":"Task not found","errorCode":"TASK_NOT_FOUND"}],
						 "somethingNew":{"a":1}}"""
					.formatted(ID))));

		Batch batch = TestClients.client(wm).batches().retrieve(ID).block();

		assertThat(batch.id()).isEqualTo(ID);
		assertThat(batch.status()).isEqualTo(BatchStatus.PARTIAL_FAILED);
		assertThat(batch.status().known()).isEqualTo(BatchStatus.Known.PARTIAL_FAILED);
		assertThat(batch.idempotencyKey()).isEqualTo("nightly-2026-08-21");
		assertThat(batch.createdAt()).isEqualTo(Instant.parse("2026-08-21T10:00:00Z"));
		assertThat(batch.updatedAt()).isEqualTo(Instant.parse("2026-08-21T10:05:00Z"));
		assertThat(batch.runCount()).isEqualTo(2);
		assertThat(batch.runs()).containsExactly("run_1", "run_2");
		assertThat(batch.successfulRunCount()).isEqualTo(1);
		assertThat(batch.failedRunCount()).isEqualTo(1);
		assertThat(batch.processing()).isNull();
		assertThat(batch.errors()).singleElement().satisfies((error) -> {
			assertThat(error.index()).isEqualTo(2);
			assertThat(error.taskIdentifier()).isEqualTo("send-email");
			assertThat(error.message()).isEqualTo("Task not found");
			assertThat(error.errorCode()).isEqualTo("TASK_NOT_FOUND");
		});
		verify(getRequestedFor(urlEqualTo("/api/v1/batches/" + ID))
			.withHeader("Authorization", equalTo("Bearer " + TestClients.SECRET_KEY))
			.withHeader("Content-Type", absent()));
	}

	@Test
	void retrieveReadsTheV1ShapeOfACompletedBatchWithoutErrors(WireMockRuntimeInfo wm) {
		// The v1 route leaves errors (and the counts) out when there are none, and never
		// sends processing.
		stubFor(get("/api/v1/batches/" + ID).willReturn(
				okJson("""
						{"id":"%s","status":"COMPLETED","createdAt":"2026-08-21T10:00:00.000Z","updatedAt":"2026-08-21T10:05:00.000Z",
						 "runCount":2,"runs":["run_1","run_2"]}"""
					.formatted(ID))));

		Batch batch = TestClients.client(wm).batches().retrieve(ID).block();

		assertThat(batch.status()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(batch.runs()).containsExactly("run_1", "run_2");
		assertThat(batch.errors()).isEmpty();
		assertThat(batch.processing()).isNull();
		assertThat(batch.successfulRunCount()).isNull();
	}

	@Test
	void decodesTheV2ShapeWithItsProcessingErrors(WireMockRuntimeInfo wm) {
		// The shape of GET /api/v2/batches/{batchId} (which the TypeScript SDK reads),
		// should
		// a server send it here.
		stubFor(get("/api/v1/batches/" + ID).willReturn(
				okJson("""
						{"id":"%s","status":"PROCESSING","createdAt":"2026-08-21T10:00:00.000Z","updatedAt":"2026-08-21T10:05:00.000Z",
						 "processingCompletedAt":"2026-08-21T10:00:02.000Z","runCount":3,"runs":["run_1","run_2"],
						 "processing":{"completedAt":"2026-08-21T10:00:02.000Z",
						  "errors":[{"index":1,"taskIdentifier":"resize","error":{"message":"Payload too large","name":"Error"}}]}}"""
					.formatted(ID))));

		Batch batch = TestClients.client(wm).batches().retrieve(ID).block();

		assertThat(batch.status()).isEqualTo(BatchStatus.PROCESSING);
		assertThat(batch.processing().completedAt()).isEqualTo(Instant.parse("2026-08-21T10:00:02Z"));
		assertThat(batch.processing().errors()).hasSize(1);
		assertThat(batch.errors()).isEqualTo(batch.processing().errors());
		BatchItemError error = batch.errors().get(0);
		assertThat(error.index()).isEqualTo(1);
		assertThat(error.message()).isEqualTo("Payload too large");
		assertThat(error.error().asMap()).containsEntry("name", "Error");
		assertThat(error.errorCode()).isNull();
		assertThat(batch.successfulRunCount()).isNull();
	}

	@Test
	void retrieveReadsABatchWithoutItsOptionalFieldsAndAnUnknownStatus(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v1/batches/" + ID).willReturn(okJson("{\"id\":\"" + ID + "\",\"status\":\"HALTED\"}")));

		Batch batch = TestClients.client(wm).batches().retrieve(ID).block();

		assertThat(batch.status().value()).isEqualTo("HALTED");
		assertThat(batch.status()).isNotEqualTo(BatchStatus.ABORTED);
		assertThat(batch.status().known()).isEqualTo(BatchStatus.Known.UNKNOWN);
		assertThat(batch.runs()).isEmpty();
		assertThat(batch.errors()).isEmpty();
		assertThat(batch.processing()).isNull();
		assertThat(batch.idempotencyKey()).isNull();
		assertThat(batch.runCount()).isNull();
		assertThat(batch.createdAt()).isNull();
	}

	@Test
	void anUnknownBatchIsNotFound(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v1/batches/batch_missing").willReturn(aResponse().withStatus(404)
			.withHeader("Content-Type", "application/json")
			.withHeader("x-should-retry", "false")
			.withBody("{\"error\":\"Batch not found\"}")));
		stubFor(get("/api/v1/batches/batch_missing/results").willReturn(aResponse().withStatus(404)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"Batch not found\"}")));
		BatchesOperations batches = TestClients.client(wm).batches();

		assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> batches.retrieve("batch_missing").block())
			.withMessageContaining("Batch not found");
		assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> batches.results("batch_missing").block());
		verify(1, getRequestedFor(urlEqualTo("/api/v1/batches/batch_missing")));
	}

	@Test
	void aBatch404JustAfterTriggeringIsRetriedAsTheServerAdvises(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v1/batches/" + ID).inScenario("lag")
			.willReturn(aResponse().withStatus(404)
				.withHeader("Content-Type", "application/json")
				.withHeader("x-should-retry", "true")
				.withBody("{\"error\":\"Not found\"}"))
			.willSetStateTo("replicated"));
		stubFor(get("/api/v1/batches/" + ID).inScenario("lag")
			.whenScenarioStateIs("replicated")
			.willReturn(okJson("{\"id\":\"" + ID + "\",\"status\":\"PENDING\",\"runs\":[\"run_1\"]}")));

		Batch batch = TestClients.client(wm).batches().retrieve(ID).block();

		assertThat(batch.status()).isEqualTo(BatchStatus.PENDING);
		assertThat(batch.runs()).containsExactly("run_1");
		verify(2, getRequestedFor(urlEqualTo("/api/v1/batches/" + ID)));
	}

	record Sum(int total) {
	}

	@Test
	void resultsReadsEachRunsResult(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v1/batches/" + ID + "/results").willReturn(
				okJson("""
						{"id":"%s","items":[
						 {"ok":true,"id":"run_1","taskIdentifier":"sum","output":"{\\"total\\":3}","outputType":"application/json",
						  "usage":{"durationMs":12},"brandNew":1},
						 {"ok":false,"id":"run_2","error":{"type":"INTERNAL_ERROR","code":"TASK_RUN_CANCELLED"}}],
						 "extra":true}"""
					.formatted(ID))));

		BatchResults results = TestClients.client(wm).batches().results(ID).block();

		assertThat(results.id()).isEqualTo(ID);
		assertThat(results.items()).extracting(RunResult::id).containsExactly("run_1", "run_2");
		RunResult ok = results.items().get(0);
		assertThat(ok.ok()).isTrue();
		assertThat(ok.taskIdentifier()).isEqualTo("sum");
		assertThat(ok.output(Sum.class)).isEqualTo(new Sum(3));
		assertThat(ok.usage().durationMs()).isEqualTo(12.0);
		RunResult canceled = results.items().get(1);
		assertThat(canceled.ok()).isFalse();
		assertThat(canceled.output(Sum.class)).isNull();
		assertThat(canceled.error().asMap()).isEqualTo(Map.of("type", "INTERNAL_ERROR", "code", "TASK_RUN_CANCELLED"));
		verify(getRequestedFor(urlEqualTo("/api/v1/batches/" + ID + "/results")).withHeader("Authorization",
				equalTo("Bearer " + TestClients.SECRET_KEY)));
	}

	@Test
	void resultsWithoutItemsAreEmpty(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v1/batches/" + ID + "/results").willReturn(okJson("{\"id\":\"" + ID + "\"}")));

		assertThat(TestClients.client(wm).batches().results(ID).block().items()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "run_1", "batch_", "cm9xk2f0a0001", " batch_1" })
	void aBatchIdMustStartWithBatch(String batchId, WireMockRuntimeInfo wm) {
		BatchesOperations batches = TestClients.client(wm).batches();

		assertThatIllegalArgumentException().isThrownBy(() -> batches.retrieve(batchId))
			.withMessageStartingWith("batchId must ");
		assertThatIllegalArgumentException().isThrownBy(() -> batches.results(batchId))
			.withMessageStartingWith("batchId must ");
		verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void aBatchIdWithTheWrongPrefixIsNamedInTheMessage(WireMockRuntimeInfo wm) {
		assertThatIllegalArgumentException().isThrownBy(() -> TestClients.client(wm).batches().retrieve("run_1"))
			.withMessage("batchId must be a batch id starting with batch_ but was 'run_1'");
	}

}
