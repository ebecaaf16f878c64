package io.trigger4j.emulator;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The routes of runs: retrieve, list, cancel, replay, reschedule, tags, metadata, result.
 */
class RunRoutesTests extends EmulatorTestSupport {

	@Test
	void tagLimitsAnswerAsTheServerDoes() {
		StringBuilder eleven = new StringBuilder();
		for (int i = 0; i < 11; i++) {
			eleven.append(i == 0 ? "" : ",").append("\"t").append(i).append('"');
		}
		Http.Answer tooMany = this.http.post("/api/v1/tasks/slow/trigger",
				"{\"payload\":{},\"options\":{\"tags\":[" + eleven + "]}}");
		assertThat(tooMany.status()).isEqualTo(422);
		assertThat(tooMany.json().get("error").asString())
			.isEqualTo("Runs can only have 10 tags, you're trying to set 11.");

		Http.Answer tooLong = this.http.post("/api/v1/tasks/slow/trigger",
				"{\"payload\":{},\"options\":{\"tags\":[\"" + "x".repeat(129) + "\"]}}");
		assertThat(tooLong.status()).isEqualTo(400);
		assertThat(tooLong.json().get("error").asString()).startsWith("Validation error: ");

		String id = trigger("slow", "{\"payload\":{},\"options\":{\"tags\":\"a\"}}");
		assertThat(this.http.post("/api/v1/runs/" + id + "/tags", "{\"tags\":[\"a\",\"b\",\"c\"]}")
			.json()
			.get("message")
			.asString()).isEqualTo("Successfully set 2 new tags.");
		assertThat(
				this.http.post("/api/v1/runs/" + id + "/tags", "{\"tags\":[\"a\"]}").json().get("message").asString())
			.isEqualTo("No new tags to add");
		Http.Answer overflow = this.http.post("/api/v1/runs/" + id + "/tags",
				"{\"tags\":[\"d\",\"e\",\"f\",\"g\",\"h\",\"i\",\"j\",\"k\",\"l\"]}");
		assertThat(overflow.status()).isEqualTo(422);
		assertThat(overflow.json().get("error").asString())
			.isEqualTo("Runs can only have 10 tags, you're trying to set 12. These tags have not been set: 'k', 'l'.");
		assertThat(run(id).get("tags")).hasSize(3);
	}

	@Test
	void metadataIsReplacedLimitedAndFrozenAnHourAfterTheRunFinished() {
		String id = trigger("hello-world", "{\"payload\":{\"name\":\"x\"},\"options\":{\"metadata\":{\"step\":1}}}");
		assertThat(run(id).get("metadata").get("step").asInt()).isEqualTo(1);

		Http.Answer updated = this.http.put("/api/v1/runs/" + id + "/metadata", "{\"metadata\":{\"step\":2}}");
		assertThat(updated.status()).isEqualTo(200);
		assertThat(updated.json().get("metadata").get("step").asInt()).isEqualTo(2);

		Http.Answer tooBig = this.http.put("/api/v1/runs/" + id + "/metadata",
				"{\"metadata\":{\"big\":\"" + "x".repeat(262_144) + "\"}}");
		assertThat(tooBig.status()).isEqualTo(413);
		assertThat(tooBig.json().get("error").asString()).isEqualTo("Metadata exceeds maximum size of 262144 bytes");

		this.emulator.advance(Duration.ofMinutes(61));
		Http.Answer late = this.http.put("/api/v1/runs/" + id + "/metadata", "{\"metadata\":{\"step\":3}}");
		assertThat(late.status()).isEqualTo(422);
		assertThat(late.json().get("error").asString()).isEqualTo("Cannot update metadata for a completed run");
	}

	@Test
	void theListPagesWithOpaqueCursorsNewestFirst() {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			ids.add(0, trigger("slow", "{\"payload\":{}}"));
			this.clock.advance(Duration.ofMillis(1));
		}
		JsonNode first = this.http.get("/api/v1/runs").json();
		assertThat(first.get("data")).hasSize(25);
		assertThat(first.get("data").get(0).get("id").asString()).isEqualTo(ids.get(0));
		assertThat(first.get("data").get(0).get("env").get("name").asString()).isEqualTo("dev");
		assertThat(first.get("pagination").has("previous")).isFalse();

