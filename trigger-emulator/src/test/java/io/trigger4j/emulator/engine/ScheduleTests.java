package io.trigger4j.emulator.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.trigger4j.emulator.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Schedules on the engine alone: the server's upsert, refusals and texts, and fires in
 * engine time at each cron instant, however late the tick.
 */
class ScheduleTests {

	/** A Sunday. */
	private static final Instant START = Instant.parse("2026-11-22T10:00:00Z");

	private final ManualClock clock = new ManualClock(START);

	private final Engine engine = new Engine(this.clock, List.of(task("report", true, null, null),
			task("plain", false, null, null), task("nightly", true, "0 0 * * *", "Europe/Berlin")),
			Duration.ofSeconds(10));

	private final Schedules schedules = this.engine.schedules();

	private static TaskSpec task(String id, boolean scheduled, String cron, String timezone) {
		return new TaskSpec(id, Duration.ZERO, 1, Duration.ZERO, 0,
				(context) -> new StepOutcome.Complete(JsonNodeFactory.instance.stringNode("done")), scheduled, cron,
				timezone);
	}

	private static ScheduleSpec spec(String cron, String key) {
		return new ScheduleSpec("report", cron, key, null, null, null);
	}

	private static Instant at(String time) {
		return Instant.parse("2026-11-22T" + time + "Z");
	}

	/** The runs a schedule fired, oldest first. */
	private List<RunSnapshot> runsOf(String scheduleId) {
		List<RunSnapshot> runs = new ArrayList<>(this.engine
			.list(new ListQuery(null, null, null, null, null, null, null, null, null, false, null, null, 100, null,
					null, scheduleId))
			.data());
		java.util.Collections.reverse(runs);
		return runs;
	}

	private static List<Instant> createdAt(List<RunSnapshot> runs) {
		return runs.stream().map(RunSnapshot::createdAt).toList();
	}

	@Test
	void createIsAnUpsertByDeduplicationKey() {
		ScheduleSnapshot created = this.schedules
			.create(new ScheduleSpec("report", "0 * * * *", "daily-report", "user-1", null, null));

		assertThat(created.id()).matches("sched_[1-9a-km-z]{21}");
		assertThat(created.type()).isEqualTo("IMPERATIVE");
		assertThat(created.task()).isEqualTo("report");
		assertThat(created.active()).isTrue();
		assertThat(created.deduplicationKey()).isEqualTo("daily-report");
		assertThat(created.externalId()).isEqualTo("user-1");
		assertThat(created.description()).isEqualTo("Every hour");
		assertThat(created.timezone()).isEqualTo("UTC");
		assertThat(created.window()).isNull();
		assertThat(created.createdAt()).isEqualTo(START);
		assertThat(created.nextRun()).isEqualTo(at("11:00:00"));

		ScheduleSnapshot updated = this.schedules
			.create(new ScheduleSpec("report", "*/30 * * * *", "daily-report", null, "Europe/Berlin", "60m"));
		assertThat(updated.id()).isEqualTo(created.id());
		assertThat(updated.cron()).isEqualTo("*/30 * * * *");
		assertThat(updated.description()).isEqualTo("Every 30 minutes");
		assertThat(updated.externalId()).isNull();
		assertThat(updated.timezone()).isEqualTo("Europe/Berlin");
		assertThat(updated.window()).isEqualTo("1h");
		assertThat(updated.nextRun()).isEqualTo(at("10:30:00"));
		assertThat(this.schedules.list(1, 20).count()).as("and the declarative one").isEqualTo(2);
		assertThat(this.schedules.find("daily-report")).contains(updated);
		assertThat(this.schedules.find(created.id())).contains(updated);
	}

