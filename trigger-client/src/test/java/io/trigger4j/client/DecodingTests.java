package io.trigger4j.client;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.trigger4j.client.error.TriggerDecodingException;
import io.trigger4j.client.model.MachinePreset;
import io.trigger4j.client.model.batches.BatchItem;
import io.trigger4j.client.model.batches.BatchOptions;
import io.trigger4j.client.model.runs.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Answers decode into records through Jackson: a required field that is missing fails
 * clearly instead of becoming an empty string, and timestamps are read by hand where the
 * server's format allows.
 */
@WireMockTest
class DecodingTests {

	@Test
	void aTriggerAnswerWithoutIdIsADecodingError(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/tasks/t/trigger").willReturn(okJson("{\"isCached\":false}")));

		assertThatExceptionOfType(TriggerDecodingException.class)
			.isThrownBy(() -> TestClients.client(wm).tasks().trigger("t", Map.of()).block())
			.withMessageStartingWith("Could not decode the response of tasks.trigger as TriggerAnswer")
			.withMessageContaining("'id'");
	}

	@Test
	void aNullIdIsADecodingErrorToo(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v2/runs/run_1/cancel").willReturn(okJson("{\"id\":null}")));

		assertThatExceptionOfType(TriggerDecodingException.class)
			.isThrownBy(() -> TestClients.client(wm).runs().cancel("run_1").block())
			.withMessageStartingWith("Could not decode the response of runs.cancel as IdAnswer")
			.withMessageContaining("id must not be null");
	}

	@Test
	void aRunWithoutIdIsADecodingError(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v3/runs/run_1").willReturn(okJson("{\"status\":\"QUEUED\",\"taskIdentifier\":\"t\"}")));

		assertThatExceptionOfType(TriggerDecodingException.class)
			.isThrownBy(() -> TestClients.client(wm).runs().retrieve("run_1").block())
			.withMessageStartingWith("Could not decode the response of runs.retrieve as Run");
	}

	@Test
	void aBatchWithoutIdIsADecodingError(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/tasks/batch").willReturn(okJson("{\"runs\":[]}")));

		assertThatExceptionOfType(TriggerDecodingException.class)
			.isThrownBy(() -> TestClients.client(wm)
				.tasks()
				.batchTrigger(List.of(BatchItem.of("a", 1)), BatchOptions.none())
				.block())
			.withMessageStartingWith("Could not decode the response of tasks.batchTriggerMany");
	}

	@Test
	void aMetadataAnswerWithoutMetadataIsADecodingError(WireMockRuntimeInfo wm) {
		stubFor(put("/api/v1/runs/run_1/metadata").willReturn(okJson("{}")));

		assertThatExceptionOfType(TriggerDecodingException.class)
			.isThrownBy(() -> TestClients.client(wm).runs().updateMetadata("run_1", Map.of("a", 1)).block())
			.withMessageStartingWith("Could not decode the response of runs.updateMetadata");
	}

	@ParameterizedTest
	@CsvSource({ "2026-08-21T10:15:30.123Z, 2026-08-21T10:15:30.123Z", "2026-08-21T10:15:30Z, 2026-08-21T10:15:30Z",
			"2026-08-21T10:15:30.1Z, 2026-08-21T10:15:30.100Z",
			"2026-08-21T10:15:30.123456789Z, 2026-08-21T10:15:30.123456789Z",
			"2024-02-29T23:59:59.999Z, 2024-02-29T23:59:59.999Z", "1970-01-01T00:00:00Z, 1970-01-01T00:00:00Z",
			"1969-12-31T23:59:59Z, 1969-12-31T23:59:59Z", "2000-03-01T00:00:00Z, 2000-03-01T00:00:00Z",
			// other offsets take the general path
			"2026-08-21T12:15:30.123+02:00, 2026-08-21T10:15:30.123Z",
			"2026-08-21T10:15:30.123+00:00, 2026-08-21T10:15:30.123Z" })
	void timestampsAreReadExactly(String wire, String expected) {
		Run run = TestClients.read("{\"id\":\"r\",\"createdAt\":\"" + wire + "\"}", Run.class);

		assertThat(run.createdAt()).isEqualTo(Instant.parse(expected));
	}

	@Test
	void aTimestampMayBeEpochMilliseconds() {
		Run run = TestClients.read("{\"id\":\"r\",\"createdAt\":1787307330123}", Run.class);

		assertThat(run.createdAt()).isEqualTo(Instant.ofEpochMilli(1787307330123L));
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-02-30T10:15:30Z", "2026-13-01T10:15:30Z", "yesterday", "2026-08-21 10:15:30Z" })
	void anImpossibleTimestampIsADecodingError(String wire) {
		assertThatExceptionOfType(TriggerDecodingException.class)
			.isThrownBy(() -> TestClients.read("{\"id\":\"r\",\"createdAt\":\"" + wire + "\"}", Run.class));
	}

	@Test
	void theHandReadPathAgreesWithTheJdkOverManyInstants() {
		Random random = new Random(42);
		for (int i = 0; i < 10_000; i++) {
			Instant instant = Instant.ofEpochSecond(random.nextLong(-2_000_000_000L, 8_000_000_000L),
					random.nextInt(1000) * 1_000_000);
			String text = DateTimeFormatter.ISO_INSTANT.format(instant);
			assertThat(WireInstantDeserializer.parseUtc(text)).as(text).isEqualTo(instant);
		}
	}

	@Test
	void anUnknownMachinePresetKeepsItsName() {
		MachinePreset preset = TestClients.read("\"huge-9x\"", MachinePreset.class);

		assertThat(preset.value()).isEqualTo("huge-9x");
		assertThat(preset.known()).isEqualTo(MachinePreset.Known.UNKNOWN);
		assertThat(TestClients.read("\"small-1x\"", MachinePreset.class)).isEqualTo(MachinePreset.SMALL_1X);
		assertThat(MachinePreset.SMALL_1X.known()).isEqualTo(MachinePreset.Known.SMALL_1X);
	}

	record Report(String url, int pages) {
	}

	@Test
	void anApplicationsOwnMapperReadsRunsWithoutTheClient() {
		Run run = JsonMapper.builder()
			.build()
			.readValue("{\"id\":\"run_1\",\"output\":{\"url\":\"u\",\"pages\":3,\"extra\":1}}", Run.class);

		assertThat(run.output(Report.class)).isEqualTo(new Report("u", 3));
	}

}
