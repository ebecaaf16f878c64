package io.trigger4j.emulator;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schedule routes over HTTP, answering as the server does: create (an upsert by
 * deduplication key), list, retrieve, update, delete, deactivate, activate, and the runs
 * they fire.
 */
class ScheduleRoutesTests extends EmulatorTestSupport {

	private static final String ENV = "\"environments\":[{\"id\":\"cm0emulator0000000000000\"";

	private static final String HOURLY = "{\"task\":\"scheduled-report\",\"cron\":\"0 * * * *\","
			+ "\"deduplicationKey\":\"hourly\",\"externalId\":\"user-1\",\"timezone\":\"Europe/Berlin\"}";

	private Http.Answer delete(String path) {
		return Http.send(this.http.request(path).DELETE());
	}

	private String create(String body) {
		Http.Answer answer = this.http.post("/api/v1/schedules", body);
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		return answer.json().get("id").asString();
	}

	private int scheduleCount() {
		Http.Answer answer = this.http.get("/api/v1/schedules");
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		return answer.json().get("pagination").get("count").asInt();
	}

	private void refused(Http.Answer answer, int status, String error) {
		assertThat(answer.status()).as(answer.body()).isEqualTo(status);
		assertThat(answer.header("Content-Type")).startsWith("application/json");
		assertThat(answer.json().get("error").asString()).isEqualTo(error);
	}

	/** A refused request stored nothing, and the next requests are served. */
	private void nothingStoredAndStillServes() {
		assertThat(scheduleCount()).isZero();
		String id = create("{\"task\":\"scheduled-report\",\"cron\":\"*/5 * * * *\",\"deduplicationKey\":\"after\"}");
		assertThat(this.http.get("/api/v1/schedules/" + id).status()).isEqualTo(200);
		String run = trigger("hello-world", "{\"payload\":{\"name\":\"after\"}}");
		assertThat(run(run).get("status").asString()).isEqualTo("COMPLETED");
	}

	@Test
	void createAnswersTheSchedule() {
		Http.Answer answer = this.http.post("/api/v1/schedules", HOURLY);

		assertThat(answer.status()).isEqualTo(200);
		String id = answer.json().get("id").asString();
		assertThat(id).matches("sched_[1-9a-km-z]{21}");
		assertThat(answer.body()).isEqualTo("{\"id\":\"" + id
				+ "\",\"type\":\"IMPERATIVE\",\"task\":\"scheduled-report\","
				+ "\"active\":true,\"generator\":{\"type\":\"CRON\",\"expression\":\"0 * * * *\",\"description\":\"Every hour\"},"
				+ "\"timezone\":\"Europe/Berlin\",\"externalId\":\"user-1\",\"deduplicationKey\":\"hourly\"," + ENV
				+ ",\"shortcode\":\"emulator\",\"type\":\"DEVELOPMENT\",\"userName\":\"emulator\"}],"
				+ "\"nextRun\":\"2026-11-22T11:00:00.000Z\",\"nextRunEffectiveAt\":\"2026-11-22T11:00:00.000Z\"}");
	}

	@Test
	void createIsAnUpsertByDeduplicationKey() {
		String id = create(HOURLY);

		Http.Answer again = this.http.post("/api/v1/schedules",
				"{\"task\":\"scheduled-report\",\"cron\":\"*/15 * * * *\","
						+ "\"deduplicationKey\":\"hourly\",\"window\":\"60m\"}");

		assertThat(again.status()).isEqualTo(200);
		assertThat(again.json().get("id").asString()).isEqualTo(id);
		assertThat(again.json().get("generator").get("description").asString()).isEqualTo("Every 15 minutes");
		assertThat(again.json().get("timezone").asString()).as("back to the default").isEqualTo("UTC");
		assertThat(again.json().get("window").asString()).isEqualTo("1h");
		assertThat(again.json().has("externalId")).isFalse();
		assertThat(again.json().get("nextRun").asString()).isEqualTo("2026-11-22T10:15:00.000Z");
		assertThat(scheduleCount()).isEqualTo(1);
	}

