package io.trigger4j.client;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

import io.trigger4j.client.model.runs.Run;
import io.trigger4j.client.model.runs.RunStatus;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Decoding the rows of the realtime run feed. */
class RunShapeRowsTests {

	private static Run run(String... columns) {
		Map<String, RunShapeRows.Column> schema = RunShapeRows.schema("test",
				"{\"runTags\":{\"type\":\"text\",\"dims\":1},\"error\":{\"type\":\"jsonb\"},"
						+ "\"completedAt\":{\"type\":\"timestamp\"}}");
		ObjectNode value = WireJson.WIRE.createObjectNode();
		value.put("friendlyId", "run_1");
		for (int i = 0; i < columns.length; i += 2) {
			value.put(columns[i], columns[i + 1]);
		}
		return RunShapeRows.toRun(TestClients.JSON, "test", RunShapeRows.decode(value, schema));
	}

	@Test
	void postgresArrayLiteralsAreSplitAndUnquoted() {
		assertThat(RunShapeRows.pgArray("{\"vip\",\"a \\\"q\\\" tag\",\"x,y\",\"back\\\\slash\"}"))
			.containsExactly("vip", "a \"q\" tag", "x,y", "back\\slash");
		assertThat(RunShapeRows.pgArray("{a,b,NULL}")).containsExactly("a", "b", null);
		assertThat(RunShapeRows.pgArray("{}")).isEmpty();
	}

	@Test
	void timestampsWithoutAZoneAreUtc() {
		assertThat(RunShapeRows.instant("2026-01-02T03:04:05.678"))
			.isEqualTo(Instant.parse("2026-01-02T03:04:05.678Z"));
		assertThat(RunShapeRows.instant("2026-01-02T03:04:05.678Z"))
			.isEqualTo(Instant.parse("2026-01-02T03:04:05.678Z"));
		assertThat(RunShapeRows.instant("2026-01-02 05:04:05+02")).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
	}

	@Test
	void internalStatusesGetTheirPublicNames() {
		Map<String, String> expected = Map.ofEntries(Map.entry("PENDING", "QUEUED"),
				Map.entry("WAITING_FOR_DEPLOY", "PENDING_VERSION"), Map.entry("PENDING_VERSION", "PENDING_VERSION"),
				Map.entry("PAUSED", "WAITING"), Map.entry("WAITING_TO_RESUME", "WAITING"),
				Map.entry("RETRYING_AFTER_FAILURE", "EXECUTING"), Map.entry("EXECUTING", "EXECUTING"),
				Map.entry("COMPLETED_SUCCESSFULLY", "COMPLETED"), Map.entry("INTERRUPTED", "FAILED"),
				Map.entry("COMPLETED_WITH_ERRORS", "FAILED"), Map.entry("DELAYED", "DELAYED"),
				Map.entry("DEQUEUED", "DEQUEUED"), Map.entry("CANCELED", "CANCELED"), Map.entry("CRASHED", "CRASHED"),
				Map.entry("SYSTEM_FAILURE", "SYSTEM_FAILURE"), Map.entry("EXPIRED", "EXPIRED"),
				Map.entry("TIMED_OUT", "TIMED_OUT"));
		expected.forEach((internal, external) -> assertThat(RunShapeRows.publicStatus(internal)).isEqualTo(external));
		// Unknown names are kept, so RunStatus reports them as UNKNOWN with their value.
		assertThat(run("status", "SOMETHING_NEW").status().known()).isEqualTo(RunStatus.Known.UNKNOWN);
		assertThat(run("status", "SOMETHING_NEW").status().value()).isEqualTo("SOMETHING_NEW");
	}

	@Test
	void packetsAreDecodedByTheirType() {
		Run run = run("status", "COMPLETED_SUCCESSFULLY", "payload", "hello", "payloadType", "text/plain", "output",
				"{\"json\":{\"when\":\"2026-01-01T00:00:00.000Z\"},\"meta\":{\"values\":{\"when\":[\"Date\"]}}}",
				"outputType", "application/super+json", "metadata", "{\"progress\":0.5}", "metadataType",
				"application/json");
		assertThat(run.payload(String.class)).isEqualTo("hello");
		assertThat(run.output(Map.class)).isEqualTo(Map.of("when", "2026-01-01T00:00:00.000Z"));
		assertThat(run.metadata(Map.class)).isEqualTo(Map.of("progress", 0.5));
		assertThat(run.isCompleted()).isTrue();
		assertThat(run.isSuccess()).isTrue();
	}

	@Test
	void aPacketStoredApartKeepsItsStoragePathForTheDownload() {
		Run run = run("status", "COMPLETED_SUCCESSFULLY", "output", "trigger/hello/123-abc/output.json", "outputType",
				"application/store");
		assertThat(run.output()).isNull();
		assertThat(run.outputPresignedUrl()).isEqualTo("trigger/hello/123-abc/output.json");
	}

	@Test
	void errorsAndExpiredRunsReadAsTheSdkReadsThem() {
		Run run = run("status", "EXPIRED", "error", "{\"type\":\"STRING_ERROR\",\"raw\":\"ttl passed\"}", "runTags",
				"{\"a\",\"b\"}");
		assertThat(run.isTerminal()).isTrue();
		assertThat(run.isCompleted()).isTrue();
		assertThat(run.error().message()).isEqualTo("ttl passed");
		assertThat(run.tags()).isEqualTo(Arrays.asList("a", "b"));
	}

}
