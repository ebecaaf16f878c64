package io.trigger4j.emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The realtime shape routes as the official SDK's Electric client uses them: a snapshot,
 * then live requests held until a change or the hold timeout.
 */
class RealtimeRoutesTests {

	private static final String UP_TO_DATE = "[{\"headers\":{\"control\":\"up-to-date\"}}]";

	private RealtimeFixture fixture = fixture(Duration.ofSeconds(10));

	private static RealtimeFixture fixture(Duration hold) {
		return new RealtimeFixture(hold,
				EmulatedTask.of("slow", (run) -> Map.of("done", true)).withDuration(Duration.ofSeconds(30)),
				EmulatedTask.of("waiting",
						(run) -> (run.step() == 1) ? TaskStep.waitFor(Duration.ofMinutes(5)) : "ok"));
	}

	@AfterEach
	void close() {
		this.fixture.close();
	}

	@Test
	void firstRequestAnswersTheRunAsAnInsertThenUpToDate() {
		String id = this.fixture.trigger("slow", "{\"payload\":{\"n\":1},\"options\":{\"tags\":[\"a\",\"b\"]}}");

		RealtimeFixture.Answer answer = this.fixture.get("/realtime/v1/runs/" + id + "?offset=-1&log=full");

		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		assertThat(answer.header("electric-handle")).isNotBlank();
		assertThat(answer.header("electric-offset")).matches("\\d+_\\d+");
		assertThat(answer.header("electric-offset")).startsWith(Long.toString(this.fixture.clock.millis()) + "_");
		JsonNode schema = EmulatorJson.MAPPER.readTree(answer.header("electric-schema"));
		assertThat(schema.get("runTags").toString()).isEqualTo("{\"type\":\"text\",\"dims\":1}");
		assertThat(schema.get("createdAt").get("type").asString()).isEqualTo("timestamp");
		assertThat(schema.get("error").get("type").asString()).isEqualTo("jsonb");
		JsonNode messages = answer.json();
		assertThat(messages).hasSize(2);
		JsonNode insert = messages.get(0);
		assertThat(insert.get("key").asString()).isEqualTo("\"public\".\"TaskRun\"/\"" + id + "\"");
		assertThat(insert.get("headers").get("operation").asString()).isEqualTo("insert");
		JsonNode row = insert.get("value");
		assertThat(row.get("id").asString()).isEqualTo(id);
		assertThat(row.get("friendlyId").asString()).isEqualTo(id);
		assertThat(row.get("status").asString()).isEqualTo("EXECUTING");
		assertThat(row.get("createdAt").asString()).isEqualTo("2026-11-22T10:00:00.000");
		assertThat(row.get("completedAt").isNull()).isTrue();
		assertThat(row.get("runTags").asString()).isEqualTo("{\"a\",\"b\"}");
		assertThat(row.get("isTest").asString()).isEqualTo("f");
		assertThat(row.get("number").asString()).isEqualTo("1");
		assertThat(row.get("payload").asString()).isEqualTo("{\"n\":1}");
		assertThat(row.get("payloadType").asString()).isEqualTo("application/json");
		assertThat(row.get("realtimeStreams").asString()).isEqualTo("{}");
		assertThat(messages.get(1).toString()).isEqualTo("{\"headers\":{\"control\":\"up-to-date\"}}");
	}