	@Test
	void anActiveScheduleFiresAtEachInstantWithTheScheduledTaskPayload() {
		ScheduleSnapshot schedule = this.schedules
			.create(new ScheduleSpec("report", "*/30 * * * *", "k", "tenant-7", null, null));

		this.clock.advance(Duration.ofMinutes(65));
		List<RunSnapshot> runs = runsOf(schedule.id());

		assertThat(createdAt(runs)).containsExactly(at("10:30:00"), at("11:00:00"));
		RunSnapshot first = runs.get(0);
		assertThat(first.taskIdentifier()).isEqualTo("report");
		assertThat(first.scheduleId()).isEqualTo(schedule.id());
		assertThat(first.state()).isEqualTo(RunState.COMPLETED_SUCCESSFULLY);
		JsonNode payload = first.payload();
		assertThat(payload.propertyNames()).containsExactly("scheduleId", "type", "timestamp", "externalId", "timezone",
				"upcoming");
		assertThat(payload.get("scheduleId").asString()).isEqualTo(schedule.id());
		assertThat(payload.get("type").asString()).isEqualTo("IMPERATIVE");
		assertThat(payload.get("timestamp").asString()).isEqualTo("2026-11-22T10:30:00.000Z");
		assertThat(payload.get("externalId").asString()).isEqualTo("tenant-7");
		assertThat(payload.get("timezone").asString()).isEqualTo("UTC");
		assertThat(payload.get("upcoming")).hasSize(10);
		assertThat(payload.get("upcoming").get(0).asString()).isEqualTo("2026-11-22T11:00:00.000Z");
		assertThat(payload.get("upcoming").get(9).asString()).isEqualTo("2026-11-22T15:30:00.000Z");
		JsonNode second = runs.get(1).payload();
		assertThat(second.get("timestamp").asString()).isEqualTo("2026-11-22T11:00:00.000Z");
		assertThat(second.get("lastTimestamp").asString()).isEqualTo("2026-11-22T10:30:00.000Z");
		assertThat(this.schedules.find(schedule.id()).orElseThrow().nextRun()).isEqualTo(at("11:30:00"));
	}

	@Test
	void oneLateTickAcrossSeveralInstantsFiresEachOnceAtItsInstant() {
		ScheduleSnapshot schedule = this.schedules.create(spec("0 * * * *", "hourly"));

		this.clock.advance(Duration.ofHours(5).plusMinutes(30));
		this.engine.tick();
		this.engine.tick();

		List<RunSnapshot> runs = runsOf(schedule.id());
		assertThat(createdAt(runs)).containsExactly(at("11:00:00"), at("12:00:00"), at("13:00:00"), at("14:00:00"),
				at("15:00:00"));
		assertThat(runs).allSatisfy((run) -> assertThat(run.startedAt()).isEqualTo(run.createdAt()));
		assertThat(runs.get(4).payload().get("lastTimestamp").asString()).isEqualTo("2026-11-22T14:00:00.000Z");
		assertThat(this.schedules.armed()).as("one timer per active schedule").isEqualTo(2);
	}

	@Test
	void deactivateStopsTheFiresAndActivateResumesFromNow() {
		ScheduleSnapshot schedule = this.schedules.create(spec("0 * * * *", "k"));

		ScheduleSnapshot inactive = this.schedules.deactivate(schedule.id());
		assertThat(inactive.active()).isFalse();
		assertThat(this.schedules.armed()).isEqualTo(1);
		this.clock.advance(Duration.ofMinutes(150));
		assertThat(runsOf(schedule.id())).isEmpty();

		ScheduleSnapshot active = this.schedules.activate("k");
		assertThat(active.active()).isTrue();
		assertThat(active.nextRun()).isEqualTo(at("13:00:00"));
		assertThat(this.schedules.activate("k")).as("again: nothing changes").isEqualTo(active);
		this.clock.advance(Duration.ofHours(1));
		assertThat(createdAt(runsOf(schedule.id()))).containsExactly(at("13:00:00"));
		assertThat(runsOf(schedule.id()).get(0).payload().has("lastTimestamp")).isFalse();
	}

