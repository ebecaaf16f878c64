package io.trigger4j.client;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.trigger4j.client.model.runs.Run;
import io.trigger4j.client.model.runs.RunStatus;
import io.trigger4j.client.model.runs.RunSubscriptionOptions;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Realtime run feeds and data streams over real HTTP against WireMock: what is sent, and
 * what a user gets from the answers the server gives.
 */
@WireMockTest
class RealtimeWireMockTests {

	record Token(String text) {
	}

	private static final String RUN_PATH = "/realtime/v1/runs/run_1";

	/** The server's schema, with a column of a type this client does not know. */
	private static final String SCHEMA = RunSubscriptionTests.json(Map.of("id", Map.of("type", "text"), "friendlyId",
			Map.of("type", "text"), "status", Map.of("type", "text"), "createdAt", Map.of("type", "timestamp"),
			"completedAt", Map.of("type", "timestamp"), "usageDurationMs", Map.of("type", "int4"), "output",
			Map.of("type", "text"), "outputType", Map.of("type", "text"), "runTags", Map.of("type", "text", "dims", 1),
			"searchVector", Map.of("type", "tsvector")));

	private static Map<String, Object> change(String operation, Map<String, Object> value) {
		return Map.of("key", "\"public\".\"TaskRun\"/\"cm1\"", "value", value, "headers",
				Map.of("operation", operation));
	}

