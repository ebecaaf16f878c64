package io.trigger4j.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.trigger4j.client.error.BadRequestException;
import io.trigger4j.client.error.NotFoundException;
import io.trigger4j.client.error.ServerException;
import io.trigger4j.client.model.JsonValue;
import io.trigger4j.client.model.MachinePreset;
import io.trigger4j.client.model.runs.ReplayOptions;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Replay with overrides: the body sent (exactly the fields of the SDK's
 * {@code ReplayRunRequestBody}), no body without overrides, the answer, errors, and the
 * checks made before anything is sent.
 */
@WireMockTest
class ReplayOptionsTests {

	record Order(String orderId, int quantity) {
	}

	/** A value the application's mapper cannot write: it has no properties. */
	static final class Opaque {

	}

	@Test
	void replaySendsEveryOverrideAsTheServerNamesIt(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/runs/run_1/replay").willReturn(okJson("{\"id\":\"run_new\",\"someNewField\":1}")));
		ReplayOptions options = ReplayOptions.builder()
			.payload(new Order("o-1", 2))
			.metadata(Map.of("source", "replay"))
			.tags("tenant:acme", "replayed")
			.queue("reports")
			.concurrencyKey("tenant-acme")
			.machine(MachinePreset.LARGE_1X)
			.lockToVersion("20260820.3")
			.region("eu-central-1")
			.delay(Duration.ofMinutes(90))
			.ttl("10m")
			.idempotencyKey("replay-o-1")
			.idempotencyKeyTtl(Duration.ofHours(2))
			.maxAttempts(3)
			.maxDuration(Duration.ofMinutes(5))
			.priority(Duration.ofSeconds(10))
			.build();

		String id = TestClients.client(wm).runs().replay("run_1", options).block();

		assertThat(id).isEqualTo("run_new");
		verify(postRequestedFor(urlEqualTo("/api/v1/runs/run_1/replay"))
			.withHeader("Content-Type", equalTo("application/json"))
			.withRequestBody(equalToJson("""
					{"payload":{"orderId":"o-1","quantity":2},"metadata":{"source":"replay"},
					 "tags":["tenant:acme","replayed"],"queue":"reports","concurrencyKey":"tenant-acme",
					 "machine":"large-1x","version":"20260820.3","region":"eu-central-1","delay":"1h30m","ttl":"10m",
					 "idempotencyKey":"replay-o-1","idempotencyKeyTTL":"2h","maxAttempts":3,"maxDuration":300,
					 "priority":10}""", false, false)));
	}

	@Test
	void replayUntilAnInstantSendsAnIsoDelayAndOnlyWhatIsSet(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/runs/run_1/replay").willReturn(okJson("{\"id\":\"run_new\"}")));

		TestClients.client(wm)
			.runs()
			.replay("run_1",
					ReplayOptions.builder()
						.delayUntil(Instant.parse("2026-12-24T18:00:00Z"))
						.metadata(JsonValue.parse("{\"a\":1}"))
						.build())
			.block();

		verify(postRequestedFor(urlEqualTo("/api/v1/runs/run_1/replay"))
			.withRequestBody(equalToJson("{\"delay\":\"2026-12-24T18:00:00Z\",\"metadata\":{\"a\":1}}")));
	}

	@Test
	void replayWithoutOverridesSendsNoBody(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/runs/run_1/replay").willReturn(okJson("{\"id\":\"run_new\"}")));

		assertThat(TestClients.client(wm).runs().replay("run_1", ReplayOptions.none()).block()).isEqualTo("run_new");
		verify(postRequestedFor(urlEqualTo("/api/v1/runs/run_1/replay")).withHeader("Content-Length", equalTo("0"))
			.withHeader("Content-Type", absent()));
	}

	@Test
	void aRefusedReplayIsABadRequestAndAFailedOneIsNotRetried(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/runs/run_1/replay")
			.willReturn(aResponse().withStatus(400).withBody("{\"error\":\"Failed to create new run\"}")));
		stubFor(post("/api/v1/runs/run_2/replay")
			.willReturn(aResponse().withStatus(500).withBody("{\"error\":\"Internal Server Error\"}")));
		stubFor(post("/api/v1/runs/run_3/replay")
			.willReturn(aResponse().withStatus(404).withBody("{\"error\":\"Run not found\"}")));
		RunsOperations runs = TestClients.client(wm).runs();
		ReplayOptions options = ReplayOptions.builder().tags("t").idempotencyKey("k").build();

		assertThatExceptionOfType(BadRequestException.class).isThrownBy(() -> runs.replay("run_1", options).block())
			.satisfies((ex) -> assertThat(ex.serverMessage()).isEqualTo("Failed to create new run"));
		assertThatExceptionOfType(ServerException.class).isThrownBy(() -> runs.replay("run_2", options).block());
		assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> runs.replay("run_3", options).block());
		verify(1, postRequestedFor(urlEqualTo("/api/v1/runs/run_2/replay")));
	}

	@Test
	void badOverridesAreRefusedWhenSet() {
		ReplayOptions.Builder builder = ReplayOptions.builder();

		assertThatIllegalArgumentException().isThrownBy(() -> builder.tags(Collections.nCopies(11, "t")))
			.withMessage("tags must have at most 10 tags but had 11");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.tags("ok", "x".repeat(129)))
			.withMessage("tags[1] must be at most 128 characters but was 129");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.metadata(JsonValue.parse("[1]")))
			.withMessage("metadata must serialise to a JSON object but was [1]");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.delay("soon"))
			.withMessageStartingWith("delay must be a duration like 90s");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.ttl("1 hour"))
			.withMessageStartingWith("ttl must be a duration like 90s");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.ttl(Duration.ofMillis(1500)))
			.withMessage("ttl must be a positive whole number of seconds but was PT1.5S");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.maxAttempts(0))
			.withMessage("maxAttempts must be between 1 and 2147483647 but was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.maxDuration(Duration.ZERO))
			.withMessage("maxDuration must be a positive whole number of seconds but was PT0S");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.priority(Duration.ofMillis(10)))
			.withMessage("priority must be a positive whole number of seconds but was PT0.01S");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.idempotencyKey("k".repeat(2049)))
			.withMessage("idempotencyKey must be at most 2048 characters but was 2049");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.idempotencyKeyTtl("1w"))
			.withMessageStartingWith("idempotencyKeyTtl must be a number followed by s, m, h or d");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.queue(" "))
			.withMessage("queue must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.lockToVersion(""))
			.withMessage("lockToVersion must not be blank");
		assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> builder.machine(null))
			.withMessage("machine must not be null");
	}

	@Test
	void valuesTheMapperWritesAreCheckedBeforeSending(WireMockRuntimeInfo wm) {
		RunsOperations runs = TestClients.client(wm).runs();

		assertThatIllegalArgumentException()
			.isThrownBy(() -> runs.replay("run_1", ReplayOptions.builder().metadata(List.of(1, 2)).build()))
			.withMessage("metadata must serialise to a JSON object but was [1,2]");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> runs.replay("run_1",
					ReplayOptions.builder().metadata(Map.of("big", "x".repeat(262_144))).build()))
			.withMessageStartingWith("metadata must be at most 262144 bytes of JSON");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> runs.replay("run_1", ReplayOptions.builder().payload(new Opaque()).build()))
			.withMessageStartingWith("payload cannot be serialised to JSON");
		assertThatIllegalArgumentException().isThrownBy(() -> runs.replay("run_1 ", ReplayOptions.none()))
			.withMessage("runId must not start or end with whitespace but was 'run_1 '");
		assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> runs.replay("run_1", null))
			.withMessage("options must not be null");
		verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void toStringShowsTheOptionsButNotThePayloadOrMetadata() {
		ReplayOptions options = ReplayOptions.builder()
			.payload(Map.of("secret", "s3cr3t"))
			.metadata(Map.of("secret", "s3cr3t"))
			.queue("reports")
			.build();

		assertThat(options).hasToString("ReplayOptions[payload=<set>, metadata=<set>, queue=reports]");
	}

}
