package io.trigger4j.emulator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Batches: retrieve (v1 and v2 shapes) and results, and the two-phase routes of the
 * official SDK ({@code POST /api/v3/batches}, NDJSON items to
 * {@code /api/v3/batches/{id}/items}).
 */
class BatchRoutesTests extends EmulatorTestSupport {

	private static final String NDJSON = "application/x-ndjson";

	/** A batch of two slow runs through the batch-trigger route of one task. */
	private JsonNode batchOfSlowRuns() {
		Http.Answer answer = this.http.post("/api/v1/tasks/slow/batch",
				"{\"items\":[{\"payload\":{\"n\":1}},{\"payload\":{\"n\":2}}]}");
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		return answer.json();
	}

	private JsonNode created(int runCount, String extra) {
		Http.Answer answer = this.http.post("/api/v3/batches", "{\"runCount\":" + runCount + extra + "}");
		assertThat(answer.status()).as(answer.body()).isEqualTo(202);
		return answer.json();
	}

	/** Streams NDJSON chunked, without Content-Length, as the SDK does. */
	private Http.Answer items(String batchId, String ndjson) {
		return items(batchId, ndjson, NDJSON);
	}

	private Http.Answer items(String batchId, String ndjson, String contentType) {
		byte[] bytes = ndjson.getBytes(StandardCharsets.UTF_8);
		return Http.send(this.http.request("/api/v3/batches/" + batchId + "/items")
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))));
	}

	private static String item(int index, String task, String payload) {
		return "{\"index\":" + index + ",\"task\":\"" + task + "\",\"payload\":" + payload
				+ ",\"options\":{\"payloadType\":\"application/json\"}}\n";
	}

	private void refused(Http.Answer answer, int status, String error) {
		assertThat(answer.status()).as(answer.body()).isEqualTo(status);
		assertThat(answer.json().get("error").asString()).isEqualTo(error);
	}

	@Test
	void aBatchOfTheTriggerRoutesIsRetrievedWithItsStatusMovingAsItsRunsFinish() {
		JsonNode batch = batchOfSlowRuns();
		String id = batch.get("batchId").asString();

		Http.Answer v1 = this.http.get("/api/v1/batches/" + id);
		assertThat(v1.status()).isEqualTo(200);
		JsonNode pending = v1.json();
		assertThat(pending.get("id").asString()).isEqualTo(id);
		assertThat(pending.get("status").asString()).isEqualTo("PENDING");
		assertThat(pending.get("runCount").asInt()).isEqualTo(2);
		assertThat(pending.get("runs")).isEqualTo(batch.get("runs"));
		assertThat(pending.get("createdAt").asString()).isEqualTo("2026-11-22T10:00:00.000Z");
		assertThat(pending.has("errors")).isFalse();
		assertThat(pending.has("processing")).isFalse();

		this.clock.advance(Duration.ofSeconds(30));

		JsonNode completed = this.http.get("/api/v2/batches/" + id).json();
		assertThat(completed.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(completed.get("updatedAt").asString()).isEqualTo("2026-11-22T10:00:30.000Z");
		assertThat(completed.get("runs")).isEqualTo(batch.get("runs"));
		assertThat(completed.get("processing").get("errors")).isEmpty();
		assertThat(completed.get("processing").has("completedAt")).isFalse();
		assertThat(this.http.get("/api/v1/batches/" + id).json().get("status").asString()).isEqualTo("COMPLETED");
	}

	@Test
	void theV2BatchRouteKeepsItsIdempotencyKeyOnTheBatch() {
		Http.Answer answer = Http.send(this.http.request("/api/v1/tasks/batch")
			.header("idempotency-key", "nightly")
			.POST(HttpRequest.BodyPublishers.ofString("{\"items\":[{\"task\":\"hello-world\",\"payload\":{}}]}")));
		String id = answer.json().get("id").asString();

		JsonNode batch = this.http.get("/api/v1/batches/" + id).json();
		assertThat(batch.get("idempotencyKey").asString()).isEqualTo("nightly");
		assertThat(batch.get("status").asString()).isEqualTo("COMPLETED");
	}

	@Test
	void resultsHaveAnItemOnlyForACanceledRunAsTheServerBuildsThem() {
		JsonNode batch = batchOfSlowRuns();
		String id = batch.get("batchId").asString();
		String canceled = batch.get("runs").get(0).asString();
		assertThat(this.http.post("/api/v2/runs/" + canceled + "/cancel", "").status()).isEqualTo(200);

		Http.Answer results = this.http.get("/api/v1/batches/" + id + "/results");

		assertThat(results.status()).isEqualTo(200);
		JsonNode body = results.json();
		assertThat(body.get("id").asString()).isEqualTo(id);
		assertThat(body.get("items")).hasSize(1);
		JsonNode item = body.get("items").get(0);
		assertThat(item.get("ok").asBoolean()).isFalse();
		assertThat(item.get("id").asString()).isEqualTo(canceled);
		assertThat(item.get("taskIdentifier").asString()).isEqualTo("slow");
		assertThat(item.get("error").get("code").asString()).isEqualTo("TASK_RUN_CANCELLED");
	}

	@Test
	void anUnknownBatchIsNotFoundAsEachRouteSaysIt() {
		Http.Answer v1 = this.http.get("/api/v1/batches/batch_doesnotexist");
		refused(v1, 404, "Not found");
		assertThat(v1.header("x-should-retry")).isEqualTo("true");
		refused(this.http.get("/api/v2/batches/batch_doesnotexist"), 404, "Not found");
		refused(this.http.get("/api/v1/batches/batch_doesnotexist/results"), 404, "Batch not found");
		refused(items("batch_doesnotexist", item(0, "slow", "{}")), 422, "Batch batch_doesnotexist not found");
		refused(items("doesnotexist", item(0, "slow", "{}")), 422, "Invalid batchFriendlyId: doesnotexist");
	}

	@Test
	void theTwoPhaseRoutesCreateABatchStreamItsItemsAndSealIt() {
		Http.Answer create = this.http.post("/api/v3/batches",
				"{\"runCount\":3,\"taskIdentifiers\":[\"hello-world\",\"slow\"],\"idempotencyKey\":\"k1\","
						+ "\"idempotencyKeyOptions\":{\"key\":\"k1\",\"scope\":\"global\"}}");
		assertThat(create.status()).isEqualTo(202);
		assertThat(create.header("x-trigger-jwt")).startsWith("eyJ");
		JsonNode created = create.json();
		String id = created.get("id").asString();
		assertThat(id).matches("batch_[0-9a-v]{24}e1");
		assertThat(created.get("runCount").asInt()).isEqualTo(3);
		assertThat(created.get("isCached").asBoolean()).isFalse();
		assertThat(created.get("idempotencyKey").asString()).isEqualTo("k1");

		Http.Answer partial = items(id,
				item(0, "hello-world", "{\"name\":\"a\"}") + "\n" + item(2, "slow", "{\"n\":2}"));
		assertThat(partial.status()).as(partial.body()).isEqualTo(200);
		assertThat(partial.json().get("sealed").asBoolean()).isFalse();
		assertThat(partial.json().get("itemsAccepted").asInt()).isEqualTo(2);
		assertThat(partial.json().get("enqueuedCount").asInt()).isEqualTo(2);
		assertThat(partial.json().get("expectedCount").asInt()).isEqualTo(3);
		assertThat(this.http.get("/api/v2/batches/" + id).json().get("runs")).isEmpty();

		Http.Answer all = items(id,
				item(0, "hello-world", "{\"name\":\"a\"}")
						+ item(1, "hello-world", "\"{\\\"json\\\":{\\\"name\\\":\\\"b\\\"}}\"")
							.replace("application/json", "application/super+json")
						+ item(2, "slow", "{\"n\":2}"));
		JsonNode sealed = all.json();
		assertThat(sealed.get("sealed").asBoolean()).isTrue();
		assertThat(sealed.get("itemsAccepted").asInt()).isEqualTo(1);
		assertThat(sealed.get("itemsDeduplicated").asInt()).isEqualTo(2);
		assertThat(sealed.has("enqueuedCount")).isFalse();

		JsonNode batch = this.http.get("/api/v2/batches/" + id).json();
		assertThat(batch.get("status").asString()).isEqualTo("PENDING");
		assertThat(batch.get("runs")).hasSize(3);
		assertThat(batch.get("processing").get("completedAt").asString()).isEqualTo("2026-11-22T10:00:00.000Z");
		assertThat(batch.get("processingCompletedAt").asString()).isEqualTo("2026-11-22T10:00:00.000Z");
		JsonNode second = run(batch.get("runs").get(1).asString());
		assertThat(second.get("output").get("greeting").asString()).isEqualTo("Hello, b!");
		assertThat(second.get("batchId").asString()).isEqualTo(id);
		assertThat(second.get("triggerFunction").asString()).isEqualTo("batchTrigger");
		JsonNode v1 = this.http.get("/api/v1/batches/" + id).json();
		assertThat(v1.get("successfulRunCount").asInt()).isEqualTo(3);
		assertThat(v1.get("failedRunCount").asInt()).isZero();

		this.clock.advance(Duration.ofSeconds(30));
		assertThat(this.http.get("/api/v2/batches/" + id).json().get("status").asString()).isEqualTo("COMPLETED");

		Http.Answer repeat = this.http.post("/api/v3/batches",
				"{\"runCount\":3,\"taskIdentifiers\":[\"slow\",\"hello-world\"],\"idempotencyKey\":\"k1\"}");
		assertThat(repeat.status()).isEqualTo(200);
		assertThat(repeat.json().get("id").asString()).isEqualTo(id);
		assertThat(repeat.json().get("isCached").asBoolean()).isTrue();
		assertThat(repeat.json().has("idempotencyKey")).isFalse();
	}

	@Test
	void itemsThatCannotBeTriggeredAreTheBatchsProcessingErrors() {
		String id = created(2, "").get("id").asString();
		String tags = "[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\",\"j\",\"k\"]";
		String oversized = "{\"index\":1,\"task\":\"slow\",\"payload\":\"" + "x".repeat(3_145_728) + "\"}\n";

		items(id, "{\"index\":0,\"task\":\"hello-world\",\"payload\":{},\"options\":{\"tags\":" + tags + "}}\n"
				+ oversized);

		JsonNode batch = this.http.get("/api/v2/batches/" + id).json();
		assertThat(batch.get("status").asString()).isEqualTo("ABORTED");
		JsonNode errors = batch.get("processing").get("errors");
		assertThat(errors).hasSize(2);
		assertThat(errors.get(0).get("index").asInt()).isZero();
		assertThat(errors.get(0).get("taskIdentifier").asString()).isEqualTo("hello-world");
		assertThat(errors.get(0).get("error").asString())
			.isEqualTo("Runs can only have 10 tags, you're trying to set 11.");
		assertThat(errors.get(0).get("errorCode").asString()).isEqualTo("TRIGGER_ERROR");
		assertThat(errors.get(1).get("taskIdentifier").asString()).isEqualTo("slow");
		assertThat(errors.get(1).get("error").asString()).startsWith("Batch item payload is too large (3072.0 KB).");
		assertThat(errors.get(1).get("errorCode").asString()).isEqualTo("PAYLOAD_TOO_LARGE");
		assertThat(this.http.get("/api/v1/batches/" + id).json().get("errors")).hasSize(2);
		refused(items(id, item(0, "slow", "{}")), 422, "Batch " + id + " is not in PENDING status (current: ABORTED)");
	}

	@Test
	void badItemsAreRefusedAfterTheItemsBeforeThem() {
		String id = created(3, "").get("id").asString();

		Http.Answer badJson = items(id, item(0, "slow", "{}") + "{\"index\":1,\"task\":\n");
		assertThat(badJson.status()).isEqualTo(400);
		assertThat(badJson.json().get("error").asString()).startsWith("Invalid JSON at line 2: ");
		Http.Answer badItem = items(id, item(1, "slow", "{}") + "{\"index\":2,\"task\":7}\n");
		assertThat(badItem.status()).isEqualTo(422);
		assertThat(badItem.json().get("error").asString()).startsWith("Invalid item at index 2: ");
		Http.Answer badOptions = items(id, "{\"index\":2,\"task\":\"slow\",\"options\":{\"machine\":\"huge\"}}");
		assertThat(badOptions.status()).isEqualTo(422);
		assertThat(badOptions.json().get("error").asString()).startsWith("Invalid item at index 2: Validation error");
		refused(items(id, item(3, "slow", "{}")), 422, "Item index 3 exceeds batch runCount 3");
		refused(items(id, "[1,2]\n"), 422, "Invalid item at unknown index: "
				+ "[{\"code\":\"invalid_type\",\"expected\":\"object\",\"received\":\"array\",\"path\":[],\"message\":\"Expected object, received array\"}]");

		Http.Answer rest = items(id, "\n\n" + item(2, "slow", "{}"));
		assertThat(rest.json().get("sealed").asBoolean()).as(rest.body()).isTrue();
		assertThat(rest.json().get("itemsAccepted").asInt()).as("items 0 and 1 were kept").isEqualTo(1);
	}

	@Test
	void theItemsRouteTakesOnlyNdjsonAndOnlyPost() {
		String id = created(1, "").get("id").asString();

		refused(items(id, item(0, "slow", "{}"), "application/json"), 415,
				"Content-Type must be application/x-ndjson or application/ndjson");
		assertThat(items(id, item(0, "slow", "{}"), "application/ndjson; charset=utf-8").status()).isEqualTo(200);
		refused(this.http.get("/api/v3/batches/" + id + "/items"), 405,
				"Method not allowed. Use POST to stream batch items.");
	}

	@Test
	void aCreateBodyIsCheckedAsTheServerChecksIt() {
		refused(this.http.post("/api/v3/batches", "{}"), 400, "Validation error: Required at \"runCount\"");
		refused(this.http.post("/api/v3/batches", "{\"runCount\":0}"), 400,
				"Validation error: Number must be greater than 0 at \"runCount\"");
		refused(this.http.post("/api/v3/batches", "{\"runCount\":1.5}"), 400,
				"Validation error: Expected integer, received float at \"runCount\"");
		refused(this.http.post("/api/v3/batches", "{\"runCount\":\"2\"}"), 400,
				"Validation error: Expected number, received string at \"runCount\"");
		refused(this.http.post("/api/v3/batches", "{\"runCount\":1001}"), 400,
				"Batch runCount of 1001 exceeds maximum allowed of 1000.");
		refused(this.http.post("/api/v3/batches", "{\"runCount\":1,\"taskIdentifiers\":[]}"), 400,
				"Validation error: Array must contain at least 1 element(s) at \"taskIdentifiers\"");
		refused(this.http.post("/api/v3/batches", "{\"runCount\":1,\"taskIdentifiers\":[\"\"]}"), 400,
				"Validation error: String must contain at least 1 character(s) at \"taskIdentifiers[0]\"");
		refused(this.http.post("/api/v3/batches", "{\"runCount\":1,\"idempotencyKey\":\"" + "k".repeat(2049) + "\"}"),
				400, "Validation error: idempotencyKey must be 2048 characters or less at \"idempotencyKey\"");
		refused(this.http.post("/api/v3/batches", "{\"runCount\":1,\"pad\":\"" + "x".repeat(131_072) + "\"}"), 413,
				"Request body too large");

		created(1, ",\"idempotencyKey\":\"taken\"");
		refused(this.http.post("/api/v3/batches",
				"{\"runCount\":1,\"idempotencyKey\":\"taken\",\"taskIdentifiers\":[\"slow\"]}"), 422,
				"Cannot create batch as it has already been created with the same idempotency key.");
	}

	@Test
	void aHugeItemStreamIsRefusedAndTheEmulatorServesTheNextRequest() throws IOException {
		String id = created(1, "").get("id").asString();

		assertThat(statusOfChunkedStream(id, 16 * 1024 * 1024 + 1)).startsWith("HTTP/1.1 413 ");

		List<String> garbage = new ArrayList<>(List.of("\u0000\u0001", "{\"index\":-1,\"task\":\"slow\"}",
				"{\"index\":1e400,\"task\":\"slow\"}", "{\"index\":0,\"task\":\"slow\",\"options\":[]}"));
		for (String body : garbage) {
			assertThat(items(id, body).status()).as(body).isLessThan(500).isGreaterThanOrEqualTo(400);
		}

		Http.Answer next = items(id, item(0, "hello-world", "{\"name\":\"next\"}"));
		assertThat(next.status()).isEqualTo(200);
		assertThat(next.json().get("sealed").asBoolean()).isTrue();
		String runId = this.http.get("/api/v2/batches/" + id).json().get("runs").get(0).asString();
		assertThat(run(runId).get("output").get("greeting").asString()).isEqualTo("Hello, next!");
	}

	/**
	 * Streams {@code size} bytes of NDJSON to a batch's items, chunked, and reads the
	 * answer's status line. The stream is left open after its last byte: the emulator
	 * answers once a byte passes its limit, having read everything sent, so the answer
	 * always arrives (an HTTP client still sending would see the connection close).
	 */
	private String statusOfChunkedStream(String batchId, int size) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.emulator.port())) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST /api/v3/batches/" + batchId + "/items HTTP/1.1\r\nHost: localhost\r\n"
					+ "Authorization: Bearer " + this.emulator.secretKey() + "\r\nContent-Type: " + NDJSON
					+ "\r\nTransfer-Encoding: chunked\r\n\r\n")
				.getBytes(StandardCharsets.ISO_8859_1));
			byte[] chunk = new byte[64 * 1024];
			Arrays.fill(chunk, (byte) '\n');
			int left = size;
			while (left > 0) {
				int length = Math.min(chunk.length, left);
				out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
				out.write(chunk, 0, length);
				left -= length;
				if (left > 0) {
					out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
				}
			}
			out.flush();
			InputStream in = socket.getInputStream();
			StringBuilder line = new StringBuilder();
			for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
				line.append((char) b);
			}
			return line.toString().strip();
		}
	}

}
