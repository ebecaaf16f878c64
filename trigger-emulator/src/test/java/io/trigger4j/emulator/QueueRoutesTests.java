package io.trigger4j.emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Queues: the routes under /api/v1/queues, and how their state drives the runs. */
class QueueRoutesTests extends EmulatorTestSupport {

	private JsonNode queue(String path) {
		Http.Answer answer = this.http.get("/api/v1/queues/" + path);
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		return answer.json();
	}

	private JsonNode post(String path, String body) {
		Http.Answer answer = this.http.post("/api/v1/queues/" + path, body);
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		return answer.json();
	}

	private List<String> names(JsonNode page) {
		List<String> names = new ArrayList<>();
		page.get("data").forEach((queue) -> names.add(queue.get("name").asString()));
		return names;
	}

	private String status(String runId) {
		return run(runId).get("status").asString();
	}

	private JsonNode named(JsonNode page, String name) {
		for (JsonNode queue : page.get("data")) {
			if (queue.get("name").asString().equals(name)) {
				return queue;
			}
		}
		throw new AssertionError("No queue " + name + " in " + page);
	}

	@Test
	void everyTasksQueueIsListedByNameAsTheServerShowsIt() {
		Http.Answer answer = this.http.get("/api/v1/queues");

		assertThat(answer.status()).isEqualTo(200);
		JsonNode page = answer.json();
		List<String> names = names(page);
		assertThat(names).isSorted()
			.containsSubsequence("approval", "broken", "flaky", "hello-world", "one-at-a-time", "slow");
		assertThat(page.get("pagination").toString())
			.isEqualTo("{\"currentPage\":1,\"totalPages\":1,\"count\":" + names.size() + "}");
		JsonNode one = named(page, "one-at-a-time");
		assertThat(one.get("id").asString()).matches("queue_[1-9a-km-z]{21}");
		assertThat(one.toString()).isEqualTo("{\"id\":\"" + one.get("id").asString()
				+ "\",\"name\":\"one-at-a-time\",\"type\":\"task\",\"running\":0,\"queued\":0,\"paused\":false,"
				+ "\"concurrencyLimit\":1,\"concurrency\":{\"current\":1,\"base\":null,\"override\":null,"
				+ "\"overriddenBy\":null,\"overriddenAt\":null},\"releaseConcurrencyOnWaitpoint\":true,"
				+ "\"concurrencyLimitOverridePercent\":null}");
		assertThat(named(page, "hello-world").get("concurrencyLimit").isNull()).isTrue();
	}

	@Test
	void pagesAreNumberedFromOneWithTheServersDefaultsAndCap() {
		List<String> all = names(this.http.get("/api/v1/queues?perPage=100").json());
		assertThat(all.size()).isGreaterThan(4);

		JsonNode second = this.http.get("/api/v1/queues?page=2&perPage=4").json();
		assertThat(names(second)).containsExactlyElementsOf(all.subList(4, Math.min(8, all.size())));
		assertThat(second.get("pagination").toString()).isEqualTo(
				"{\"currentPage\":2,\"totalPages\":" + ((all.size() + 3) / 4) + ",\"count\":" + all.size() + "}");

		assertThat(names(this.http.get("/api/v1/queues?page=99").json())).isEmpty();
		assertThat(this.http.get("/api/v1/queues?perPage=500").json().get("pagination").get("totalPages").asInt())
			.isEqualTo(1);
		assertThat(names(this.http.get("/api/v1/queues?perPage=1e0&page=0x2").json())).containsExactly(all.get(1));
	}

	@ParameterizedTest
	@CsvSource({ "page=0, too_small, Number must be greater than 0, page",
			"perPage=abc, invalid_type, 'Expected number, received nan', perPage",
			"page=1.5, invalid_type, 'Expected integer, received float', page",
			"perPage=-2, too_small, Number must be greater than 0, perPage" })
	void listQueriesOutOfRangeAreQueryErrors(String query, String code, String message, String path) {
		Http.Answer answer = this.http.get("/api/v1/queues?" + query);

		assertThat(answer.status()).isEqualTo(400);
		JsonNode body = answer.json();
		assertThat(body.get("error").asString()).isEqualTo("Query Error");
		JsonNode issue = body.get("details").get(0);
		assertThat(issue.get("code").asString()).isEqualTo(code);
		assertThat(issue.get("message").asString()).isEqualTo(message);
		assertThat(issue.get("path").toString()).isEqualTo("[\"" + path + "\"]");
	}

