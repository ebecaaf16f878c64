package io.trigger4j.emulator;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The waitpoint token routes over HTTP, answering as the server does, and runs of an
 * emulated task waiting on a token.
 */
class WaitpointRoutesTests {

	private static final String TOKENS = "/api/v1/waitpoints/tokens";

	private final ManualClock clock = new ManualClock(Instant.parse("2026-11-22T10:00:00Z"));

	/**
	 * Step 1 waits on the payload's token, or on a token it creates; step 2 completes.
	 */
	private final TriggerEmulator emulator = TriggerEmulator.builder()
		.clock(this.clock)
		.task(EmulatedTask.of("await-approval", (run) -> {
			if (run.step() == 1) {
				Object token = run.payloadAsMap().get("token");
				return TaskStep.waitForToken((token != null) ? (String) token
						: run.createToken("approval-" + run.runId(), Duration.ofHours(1), List.of("approval")));
			}
			TaskInvocation.TokenResult result = run.tokenResult();
			return result.ok() ? Map.of("approved", result.outputAsMap()) : Map.of("error", result.error());
		}).withDuration(Duration.ofSeconds(10)))
		.start();

	private final Http http = new Http(this.emulator);

	@AfterEach
	void stop() {
		this.emulator.stop();
	}

	private JsonNode create(String body) {
		Http.Answer answer = this.http.post(TOKENS, body);
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		return answer.json();
	}

	private String trigger(String payload) {
		Http.Answer answer = this.http.post("/api/v1/tasks/await-approval/trigger", "{\"payload\":" + payload + "}");
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		return answer.json().get("id").asString();
	}

	private JsonNode run(String id) {
		return this.http.get("/api/v3/runs/" + id).json();
	}

	private void refused(Http.Answer answer, int status, String error) {
		assertThat(answer.status()).as(answer.body()).isEqualTo(status);
		assertThat(answer.json().get("error").asString()).isEqualTo(error);
	}

