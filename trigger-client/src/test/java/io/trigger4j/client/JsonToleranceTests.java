package io.trigger4j.client;

import io.trigger4j.client.error.TriggerDecodingException;
import io.trigger4j.client.model.JsonValue;
import io.trigger4j.client.model.runs.Run;
import io.trigger4j.client.model.runs.RunStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The API grows: unknown fields and unknown statuses never break decoding. */
class JsonToleranceTests {

	private static Run read(String json) {
		return TestClients.read(json, Run.class);
	}

	@Test
	void unknownStatusKeepsItsRawValue() {
		Run run = read("{\"id\":\"run_1\",\"status\":\"HIBERNATING\",\"taskIdentifier\":\"t\",\"brandNew\":{\"a\":1}}");

		assertThat(run.status().value()).isEqualTo("HIBERNATING");
		assertThat(run.status().known()).isEqualTo(RunStatus.Known.UNKNOWN);
		assertThat(run.isTerminal()).isFalse();
	}

	@ParameterizedTest
	@CsvSource({ "COMPLETED, COMPLETED, true", "CANCELED, CANCELED, true", "FAILED, FAILED, true",
			"CRASHED, CRASHED, true", "SYSTEM_FAILURE, SYSTEM_FAILURE, true", "EXPIRED, EXPIRED, true",
			"TIMED_OUT, TIMED_OUT, true", "INTERRUPTED, INTERRUPTED, true", "DEQUEUED, DEQUEUED, false",
			"WAITING, WAITING, false", "PENDING_VERSION, PENDING_VERSION, false", "DELAYED, DELAYED, false",
			// legacy names (no api-version header)
			"REATTEMPTING, REATTEMPTING, false", "FROZEN, FROZEN, false",
			"WAITING_FOR_DEPLOY, WAITING_FOR_DEPLOY, false",
			// the engine's internal names
			"COMPLETED_SUCCESSFULLY, COMPLETED, true", "COMPLETED_WITH_ERRORS, FAILED, true", "PENDING, QUEUED, false",
			"WAITING_TO_RESUME, WAITING, false", "RETRYING_AFTER_FAILURE, REATTEMPTING, false" })
	void bothVocabulariesDecodeAndTerminalityComesFromTheStatus(String raw, RunStatus.Known known, boolean terminal) {
		Run run = read("{\"id\":\"r\",\"status\":\"" + raw + "\",\"taskIdentifier\":\"t\",\"isCompleted\":false}");

		assertThat(run.status().value()).isEqualTo(raw);
		assertThat(run.status().known()).isEqualTo(known);
		assertThat(run.isTerminal()).isEqualTo(terminal);
	}

	@Test
	void expiredIsTerminalAlthoughTheServerSaysNotCompleted() {
		Run run = read(
				"{\"id\":\"r\",\"status\":\"EXPIRED\",\"taskIdentifier\":\"t\",\"isCompleted\":false,\"isFailed\":false}");

		assertThat(run.isCompleted()).isFalse();
		assertThat(run.isTerminal()).isTrue();
		assertThat(run.status().isFailure()).isTrue();
	}

	@Test
	void missingCollectionsAreEmptyAndTtlMayBeANumber() {
		Run run = read("{\"id\":\"r\",\"status\":\"QUEUED\",\"taskIdentifier\":\"t\",\"ttl\":600}");

		assertThat(run.tags()).isEmpty();
		assertThat(run.attempts()).isEmpty();
		assertThat(run.ttl()).isEqualTo("600");
		assertThat(run.output(Object.class)).isNull();
	}

	@Test
	void statusIsWrittenBackAsItsRawValue() {
		assertThat(WireJson.WIRE.writeValueAsString(RunStatus.of("HIBERNATING"))).isEqualTo("\"HIBERNATING\"");
	}

	record Strict(int count) {
	}

	@Test
	void typedAccessorFailsClearlyOnAMismatch() {
		Run run = read(
				"{\"id\":\"r\",\"status\":\"COMPLETED\",\"taskIdentifier\":\"t\",\"output\":{\"count\":\"many\"}}");

		assertThatExceptionOfType(TriggerDecodingException.class).isThrownBy(() -> run.output(Strict.class))
			.withMessageStartingWith("JSON value cannot be read as " + Strict.class.getName());
	}

	@Test
	void jsonValueRoundTrips() {
		JsonValue value = JsonValue.of(java.util.Map.of("a", java.util.List.of(1, 2)));

		assertThat(value).hasToString("{\"a\":[1,2]}");
		assertThat(JsonValue.parse("{\"a\":[1,2]}")).isEqualTo(value);
		assertThat(WireJson.WIRE.writeValueAsString(java.util.Map.of("payload", value)))
			.isEqualTo("{\"payload\":{\"a\":[1,2]}}");
	}

}