	@Test
	void aQueueIsRetrievedByIdByTaskAndByCustomName() {
		String id = queue("one-at-a-time?type=task").get("id").asString();

		assertThat(queue(id).get("name").asString()).isEqualTo("one-at-a-time");
		assertThat(queue(id + "?type=id").get("name").asString()).isEqualTo("one-at-a-time");
		assertThat(queue("task%2Fone-at-a-time?type=task").get("id").asString()).isEqualTo(id);
		assertThat(queue("task%252Fone-at-a-time?type=custom").get("id").asString()).isEqualTo(id);

		Http.Answer byNameAsId = this.http.get("/api/v1/queues/one-at-a-time");
		assertThat(byNameAsId.status()).isEqualTo(404);
		assertThat(byNameAsId.body()).isEqualTo("{\"error\":\"queue-not-found\"}");
		Http.Answer wrongType = this.http.get("/api/v1/queues/slow?type=tasks");
		assertThat(wrongType.status()).isEqualTo(400);
		assertThat(wrongType.json().get("details").get(0).get("message").asString())
			.isEqualTo("Invalid enum value. Expected 'task' | 'custom' | 'id', received 'tasks'");
	}

	@Test
	void aCustomQueueNamedByATriggerIsListedAndItsSlashArrivesEncodedOnceOrTwice() {
		trigger("slow",
				"{\"payload\":{},\"options\":{\"queue\":{\"name\":\"reports/monthly\",\"concurrencyLimit\":2}}}");

		JsonNode custom = queue("reports%252Fmonthly?type=custom");
		assertThat(custom.get("name").asString()).isEqualTo("reports/monthly");
		assertThat(custom.get("type").asString()).isEqualTo("custom");
		assertThat(custom.get("running").asInt()).isEqualTo(1);
		assertThat(custom.get("concurrencyLimit").asInt()).isEqualTo(2);
		assertThat(queue("reports%2Fmonthly?type=custom").get("id")).isEqualTo(custom.get("id"));
		assertThat(names(this.http.get("/api/v1/queues").json())).contains("reports/monthly");
		assertThat(post("reports%252Fmonthly/pause", "{\"type\":\"custom\",\"action\":\"pause\"}").get("paused")
			.asBoolean()).isTrue();
	}

	@Test
	void aPausedQueueKeepsItsRunsQueuedUntilItIsResumed() {
		JsonNode paused = post("slow/pause", "{\"type\":\"task\",\"action\":\"pause\"}");
		assertThat(paused.get("paused").asBoolean()).isTrue();
		assertThat(paused.has("concurrencyLimitOverridePercent")).isFalse();
		String first = trigger("slow", "{\"payload\":{}}");
		String second = trigger("slow", "{\"payload\":{}}");

		this.emulator.advance(Duration.ofMinutes(1));
		assertThat(status(first)).isEqualTo("QUEUED");
		JsonNode waiting = queue("slow?type=task");
		assertThat(waiting.get("queued").asInt()).isEqualTo(2);
		assertThat(waiting.get("running").asInt()).isZero();
		assertThat(post(paused.get("id").asString() + "/pause", "{\"action\":\"pause\"}").get("paused").asBoolean())
			.isTrue();

		JsonNode resumed = post(paused.get("id").asString() + "/pause", "{\"action\":\"resume\"}");
		assertThat(resumed.get("paused").asBoolean()).isFalse();
		assertThat(resumed.get("running").asInt()).isEqualTo(2);
		assertThat(resumed.get("queued").asInt()).isZero();
		assertThat(status(first)).isEqualTo("EXECUTING");
		this.emulator.advance(Duration.ofSeconds(30));
		assertThat(status(second)).isEqualTo("COMPLETED");
	}

	@Test
	void anOverrideChangesHowManyRunAtOnceAndAResetRestoresTheTasksLimit() {
		List<String> runs = List.of(trigger("one-at-a-time", "{\"payload\":{}}"),
				trigger("one-at-a-time", "{\"payload\":{}}"), trigger("one-at-a-time", "{\"payload\":{}}"));
		assertThat(queue("one-at-a-time?type=task").get("queued").asInt()).isEqualTo(2);

		JsonNode raised = post("one-at-a-time/concurrency/override", "{\"type\":\"task\",\"concurrencyLimit\":2}");
		assertThat(raised.get("running").asInt()).isEqualTo(2);
		assertThat(raised.get("queued").asInt()).isEqualTo(1);
		assertThat(raised.get("concurrencyLimit").asInt()).isEqualTo(2);
		assertThat(raised.get("concurrency").toString()).isEqualTo("{\"current\":2,\"base\":1,\"override\":2,"
				+ "\"overriddenBy\":null,\"overriddenAt\":\"2026-11-22T10:00:00.000Z\"}");
		assertThat(raised.has("concurrencyLimitOverridePercent")).isFalse();
		assertThat(status(runs.get(1))).isEqualTo("EXECUTING");
		assertThat(queue(raised.get("id").asString()).get("concurrencyLimitOverridePercent").isNull()).isTrue();

		JsonNode reset = post(raised.get("id").asString() + "/concurrency/reset", "{}");
		assertThat(reset.get("concurrencyLimit").asInt()).isEqualTo(1);
		assertThat(reset.get("concurrency").toString())
			.isEqualTo("{\"current\":1,\"base\":null,\"override\":null,\"overriddenBy\":null,\"overriddenAt\":null}");
		Http.Answer again = this.http.post("/api/v1/queues/one-at-a-time/concurrency/reset", "{\"type\":\"task\"}");
		assertThat(again.status()).isEqualTo(400);
		assertThat(again.body()).isEqualTo("{\"error\":\"Queue is not overridden\"}");

		this.emulator.advance(Duration.ofMinutes(1));
		assertThat(status(runs.get(2))).isEqualTo("EXECUTING");
		assertThat(queue("one-at-a-time?type=task").get("running").asInt()).isEqualTo(1);
	}

