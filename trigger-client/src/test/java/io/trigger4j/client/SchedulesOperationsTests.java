package io.trigger4j.client;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.trigger4j.client.error.ServerException;
import io.trigger4j.client.error.TriggerDecodingException;
import io.trigger4j.client.model.OffsetPage;
import io.trigger4j.client.model.schedules.CreateScheduleRequest;
import io.trigger4j.client.model.schedules.Schedule;
import io.trigger4j.client.model.schedules.ScheduleType;
import io.trigger4j.client.model.schedules.UpdateScheduleRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Schedules: the request each operation sends, how answers decode (unknown fields
 * ignored, optional fields may be missing), the page walk, and the checks made before
 * anything is sent.
 */
@WireMockTest
class SchedulesOperationsTests {

	/**
	 * A schedule as the server sends it: with {@code window} and
	 * {@code nextRunEffectiveAt}, which the contract lacks, and fields trigger4j does not
	 * know.
	 */
	private static final String SCHEDULE = """
			{"id":"sched_h7b2c9kq4x1m3n5p8r0tw","type":"IMPERATIVE","task":"hourly-report","active":true,
			 "deduplicationKey":"hourly-report-acme","externalId":"acme",
			 "generator":{"type":"CRON","expression":"0 * * * *","description":"Every hour"},
			 "timezone":"Europe/Paris","window":"30m","nextRun":"2026-08-21T11:00:00.000Z",
			 "nextRunEffectiveAt":"2026-08-21T11:12:34.000Z",
			 "environments":[{"id":"cm0env1","type":"PRODUCTION","shortcode":"prod"}],
			 "appliedSchedulePolicy":{"minimumWindowSeconds":60,"reason":"free_schedule"}}""";

	/** A schedule without its optional fields, as an update answer may be. */
	private static final String BARE_SCHEDULE = """
			{"id":"sched_h7b2c9kq4x1m3n5p8r0tw","task":"hourly-report","active":false,
			 "generator":{"type":"CRON","expression":"30 * * * *"},"someNewField":1}""";

	private static final String ID = "sched_h7b2c9kq4x1m3n5p8r0tw";

	@Test
	void createPostsTheRequestAndDecodesTheSchedule(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/schedules").willReturn(okJson(SCHEDULE)));

		Schedule schedule = TestClients.client(wm)
			.schedules()
			.create(CreateScheduleRequest.builder()
				.task("hourly-report")
				.cron("0 * * * *")
				.deduplicationKey("hourly-report-acme")
				.externalId("acme")
				.timezone("Europe/Paris")
				.window("30m")
				.build())
			.block();

		assertThat(schedule.id()).isEqualTo(ID);
		assertThat(schedule.type()).isEqualTo(ScheduleType.IMPERATIVE);
		assertThat(schedule.type().known()).isEqualTo(ScheduleType.Known.IMPERATIVE);
		assertThat(schedule.task()).isEqualTo("hourly-report");
		assertThat(schedule.active()).isTrue();
		assertThat(schedule.deduplicationKey()).isEqualTo("hourly-report-acme");
		assertThat(schedule.externalId()).isEqualTo("acme");
		assertThat(schedule.generator()).isEqualTo(new Schedule.Generator("CRON", "0 * * * *", "Every hour"));
		assertThat(schedule.cron()).isEqualTo("0 * * * *");
		assertThat(schedule.timezone()).isEqualTo("Europe/Paris");
		assertThat(schedule.window()).isEqualTo("30m");
		assertThat(schedule.nextRun()).isEqualTo(Instant.parse("2026-08-21T11:00:00Z"));
		assertThat(schedule.nextRunEffectiveAt()).isEqualTo(Instant.parse("2026-08-21T11:12:34Z"));
		assertThat(schedule.environments())
			.containsExactly(new Schedule.Environment("cm0env1", "PRODUCTION", null, null));
		verify(postRequestedFor(urlEqualTo("/api/v1/schedules"))
			.withHeader("Authorization", equalTo("Bearer " + TestClients.SECRET_KEY))
			.withHeader("Content-Type", equalTo("application/json"))
			.withRequestBody(equalToJson("""
					{"task":"hourly-report","cron":"0 * * * *","deduplicationKey":"hourly-report-acme",
					 "externalId":"acme","timezone":"Europe/Paris","window":"30m"}""")));
	}