		List<String> walked = new ArrayList<>();
		String cursor = null;
		do {
			JsonNode page = this.http
				.get("/api/v1/runs?page%5Bsize%5D=7" + ((cursor != null) ? "&page%5Bafter%5D=" + cursor : ""))
				.json();
			page.get("data").forEach((run) -> walked.add(run.get("id").asString()));
			cursor = page.get("pagination").has("next") ? page.get("pagination").get("next").asString() : null;
			assertThat(cursor).satisfiesAnyOf((c) -> assertThat(c).isNull(),
					(c) -> assertThat(c).doesNotStartWith("run_"));
		}
		while (cursor != null);
		assertThat(walked).isEqualTo(ids);

		JsonNode second = this.http
			.get("/api/v1/runs?page%5Bsize%5D=10&page%5Bafter%5D="
					+ this.http.get("/api/v1/runs?page%5Bsize%5D=10").json().get("pagination").get("next").asString())
			.json();
		String previous = second.get("pagination").get("previous").asString();
		JsonNode back = this.http.get("/api/v1/runs?page%5Bsize%5D=10&page%5Bbefore%5D=" + previous).json();
		assertThat(back.get("data").get(0).get("id").asString()).isEqualTo(ids.get(0));
		assertThat(back.get("data")).hasSize(10);
	}

	@Test
	void listValidationAndFiltersBehaveAsTheServers() {
		Http.Answer tooBig = this.http.get("/api/v1/runs?page%5Bsize%5D=101");
		assertThat(tooBig.status()).isEqualTo(400);
		assertThat(tooBig.json().get("error").asString()).isEqualTo("Query Error");
		assertThat(tooBig.json().get("details").get(0).get("code").asString()).isEqualTo("too_big");
		assertThat(tooBig.json().get("details").get(0).get("path").get(0).asString()).isEqualTo("page[size]");
		assertThat(this.http.get("/api/v1/runs?page%5Bsize%5D=0").status()).isEqualTo(400);
		Http.Answer badStatus = this.http.get("/api/v1/runs?filter%5Bstatus%5D=COMPLETED,FOO");
		assertThat(badStatus.json().get("details").get(0).get("message").asString())
			.isEqualTo("Invalid status values: FOO");

		String done = trigger("hello-world", "{\"payload\":{\"name\":\"x\"},\"options\":{\"tags\":[\"vip\"]}}");
		String running = trigger("slow", "{\"payload\":{}}");
		assertThat(ids("/api/v1/runs?filter%5Bstatus%5D=COMPLETED")).containsExactly(done);
		assertThat(ids("/api/v1/runs?filter%5Bstatus%5D=EXECUTING,COMPLETED")).containsExactly(running, done);
		assertThat(ids("/api/v1/runs?filter%5BtaskIdentifier%5D=slow")).containsExactly(running);
		assertThat(ids("/api/v1/runs?filter%5Btag%5D=vip,other")).containsExactly(done);
		assertThat(ids("/api/v1/runs?filter%5BisTest%5D=true")).isEmpty();

		// The default window is the last 7 days.
		this.emulator.advance(Duration.ofDays(8));
		assertThat(ids("/api/v1/runs")).isEmpty();
		assertThat(ids("/api/v1/runs?filter%5BcreatedAt%5D%5Bperiod%5D=30d")).hasSize(2);
		assertThat(ids("/api/v1/runs?filter%5BcreatedAt%5D%5Bfrom%5D=2026-11-22T00:00:00Z")).hasSize(2);
	}

	@Test
	void cancelReplayRescheduleAndResult() {
		String slow = trigger("slow", "{\"payload\":{\"n\":1}}");
		assertThat(this.http.post("/api/v2/runs/" + slow + "/cancel", "{}").json().get("id").asString())
			.isEqualTo(slow);
		assertThat(run(slow).get("status").asString()).isEqualTo("CANCELED");
		// Cancelling a finished run is a no-op.
		assertThat(this.http.post("/api/v2/runs/" + slow + "/cancel", "{}").status()).isEqualTo(200);
		assertThat(this.http.get("/api/v1/runs/" + slow + "/result").json().get("error").get("code").asString())
			.isEqualTo("TASK_RUN_CANCELLED");

		String replayed = this.http.post("/api/v1/runs/" + slow + "/replay", "{}").json().get("id").asString();
		assertThat(replayed).isNotEqualTo(slow);
		assertThat(run(replayed).get("payload").get("n").asInt()).isEqualTo(1);

		assertThat(this.http.post("/api/v1/runs/" + replayed + "/reschedule", "{\"delay\":\"1h\"}")
			.json()
			.get("error")
			.asString()).isEqualTo("Cannot reschedule a run that is not delayed");
		String delayed = trigger("slow", "{\"payload\":{},\"options\":{\"delay\":\"1h\"}}");
		Http.Answer rescheduled = this.http.post("/api/v1/runs/" + delayed + "/reschedule", "{\"delay\":\"2h\"}");
		assertThat(rescheduled.status()).isEqualTo(200);
		assertThat(rescheduled.json().get("delayedUntil").asString()).isEqualTo("2026-11-22T12:00:00.000Z");
		assertThat(this.http.post("/api/v1/runs/" + delayed + "/reschedule", "{\"delay\":\"soon\"}")
			.json()
			.get("error")
			.asString()).isEqualTo("Invalid delay: soon");

		String completed = trigger("hello-world", "{\"payload\":{\"name\":\"x\"}}");
		Http.Answer result = this.http.get("/api/v1/runs/" + completed + "/result");
		assertThat(result.status()).isEqualTo(404);
		assertThat(result.json().get("error").asString()).isEqualTo("Run either doesn't exist or is not finished");
	}

	@Test
	void replayAppliesTheBodysOverridesOverTheOriginalRun() {
		String original = trigger("slow",
				"{\"payload\":{\"n\":1},\"options\":{\"tags\":[\"first\"],\"metadata\":{\"m\":1}}}");

		Http.Answer answer = replay(original, """
				{"payload":{"n":2},"tags":["b","c"],"metadata":{"m":2},"delay":"1h","machine":"large-1x",
				"queue":"replays","ttl":"2h","maxAttempts":1,"concurrencyKey":7,"region":"eu","version":"latest",
				"maxDuration":60,"priority":5}""");

		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		String replayed = answer.json().get("id").asString();
		assertThat(replayed).isNotEqualTo(original);
		JsonNode run = run(replayed);
		assertThat(run.get("taskIdentifier").asString()).isEqualTo("slow");
		assertThat(run.get("payload").toString()).isEqualTo("{\"n\":2}");
		assertThat(run.get("tags").toString()).isEqualTo("[\"b\",\"c\"]");
		assertThat(run.get("metadata").toString()).isEqualTo("{\"m\":2}");
		assertThat(run.get("status").asString()).isEqualTo("DELAYED");
		assertThat(run.get("delayedUntil").asString()).isEqualTo("2026-11-22T11:00:00.000Z");
		assertThat(run.get("ttl").asString()).isEqualTo("2h");
		assertThat(ids("/api/v1/runs?filter%5Bmachine%5D=large-1x")).containsExactly(replayed);
		assertThat(ids("/api/v1/runs?filter%5Bqueue%5D=replays")).containsExactly(replayed);

		JsonNode tagged = run(replay(original, "{\"tags\":\"only\"}").json().get("id").asString());
		assertThat(tagged.get("tags").toString()).isEqualTo("[\"only\"]");
		assertThat(tagged.get("payload").toString()).as("the original's").isEqualTo("{\"n\":1}");
		assertThat(tagged.get("metadata").toString()).as("the original's").isEqualTo("{\"m\":1}");
		assertThat(tagged.get("status").asString()).isEqualTo("EXECUTING");
	}

	@Test
	void replayWithoutABodyRepeatsTheOriginalAndASuperJsonPayloadIsDecoded() {
		String original = trigger("hello-world", "{\"payload\":{\"name\":\"first\"}}");

		Http.Answer plain = Http.send(this.http.request("/api/v1/runs/" + original + "/replay")
			.header("x-trigger-api-version", Http.CURRENT)
			.POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(plain.status()).as(plain.body()).isEqualTo(200);
		assertThat(run(plain.json().get("id").asString()).get("output").toString())
			.isEqualTo("{\"greeting\":\"Hello, first!\"}");

		// What the official SDK sends for runs.replay(id, {payload: {name: "again"}}).
		Http.Answer superJson = replay(original,
				"{\"payload\":\"{\\\"json\\\":{\\\"name\\\":\\\"again\\\"},\\\"meta\\\":{}}\",\"payloadType\":\"application/super+json\"}");
		assertThat(superJson.status()).as(superJson.body()).isEqualTo(200);
		JsonNode run = run(superJson.json().get("id").asString());
		assertThat(run.get("payload").toString()).isEqualTo("{\"name\":\"again\"}");
		assertThat(run.get("output").toString()).isEqualTo("{\"greeting\":\"Hello, again!\"}");
	}

	@Test
	void replayRefusesUnknownKeysAndBadOverridesAndCreatesNothing() {
		String original = trigger("slow", "{\"payload\":{}}");
		String eleven = "[\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\",\"8\",\"9\",\"10\",\"11\"]";

		refusedReplay(original, "{\"payload\":{},\"options\":{},\"test\":true}", 400,
				"Validation error: Unrecognized key(s) in object: 'options', 'test'");
		refusedReplay(original, "{\"payloadType\":\"text/plain\"}", 400,
				"Validation error: Invalid enum value. Expected 'application/json' | 'application/super+json', received 'text/plain' at \"payloadType\"");
		refusedReplay(original, "{\"payload\":{},\"payloadType\":\"application/super+json\"}", 400,
				"Validation error: payload must be a SuperJSON string when payloadType is application/super+json at \"payload\"");
		refusedReplay(original, "{\"maxAttempts\":0}", 400,
				"Validation error: Number must be greater than or equal to 1 at \"maxAttempts\"");
		refusedReplay(original, "{\"queue\":{\"name\":\"q\"}}", 400,
				"Validation error: Expected string, received object at \"queue\"");
		refusedReplay(original, "{\"metadata\":[1]}", 400,
				"Validation error: Expected object, received array at \"metadata\"");
		refusedReplay(original, "{\"delay\":{}}", 400,
				"Validation error: Expected string, received object at \"delay\", or Invalid date at \"delay\"");
		refusedReplay(original, "{\"machine\":\"huge-9x\"}", 400, "Validation error: Invalid enum value.");
		refusedReplay(original, "[]", 400, "Validation error: Expected object, received array");
		refusedReplay(original, "{\"tags\":" + eleven + "}", 422,
				"Runs can only have 10 tags, you're trying to set 11.");

		assertThat(ids("/api/v1/runs")).containsExactly(original);
	}

	@Test
	void replayWithAnIdempotencyKeyAnswersTheSameRunWhileTheKeyLives() {
		String original = trigger("slow", "{\"payload\":{}}");
		String body = "{\"idempotencyKey\":\"replay-1\",\"idempotencyKeyTTL\":\"1h\"}";

		String first = replay(original, body).json().get("id").asString();
		String again = replay(original, body).json().get("id").asString();

		assertThat(first).isNotEqualTo(original);
		assertThat(again).isEqualTo(first);
		assertThat(run(first).get("idempotencyKey").asString()).isEqualTo("replay-1");
		this.clock.advance(Duration.ofHours(1).plusMillis(1));
		assertThat(replay(original, body).json().get("id").asString()).as("after the key's TTL").isNotEqualTo(first);
	}

	private Http.Answer replay(String runId, String body) {
		return this.http.post("/api/v1/runs/" + runId + "/replay", body);
	}

	private void refusedReplay(String runId, String body, int status, String errorStart) {
		Http.Answer answer = replay(runId, body);
		assertThat(answer.status()).as(body + " -> " + answer.body()).isEqualTo(status);
		assertThat(answer.json().get("error").asString()).startsWith(errorStart);
	}

	@Test
	void unknownRunsAnswer404AsTheServerDoes() {
		Http.Answer retrieve = this.http.get("/api/v3/runs/run_unknown");
		assertThat(retrieve.status()).isEqualTo(404);
		assertThat(retrieve.json().get("error").asString()).isEqualTo("Not found");
		assertThat(retrieve.header("x-should-retry")).isEqualTo("true");
		assertThat(this.http.post("/api/v2/runs/run_unknown/cancel", "{}").json().get("error").asString())
			.isEqualTo("Resource not found");
	}

}