	@Test
	void retrieveByIdOrKeyDeactivateAndActivateAnswerTheView() {
		String id = create(HOURLY);
		String view = "{\"id\":\"" + id + "\",\"type\":\"IMPERATIVE\",\"task\":\"scheduled-report\",\"active\":%s,"
				+ "\"nextRun\":%s,\"nextRunEffectiveAt\":%s,"
				+ "\"generator\":{\"type\":\"CRON\",\"expression\":\"0 * * * *\",\"description\":\"Every hour\"},"
				+ "\"timezone\":\"Europe/Berlin\",\"externalId\":\"user-1\",\"deduplicationKey\":\"hourly\"," + ENV
				+ ",\"type\":\"DEVELOPMENT\"}]}";
		String active = String.format(view, "true", "\"2026-11-22T11:00:00.000Z\"", "\"2026-11-22T11:00:00.000Z\"");

		assertThat(this.http.get("/api/v1/schedules/" + id).body()).isEqualTo(active);
		assertThat(this.http.get("/api/v1/schedules/hourly").body()).isEqualTo(active);

		Http.Answer deactivated = this.http.post("/api/v1/schedules/" + id + "/deactivate", "");
		assertThat(deactivated.status()).isEqualTo(200);
		assertThat(deactivated.body()).isEqualTo(String.format(view, "false", "null", "null"));
		this.emulator.advance(Duration.ofHours(2));
		assertThat(ids("/api/v1/runs?filter%5Bschedule%5D=" + id)).isEmpty();

		Http.Answer activated = this.http.post("/api/v1/schedules/hourly/activate", "");
		assertThat(activated.status()).isEqualTo(200);
		assertThat(activated.body())
			.isEqualTo(String.format(view, "true", "\"2026-11-22T13:00:00.000Z\"", "\"2026-11-22T13:00:00.000Z\""));
		this.emulator.advance(Duration.ofHours(1));
		assertThat(ids("/api/v1/runs?filter%5Bschedule%5D=" + id)).hasSize(1);
	}

	@Test
	void listPagesNewestFirst() {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			ids.add(0, create("{\"task\":\"scheduled-report\",\"cron\":\"0 9 * * 1\",\"deduplicationKey\":\"k" + i
					+ "\",\"window\":\"30%\"}"));
			this.emulator.advance(Duration.ofSeconds(1));
		}

		Http.Answer first = this.http.get("/api/v1/schedules?perPage=2");
		assertThat(first.status()).isEqualTo(200);
		assertThat(first.json().get("pagination").toString())
			.isEqualTo("{\"currentPage\":1,\"totalPages\":2,\"count\":3}");
		assertThat(first.json().get("data")).hasSize(2);
		assertThat(first.json().get("data").get(0).get("id").asString()).isEqualTo(ids.get(0));
		assertThat(first.json().get("data").get(0).toString()).isEqualTo("{\"id\":\"" + ids.get(0)
				+ "\",\"type\":\"IMPERATIVE\",\"task\":\"scheduled-report\","
				+ "\"generator\":{\"type\":\"CRON\",\"expression\":\"0 9 * * 1\",\"description\":\"At 09:00 AM, only on Monday\"},"
				+ "\"timezone\":\"UTC\",\"window\":\"30%\",\"deduplicationKey\":\"k2\",\"externalId\":null,\"active\":true,"
				+ "\"nextRun\":\"2026-11-23T09:00:00.000Z\",\"nextRunEffectiveAt\":\"2026-11-23T09:00:00.000Z\"," + ENV
				+ ",\"type\":\"DEVELOPMENT\",\"slug\":\"dev\",\"userName\":\"emulator\"}]}");