	@Test
	void createSendsOnlyWhatIsSetAndReadsAScheduleWithoutItsOptionalFields(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/schedules").willReturn(okJson(BARE_SCHEDULE)));

		Schedule schedule = TestClients.client(wm)
			.schedules()
			.create(CreateScheduleRequest.builder()
				.task("hourly-report")
				.cron("30 * * * *")
				.deduplicationKey("k")
				.timezone(ZoneId.of("America/New_York"))
				.window(Duration.ofHours(2))
				.build())
			.block();

		assertThat(schedule.type()).isNull();
		assertThat(schedule.active()).isFalse();
		assertThat(schedule.deduplicationKey()).isNull();
		assertThat(schedule.window()).isNull();
		assertThat(schedule.nextRun()).isNull();
		assertThat(schedule.nextRunEffectiveAt()).isNull();
		assertThat(schedule.generator().description()).isNull();
		assertThat(schedule.environments()).isEmpty();
		verify(postRequestedFor(urlEqualTo("/api/v1/schedules")).withRequestBody(equalToJson(
				"{\"task\":\"hourly-report\",\"cron\":\"30 * * * *\",\"deduplicationKey\":\"k\",\"timezone\":\"America/New_York\",\"window\":\"2h\"}")));
	}

	@Test
	void createIsRepeatedAfterA503BecauseItIsAnUpsert(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/schedules").willReturn(aResponse().withStatus(503).withBody("{\"error\":\"busy\"}")));

		catchThrowableOfType(ServerException.class,
				() -> TestClients.client(wm)
					.schedules()
					.create(CreateScheduleRequest.builder().task("t").cron("0 * * * *").deduplicationKey("k").build())
					.block());

		verify(5, postRequestedFor(urlEqualTo("/api/v1/schedules")));
	}

	@Test
	void listPageSendsPageAndPerPageAndReturnsThePagination(WireMockRuntimeInfo wm) {
		stubFor(get(urlPathEqualTo("/api/v1/schedules")).willReturn(okJson("{\"data\":[" + SCHEDULE
				+ "],\"pagination\":{\"currentPage\":2,\"totalPages\":3,\"count\":41},\"x\":1}")));

		OffsetPage<Schedule> page = TestClients.client(wm).schedules().listPage(2, 20).block();

		assertThat(page.data()).extracting(Schedule::id).containsExactly(ID);
		assertThat(page.currentPage()).isEqualTo(2);
		assertThat(page.totalPages()).isEqualTo(3);
		assertThat(page.count()).isEqualTo(41);
		assertThat(page.hasNext()).isTrue();
		verify(getRequestedFor(urlEqualTo("/api/v1/schedules?page=2&perPage=20"))
			.withHeader("Authorization", equalTo("Bearer " + TestClients.SECRET_KEY))
			.withHeader("x-trigger-request-idempotency-key", absent()));
	}

	@Test
	void listPageWithoutPaginationIsTheLastPage(WireMockRuntimeInfo wm) {
		stubFor(get(urlPathEqualTo("/api/v1/schedules")).willReturn(okJson("{\"data\":[" + BARE_SCHEDULE + "]}")));

		OffsetPage<Schedule> page = TestClients.client(wm).schedules().listPage(1, 100).block();

		assertThat(page.data()).hasSize(1);
		assertThat(page.currentPage()).isEqualTo(1);
		assertThat(page.hasNext()).isFalse();
		assertThat(page.count()).isEqualTo(1);
	}

	@Test
	void listWalksEveryPageUntilTheLast(WireMockRuntimeInfo wm) {
		stubFor(get(urlEqualTo("/api/v1/schedules?page=1")).willReturn(okJson(page(1, 3, "sched_1", "sched_2"))));
		stubFor(get(urlEqualTo("/api/v1/schedules?page=2")).willReturn(okJson(page(2, 3, "sched_2", "sched_3"))));
		stubFor(get(urlEqualTo("/api/v1/schedules?page=3")).willReturn(okJson(page(3, 3, "sched_4"))));

		List<String> ids = TestClients.client(wm).schedules().list().map(Schedule::id).collectList().block();

		// sched_2, pushed onto page 2 by a schedule created meanwhile, is streamed once.
		assertThat(ids).containsExactly("sched_1", "sched_2", "sched_3", "sched_4");
		verify(3, getRequestedFor(urlPathEqualTo("/api/v1/schedules")));
		verify(0, getRequestedFor(urlEqualTo("/api/v1/schedules?page=4")));
	}

	@Test
	void listStopsAtAnEmptyPage(WireMockRuntimeInfo wm) {
		stubFor(get(urlEqualTo("/api/v1/schedules?page=1")).willReturn(okJson(page(1, 5, "sched_1"))));
		stubFor(get(urlEqualTo("/api/v1/schedules?page=2")).willReturn(okJson(page(2, 5))));

		List<String> ids = TestClients.client(wm).schedules().list().map(Schedule::id).collectList().block();

		assertThat(ids).containsExactly("sched_1");
		verify(2, getRequestedFor(urlPathEqualTo("/api/v1/schedules")));
	}

	@Test
	void listFetchesTheNextPageOnlyWhenThePreviousOneIsConsumed(WireMockRuntimeInfo wm) {
		stubFor(get(urlEqualTo("/api/v1/schedules?page=1")).willReturn(okJson(page(1, 3, "sched_1", "sched_2"))));
		stubFor(get(urlEqualTo("/api/v1/schedules?page=2")).willReturn(okJson(page(2, 3, "sched_3", "sched_4"))));
		stubFor(get(urlEqualTo("/api/v1/schedules?page=3")).willReturn(okJson(page(3, 3, "sched_5"))));
		SchedulesOperations schedules = TestClients.client(wm).schedules();

		StepVerifier.create(schedules.list().map(Schedule::id), 0)
			.expectSubscription()
			.thenRequest(1)
			.expectNext("sched_1")
			.then(() -> verify(1, getRequestedFor(urlPathEqualTo("/api/v1/schedules"))))
			.thenCancel()
			.verify(Duration.ofSeconds(10));
		verify(1, getRequestedFor(urlPathEqualTo("/api/v1/schedules")));

		assertThat(schedules.list().map(Schedule::id).take(2).collectList().block()).containsExactly("sched_1",
				"sched_2");
		verify(2, getRequestedFor(urlEqualTo("/api/v1/schedules?page=1")));
		verify(0, getRequestedFor(urlEqualTo("/api/v1/schedules?page=2")));

		assertThat(schedules.list().map(Schedule::id).take(3).collectList().block()).containsExactly("sched_1",
				"sched_2", "sched_3");
		verify(1, getRequestedFor(urlEqualTo("/api/v1/schedules?page=2")));
		verify(0, getRequestedFor(urlEqualTo("/api/v1/schedules?page=3")));
	}

	static String page(int current, int total, String... ids) {
		StringBuilder data = new StringBuilder();
		for (String id : ids) {
			data.append(data.isEmpty() ? "" : ",")
				.append("{\"id\":\"")
				.append(id)
				.append("\",\"task\":\"t\",\"active\":true,\"generator\":{\"type\":\"CRON\",\"expression\":\"0 * * * *\"}}");
		}
		return "{\"data\":[" + data + "],\"pagination\":{\"currentPage\":" + current + ",\"totalPages\":" + total
				+ ",\"count\":" + (total * 2) + "}}";
	}

	@Test
	void retrieveGetsTheScheduleByIdOrByDeduplicationKey(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v1/schedules/" + ID).willReturn(okJson(SCHEDULE)));
		stubFor(get("/api/v1/schedules/hourly%20report").willReturn(okJson(BARE_SCHEDULE)));
		SchedulesOperations schedules = TestClients.client(wm).schedules();

		assertThat(schedules.retrieve(ID).block().window()).isEqualTo("30m");
		assertThat(schedules.retrieve("hourly report").block().externalId()).isNull();

		verify(getRequestedFor(urlEqualTo("/api/v1/schedules/" + ID))
			.withHeader("Authorization", equalTo("Bearer " + TestClients.SECRET_KEY))
			.withHeader("Content-Type", absent()));
		verify(getRequestedFor(urlEqualTo("/api/v1/schedules/hourly%20report")));
	}

	@Test
	void updatePutsTheRequestWithoutADeduplicationKey(WireMockRuntimeInfo wm) {
		stubFor(put("/api/v1/schedules/" + ID).willReturn(okJson(BARE_SCHEDULE)));

		Schedule schedule = TestClients.client(wm)
			.schedules()
			.update(ID,
					UpdateScheduleRequest.builder()
						.task("hourly-report")
						.cron("30 * * * *")
						.externalId("acme")
						.timezone("UTC")
						.windowPercentage(50)
						.build())
			.block();

		assertThat(schedule.cron()).isEqualTo("30 * * * *");
		assertThat(schedule.type()).isNull();
		verify(putRequestedFor(urlEqualTo("/api/v1/schedules/" + ID))
			.withHeader("Content-Type", equalTo("application/json"))
			.withRequestBody(equalToJson(
					"""
							{"task":"hourly-report","cron":"30 * * * *","externalId":"acme","timezone":"UTC","window":"50%"}""")));
	}

	@Test
	void deleteReturnsTheDeletedId(WireMockRuntimeInfo wm) {
		stubFor(delete("/api/v1/schedules/hourly-report-acme").willReturn(okJson("{\"id\":\"" + ID + "\",\"x\":1}")));

		assertThat(TestClients.client(wm).schedules().delete("hourly-report-acme").block()).isEqualTo(ID);
		verify(deleteRequestedFor(urlEqualTo("/api/v1/schedules/hourly-report-acme")).withHeader("Content-Length",
				equalTo("0")));
	}

	@Test
	void deleteReturnsTheGivenIdWhenTheAnswerHasNone(WireMockRuntimeInfo wm) {
		stubFor(delete("/api/v1/schedules/sched_1").willReturn(ok()));
		stubFor(delete("/api/v1/schedules/sched_2").willReturn(okJson("{}")));
		SchedulesOperations schedules = TestClients.client(wm).schedules();

		assertThat(schedules.delete("sched_1").block()).isEqualTo("sched_1");
		assertThat(schedules.delete("sched_2").block()).isEqualTo("sched_2");
	}

	@Test
	void deleteIsNotRepeatedAfterA503(WireMockRuntimeInfo wm) {
		stubFor(delete("/api/v1/schedules/sched_1")
			.willReturn(aResponse().withStatus(503).withBody("{\"error\":\"busy\"}")));

		catchThrowableOfType(ServerException.class, () -> TestClients.client(wm).schedules().delete("sched_1").block());

		verify(1, deleteRequestedFor(urlEqualTo("/api/v1/schedules/sched_1")));
	}

	@Test
	void activateAndDeactivatePostWithoutABody(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/schedules/" + ID + "/activate").willReturn(okJson(SCHEDULE)));
		stubFor(post("/api/v1/schedules/" + ID + "/deactivate").willReturn(okJson(BARE_SCHEDULE)));
		SchedulesOperations schedules = TestClients.client(wm).schedules();

		assertThat(schedules.activate(ID).block().active()).isTrue();
		assertThat(schedules.deactivate(ID).block().active()).isFalse();

		for (String action : List.of("activate", "deactivate")) {
			verify(postRequestedFor(urlEqualTo("/api/v1/schedules/" + ID + "/" + action))
				.withHeader("Authorization", equalTo("Bearer " + TestClients.SECRET_KEY))
				.withHeader("Content-Length", equalTo("0"))
				.withHeader("Content-Type", absent()));
		}
	}

	@Test
	void aScheduleWithoutIdIsADecodingError(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v1/schedules/sched_1").willReturn(okJson("{\"task\":\"t\",\"active\":true}")));

		assertThatExceptionOfType(TriggerDecodingException.class)
			.isThrownBy(() -> TestClients.client(wm).schedules().retrieve("sched_1").block())
			.withMessageStartingWith("Could not decode the response of schedules.retrieve as Schedule")
			.withMessageContaining("'id'");
	}

	@Test
	void anUnknownScheduleTypeKeepsItsName() {
		Schedule schedule = TestClients.read("{\"id\":\"sched_1\",\"type\":\"GENERATED\"}", Schedule.class);

		assertThat(schedule.type().value()).isEqualTo("GENERATED");
		assertThat(schedule.type().known()).isEqualTo(ScheduleType.Known.UNKNOWN);
		assertThat(TestClients.read("\"DECLARATIVE\"", ScheduleType.class)).isEqualTo(ScheduleType.DECLARATIVE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "0 30 4 1 * FRI", "0 0 * * * *", "* * * *", "0 *  * * *", " 0 * * * *", "0 * * * * ",
			"0\t* * * *", "" })
	void cronMustHaveExactlyFiveFieldsSeparatedBySingleSpaces(String cron, WireMockRuntimeInfo wm) {
		assertThatIllegalArgumentException().isThrownBy(() -> CreateScheduleRequest.builder().cron(cron))
			.withMessageStartingWith("cron must be a Unix cron expression of exactly 5 fields separated by single "
					+ "spaces (minute hour day-of-month month day-of-week), such as '0 * * * *', but was '" + cron
					+ "'");
		assertThatIllegalArgumentException().isThrownBy(() -> UpdateScheduleRequest.builder().cron(cron));
		verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void aSixFieldCronSaysSecondsAreNotAllowed() {
		assertThatIllegalArgumentException().isThrownBy(() -> CreateScheduleRequest.builder().cron("0 0 * * * *"))
			.withMessageEndingWith("but was '0 0 * * * *' (6 fields; seconds are not allowed)");
	}

	@ParameterizedTest
	@ValueSource(strings = { "60 * * * *", "0 24 * * *", "0 0 0 * *", "0 0 * 13 *", "0 0 * * 8", "5-3 * * * *",
			"0 0 ? * *", "0 0 15W * *", "@daily * * * *", "a b c d e" })
	void cronMustParseAsUnixCron(String cron, WireMockRuntimeInfo wm) {
		assertThatIllegalArgumentException().isThrownBy(() -> CreateScheduleRequest.builder().cron(cron))
			.withMessageStartingWith("cron must be a valid Unix cron expression "
					+ "(minute hour day-of-month month day-of-week) but was '" + cron + "': ");
		verify(0, anyRequestedFor(anyUrl()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "0 * * * *", "*/15 9-17 * * MON-FRI", "30 4 1 * FRI", "0 0 1,15 * *", "0 0 1 JAN *",
			"0 0 * * 0", "0 0 * * 7", "0 0 L * *", "0 0 * * 5L", "0 9 * * 1#2", "59 23 31 12 *" })
	void unixCronAndTheServersExtensionsAreAccepted(String cron) {
		assertThat(CreateScheduleRequest.builder().task("t").cron(cron).deduplicationKey("k").build().cron())
			.isEqualTo(cron);
	}

	@Test
	void theTimezoneMustBeAnIanaZone(WireMockRuntimeInfo wm) {
		assertThatIllegalArgumentException().isThrownBy(() -> CreateScheduleRequest.builder().timezone("Paris"))
			.withMessage("timezone must be an IANA timezone such as Europe/Paris or UTC "
					+ "(see schedules().timezones()) but was 'Paris'");
		assertThatIllegalArgumentException().isThrownBy(() -> UpdateScheduleRequest.builder().timezone("+02:00"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CreateScheduleRequest.builder().timezone(ZoneId.of("+02:00")));
		assertThat(CreateScheduleRequest.builder()
			.task("t")
			.cron("0 * * * *")
			.deduplicationKey("k")
			.timezone("Asia/Kolkata")
			.build()
			.timezone()).isEqualTo("Asia/Kolkata");
		verify(0, anyRequestedFor(anyUrl()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "0m", "30m", "1440m", "2h", "24h", "0%", "7%", "100%" })
	void aWindowInTheServersSyntaxIsAccepted(String window) {
		assertThat(CreateScheduleRequest.builder()
			.task("t")
			.cron("0 * * * *")
			.deduplicationKey("k")
			.window(window)
			.build()
			.window()).isEqualTo(window);
	}

	@ParameterizedTest
	@ValueSource(strings = { "30", "30s", "1d", "1.5h", "-5m", "05m", "101%", "50 %", "30M", "" })
	void aWindowOutsideTheServersSyntaxIsRefused(String window, WireMockRuntimeInfo wm) {
		assertThatIllegalArgumentException().isThrownBy(() -> CreateScheduleRequest.builder().window(window))
			.withMessage("window must be a whole number of minutes or hours up to 24 hours (like 30m or 2h) "
					+ "or a whole percentage up to 100% (like 50%) but was '" + window + "'");
		verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void aWindowIsAtMost24Hours() {
		assertThatIllegalArgumentException().isThrownBy(() -> UpdateScheduleRequest.builder().window("25h"))
			.withMessage("window must be at most 24 hours (1440m or 24h) but was '25h'");
		assertThatIllegalArgumentException().isThrownBy(() -> UpdateScheduleRequest.builder().window("1441m"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> UpdateScheduleRequest.builder().window(Duration.ofHours(25)))
			.withMessage("window must be a whole number of minutes from 0 to 24 hours but was PT25H");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> UpdateScheduleRequest.builder().window(Duration.ofSeconds(90)));
		assertThatIllegalArgumentException().isThrownBy(() -> UpdateScheduleRequest.builder().windowPercentage(101))
			.withMessage("windowPercentage must be between 0 and 100 but was 101");
		assertThat(UpdateScheduleRequest.builder()
			.task("t")
			.cron("0 * * * *")
			.window(Duration.ofMinutes(90))
			.build()
			.window()).isEqualTo("90m");
		assertThat(UpdateScheduleRequest.builder().task("t").cron("0 * * * *").window(Duration.ZERO).build().window())
			.isEqualTo("0m");
	}

	@Test
	void theRequiredFieldsMustBeSet(WireMockRuntimeInfo wm) {
		assertThatIllegalStateException()
			.isThrownBy(() -> CreateScheduleRequest.builder().task("t").cron("0 * * * *").build())
			.withMessage("deduplicationKey must be set: CreateScheduleRequest.builder().deduplicationKey(...); "
					+ "task, cron and deduplicationKey are required");
		assertThatIllegalStateException()
			.isThrownBy(() -> CreateScheduleRequest.builder().cron("0 * * * *").deduplicationKey("k").build())
			.withMessageStartingWith("task must be set");
		assertThatIllegalStateException().isThrownBy(() -> UpdateScheduleRequest.builder().task("t").build())
			.withMessage("cron must be set: UpdateScheduleRequest.builder().cron(...); task and cron are required");
		assertThatIllegalArgumentException().isThrownBy(() -> CreateScheduleRequest.builder().task(" t"))
			.withMessage("task must not start or end with whitespace but was ' t'");
		assertThatIllegalArgumentException().isThrownBy(() -> CreateScheduleRequest.builder().deduplicationKey(" "))
			.withMessage("deduplicationKey must not be blank");
		verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void theArgumentsAreCheckedBeforeSending(WireMockRuntimeInfo wm) {
		SchedulesOperations schedules = TestClients.client(wm).schedules();
		UpdateScheduleRequest update = UpdateScheduleRequest.builder().task("t").cron("0 * * * *").build();

		assertThatIllegalArgumentException().isThrownBy(() -> schedules.listPage(0, 20))
			.withMessage("page must be at least 1 (pages are numbered from 1) but was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> schedules.listPage(1, 101))
			.withMessage("perPage must be between 1 and 100 but was 101");
		assertThatIllegalArgumentException().isThrownBy(() -> schedules.listPage(1, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> schedules.retrieve(" "))
			.withMessage("scheduleId must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> schedules.update("", update))
			.withMessage("scheduleId must not be blank");
		assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> schedules.update(ID, null))
			.withMessage("request must not be null");
		assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> schedules.create(null))
			.withMessage("request must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> schedules.delete("sched_1 "))
			.withMessage("scheduleId must not start or end with whitespace but was 'sched_1 '");
		assertThatIllegalArgumentException().isThrownBy(() -> schedules.activate(""));
		assertThatIllegalArgumentException().isThrownBy(() -> schedules.deactivate(""));
		verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void schedulesTakeOnlyTheSecretKey(WireMockRuntimeInfo wm) {
		TriggerOperations view = TestClients.builder(wm)
			.accessToken(TestClients.ACCESS_TOKEN)
			.build()
			.withOptions(RequestOptions.builder().credential(Credential.PERSONAL_ACCESS_TOKEN).build());

		assertThatIllegalArgumentException().isThrownBy(() -> view.schedules().retrieve(ID))
			.withMessage("schedules.retrieve does not accept the credential PERSONAL_ACCESS_TOKEN named in the "
					+ "request options; it accepts [SECRET_KEY]");
		verify(0, anyRequestedFor(anyUrl()));
	}

}