	private Http.Answer postRaw(String path, String body, boolean authorized) {
		HttpRequest.Builder request = authorized ? this.http.request(path)
				: HttpRequest.newBuilder(URI.create(this.emulator.baseUrl() + path));
		return Http.send(request.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	/** A refused request stored nothing, and the next requests are served. */
	private void nothingStoredAndStillServes() {
		assertThat(this.http.get(TOKENS).json().get("data")).isEmpty();
		String id = create("{}").get("id").asString();
		assertThat(this.http.get(TOKENS + "/" + id).status()).isEqualTo(200);
	}

	@Test
	void createAnswersIdIsCachedAndTheCallbackUrlWithAPublicAccessToken() {
		Http.Answer answer = this.http.post(TOKENS, "{\"timeout\":\"1h\",\"tags\":[\"user:1\"]}");

		assertThat(answer.status()).isEqualTo(200);
		JsonNode json = answer.json();
		String id = json.get("id").asString();
		assertThat(id).matches("waitpoint_[0-9a-v]{24}e1");
		assertThat(json.get("isCached").asBoolean()).isFalse();
		assertThat(json.get("url").asString())
			.matches(this.emulator.baseUrl() + "/api/v1/waitpoints/tokens/" + id + "/callback/[0-9a-f]{64}");
		String jwtPayload = new String(
				java.util.Base64.getUrlDecoder().decode(answer.header("x-trigger-jwt").split("\\.")[1]),
				java.nio.charset.StandardCharsets.UTF_8);
		assertThat(jwtPayload).contains("\"scopes\":[\"write:waitpoints:" + id + "\"]");
		// As the server's publicAccessTokenResponseHeaders: the scopes only inside the
		// JWT.
		assertThat(answer.header("x-trigger-jwt-claims")).matches("\\{\"sub\":\"[^\"]+\",\"pub\":true\\}");
		assertThat(this.http.get(TOKENS + "/" + id).json().get("timeoutAt").asString())
			.isEqualTo("2026-11-22T11:00:00.000Z");
	}

	@Test
	void anIdempotentCreateAnswersTheSameTokenCached() {
		String body = "{\"idempotencyKey\":\"approve-42\",\"idempotencyKeyTTL\":\"1h\"}";
		JsonNode first = create(body);

		JsonNode again = create(body);

		assertThat(again.get("id").asString()).isEqualTo(first.get("id").asString());
		assertThat(again.get("isCached").asBoolean()).isTrue();
		assertThat(again.get("url").asString()).isEqualTo(first.get("url").asString());
		this.clock.advance(Duration.ofHours(2));
		assertThat(create(body).get("isCached").asBoolean()).as("after the TTL").isFalse();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"{\"idempotencyKey\":5}|Validation error: Expected string, received number at \"idempotencyKey\"",
			"{\"timeout\":{}}|Validation error: Expected string, received object at \"timeout\", or Invalid date at \"timeout\"",
			"{\"tags\":[\"a\",7]}|Validation error: Expected string, received array at \"tags\", or Expected string, received number at \"tags[1]\"",
			"{\"timeout\":1e400}|Validation error: Expected string, received number at \"timeout\", or Invalid date at \"timeout\"",
			"{\"timeout\":-1e400}|Validation error: Expected string, received number at \"timeout\", or Invalid date at \"timeout\"",
			"1e400|Validation error: Expected object, received number",
			"-1e400|Validation error: Expected object, received number", "1e-400|Invalid JSON",
			"[]|Validation error: Expected object, received array", "null|Invalid JSON", "{oops|Invalid JSON" })
	void createRefusesABadBodyAsTheServerDoes(String body, String error) {
		refused(this.http.post(TOKENS, body), 400, error);
		nothingStoredAndStillServes();
	}

	@Test
	void anInfiniteCompletionBodyIsRefusedAndTheTokenStillWaits() {
		String id = create("{}").get("id").asString();

		refused(this.http.post(TOKENS + "/" + id + "/complete", "1e400"), 400,
				"Validation error: Expected object, received number");

		assertThat(this.http.get(TOKENS + "/" + id).json().get("status").asString()).isEqualTo("WAITING");
		assertThat(this.http.post(TOKENS + "/" + id + "/complete", "{\"data\":1}").status()).isEqualTo(200);
	}

	@Test
	void createRefusesAnOverLongKeyTooManyTagsAnEmptyOrLargeBody() {
		refused(this.http.post(TOKENS, "{\"idempotencyKey\":\"" + "k".repeat(2049) + "\"}"), 400,
				"Validation error: idempotencyKey must be 2048 characters or less at \"idempotencyKey\"");
		refused(this.http.post(TOKENS, "{\"tags\":[\"" + "t".repeat(129) + "\"]}"), 400,
				"Validation error: Tags must be less than 128 characters at \"tags[0]\"");
		refused(this.http.post(TOKENS,
				"{\"tags\":[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\",\"j\",\"k\"]}"), 422,
				"Waitpoints can only have 10 tags, you're trying to set 11.");
		refused(this.http.post(TOKENS, ""), 400, "Request body is empty");
		refused(this.http.post(TOKENS, "{\"tags\":\"" + "x".repeat(10_300) + "\"}"), 413, "Request body too large");
		nothingStoredAndStillServes();
	}

	@Test
	void anUnparseableOrPastTimeoutMeansNone() {
		String bad = create("{\"timeout\":\"soon\"}").get("id").asString();
		String past = create("{\"timeout\":\"2020-01-01T00:00:00Z\"}").get("id").asString();

		assertThat(this.http.get(TOKENS + "/" + bad).json().has("timeoutAt")).isFalse();
		assertThat(this.http.get(TOKENS + "/" + past).json().has("timeoutAt")).isFalse();
	}

	@Test
	void retrieveAnswersTheTokenWithItsOutputAndStatus() {
		JsonNode created = create("{\"idempotencyKey\":\"k1\",\"tags\":\"solo\"}");
		String id = created.get("id").asString();
		String waiting = this.http.get(TOKENS + "/" + id).body();
		assertThat(waiting).isEqualTo("{\"id\":\"" + id + "\",\"type\":\"MANUAL\",\"url\":\""
				+ created.get("url").asString() + "\",\"status\":\"WAITING\",\"idempotencyKey\":\"k1\","
				+ "\"userProvidedIdempotencyKey\":true,\"outputType\":\"application/json\",\"outputIsError\":false,"
				+ "\"createdAt\":\"2026-11-22T10:00:00.000Z\",\"tags\":[\"solo\"]}");

		this.clock.advance(Duration.ofMinutes(5));
		assertThat(this.http.post(TOKENS + "/" + id + "/complete", "{\"data\":{\"status\":\"approved\"}}").body())
			.isEqualTo("{\"success\":true}");

		JsonNode completed = this.http.get(TOKENS + "/" + id).json();
		assertThat(completed.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(completed.get("output").asString()).isEqualTo("{\"json\":{\"status\":\"approved\"}}");
		assertThat(completed.get("outputType").asString()).isEqualTo("application/super+json");
		assertThat(completed.get("completedAt").asString()).isEqualTo("2026-11-22T10:05:00.000Z");
	}

	@Test
	void retrieveOfAnUnknownTokenIsNotFound() {
		refused(this.http.get(TOKENS + "/waitpoint_nope"), 404, "Waitpoint not found");
	}

	@Test
	void aTimedOutTokenShowsTheErrorAndCompletingItChangesNothing() {
		String id = create("{\"timeout\":\"10m\"}").get("id").asString();
		this.clock.advance(Duration.ofMinutes(10));

		assertThat(this.http.post(TOKENS + "/" + id + "/complete", "{\"data\":\"late\"}").status()).isEqualTo(200);

		JsonNode token = this.http.get(TOKENS + "/" + id).json();
		assertThat(token.get("status").asString()).isEqualTo("TIMED_OUT");
		assertThat(token.get("outputIsError").asBoolean()).isTrue();
		assertThat(token.get("outputType").asString()).isEqualTo("application/json");
		assertThat(token.get("output").asString()).isEqualTo(
				"{\"code\":\"TRIGGER_WAITPOINT_TIMEOUT\",\"message\":\"Waitpoint timed out at 2026-11-22T10:10:00.000Z\"}");
	}

	@Test
	void completeRefusesAnUnknownTokenAndABadBody() {
		String id = create("{}").get("id").asString();

		refused(this.http.post(TOKENS + "/waitpoint_nope/complete", "{\"data\":1}"), 404, "Waitpoint not found");
		refused(this.http.post(TOKENS + "/" + id + "/complete", ""), 400, "Request body is empty");
		refused(this.http.post(TOKENS + "/" + id + "/complete", "[1]"), 400,
				"Validation error: Expected object, received array");
		refused(postRaw(TOKENS + "/" + id + "/complete", "{}", false), 401, "No authorization header provided");
		assertThat(this.http.get(TOKENS + "/" + id).json().get("status").asString()).isEqualTo("WAITING");
		assertThat(this.http.post(TOKENS + "/" + id + "/complete", "{\"data\":\"text\"}").status()).isEqualTo(200);
		JsonNode token = this.http.get(TOKENS + "/" + id).json();
		assertThat(token.get("output").asString()).isEqualTo("text");
		assertThat(token.get("outputType").asString()).isEqualTo("text/plain");
	}

	@Test
	void theCallbackUrlCompletesWithoutCredentialAndChecksItsHash() {
		String url = create("{}").get("url").asString();
		String path = url.substring(this.emulator.baseUrl().length());
		String id = path.split("/")[5];
		String wrong = path.substring(0, path.length() - 64) + "0".repeat(64);

		refused(postRaw(wrong, "{\"ok\":true}", false), 401, "Invalid URL, hash doesn't match");
		refused(postRaw(TOKENS + "/waitpoint_nope/callback/" + "0".repeat(64), "{}", false), 404,
				"Waitpoint not found");
		refused(postRaw(path.substring(0, path.length() - 64) + "z".repeat(64), "{}", false), 500,
				"Failed to complete HTTP callback");
		assertThat(this.http.get(TOKENS + "/" + id).json().get("status").asString()).isEqualTo("WAITING");

		Http.Answer done = postRaw(path, "{\"ok\":true}", false);
		assertThat(done.status()).isEqualTo(200);
		assertThat(done.body()).isEqualTo("{\"success\":true}");
		assertThat(this.http.get(TOKENS + "/" + id).json().get("output").asString())
			.isEqualTo("{\"json\":{\"ok\":true}}");
	}

	@Test
	void aCallbackBodyThatIsNotJsonCompletesWithAnEmptyObject() {
		String url = create("{}").get("url").asString();
		String path = url.substring(this.emulator.baseUrl().length());

		assertThat(postRaw(path, "not json", false).status()).isEqualTo(200);

		String id = path.split("/")[5];
		assertThat(this.http.get(TOKENS + "/" + id).json().get("output").asString()).isEqualTo("{\"json\":{}}");
	}

	@Test
	void listPagesWithCursorsThatAreInternalIds() {
		String first = create("{\"tags\":[\"b\",\"a\"]}").get("id").asString();
		this.clock.advance(Duration.ofMinutes(1));
		String second = create("{\"idempotencyKey\":\"mine\"}").get("id").asString();

		Http.Answer page = this.http.get(TOKENS + "?page%5Bsize%5D=1");
		assertThat(page.status()).isEqualTo(200);
		JsonNode json = page.json();
		assertThat(json.get("data").get(0).get("id").asString()).isEqualTo(second);
		assertThat(json.get("data").get(0).get("idempotencyKey").asString()).isEqualTo("mine");
		String next = json.get("pagination").get("next").asString();
		assertThat(next).isEqualTo(second.substring("waitpoint_".length()));

		JsonNode older = this.http.get(TOKENS + "?page%5Bsize%5D=1&page%5Bafter%5D=" + next).json();
		assertThat(older.get("data").get(0).get("id").asString()).isEqualTo(first);
		assertThat(older.get("data").get(0).has("idempotencyKey")).as("a random key is not shown").isFalse();
		assertThat(older.get("data").get(0).get("tags").toString()).isEqualTo("[\"a\",\"b\"]");
		assertThat(older.get("pagination").has("next")).isFalse();
		assertThat(older.get("pagination").get("previous").asString())
			.isEqualTo(first.substring("waitpoint_".length()));
		assertThat(this.http.get(TOKENS + "?filter%5Bstatus%5D=COMPLETED").json().get("data")).isEmpty();
		assertThat(this.http.get(TOKENS + "?filter%5Btags%5D=a,z").json().get("data")).hasSize(1);
		assertThat(this.http.get(TOKENS + "?filter%5BidempotencyKey%5D=mine").json().get("data")).hasSize(1);
		assertThat(this.http.get(TOKENS + "?filter%5BcreatedAt%5D%5Bperiod%5D=30s").json().get("data")).hasSize(1);
	}

	@Test
	void listRefusesBadFiltersWithTheServersQueryError() {
		Http.Answer status = this.http.get(TOKENS + "?filter%5Bstatus%5D=WAITING,DONE,waiting");
		assertThat(status.status()).isEqualTo(400);
		assertThat(status.body()).isEqualTo("{\"error\":\"Query Error\",\"details\":[{\"code\":\"custom\","
				+ "\"message\":\"Invalid status values: DONE, waiting\",\"path\":[\"filter[status]\"]}]}");

		Http.Answer size = this.http.get(TOKENS + "?page%5Bsize%5D=0&filter%5BcreatedAt%5D%5Bfrom%5D=yesterday");
		assertThat(size.status()).isEqualTo(400);
		assertThat(size.json().get("details")).extracting((detail) -> detail.get("message").asString())
			.containsExactly("Number must be greater than 0", "Number must be greater than or equal to 1",
					"Invalid date");
		refused(this.http.get(TOKENS + "?page%5Bsize%5D=101"), 400, "Query Error");
		refused(this.http.get(TOKENS + "?page%5Bsize%5D=abc"), 400, "Query Error");
		nothingStoredAndStillServes();
	}

	@Test
	void aRunWaitsOnATokenShowsWaitingAndResumesWithItsData() {
		String token = create("{}").get("id").asString();
		String id = trigger("{\"token\":\"" + token + "\"}");
		this.emulator.advance(Duration.ofSeconds(10));

		JsonNode waiting = run(id);
		assertThat(waiting.get("status").asString()).isEqualTo("WAITING");
		assertThat(waiting.get("isWaiting").asBoolean()).isTrue();
		assertThat(this.http.get("/api/v1/runs?filter%5Bstatus%5D=WAITING").json().get("data")).hasSize(1);

		this.http.post(TOKENS + "/" + token + "/complete", "{\"data\":{\"by\":\"ann\"}}");
		this.emulator.advance(Duration.ofSeconds(10));

		JsonNode done = run(id);
		assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(done.get("output").toString()).isEqualTo("{\"approved\":{\"by\":\"ann\"}}");
	}

	@Test
	void aRunWaitsOnATokenItCreatedUntilItTimesOut() {
		String id = trigger("{}");
		this.emulator.advance(Duration.ofSeconds(10));
		JsonNode listed = this.http.get(TOKENS + "?filter%5Btags%5D=approval").json().get("data");
		assertThat(listed).hasSize(1);
		assertThat(listed.get(0).get("idempotencyKey").asString()).isEqualTo("approval-" + id);

		this.emulator.advance(Duration.ofHours(1));

		JsonNode done = run(id);
		assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(done.get("output").get("error").asString())
			.isEqualTo("Waitpoint timed out at 2026-11-22T11:00:00.000Z");
	}

	@Test
	void aStepMakesItsTokenAtItsStartWhetherTheClockJumpsOrCreeps() {
		List<String> jump = tokenTimeline(List.of(Duration.ofHours(2)));
		List<String> creep = tokenTimeline(Collections.nCopies(120, Duration.ofMinutes(1)));

		assertThat(jump).isEqualTo(creep);
		// Step 2 starts at 10:10:10 (step 1 took 10 s, then waited 10 min) and makes a
		// token timing out 30 min later; step 3 runs when it times out.
		assertThat(jump).containsExactly("TIMED_OUT", "2026-11-22T10:10:10.000Z", "2026-11-22T10:40:10.000Z",
				"2026-11-22T10:40:10.000Z", "COMPLETED", "2026-11-22T10:40:20.000Z", "{\"timedOut\":true}");
	}

	/**
	 * A run whose second step makes a token with a 30-minute timeout and waits on it, as
	 * the clock moves in the given steps with a request after each: what the token and
	 * the run show afterwards.
	 */
	private static List<String> tokenTimeline(List<Duration> moves) {
		ManualClock clock = new ManualClock(Instant.parse("2026-11-22T10:00:00Z"));
		try (TriggerEmulator emulator = TriggerEmulator.builder()
			.clock(clock)
			.task(EmulatedTask.of("late-token", (run) -> switch (run.step()) {
				case 1 -> TaskStep.waitFor(Duration.ofMinutes(10));
				case 2 -> TaskStep.waitForToken(run.createToken(Duration.ofMinutes(30)));
				default -> Map.of("timedOut", !run.tokenResult().ok());
			}).withDuration(Duration.ofSeconds(10)))
			.start()) {
			Http http = new Http(emulator);
			Http.Answer triggered = http.post("/api/v1/tasks/late-token/trigger", "{\"payload\":{}}");
			assertThat(triggered.status()).as(triggered.body()).isEqualTo(200);
			String runPath = "/api/v3/runs/" + triggered.json().get("id").asString();
			for (Duration move : moves) {
				emulator.advance(move);
				// A request: the engine processes what is due.
				assertThat(http.get(runPath).status()).isEqualTo(200);
			}
			JsonNode token = http.get(TOKENS).json().get("data").get(0);
			JsonNode run = http.get(runPath).json();
			return List.of(token.get("status").asString(), token.get("createdAt").asString(),
					token.get("timeoutAt").asString(), token.get("completedAt").asString(),
					run.get("status").asString(), run.get("finishedAt").asString(), run.get("output").toString());
		}
	}

}