		Http.Answer second = this.http.get("/api/v1/schedules?page=2&perPage=2");
		assertThat(second.json().get("pagination").toString())
			.isEqualTo("{\"currentPage\":2,\"totalPages\":2,\"count\":3}");
		assertThat(second.json().get("data").get(0).get("id").asString()).isEqualTo(ids.get(2));
		assertThat(this.http.get("/api/v1/schedules?page=9&perPage=500").json().toString())
			.isEqualTo("{\"data\":[],\"pagination\":{\"currentPage\":9,\"totalPages\":1,\"count\":3}}");
		assertThat(this.http.get("/api/v1/schedules?page=2&page=1").json().get("pagination").get("currentPage").asInt())
			.as("the last of repeated parameters wins")
			.isEqualTo(1);
	}

	@Test
	void updateAnswersTheScheduleAndAnUnknownIdCreatesOne() {
		String id = create(HOURLY);

		Http.Answer updated = this.http.put("/api/v1/schedules/" + id,
				"{\"task\":\"scheduled-report\",\"cron\":\"30 9 * * *\",\"timezone\":\"America/New_York\"}");
		assertThat(updated.status()).as(updated.body()).isEqualTo(200);
		assertThat(updated.json().get("id").asString()).isEqualTo(id);
		assertThat(updated.json().get("generator").get("description").asString()).isEqualTo("At 09:30 AM");
		assertThat(updated.json().get("deduplicationKey").asString()).isEqualTo("hourly");
		assertThat(updated.json().has("externalId")).isFalse();
		assertThat(updated.json().get("nextRun").asString()).isEqualTo("2026-11-22T14:30:00.000Z");

		Http.Answer created = this.http.put("/api/v1/schedules/sched_doesnotexist00000000",
				"{\"task\":\"scheduled-report\",\"cron\":\"0 0 * * *\"}");
		assertThat(created.status()).isEqualTo(200);
		assertThat(created.json().get("id").asString()).startsWith("sched_").isNotIn(id, "sched_doesnotexist00000000");
		assertThat(created.json().has("deduplicationKey")).isFalse();
		assertThat(scheduleCount()).isEqualTo(2);
	}

	@Test
	void deleteAnswersTheIdOnceThen404() {
		String id = create(HOURLY);

		Http.Answer deleted = delete("/api/v1/schedules/" + id);

		assertThat(deleted.status()).isEqualTo(200);
		assertThat(deleted.body()).isEqualTo("{\"id\":\"" + id + "\"}");
		refused(delete("/api/v1/schedules/" + id), 404, "Schedule not found");
		refused(this.http.get("/api/v1/schedules/" + id), 404, "Schedule not found");
		refused(this.http.get("/api/v1/schedules/hourly"), 404, "Schedule not found");
		refused(this.http.post("/api/v1/schedules/" + id + "/activate", ""), 404, "Schedule not found");
		refused(this.http.post("/api/v1/schedules/" + id + "/deactivate", ""), 404, "Schedule not found");
		assertThat(scheduleCount()).isZero();
	}

	@Test
	void anActiveScheduleFiresAtEachInstantAndItsRunsLinkBack() {
		String id = create(HOURLY);
		String other = create("{\"task\":\"scheduled-report\",\"cron\":\"30 * * * *\",\"deduplicationKey\":\"half\"}");
		String manual = trigger("scheduled-report", "{\"payload\":{}}");

		this.emulator.advance(Duration.ofHours(3));

		List<String> fired = ids("/api/v1/runs?filter%5Bschedule%5D=" + id);
		assertThat(fired).hasSize(3);
		assertThat(ids("/api/v1/runs?filter%5Bschedule%5D=" + other)).hasSize(3).doesNotContainAnyElementsOf(fired);
		assertThat(ids("/api/v1/runs?filter%5Bschedule%5D=")).as("an empty filter is none").hasSize(7);
		assertThat(ids("/api/v1/runs?filter%5Bschedule%5D=sched_unknown")).isEmpty();
		assertThat(ids("/api/v1/runs?filter%5Bschedule%5D=hourly")).as("only a sched_ id names a schedule").isEmpty();
		JsonNode oldest = run(fired.get(2));
		assertThat(oldest.get("createdAt").asString()).isEqualTo("2026-11-22T11:00:00.000Z");
		assertThat(oldest.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(oldest.get("schedule").toString())
			.isEqualTo("{\"id\":\"" + id + "\",\"externalId\":\"user-1\",\"deduplicationKey\":\"hourly\","
					+ "\"generator\":{\"type\":\"CRON\",\"expression\":\"0 * * * *\",\"description\":\"Every hour\"}}");
		JsonNode payload = oldest.get("payload");
		assertThat(payload.get("scheduleId").asString()).isEqualTo(id);
		assertThat(payload.get("type").asString()).isEqualTo("IMPERATIVE");
		assertThat(payload.get("timestamp").asString()).isEqualTo("2026-11-22T11:00:00.000Z");
		assertThat(payload.has("lastTimestamp")).isFalse();
		assertThat(payload.get("externalId").asString()).isEqualTo("user-1");
		assertThat(payload.get("timezone").asString()).isEqualTo("Europe/Berlin");
		assertThat(payload.get("upcoming")).hasSize(10);
		assertThat(oldest.get("output").get("scheduleId").asString()).as("the handler saw the payload").isEqualTo(id);
		assertThat(run(fired.get(0)).get("payload").get("lastTimestamp").asString())
			.isEqualTo("2026-11-22T12:00:00.000Z");
		assertThat(run(manual).has("schedule")).isFalse();

		delete("/api/v1/schedules/" + id);
		assertThat(run(fired.get(0)).has("schedule")).as("the schedule is gone").isFalse();
		assertThat(ids("/api/v1/runs?filter%5Bschedule%5D=" + id)).isEmpty();
	}

	@Test
	void refusalsHaveTheServersStatusAndTexts() {
		refused(this.http.post("/api/v1/schedules",
				"{\"task\":\"scheduled-report\",\"cron\":\"0 0 * * * *\",\"deduplicationKey\":\"k\"}"), 422,
				"Invalid cron expression: CRON expressions with seconds are not allowed");
		refused(this.http.post("/api/v1/schedules",
				"{\"task\":\"scheduled-report\",\"cron\":\"61 * * * *\",\"deduplicationKey\":\"k\"}"), 422,
				"Invalid cron expression: Constraint error, got value 61 expected range 0-59");
		refused(this.http.post("/api/v1/schedules",
				"{\"task\":\"scheduled-report\",\"cron\":\"0 * * * *\",\"deduplicationKey\":\"k\",\"timezone\":\"Moon/Base\"}"),
				422,
				"Invalid IANA timezone: 'Moon/Base'. View the list of valid timezones at https://cloud.trigger.dev/timezones");
		refused(this.http.post("/api/v1/schedules",
				"{\"task\":\"nope\",\"cron\":\"0 * * * *\",\"deduplicationKey\":\"k\"}"), 422,
				"Task with identifier nope not found in project.");
		refused(this.http.post("/api/v1/schedules",
				"{\"task\":\"hello-world\",\"cron\":\"0 * * * *\",\"deduplicationKey\":\"k\"}"), 422,
				"Task with identifier hello-world is not a scheduled task.");
		refused(this.http.put("/api/v1/schedules/k", "{\"task\":\"hello-world\",\"cron\":\"0 * * * *\"}"), 422,
				"Task with identifier hello-world is not a scheduled task.");
		refused(this.http.post("/api/v1/schedules",
				"{\"task\":\"scheduled-report\",\"cron\":\"@daily\",\"deduplicationKey\":\"k\"}"), 500,
				"Something went wrong, please try again.");

		Http.Answer invalid = this.http.post("/api/v1/schedules",
				"{\"cron\":5,\"externalId\":null,\"window\":\"25h\"}");
		refused(invalid, 400, "Invalid request body");
		assertThat(invalid.json().get("issues").toString()).isEqualTo("["
				+ "{\"code\":\"invalid_type\",\"expected\":\"string\",\"received\":\"undefined\",\"path\":[\"task\"],\"message\":\"Required\"},"
				+ "{\"code\":\"invalid_type\",\"expected\":\"string\",\"received\":\"number\",\"path\":[\"cron\"],\"message\":\"Expected string, received number\"},"
				+ "{\"code\":\"invalid_type\",\"expected\":\"string\",\"received\":\"undefined\",\"path\":[\"deduplicationKey\"],\"message\":\"Required\"},"
				+ "{\"code\":\"invalid_type\",\"expected\":\"string\",\"received\":\"null\",\"path\":[\"externalId\"],\"message\":\"Expected string, received null\"},"
				+ "{\"code\":\"custom\",\"message\":\"Schedule window duration cannot exceed 24 hours\",\"path\":[\"window\"]}]");
		Http.Answer update = this.http.put("/api/v1/schedules/k", "{\"task\":\"scheduled-report\"}");
		refused(update, 400, "Invalid request body");
		assertThat(update.json().get("issues")).hasSize(1);
		assertThat(update.json().get("issues").get(0).get("path").toString()).isEqualTo("[\"cron\"]");
		assertThat(scheduleCount()).isZero();
	}

	@Test
	void badPagesAreInvalidRequestParameters() {
		Http.Answer answer = this.http.get("/api/v1/schedules?page=0&perPage=-1.5");

		refused(answer, 400, "Invalid request parameters");
		assertThat(answer.json().get("issues").toString()).isEqualTo("["
				+ "{\"code\":\"too_small\",\"minimum\":0,\"type\":\"number\",\"inclusive\":false,\"exact\":false,\"message\":\"Number must be greater than 0\",\"path\":[\"page\"]},"
				+ "{\"code\":\"invalid_type\",\"expected\":\"integer\",\"received\":\"float\",\"message\":\"Expected integer, received float\",\"path\":[\"perPage\"]},"
				+ "{\"code\":\"too_small\",\"minimum\":0,\"type\":\"number\",\"inclusive\":false,\"exact\":false,\"message\":\"Number must be greater than 0\",\"path\":[\"perPage\"]}]");
		assertThat(this.http.get("/api/v1/schedules?page=abc").json().get("issues").get(0).get("message").asString())
			.isEqualTo("Expected number, received nan");
		assertThat(this.http.get("/api/v1/schedules?page=1e400").status()).isEqualTo(400);
		assertThat(this.http.get("/api/v1/schedules?page=0x2").json().get("pagination").get("currentPage").asInt())
			.isEqualTo(2);
		assertThat(this.http.get("/api/v1/schedules?page=99999999999999999999").json().get("pagination").toString())
			.isEqualTo("{\"currentPage\":100000000000000000000,\"totalPages\":0,\"count\":0}");
	}

	@Test
	void theRoutesAreLegacyRoutesAndTimezonesIsOpen() {
		HttpRequest.Builder noKey = HttpRequest.newBuilder(URI.create(this.emulator.baseUrl() + "/api/v1/schedules"));
		Http.Answer missing = Http.send(noKey.GET());
		assertThat(missing.status()).isEqualTo(401);
		assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
		refused(Http.send(HttpRequest.newBuilder(URI.create(this.emulator.baseUrl() + "/api/v1/schedules/sched_1"))
			.header("Authorization", "Bearer pk_dev_nope")
			.GET()), 401, "Invalid or Missing API Key");

		Http.Answer timezones = Http
			.send(HttpRequest.newBuilder(URI.create(this.emulator.baseUrl() + "/api/v1/timezones")).GET());
		assertThat(timezones.status()).isEqualTo(200);
		assertThat(timezones.json().get("timezones").get(0).asString()).isEqualTo("UTC");
	}

	@ParameterizedTest
	@ValueSource(strings = { "null", "[]", "\"text\"", "{", "", "{\"task\":{},\"cron\":[],\"deduplicationKey\":true}",
			"{\"task\":\"scheduled-report\",\"cron\":\"0 * * * *\",\"deduplicationKey\":\"k\",\"timezone\":7}",
			"{\"task\":\"scheduled-report\",\"cron\":\"0 * * * *\",\"deduplicationKey\":\"k\",\"window\":\"1e400h\"}",
			"{\"task\":\"scheduled-report\",\"cron\":\"0 * * * *\",\"deduplicationKey\":\"k\",\"window\":\"99999999999999999999999h\"}",
			"{\"task\":\"scheduled-report\",\"cron\":\"9999999999999999999999999999-1 * * * *\",\"deduplicationKey\":\"k\"}",
			"{\"task\":\"scheduled-report\",\"cron\":\"0 0 * * 1#2\",\"deduplicationKey\":\"k\",\"timezone\":\"\\u0000\"}",
			"{\"task\":\"scheduled-report\",\"cron\":\"\\u0000 * * * *\",\"deduplicationKey\":\"k\"}",
			"{\"task\":\"scheduled-report\",\"cron\":\"0 * * * *\",\"deduplicationKey\":\"k\",\"externalId\":{\"a\":1}}" })
	void hostileCreatesAreRefusedAndStoreNothing(String body) {
		Http.Answer answer = this.http.post("/api/v1/schedules", body);

		assertThat(answer.status()).as(answer.body()).isBetween(400, 499);
		assertThat(answer.header("Content-Type")).startsWith("application/json");
		nothingStoredAndStillServes();
	}

	@Test
	void overlongTextsAreRefusedAndStoreNothing() {
		String longKey = "k".repeat(2049);
		Http.Answer answer = this.http.post("/api/v1/schedules",
				"{\"task\":\"scheduled-report\",\"cron\":\"0 * * * *\"," + "\"deduplicationKey\":\"" + longKey
						+ "\",\"externalId\":\"" + longKey + "\"}");

		refused(answer, 400, "Invalid request body");
		assertThat(answer.json().get("issues").get(0).toString()).isEqualTo("{\"code\":\"too_big\",\"maximum\":2048,"
				+ "\"type\":\"string\",\"inclusive\":true,\"exact\":false,"
				+ "\"message\":\"String must contain at most 2048 character(s)\",\"path\":[\"deduplicationKey\"]}");
		assertThat(answer.json().get("issues")).hasSize(2);
		refused(this.http.put("/api/v1/schedules/x",
				"{\"task\":\"scheduled-report\",\"cron\":\"" + "1,".repeat(1100) + "1 * * * *\"}"), 400,
				"Invalid request body");
		nothingStoredAndStillServes();
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "/api/v1/schedules/%25", "/api/v1/schedules/sched_%E0%A4%81/activate", "/api/v1/schedules/x" })
	void oddIdsAre404AndBreakNothing(String path) {
		Http.Answer answer = this.http.post(path.endsWith("activate") ? path : path + "/deactivate", "");

		assertThat(answer.status()).as(answer.body()).isBetween(400, 404);
		nothingStoredAndStillServes();
	}

}