	@Test
	void aPercentOverrideIsAShareOfTheEnvironmentsLimitShownOnRetrieve() {
		JsonNode overridden = post("slow/concurrency/override", "{\"type\":\"task\",\"percent\":2.5}");

		assertThat(overridden.get("concurrencyLimit").asInt()).isEqualTo(2);
		assertThat(queue("slow?type=task").get("concurrencyLimitOverridePercent").asDouble()).isEqualTo(2.5);
		post("slow/concurrency/override", "{\"type\":\"task\",\"percent\":50}");
		assertThat(queue("slow?type=task").get("concurrencyLimitOverridePercent").toString()).isEqualTo("50");
	}

	@Test
	void anOverrideOfZeroHoldsNewRunsQueued() {
		post("slow/concurrency/override", "{\"type\":\"task\",\"concurrencyLimit\":0}");
		String held = trigger("slow", "{\"payload\":{}}");

		this.emulator.advance(Duration.ofMinutes(5));

		assertThat(status(held)).isEqualTo("QUEUED");
	}

	static Stream<Arguments> refusedOverrides() {
		String exactlyOne = "Validation error: Provide exactly one of `concurrencyLimit` or `percent`";
		return Stream.of(Arguments.of("{\"concurrencyLimit\":2,\"percent\":5,\"type\":\"task\"}", exactlyOne),
				Arguments.of("{\"type\":\"task\"}", exactlyOne),
				Arguments.of("{\"type\":\"task\",\"concurrencyLimit\":1.5}",
						"Validation error: Expected integer, received float at \"concurrencyLimit\""),
				Arguments.of("{\"type\":\"task\",\"concurrencyLimit\":\"3\"}",
						"Validation error: Expected number, received string at \"concurrencyLimit\""),
				Arguments.of("{\"type\":\"task\",\"concurrencyLimit\":100001}",
						"Validation error: Number must be less than or equal to 100000 at \"concurrencyLimit\""),
				Arguments.of("{\"type\":\"task\",\"percent\":0}",
						"Validation error: Number must be greater than 0 at \"percent\""),
				Arguments.of("{\"type\":\"task\",\"percent\":101}",
						"Validation error: Number must be less than or equal to 100 at \"percent\""),
				Arguments.of("{\"type\":\"queue\",\"concurrencyLimit\":1}",
						"Validation error: Invalid enum value. Expected 'task' | 'custom' | 'id', received 'queue' at \"type\""),
				Arguments.of("{\"type\":\"task\",\"concurrencyLimit\":-1,\"percent\":5}",
						"Validation error: Number must be greater than or equal to 0 at \"concurrencyLimit\"; "
								+ "Provide exactly one of `concurrencyLimit` or `percent`"),
				Arguments.of("{\"type\":\"task\",\"concurrencyLimit\":101}",
						"Concurrency limit (101) cannot exceed the environment limit (100)"));
	}