	@Test
	void subscribeToRunFollowsTheRunThroughLongPollsToItsEnd(WireMockRuntimeInfo wm) {
		// A column this client does not know; no completedAt, output nor tags yet.
		Map<String, Object> snapshot = new LinkedHashMap<>();
		snapshot.put("id", "cm1");
		snapshot.put("friendlyId", "run_1");
		snapshot.put("taskIdentifier", "hello");
		snapshot.put("status", "DEQUEUED");
		snapshot.put("createdAt", "2026-01-02T03:04:05.678");
		snapshot.put("searchVector", "'hello':1");
		snapshot.put("completedAt", null);
		stubFor(get(urlPathEqualTo(RUN_PATH)).withQueryParam("live", absent())
			.willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/json")
				.withHeader("electric-handle", "h1")
				.withHeader("electric-offset", "100_0")
				.withHeader("electric-cursor", "c1")
				.withHeader("electric-schema", SCHEMA)
				.withBody(RunSubscriptionTests
					.json(List.of(change("insert", snapshot), RunSubscriptionTests.UP_TO_DATE)))));
		Map<String, Object> update = Map.of("status", "COMPLETED_SUCCESSFULLY", "completedAt",
				"2026-01-02T03:05:00.000", "usageDurationMs", "1500", "output", "{\"greeting\":\"hi\",\"extra\":1}",
				"outputType", "application/json");
		stubFor(get(urlPathEqualTo(RUN_PATH)).withQueryParam("live", equalTo("true"))
			.willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/json")
				.withHeader("electric-handle", "h1")
				.withHeader("electric-offset", "200_0")
				.withHeader("electric-cursor", "c2")
				.withBody(RunSubscriptionTests
					.json(List.of(change("update", update), RunSubscriptionTests.UP_TO_DATE)))));

		List<Run> runs = TestClients.client(wm)
			.runs()
			.subscribeToRun("run_1", RunSubscriptionOptions.defaults().withCompletionGrace(Duration.ZERO))
			.collectList()
			.block(Duration.ofSeconds(10));

		assertThat(runs).hasSize(2);
		assertThat(runs.get(0).id()).isEqualTo("run_1");
		assertThat(runs.get(0).status().value()).isEqualTo("DEQUEUED");
		assertThat(runs.get(0).createdAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05.678Z"));
		assertThat(runs.get(0).finishedAt()).isNull();
		assertThat(runs.get(0).output()).isNull();
		assertThat(runs.get(0).tags()).isEmpty();
		assertThat(runs.get(1).status()).isEqualTo(RunStatus.COMPLETED);
		assertThat(runs.get(1).taskIdentifier()).isEqualTo("hello");
		assertThat(runs.get(1).durationMs()).isEqualTo(1500L);
		assertThat(runs.get(1).finishedAt()).isEqualTo(Instant.parse("2026-01-02T03:05:00Z"));
		assertThat(runs.get(1).output(Map.class)).containsEntry("greeting", "hi");
		verify(1,
				getRequestedFor(urlPathEqualTo(RUN_PATH)).withQueryParam("offset", equalTo("-1"))
					.withQueryParam("log", equalTo("full"))
					.withQueryParam("handle", absent())
					.withQueryParam("live", absent())
					.withHeader("x-trigger-electric-version", equalTo("1.0.0-beta.1"))
					.withHeader("Authorization", equalTo("Bearer " + TestClients.SECRET_KEY)));
		verify(1,
				getRequestedFor(urlPathEqualTo(RUN_PATH)).withQueryParam("offset", equalTo("100_0"))
					.withQueryParam("handle", equalTo("h1"))
					.withQueryParam("live", equalTo("true"))
					.withQueryParam("cursor", equalTo("c1"))
					.withQueryParam("log", equalTo("full"))
					.withHeader("x-trigger-electric-version", equalTo("1.0.0-beta.1")));
		verify(2, getRequestedFor(urlPathEqualTo(RUN_PATH)));
	}

	@Test
	void subscribeToRunsWithTagSendsTheTagsAndLookback(WireMockRuntimeInfo wm) {
		stubFor(get(
				urlPathEqualTo("/realtime/v1/runs"))
			.willReturn(
					aResponse().withStatus(200)
						.withHeader("Content-Type", "application/json")
						.withHeader("electric-handle", "t1")
						.withHeader("electric-offset", "100_0")
						.withHeader("electric-schema", SCHEMA)
						.withBody(
								RunSubscriptionTests
									.json(List.of(
											change("insert",
													Map.of("id", "cm1", "friendlyId", "run_1", "status", "PENDING",
															"runTags", "{vip,beta}")),
											RunSubscriptionTests.UP_TO_DATE)))));

		Run run = TestClients.client(wm)
			.runs()
			.subscribeToRunsWithTag(List.of("vip", "beta"), Duration.ofMinutes(90))
			.blockFirst(Duration.ofSeconds(10));

		assertThat(run.status()).isEqualTo(RunStatus.QUEUED);
		assertThat(run.tags()).containsExactly("vip", "beta");
		verify(getRequestedFor(urlPathEqualTo("/realtime/v1/runs")).withQueryParam("tags", equalTo("vip,beta"))
			.withQueryParam("createdAt", equalTo("1h30m"))
			.withQueryParam("offset", equalTo("-1")));
	}

	@Test
	void aServerWithoutTheRealtimeRoutesIsPolledThroughRetrieve(WireMockRuntimeInfo wm) {
		stubFor(get(urlPathEqualTo(RUN_PATH)).willReturn(aResponse().withStatus(404)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"Not found\"}")));
		stubFor(get(urlPathEqualTo("/api/v3/runs/run_1")).willReturn(okJson(
				"{\"id\":\"run_1\",\"status\":\"COMPLETED\",\"taskIdentifier\":\"hello\",\"output\":{\"greeting\":\"hi\"},"
						+ "\"finishedAt\":\"2026-01-02T03:05:00Z\",\"somethingNew\":true}")));

		List<Run> runs = TestClients.client(wm)
			.runs()
			.subscribeToRun("run_1")
			.collectList()
			.block(Duration.ofSeconds(10));

		assertThat(runs).singleElement().satisfies((run) -> {
			assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
			assertThat(run.output(Map.class)).isEqualTo(Map.of("greeting", "hi"));
		});
		verify(1, getRequestedFor(urlPathEqualTo(RUN_PATH)));
		verify(1, getRequestedFor(urlPathEqualTo("/api/v3/runs/run_1")).withHeader("Authorization",
				equalTo("Bearer " + TestClients.SECRET_KEY)));
	}

	@Test
	void streamOfDecodesVersionOneRecordsAndDropsRepeats(WireMockRuntimeInfo wm) {
		stubFor(get("/realtime/v1/streams/run_1/openai").willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "text/event-stream")
			.withHeader("X-Stream-Version", "v1")
			.withBody("id: 1700000000000-0\ndata: {\"text\":\"Hel\",\"model\":\"gpt\"}\n\n: ping\n\n"
					+ "id: 1700000000000-0\ndata: {\"text\":\"Hel\"}\n\n"
					+ "id: 1700000000000-1\ndata: {\"text\":\"lo\"}\n\n")));

		List<Token> tokens = TestClients.client(wm)
			.runs()
			.streamOf("run_1", "openai", Token.class)
			.collectList()
			.block(Duration.ofSeconds(10));

		assertThat(tokens).containsExactly(new Token("Hel"), new Token("lo"));
		verify(1,
				getRequestedFor(urlPathEqualTo("/realtime/v1/streams/run_1/openai"))
					.withHeader("Accept", equalTo("text/event-stream"))
					.withHeader("Last-Event-ID", absent())
					.withHeader("Authorization", equalTo("Bearer " + TestClients.SECRET_KEY)));
	}

	@Test
	void streamOfDecodesVersionTwoBatches(WireMockRuntimeInfo wm) {
		stubFor(get("/realtime/v1/streams/run_1/ai").willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "text/event-stream")
			.withHeader("X-Stream-Version", "v2")
			.withBody(RunStreamTests.batch(RunStreamTests.record(1, "a1", "to"), RunStreamTests.record(2, "a2", "ken"))
					+ RunStreamTests.batch(RunStreamTests.record(3, "a2", "ken")))));

		List<Token> tokens = TestClients.client(wm)
			.runs()
			.streamOf("run_1", "ai", Token.class)
			.collectList()
			.block(Duration.ofSeconds(10));

		assertThat(tokens).containsExactly(new Token("to"), new Token("ken"));
	}

}
