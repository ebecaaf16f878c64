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