	@Test
	void liveRequestIsHeldUntilTheClockMovesTheRunOn() {
		String id = this.fixture.trigger("slow", "{\"payload\":{}}");
		RealtimeFixture.Answer first = this.fixture.get("/realtime/v1/runs/" + id + "?offset=-1&log=full");

		CompletableFuture<RealtimeFixture.Answer> live = this.fixture
			.send(this.fixture.request(liveUrl(id, first)).GET());
		this.fixture.awaitHeld(1);
		assertThat(live).isNotDone();
		this.fixture.clock.advance(Duration.ofSeconds(30));
		RealtimeFixture.Answer answer = RealtimeFixture.join(live);

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.header("electric-cursor")).isNotBlank();
		assertThat(answer.header("electric-handle")).isEqualTo(first.header("electric-handle"));
		assertThat(answer.header("electric-offset")).isNotEqualTo(first.header("electric-offset"));
		JsonNode update = answer.json().get(0);
		assertThat(update.get("headers").get("operation").asString()).isEqualTo("update");
		assertThat(update.get("value").get("status").asString()).isEqualTo("COMPLETED_SUCCESSFULLY");
		assertThat(update.get("value").get("completedAt").asString()).isEqualTo("2026-11-22T10:00:30.000");
		assertThat(update.get("value").get("output").asString()).isEqualTo("{\"done\":true}");
		assertThat(update.get("value").get("usageDurationMs").asString()).isEqualTo("30000");
		assertThat(answer.json().get(1).toString()).isEqualTo("{\"headers\":{\"control\":\"up-to-date\"}}");
	}

	@Test
	void liveRequestIsAnsweredByACancelFromAnotherRequest() {
		String id = this.fixture.trigger("waiting", "{\"payload\":{}}");
		RealtimeFixture.Answer first = this.fixture.get("/realtime/v1/runs/" + id + "?offset=-1&log=full");
		assertThat(first.json().get(0).get("value").get("status").asString()).isEqualTo("WAITING_TO_RESUME");

		CompletableFuture<RealtimeFixture.Answer> live = this.fixture
			.send(this.fixture.request(liveUrl(id, first)).GET());
		this.fixture.awaitHeld(1);
		this.fixture.post("/api/v2/runs/" + id + "/cancel", "{}");

		JsonNode row = RealtimeFixture.join(live).json().get(0).get("value");
		assertThat(row.get("status").asString()).isEqualTo("CANCELED");
		assertThat(row.get("completedAt").asString()).isEqualTo("2026-11-22T10:00:00.000");
	}

	@Test
	void liveRequestWithoutChangeAnswersABareUpToDateAfterTheHoldTimeout() {
		this.fixture.close();
		this.fixture = fixture(Duration.ofMillis(200));
		String id = this.fixture.trigger("slow", "{\"payload\":{}}");
		RealtimeFixture.Answer first = this.fixture.get("/realtime/v1/runs/" + id + "?offset=-1&log=full");

		long start = System.nanoTime();
		RealtimeFixture.Answer answer = this.fixture.get(liveUrl(id, first));

		assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofMillis(170).toNanos());
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.body()).isEqualTo(UP_TO_DATE);
		assertThat(answer.header("electric-offset")).isEqualTo(first.header("electric-offset"));
		assertThat(answer.header("electric-cursor")).isNotBlank();
		assertThat(this.fixture.engine.runChanges().watching()).isZero();
	}

	@Test
	void unknownHandleIsAnswered409WithANewHandleAndMustRefetch() {
		String id = this.fixture.trigger("slow", "{\"payload\":{}}");

		RealtimeFixture.Answer answer = this.fixture
			.get("/realtime/v1/runs/" + id + "?offset=1_1&handle=stale-handle&live=true&cursor=1&log=full");

		assertThat(answer.status()).isEqualTo(409);
		assertThat(answer.body()).isEqualTo("[{\"headers\":{\"control\":\"must-refetch\"}}]");
		String handle = answer.header("electric-handle");
		assertThat(handle).isNotBlank().isNotEqualTo("stale-handle");
		RealtimeFixture.Answer restarted = this.fixture
			.get("/realtime/v1/runs/" + id + "?offset=-1&handle=" + handle + "&log=full");
		assertThat(restarted.status()).isEqualTo(200);
		assertThat(restarted.header("electric-handle")).isEqualTo(handle);
		assertThat(restarted.json().get(0).get("headers").get("operation").asString()).isEqualTo("insert");
	}

	@Test
	void unknownRunIs404() {
		RealtimeFixture.Answer answer = this.fixture.get("/realtime/v1/runs/run_doesnotexist?offset=-1&log=full");

		assertThat(answer.status()).isEqualTo(404);
		assertThat(answer.body()).isEqualTo("{\"error\":\"Not found\"}");
	}

	@Test
	void skipColumnsLeavesColumnsOutButNeverTheReservedOnes() {
		String id = this.fixture.trigger("slow", "{\"payload\":{\"big\":true}}");

		RealtimeFixture.Answer answer = this.fixture
			.get("/realtime/v1/runs/" + id + "?offset=-1&log=full&skipColumns=payload,output,status,id");

		JsonNode row = answer.json().get(0).get("value");
		assertThat(row.has("payload")).isFalse();
		assertThat(row.has("output")).isFalse();
		assertThat(row.has("status")).isTrue();
		assertThat(row.has("id")).isTrue();
		JsonNode schema = EmulatorJson.MAPPER.readTree(answer.header("electric-schema"));
		assertThat(schema.has("payload")).isFalse();
		assertThat(schema.has("status")).isTrue();
	}

	@Test
	void tagFeedHoldsRunsWithAllTheTagsAndInsertsNewOnes() {
		String both = this.fixture.trigger("slow", "{\"payload\":{},\"options\":{\"tags\":[\"org:1\",\"user:2\"]}}");
		this.fixture.trigger("slow", "{\"payload\":{},\"options\":{\"tags\":[\"org:1\"]}}");
		RealtimeFixture.Answer first = this.fixture.get("/realtime/v1/runs?tags=org:1,user:2&offset=-1&log=full");
		assertThat(ids(first.json())).containsExactly(both);
		assertThat(first.header("electric-handle")).startsWith("runs-");

		CompletableFuture<RealtimeFixture.Answer> live = this.fixture
			.send(this.fixture.request("/realtime/v1/runs?tags=org:1,user:2&" + liveParameters(first)).GET());
		this.fixture.awaitHeld(1);
		String another = this.fixture.trigger("slow",
				"{\"payload\":{},\"options\":{\"tags\":[\"user:2\",\"org:1\",\"x\"]}}");

		JsonNode messages = RealtimeFixture.join(live).json();
		assertThat(ids(messages)).containsExactly(another);
		assertThat(messages.get(0).get("headers").get("operation").asString()).isEqualTo("insert");
	}

	@Test
	void tagFeedRejectsAnUnsafeTag() {
		RealtimeFixture.Answer answer = this.fixture.get("/realtime/v1/runs?tags=a,%22b&offset=-1&log=full");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.body()).contains("Invalid tag: \\\"\\\\\\\"b\\\"");
	}

	@Test
	void batchFeedHoldsTheBatchRunsAndUpdatesThem() {
		RealtimeFixture.Answer batch = this.fixture.post("/api/v1/tasks/batch",
				"{\"items\":[{\"task\":\"slow\",\"payload\":{\"i\":1}},{\"task\":\"slow\",\"payload\":{\"i\":2}}]}");
		String batchId = batch.json().get("id").asString();
		RealtimeFixture.Answer first = this.fixture.get("/realtime/v1/batches/" + batchId + "?offset=-1&log=full");
		assertThat(first.json()).hasSize(3);

		CompletableFuture<RealtimeFixture.Answer> live = this.fixture
			.send(this.fixture.request("/realtime/v1/batches/" + batchId + "?" + liveParameters(first)).GET());
		this.fixture.awaitHeld(1);
		this.fixture.clock.advance(Duration.ofSeconds(30));

		JsonNode messages = RealtimeFixture.join(live).json();
		assertThat(messages).hasSize(3);
		for (int i = 0; i < 2; i++) {
			assertThat(messages.get(i).get("headers").get("operation").asString()).isEqualTo("update");
			assertThat(messages.get(i).get("value").get("status").asString()).isEqualTo("COMPLETED_SUCCESSFULLY");
		}
		assertThat(this.fixture.get("/realtime/v1/batches/batch_unknown?offset=-1&log=full").status()).isEqualTo(404);
	}

	@Test
	void heldRequestsDoNotKeepOtherRequestsWaiting() {
		String id = this.fixture.trigger("slow", "{\"payload\":{}}");
		RealtimeFixture.Answer first = this.fixture.get("/realtime/v1/runs/" + id + "?offset=-1&log=full");
		List<CompletableFuture<RealtimeFixture.Answer>> held = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			held.add(this.fixture.send(this.fixture.request(liveUrl(id, first)).GET()));
		}
		this.fixture.awaitHeld(8);

		RealtimeFixture.Answer retrieve = this.fixture.get("/api/v3/runs/" + id);
		assertThat(retrieve.status()).isEqualTo(200);
		assertThat(held).noneMatch(CompletableFuture::isDone);
		this.fixture.clock.advance(Duration.ofSeconds(30));

		for (CompletableFuture<RealtimeFixture.Answer> answer : held) {
			assertThat(RealtimeFixture.join(answer).json().get(0).get("value").get("status").asString())
				.isEqualTo("COMPLETED_SUCCESSFULLY");
		}
	}

	@Test
	void liveRequestsBeyondTheHeldLimitAre429UntilAPlaceIsFree() {
		this.fixture.engine.runChanges().maxHeldRequests(2);
		String id = this.fixture.trigger("slow", "{\"payload\":{}}");
		RealtimeFixture.Answer first = this.fixture.get("/realtime/v1/runs/" + id + "?offset=-1&log=full");
		List<CompletableFuture<RealtimeFixture.Answer>> held = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			held.add(this.fixture.send(this.fixture.request(liveUrl(id, first)).GET()));
		}
		this.fixture.awaitHeld(2);

		RealtimeFixture.Answer refused = this.fixture.get(liveUrl(id, first));
		RealtimeFixture.Answer stream = this.fixture.get("/realtime/v1/streams/" + id + "/openai");

		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.body()).isEqualTo("{\"error\":\"Too many concurrent requests\"}");
		assertThat(stream.status()).isEqualTo(429);
		assertThat(this.fixture.get("/realtime/v1/runs/" + id + "?offset=-1&log=full").status()).isEqualTo(200);
		this.fixture.clock.advance(Duration.ofSeconds(30));
		held.forEach((answer) -> assertThat(RealtimeFixture.join(answer).status()).isEqualTo(200));
		RealtimeFixture.awaitTrue(() -> this.fixture.engine.runChanges().heldRequests() == 0, "places given back");
		RealtimeFixture.Answer after = this.fixture.get(liveUrl(id, first));
		assertThat(after.status()).isEqualTo(200);
		assertThat(after.json().get(0).get("value").get("status").asString()).isEqualTo("COMPLETED_SUCCESSFULLY");
	}

	@Test
	void abandonedLiveRequestGivesItsPlaceBack() {
		this.fixture.engine.runChanges().maxHeldRequests(1);
		String id = this.fixture.trigger("slow", "{\"payload\":{}}");
		RealtimeFixture.Answer first = this.fixture.get("/realtime/v1/runs/" + id + "?offset=-1&log=full");
		CompletableFuture<RealtimeFixture.Answer> abandoned = this.fixture
			.send(this.fixture.request(liveUrl(id, first)).GET());
		this.fixture.awaitHeld(1);

		abandoned.cancel(true);

		RealtimeFixture.awaitTrue(() -> this.fixture.engine.runChanges().heldRequests() == 0, "place given back");
		// The watch is closed as the cancellation reaches it, just after the place.
		RealtimeFixture.awaitTrue(() -> this.fixture.engine.runChanges().watching() == 0, "watch closed");
	}

	@Test
	void offsetBeyondALongIs400AndTheNextRequestIsServed() {
		String id = this.fixture.trigger("slow", "{\"payload\":{}}");
		RealtimeFixture.Answer first = this.fixture.get("/realtime/v1/runs/" + id + "?offset=-1&log=full");

		RealtimeFixture.Answer huge = this.fixture.get("/realtime/v1/runs/" + id + "?offset=1_99999999999999999999999"
				+ "&handle=" + first.header("electric-handle") + "&live=true&log=full");

		assertThat(huge.status()).as(huge.body()).isEqualTo(400);
		assertThat(this.fixture.get("/realtime/v1/runs/" + id + "?offset=-1&log=full").status()).isEqualTo(200);
	}

	private static String liveUrl(String id, RealtimeFixture.Answer previous) {
		return "/realtime/v1/runs/" + id + "?" + liveParameters(previous);
	}

	private static String liveParameters(RealtimeFixture.Answer previous) {
		return "offset=" + previous.header("electric-offset") + "&handle=" + previous.header("electric-handle")
				+ "&live=true&cursor=" + previous.headers().firstValue("electric-cursor").orElse("0") + "&log=full";
	}

	private static List<String> ids(JsonNode messages) {
		List<String> ids = new ArrayList<>();
		for (JsonNode message : messages) {
			if (message.has("value")) {
				ids.add(message.get("value").get("id").asString());
			}
		}
		return ids;
	}

}