	@Test
	void deleteStopsTheFiresAndForgetsTheSchedule() {
		ScheduleSnapshot schedule = this.schedules.create(spec("0 * * * *", "k"));
		this.clock.advance(Duration.ofHours(1));
		assertThat(runsOf(schedule.id())).hasSize(1);

		assertThat(this.schedules.delete("k")).isEqualTo(schedule.id());

		this.clock.advance(Duration.ofHours(3));
		assertThat(runsOf(schedule.id())).as("its runs stay; no new ones").hasSize(1);
		assertThat(this.schedules.find(schedule.id())).isEmpty();
		assertThatExceptionOfType(EngineException.class).isThrownBy(() -> this.schedules.delete(schedule.id()))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(404))
			.withMessage("Schedule not found");
		assertThatExceptionOfType(EngineException.class).isThrownBy(() -> this.schedules.activate(schedule.id()))
			.withMessage("Schedule not found");
		assertThat(this.schedules.armed()).isEqualTo(1);
		assertThat(this.schedules.create(spec("0 * * * *", "k")).id()).as("the key is free again")
			.isNotEqualTo(schedule.id());
	}

	@Test
	void updateByIdOrKeyKeepsTheTaskAndAnUnknownIdCreatesANewSchedule() {
		ScheduleSnapshot schedule = this.schedules.create(spec("0 * * * *", "k"));

		ScheduleSnapshot byId = this.schedules.update(schedule.id(),
				new ScheduleSpec("report", "15 * * * *", null, "", "", null));
		assertThat(byId.id()).isEqualTo(schedule.id());
		assertThat(byId.deduplicationKey()).isEqualTo("k");
		assertThat(byId.externalId()).isNull();
		assertThat(byId.timezone()).as("an empty timezone stays, read as UTC").isEmpty();
		assertThat(byId.nextRun()).isEqualTo(at("10:15:00"));
		ScheduleSnapshot byKey = this.schedules.update("k",
				new ScheduleSpec("report", "45 * * * *", null, null, null, null));
		assertThat(byKey.id()).isEqualTo(schedule.id());
		assertThat(byKey.timezone()).isEqualTo("UTC");

		ScheduleSnapshot created = this.schedules.update("sched_unknown", spec("0 9 * * *", null));
		assertThat(created.id()).isNotEqualTo("sched_unknown").startsWith("sched_");
		assertThat(created.deduplicationKey()).as("not given by the caller").isNull();
		ScheduleSnapshot another = this.schedules.update("no-such-key", spec("0 9 * * *", null));
		assertThat(another.id()).isNotEqualTo(created.id());
		assertThat(this.schedules.find("no-such-key")).isEmpty();

		this.clock.advance(Duration.ofHours(1));
		assertThat(createdAt(runsOf(schedule.id()))).containsExactly(at("10:45:00"));
	}

	static Stream<Arguments> refusals() {
		String timezones = ". View the list of valid timezones at https://cloud.trigger.dev/timezones";
		return Stream.of(
				arguments("report", "0 0 * * * *", null, 422,
						"Invalid cron expression: CRON expressions with seconds are not allowed"),
				arguments("report", "", null, 422, "Invalid cron expression: CRON expression is required"),
				arguments("report", "60 * * * *", null, 422,
						"Invalid cron expression: Constraint error, got value 60 expected range 0-59"),
				arguments("report", "* * * foo *", null, 422,
						"Invalid cron expression: Validation error, cannot resolve alias \"foo\""),
				arguments("report", "0 0 30 2 *", null, 422,
						"Invalid cron expression: Invalid explicit day of month definition"),
				arguments("report", "0 * * * *", "Mars/Olympus", 422,
						"Invalid IANA timezone: 'Mars/Olympus'" + timezones),
				arguments("report", "0 * * * *", "utc", 422, "Invalid IANA timezone: 'utc'" + timezones),
				arguments("missing", "0 * * * *", null, 422, "Task with identifier missing not found in project."),
				arguments("plain", "0 * * * *", null, 422, "Task with identifier plain is not a scheduled task."),
				arguments("report", "@hourly", null, 500, "Something went wrong, please try again."),
				arguments("report", "0 0 * * L", null, 422,
						"Invalid cron expression: Invalid last weekday of the month expression: L"));
	}

	@ParameterizedTest
	@MethodSource("refusals")
	void refusalsAreTheServersAndCreateNothing(String task, String cron, String timezone, int status, String message) {
		assertThatExceptionOfType(EngineException.class)
			.isThrownBy(() -> this.schedules.create(new ScheduleSpec(task, cron, "key", null, timezone, null)))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(status))
			.withMessage(message);
		assertThatExceptionOfType(EngineException.class)
			.isThrownBy(
					() -> this.schedules.update("sched_x", new ScheduleSpec(task, cron, null, null, timezone, null)))
			.withMessage(message);
		assertThat(this.schedules.list(1, 20).count()).as("the declarative one only").isEqualTo(1);
		assertThat(this.schedules.find("key")).isEmpty();
	}

	@Test
	void aDeclarativeScheduleExistsFromTheStartAndCannotBeUpdated() {
		ScheduleSnapshot nightly = this.schedules.list(1, 20).data().get(0);

		assertThat(nightly.type()).isEqualTo("DECLARATIVE");
		assertThat(nightly.task()).isEqualTo("nightly");
		assertThat(nightly.deduplicationKey()).isNull();
		assertThat(nightly.timezone()).isEqualTo("Europe/Berlin");
		assertThat(nightly.description()).isEqualTo("At 12:00 AM");
		assertThat(nightly.nextRun()).as("midnight in Berlin").isEqualTo(at("23:00:00"));
		assertThatExceptionOfType(EngineException.class)
			.isThrownBy(() -> this.schedules.update(nightly.id(),
					new ScheduleSpec("nightly", "0 1 * * *", null, null, null, null)))
			.withMessage("Cannot update a declarative schedule");

		this.clock.advance(Duration.ofDays(1));
		List<RunSnapshot> runs = runsOf(nightly.id());
		assertThat(createdAt(runs)).containsExactly(at("23:00:00"));
		assertThat(runs.get(0).payload().get("type").asString()).isEqualTo("DECLARATIVE");
		assertThat(runs.get(0).payload().get("timezone").asString()).isEqualTo("Europe/Berlin");
		assertThat(runs.get(0).payload().has("externalId")).isFalse();
		assertThat(this.schedules.deactivate(nightly.id()).active()).as("it may be deactivated").isFalse();
	}

	@Test
	void anInvalidDeclarativeScheduleFailsTheStart() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> new Engine(this.clock, List.of(task("bad", true, "61 * * * *", null)), Duration.ZERO))
			.withMessage(
					"The schedule of task bad: Invalid cron expression: Constraint error, got value 61 expected range 0-59");
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> new Engine(this.clock, List.of(task("bad", true, "0 * * * *", "Nowhere")), Duration.ZERO))
			.withMessage("The schedule of task bad: Invalid IANA timezone: 'Nowhere'");
	}

	@Test
	void theListPagesNewestFirst() {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 24; i++) {
			ids.add(0, this.schedules.create(spec("0 * * * *", "key-" + i)).id());
			this.clock.advance(Duration.ofSeconds(1));
		}

		SchedulePage first = this.schedules.list(1, 20);
		SchedulePage second = this.schedules.list(2, 20);
		assertThat(first.count()).isEqualTo(25);
		assertThat(first.deployed()).isTrue();
		assertThat(first.data().stream().map(ScheduleSnapshot::id)).containsExactlyElementsOf(ids.subList(0, 20));
		assertThat(second.data()).hasSize(5);
		assertThat(second.data().get(4).type()).isEqualTo("DECLARATIVE");
		assertThat(this.schedules.list(3, 20).data()).isEmpty();
		assertThat(this.schedules.list(Long.MAX_VALUE, 100).data()).isEmpty();
	}

	@Test
	void theRunListFiltersBySchedule() {
		ScheduleSnapshot hourly = this.schedules.create(spec("0 * * * *", "hourly"));
		ScheduleSnapshot halfHourly = this.schedules.create(spec("30 * * * *", "half"));
		this.engine.trigger(new TriggerSpec("report", null, List.of(), null, null, null, null, null, null, null, false,
				null, null, null, "trigger", null, null));

		this.clock.advance(Duration.ofHours(2));

		assertThat(createdAt(runsOf(hourly.id()))).containsExactly(at("11:00:00"), at("12:00:00"));
		assertThat(createdAt(runsOf(halfHourly.id()))).containsExactly(at("10:30:00"), at("11:30:00"));
		assertThat(runsOf("sched_none")).isEmpty();
		assertThat(runsOf(null)).hasSize(5);
	}

	@Test
	void daylightSavingTimeIsReadAsCronParserReadsIt() {
		CronPattern pattern = CronPattern.parse("30 2 * * *");
		ZoneId newYork = ZoneId.of("America/New_York");
		assertThat(pattern.next(Instant.parse("2026-03-07T12:00:00Z"), newYork, 2)).as("a skipped 02:30 is 03:30")
			.containsExactly(Instant.parse("2026-03-08T07:30:00Z"), Instant.parse("2026-03-09T06:30:00Z"));
		assertThat(CronPattern.parse("30 1 * * *").next(Instant.parse("2026-11-01T05:00:00Z"), newYork, 2))
			.as("a repeated 01:30 with a named hour fires once")
			.containsExactly(Instant.parse("2026-11-01T05:30:00Z"), Instant.parse("2026-11-02T06:30:00Z"));
		assertThat(CronPattern.parse("0 * * * *").next(Instant.parse("2026-11-01T04:30:00Z"), newYork, 3))
			.as("every hour: the repeated hour too")
			.containsExactly(Instant.parse("2026-11-01T05:00:00Z"), Instant.parse("2026-11-01T06:00:00Z"),
					Instant.parse("2026-11-01T07:00:00Z"));
		assertThat(CronPattern.parse("0 0 31 2,4 *").next(START, ZoneOffset.UTC)).as("never").isNull();
		assertThat(CronPattern.parse("0 0 * * 1#2").next(START, ZoneOffset.UTC))
			.isEqualTo(Instant.parse("2026-12-14T00:00:00Z"));
		assertThat(CronPattern.parse("0 0 1,L * *").next(START, ZoneOffset.UTC))
			.isEqualTo(Instant.parse("2026-11-30T00:00:00Z"));
		assertThat(CronPattern.parse("0 9 1,15 * 5").next(START, ZoneOffset.UTC, 3)).as("either day field")
			.containsExactly(Instant.parse("2026-11-27T09:00:00Z"), Instant.parse("2026-12-01T09:00:00Z"),
					Instant.parse("2026-12-04T09:00:00Z"));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			a * * * *     | Invalid characters, got value: a
			* 24 * * *    | Constraint error, got value 24 expected range 0-23
			* * 0 * *     | Constraint error, got value 0 expected range 1-31
			* * * 13 *    | Constraint error, got value 13 expected range 1-12
			* * * * 8     | Constraint error, got value 8 expected range 0-7
			5-1 * * * *   | Invalid range: 5-1
			1-70 * * * *  | Constraint error, got range 1-70 expected range 0-59
			*/0 * * * *   | Constraint error, cannot repeat at every 0 time.
			*/ * * * *    | Constraint error, cannot repeat at every 0 time.
			1,,2 * * * *  | Invalid list value format
			1/2/3 * * * * | Invalid repeat: 1/2/3
			-5 * * * *    | Constraint error, got value -5 expected range 0-59
			0 0 1-L * *   | Constraint error, got range 1-NaN expected range 1-31
			0 0 31 4 *    | Invalid explicit day of month definition
			0 0 * L *     | Invalid characters, got value: L
			0 0 ? ? ?     | Invalid characters, got value: ?
			0 0 * * 1#6   | Constraint error, invalid dayOfWeek occurrence number (#)
			0 0 * * MON#0 | Constraint error, invalid dayOfWeek occurrence number (#)
			0 0 * * 1,2#2 | Constraint error, invalid dayOfWeek `#` and `,` special characters are incompatible
			0 0 * * 1-2#2 | Constraint error, invalid dayOfWeek `#` and `-` special characters are incompatible
			""")
	void cronExpressionsAreRefusedWithCronParsersMessages(String cron, String reason) {
		assertThatExceptionOfType(EngineException.class).isThrownBy(() -> CronPattern.parse(cron))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(422))
			.withMessage("Invalid cron expression: " + reason);
	}

	@ParameterizedTest
	@MethodSource("cronstrueExamples")
	void descriptionsAreCronstrues(String cron, String description) {
		assertThat(CronDescriptions.describe(cron)).isEqualTo(description);
	}

	static Stream<Arguments> cronstrueExamples() {
		// cronstrue 2.21.0's own tests with its default options (test/cronstrue.ts)
		return Stream.of(arguments("* * * * * *", "Every second"), arguments("* * * * *", "Every minute"),
				arguments("*/1 * * * *", "Every minute"), arguments("*/5 * * * *", "Every 5 minutes"),
				arguments("0 0/1 * * * ?", "Every minute"), arguments("0 0 * * * ?", "Every hour"),
				arguments("0 0 0/1 * * ?", "Every hour"), arguments("* * * 3 *", "Every minute, only in March"),
				arguments("* * * 3,6 *", "Every minute, only in March and June"),
				arguments("* * * * * * 2013", "Every second, only in 2013"),
				arguments("* * * * * 2013", "Every minute, only in 2013"),
				arguments("* * * * * 2013,2014", "Every minute, only in 2013 and 2014"),
				arguments("*/45 * * * * *", "Every 45 seconds"), arguments("*/10 * * * *", "Every 10 minutes"),
				arguments("0 */5 * * * *", "Every 5 minutes"),
				arguments("0 9-17 * * *", "Every hour, between 09:00 AM and 05:00 PM"),
				arguments("0 * ? * 2/1 *", "Every hour, Tuesday through Saturday"),
				arguments("0 * ? * 1/1", "Every hour, Monday through Saturday"),
				arguments("0 * ? * 2/1", "Every hour, Tuesday through Saturday"),
				arguments("0 52 13 ? * 3/1", "At 01:52 PM, Wednesday through Saturday"),
				arguments("0 23 ? * MON-FRI", "At 11:00 PM, Monday through Friday"),
				arguments("30 11 * * 1-5", "At 11:30 AM, Monday through Friday"),
				arguments("0-10 11 * * *", "Every minute between 11:00 AM and 11:10 AM"),
				arguments("23 12 * Jan-Mar *", "At 12:23 PM, January through March"),
				arguments("23 12 * JAN-FEB *", "At 12:23 PM, January through February"),
				arguments("1 1,3-4 * * *", "At 1 minutes past the hour, at 01:00 AM and 03:00 AM through 04:59 AM"),
				arguments("* 0 */4 * * *", "Every second, at 0 minutes past the hour, every 4 hours"),
				arguments("*/10 0 * * * *", "Every 10 seconds, at 0 minutes past the hour"),
				arguments("* 0 0 * * *", "Every second, at 0 minutes past the hour, between 12:00 AM and 12:00 AM"),
				arguments("* 0 * * *", "Every minute, between 12:00 AM and 12:59 AM"),
				arguments("* 0 * * * *", "Every second, at 0 minutes past the hour"),
				arguments("30 11 * * *", "At 11:30 AM"), arguments("23 12 * * SUN", "At 12:23 PM, only on Sunday"),
				arguments("30 02 14 * * *", "At 02:02:30 PM"), arguments("0 0 6 1/1 * ?", "At 06:00 AM"),
				arguments("0 5 0/1 * * ?", "At 5 minutes past the hour"),
				arguments("46 9 * * 1", "At 09:46 AM, only on Monday"),
				arguments("46 9 * * 7", "At 09:46 AM, only on Sunday"),
				arguments("23 12 15 * *", "At 12:23 PM, on day 15 of the month"),
				arguments("23 12 * JAN *", "At 12:23 PM, only in January"),
				arguments("23 12 ? JAN *", "At 12:23 PM, only in January"), arguments("0 7 * * *", "At 07:00 AM"),
				arguments("30 14,16 * * *", "At 02:30 PM and 04:30 PM"),
				arguments("30 6,14,16 * * *", "At 06:30 AM, 02:30 PM and 04:30 PM"),
				arguments("0 * 31 * 1", "Every hour, on day 31 of the month, and on Monday"),
				arguments("* * LW * *", "Every minute, on the last weekday of the month"),
				arguments("* * WL * *", "Every minute, on the last weekday of the month"),
				arguments("* * 1W * *", "Every minute, on the first weekday of the month"),
				arguments("* * 13W * *", "Every minute, on the weekday nearest day 13 of the month"),
				arguments("* * W1 * *", "Every minute, on the first weekday of the month"),
				arguments("* * 5W * *", "Every minute, on the weekday nearest day 5 of the month"),
				arguments("* * W5 * *", "Every minute, on the weekday nearest day 5 of the month"),
				arguments("* * * * 4L", "Every minute, on the last Thursday of the month"),
				arguments("*/5 * L JAN *", "Every 5 minutes, on the last day of the month, only in January"),
				arguments("0 20 15,L * *", "At 08:00 PM, on day 15 and the last day of the month"),
				arguments("0 20 1-10,20-L * *",
						"At 08:00 PM, on day 1 through 10 and 20 through the last day of the month"),
				arguments("0 15 10 * * L", "At 10:15 AM, only on Saturday"),
				arguments("0 15 10 L * *", "At 10:15 AM, on the last day of the month"),
				arguments("0 0 0 L-5 * ?", "At 12:00 AM, 5 days before the last day of the month"),
				arguments("*/5 15 * * MON-FRI",
						"Every 5 minutes, between 03:00 PM and 03:59 PM, Monday through Friday"),
				arguments("* * * * MON#3", "Every minute, on the third Monday of the month"),
				arguments("5-10 * * * * *", "Seconds 5 through 10 past the minute"),
				arguments("5-10 30-35 10-12 * * *",
						"Seconds 5 through 10 past the minute, minutes 30 through 35 past the hour, between 10:00 AM and 12:59 PM"),
				arguments("30 */5 * * * *", "At 30 seconds past the minute, every 5 minutes"),
				arguments("10 0/5 * * * ?", "At 10 seconds past the minute, every 5 minutes"),
				arguments("2-59/3 1,9,22 11-26 1-6 ?",
						"Every 3 minutes, minutes 2 through 59 past the hour, at 01:00 AM, 09:00 AM, and 10:00 PM, between day 11 and 26 of the month, January through June"),
				arguments("23 12 * JAN-FEB * 2013-2014", "At 12:23 PM, January through February, 2013 through 2014"),
				arguments("23 12 * JAN-MAR * 2013-2015", "At 12:23 PM, January through March, 2013 through 2015"),
				arguments("12-50 0-10 6 * * * 2022",
						"Seconds 12 through 50 past the minute, minutes 0 through 10 past the hour, at 06:00 AM, only in 2022"),
				arguments("0 0/30 8-9 5,20 * ?",
						"Every 30 minutes, between 08:00 AM and 09:59 AM, on day 5 and 20 of the month"),
				arguments("23 12 * * SUN#2", "At 12:23 PM, on the second Sunday of the month"),
				arguments("0 25 7-19/8 ? * *",
						"At 25 minutes past the hour, every 8 hours, between 07:00 AM and 07:59 PM"),
				arguments("0 25 7-20/13 ? * *",
						"At 25 minutes past the hour, every 13 hours, between 07:00 AM and 08:59 PM"),
				arguments("0 0 8 1/3 * ? *", "At 08:00 AM, every 3 days"),
				arguments("0 15 10 ? * */3", "At 10:15 AM, every 3 days of the week"),
				arguments("* * * ? * 1-5/2", "Every second, every 2 days of the week, Monday through Friday"),
				arguments("0 5 7 2 1/3 ? *", "At 07:05 AM, on day 2 of the month, every 3 months"),
				arguments("0 15 6 1 1 ? 1/2", "At 06:15 AM, on day 1 of the month, only in January, every 2 years"),
				arguments("2,4-5 1 * * *", "At 2 and 4 through 5 minutes past the hour, at 01:00 AM"),
				arguments("2,26-28 18 * * *", "At 2 and 26 through 28 minutes past the hour, at 06:00 PM"),
				arguments("5/30 * * * * ?", "Every 30 seconds, starting at 5 seconds past the minute"),
				arguments("0 5/30 * * * ?", "Every 30 minutes, starting at 5 minutes past the hour"),
				arguments("* * 5/8 * * ?", "Every second, every 8 hours, starting at 05:00 AM"),
				arguments("0 5 7 2/3 * ? *", "At 07:05 AM, every 3 days, starting on day 2 of the month"),
				arguments("0 5 7 ? 3/2 ? *", "At 07:05 AM, every 2 months, March through December"),
				arguments("0 5 7 ? * 2/3 *", "At 07:05 AM, every 3 days of the week, Tuesday through Saturday"),
				arguments("0 5 7 ? * ? 2016/4", "At 07:05 AM, every 4 years, 2016 through 9999"),
				arguments("0 30 10-13 ? * wed,FRI",
						"At 30 minutes past the hour, between 10:00 AM and 01:59 PM, only on Wednesday and Friday"),
				arguments("0 00 10 ? * MON-THU,SUN *", "At 10:00 AM, only on Monday through Thursday and Sunday"),
				arguments("0 0 0 1,2,3 * WED,FRI",
						"At 12:00 AM, on day 1, 2, and 3 of the month, and on Wednesday and Friday"),
				arguments("0 2,16 1,8,15,22 * 1,2",
						"At 02:00 AM and 04:00 PM, on day 1, 8, 15, and 22 of the month, and on Monday and Tuesday"),
				arguments("0 */4,6 * * * ", "At 0 minutes past the hour, every 4 hours and at 06:00 AM"),
				arguments("5 30 6,14,16 5 * *",
						"At 5 seconds past the minute, at 30 minutes past the hour, at 06:00 AM, 02:00 PM, and 04:00 PM, on day 5 of the month"),
				arguments("0-20/3 9 * * *",
						"Every 3 minutes, minutes 0 through 20 past the hour, between 09:00 AM and 09:59 AM"),
				arguments("5-45/10,*/5,9 * * * *",
						"Every 10 minutes, minutes 5 through 45 past the hour, every 5 minutes, and at 9 minutes past the hour"));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			30m  | 30m
			60m  | 1h
			90m  | 90m
			0h   | 0m
			24h  | 24h
			1440m| 24h
			0%   | 0%
			100% | 100%
			""")
	void windowsAreShownAsTheServerShowsThem(String window, String shown) {
		assertThat(ScheduleWindows.format(window)).isEqualTo(shown);
		assertThat(Schedules.windowProblem(window)).isNull();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			25h    | Schedule window duration cannot exceed 24 hours
			1441m  | Schedule window duration cannot exceed 24 hours
			99999999999999999999h | Schedule window duration cannot exceed 24 hours
			101%   | Schedule window percentage cannot exceed 100%
			05m    | 'Schedule window must be a whole duration such as "30m" or "2h", or a percentage such as "30%"'
			1.5h   | 'Schedule window must be a whole duration such as "30m" or "2h", or a percentage such as "30%"'
			''     | 'Schedule window must be a whole duration such as "30m" or "2h", or a percentage such as "30%"'
			""")
	void badWindowsHaveTheServersMessages(String window, String message) {
		assertThat(Schedules.windowProblem(window)).isEqualTo(message);
	}

}