	@ParameterizedTest
	@MethodSource("refusedOverrides")
	void overridesOutOfRangeAreRefusedAndChangeNothing(String body, String error) {
		Http.Answer answer = this.http.post("/api/v1/queues/one-at-a-time/concurrency/override", body);

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.json().get("error").asString()).isEqualTo(error);
		JsonNode queue = queue("one-at-a-time?type=task");
		assertThat(queue.get("concurrencyLimit").asInt()).isEqualTo(1);
		assertThat(queue.get("concurrency").get("overriddenAt").isNull()).isTrue();
	}

	static Stream<Arguments> refusedPauses() {
		return Stream
			.of(Arguments.of("{}", "Validation error: Required at \"action\""), Arguments.of("{\"action\":\"stop\"}",
					"Validation error: Invalid enum value. Expected 'pause' | 'resume', received 'stop' at \"action\""),
					Arguments.of("{\"type\":7,\"action\":null}",
							"Validation error: Expected 'task' | 'custom' | 'id', received number at \"type\"; "
									+ "Expected 'pause' | 'resume', received null at \"action\""),
					Arguments.of("[]", "Invalid JSON"), Arguments.of("", "Request body is empty"));
	}

	@ParameterizedTest
	@MethodSource("refusedPauses")
	void pauseBodiesOutOfRangeAreRefused(String body, String error) {
		Http.Answer answer = this.http.post("/api/v1/queues/slow/pause", body);

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.json().get("error").asString()).isEqualTo(error);
		assertThat(queue("slow?type=task").get("paused").asBoolean()).isFalse();
	}

	@Test
	void unknownQueuesAreNotFoundWithEachRoutesText() {
		assertThat(this.http.post("/api/v1/queues/queue_nope/pause", "{\"action\":\"pause\"}").body())
			.isEqualTo("{\"error\":\"queue-not-found\"}");
		Http.Answer override = this.http.post("/api/v1/queues/nope/concurrency/override",
				"{\"type\":\"custom\",\"concurrencyLimit\":500}");
		assertThat(override.status()).isEqualTo(404);
		assertThat(override.body()).isEqualTo("{\"error\":\"Queue not found\"}");
		Http.Answer reset = this.http.post("/api/v1/queues/nope/concurrency/reset", "{\"type\":\"task\"}");
		assertThat(reset.status()).isEqualTo(404);
		assertThat(reset.body()).isEqualTo("{\"error\":\"Queue not found\"}");
		assertThat(this.http.get("/api/v1/queues/%25zz?type=custom").status()).isEqualTo(404);
	}

	@ParameterizedTest
	@ValueSource(strings = { "tr_pat_abc", "pk_dev_abc", "tr_dev_" })
	void onlySecretKeysAreAccepted(String token) {
		Http.Answer answer = Http
			.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(this.emulator.baseUrl() + "/api/v1/queues"))
				.header("Authorization", "Bearer " + token));

		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.json().get("error").asString()).isEqualTo("Invalid API key");
	}

	static Stream<Arguments> hostileRequests() {
		return Stream.of(Arguments.of("x".repeat(3000) + "/pause?type=custom", "{\"action\":\"pause\"}", 404),
				Arguments.of("task%25C0%25AF/pause", "{\"type\":\"task\",\"action\":\"pause\"}", 404),
				Arguments.of("slow/concurrency/override", "{\"type\":\"task\",\"concurrencyLimit\":1e400}", 400),
				Arguments.of("slow/concurrency/override", "{\"type\":\"task\",\"percent\":" + "9".repeat(350) + "}",
						400),
				Arguments.of("slow/concurrency/override", "[".repeat(1000) + "]".repeat(1000), 400),
				Arguments.of("slow/pause", "{\"type\":{\"a\":[1,2,3]},\"action\":[\"pause\"]}", 400),
				Arguments.of("slow/concurrency/reset", "{\"type\":\"" + "t".repeat(100_000) + "\"}", 400));
	}

	@ParameterizedTest
	@MethodSource("hostileRequests")
	void hostileQueueRequestsChangeNothingAndTheNextRequestIsServed(String path, String body, int status) {
		Http.Answer answer = this.http.post("/api/v1/queues/" + path, body);

		assertThat(answer.status()).as(answer.body()).isEqualTo(status);
		assertThat(answer.json().get("error").isString()).isTrue();
		JsonNode slow = queue("slow?type=task");
		assertThat(slow.get("paused").asBoolean()).isFalse();
		assertThat(slow.get("concurrencyLimit").isNull()).isTrue();
		String id = trigger("slow", "{\"payload\":{}}");
		assertThat(status(id)).isEqualTo("EXECUTING");
		assertThat(post("slow/pause", "{\"type\":\"task\",\"action\":\"pause\"}").get("paused").asBoolean()).isTrue();
	}

	@Test
	void hostileListQueriesAreAnswered() {
		for (String query : new String[] { "page=" + "9".repeat(400), "perPage=" + "1".repeat(3000), "page=%00",
				"page=Infinity", "page=-Infinity&perPage=NaN", "type=id&page=1e308" }) {
			Http.Answer answer = this.http.get("/api/v1/queues?" + query);
			assertThat(answer.status()).as(query + " " + answer.body()).isIn(200, 400);
		}
		assertThat(this.http.get("/api/v1/queues").status()).isEqualTo(200);
	}

}
