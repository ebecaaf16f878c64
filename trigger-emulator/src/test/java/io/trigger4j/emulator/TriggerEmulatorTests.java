package io.trigger4j.emulator;

import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The emulator as a whole: starting, stopping and injected faults. */
class TriggerEmulatorTests extends EmulatorTestSupport {

	@Test
	void injectedFaultsApplyToTheNextRequestsOnly() {
		this.emulator.inject(Fault.status(503).times(2).onPath("/api/v3/runs"));
		assertThat(this.http.get("/api/v3/runs/run_x").status()).isEqualTo(503);
		assertThat(this.http.get("/api/v1/runs").status()).isEqualTo(200);
		assertThat(this.http.get("/api/v3/runs/run_x").status()).isEqualTo(503);
		assertThat(this.http.get("/api/v3/runs/run_x").status()).isEqualTo(404);

		// A POST: the JDK client would silently repeat a GET once after a dropped
		// connection.
		this.emulator.inject(Fault.drop());
		assertThatExceptionOfType(UncheckedIOException.class)
			.isThrownBy(() -> this.http.post("/api/v1/tasks/slow/trigger", "{\"payload\":{}}"));
		assertThat(this.http.get("/api/v1/runs").status()).isEqualTo(200);
		assertThat(this.http.get("/api/v1/runs").json().get("data")).isEmpty();
	}

	@Test
	void injectedLatencyDelaysTheAnswer() {
		this.emulator.inject(Fault.latency(Duration.ofSeconds(5)));
		HttpRequest.Builder impatient = this.http.request("/api/v1/runs").timeout(Duration.ofMillis(300)).GET();

		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> Http.send(impatient))
			.withCauseInstanceOf(java.net.http.HttpTimeoutException.class);
		assertThat(this.http.get("/api/v1/runs").status()).as("the fault applied once").isEqualTo(200);
	}

	@Test
	void startsInOneLineOnAFreeLoopbackPortAndStopsCleanly() {
		TriggerEmulator other = TriggerEmulator.start(EmulatedTask.of("t", (run) -> null));
		assertThat(other.baseUrl()).startsWith("http://127.0.0.1:");
		assertThat(other.port()).isNotEqualTo(this.emulator.port()).isPositive();
		other.stop();
		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> new Http(other).get("/api/v1/runs"));
	}

}
