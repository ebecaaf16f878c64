package io.trigger4j.emulator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TriggerEmulatorMainTests {

	@Test
	void startsOnTheGivenPortWithTheDemoTasks() {
		try (TriggerEmulator emulator = TriggerEmulatorMain.start("--port", "0")) {
			Http http = new Http(emulator);
			String id = http.post("/api/v1/tasks/hello-world/trigger", "{\"payload\":{\"name\":\"curl\"}}")
				.json()
				.get("id")
				.asString();

			assertThat(http.get("/api/v3/runs/" + id).json().get("output").get("greeting").asString())
				.isEqualTo("Hello, curl!");
		}
	}

	@Test
	void theDemoTaskHourlyReportIsScheduledEveryHour() {
		try (TriggerEmulator emulator = TriggerEmulatorMain.start("--port", "0")) {
			Http http = new Http(emulator);
			tools.jackson.databind.JsonNode schedules = http.get("/api/v1/schedules").json();

			assertThat(schedules.get("pagination").get("count").asInt()).isEqualTo(1);
			tools.jackson.databind.JsonNode hourly = schedules.get("data").get(0);
			assertThat(hourly.get("type").asString()).isEqualTo("DECLARATIVE");
			assertThat(hourly.get("task").asString()).isEqualTo("hourly-report");
			assertThat(hourly.get("generator").get("expression").asString()).isEqualTo("0 * * * *");
			assertThat(hourly.get("generator").get("description").asString()).isEqualTo("Every hour");
			assertThat(hourly.get("timezone").asString()).isEqualTo("UTC");
			assertThat(http
				.post("/api/v1/schedules",
						"{\"task\":\"hourly-report\",\"cron\":\"*/5 * * * *\",\"deduplicationKey\":\"mine\"}")
				.status()).as("it takes more schedules").isEqualTo(200);
			assertThat(http
				.put("/api/v1/schedules/" + hourly.get("id").asString(),
						"{\"task\":\"hourly-report\",\"cron\":\"0 0 * * *\"}")
				.json()
				.get("error")
				.asString()).isEqualTo("Cannot update a declarative schedule");
		}
	}

	@Test
	void theStartUpOutputNamesTheTasks() {
		assertThat(TriggerEmulatorMain.describe(TriggerEmulatorMain.demoTasks()))
			.isEqualTo("Tasks: hello-world, flaky, slow-report, hourly-report (scheduled: \"0 * * * *\" UTC)");
		assertThat(TriggerEmulatorMain.describe(java.util.List.of(EmulatedTask.of("a", (run) -> null).asScheduled(),
				EmulatedTask.of("b", (run) -> null).asScheduled("0 9 * * 1", "Europe/Berlin"))))
			.isEqualTo("Tasks: a (scheduled), b (scheduled: \"0 9 * * 1\" Europe/Berlin)");
		assertThat(TriggerEmulatorMain.describe(java.util.List.of())).isEqualTo("Tasks: none (--no-demo-tasks)");
		assertThat(TriggerEmulatorMain.setup("--no-demo-tasks").tasks()).isEmpty();
	}

	@Test
	void aConfiguredKeyIsTheOnlyOneAccepted() {
		try (TriggerEmulator emulator = TriggerEmulatorMain.start("--port", "0", "--secret-key", "tr_dev_mine",
				"--no-demo-tasks")) {
			assertThat(emulator.secretKey()).isEqualTo("tr_dev_mine");
			assertThat(new Http(emulator).get("/api/v1/runs").status()).isEqualTo(200);
			assertThat(Http
				.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(emulator.baseUrl() + "/api/v1/runs"))
					.header("Authorization", "Bearer tr_dev_other"))
				.status()).isEqualTo(401);
		}
	}

	@Test
	void badArgumentsFailWithTheUsage() {
		assertThatIllegalArgumentException().isThrownBy(() -> TriggerEmulatorMain.start("--verbose"))
			.withMessage("Unknown argument '--verbose'; " + TriggerEmulatorMain.USAGE);
		assertThatIllegalArgumentException().isThrownBy(() -> TriggerEmulatorMain.start("--port", "x"))
			.withMessageStartingWith("--port needs a number but was 'x'");
		assertThatIllegalArgumentException().isThrownBy(() -> TriggerEmulatorMain.start("--port"))
			.withMessageStartingWith("--port needs a value");
	}

}
