package io.trigger4j.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.trigger4j.client.error.NotFoundException;
import io.trigger4j.client.error.ServerException;
import io.trigger4j.client.error.TriggerDecodingException;
import io.trigger4j.client.model.JsonValue;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Reading a run's realtime data streams over server-sent events, v1 and v2. */
@WireMockTest
class RunStreamTests {

	record Token(String text) {
	}

	static final Map<String, String> V1 = Map.of("Content-Type", "text/event-stream", "X-Stream-Version", "v1");

	static final Map<String, String> V2 = Map.of("Content-Type", "text/event-stream", "X-Stream-Version", "v2");

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	private final ScriptedExchange exchange = new ScriptedExchange();

	static String record(long seq, String id, String text) {
		return "{\"seq_num\":" + seq + ",\"timestamp\":1700000000000,\"headers\":[],\"body\":"
				+ WireJson.WIRE.writeValueAsString("{\"data\":{\"text\":\"" + text + "\"},\"id\":\"" + id + "\"}")
				+ "}";
	}

	static String batch(String... records) {
		return "event: batch\ndata: {\"records\":[" + String.join(",", records) + "]}\n\n";
	}

	@Test
	void readsVersionOneEvents(WireMockRuntimeInfo wm) {
		stubFor(get("/realtime/v1/streams/run_1/openai").willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "text/event-stream")
			.withHeader("X-Stream-Version", "v1")
			.withBody(": ping\n\nid: 1700000000000-0\ndata: {\"text\":\"Hel\"}\n\n"
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
					.withHeader("Authorization", equalTo("Bearer " + TestClients.SECRET_KEY)));
	}

	@Test
	void readsVersionTwoBatchesSkippingCommandsControlsAndRepeats(WireMockRuntimeInfo wm) {
		String command = "{\"seq_num\":5,\"timestamp\":1,\"headers\":[[\"\",\"trim\"]],\"body\":\"AAAAAAAAAAQ=\"}";
		String control = "{\"seq_num\":7,\"timestamp\":1,\"headers\":[[\"trigger-control\",\"turn-complete\"]],"
				+ "\"body\":\"\"}";
		stubFor(get("/realtime/v1/streams/run_1/openai").willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "text/event-stream")
			.withHeader("X-Stream-Version", "v2")
			.withBody(batch(record(4, "p1", "a"), command, record(6, "p1", "a")) + ": ping\n\n"
					+ batch(control, record(8, "p2", "b")))));

		List<JsonValue> records = TestClients.client(wm)
			.runs()
			.streamOf("run_1", "openai", JsonValue.class)
			.collectList()
			.block(Duration.ofSeconds(10));

		assertThat(records).extracting((value) -> value.as(Token.class))
			.containsExactly(new Token("a"), new Token("b"));
	}

	@Test
	void aDroppedVersionTwoStreamResumesFromTheLastSequenceNumberWithoutRepeats() {
		this.exchange.thenBroken(200, V2, batch(record(4, "p1", "a")));
		this.exchange.then(200, V2, batch(record(4, "p1", "a"), record(5, "p2", "b")));

		StepVerifier
			.withVirtualTime(() -> this.exchange.client(this.time).runs().streamOf("run_1", "openai", Token.class),
					() -> this.time, Long.MAX_VALUE)
			.expectNext(new Token("a"))
			.thenAwait(Duration.ofSeconds(1))
			.expectNext(new Token("b"))
			.verifyComplete();

		assertThat(this.exchange.requests()).hasSize(2);
		assertThat(this.exchange.requests().get(0).headers().getFirst("Last-Event-ID")).isNull();
		assertThat(this.exchange.requests().get(1).headers().getFirst("Last-Event-ID")).isEqualTo("4");
	}

	@Test
	void aDroppedVersionOneStreamResumesFromTheLastEventId() {
		this.exchange.thenBroken(200, V1, "id: 1700000000000-0\ndata: {\"text\":\"a\"}\n\n");
		this.exchange.then(200, V1, "id: 1700000000000-1\ndata: {\"text\":\"b\"}\n\n");

		StepVerifier
			.withVirtualTime(() -> this.exchange.client(this.time).runs().streamOf("run_1", "openai", Token.class),
					() -> this.time, Long.MAX_VALUE)
			.expectNext(new Token("a"))
			.thenAwait(Duration.ofSeconds(1))
			.expectNext(new Token("b"))
			.verifyComplete();

		assertThat(this.exchange.requests().get(1).headers().getFirst("Last-Event-ID")).isEqualTo("1700000000000-0");
	}

	@Test
	void serverErrorsAreRetriedAFewTimesThenSignalled() {
		this.exchange.thenJson(503, "{\"error\":\"busy\"}");

		StepVerifier
			.withVirtualTime(() -> this.exchange.client(this.time).runs().streamOf("run_1", "openai", Token.class),
					() -> this.time, Long.MAX_VALUE)
			.thenAwait(Duration.ofSeconds(1))
			.expectError(ServerException.class)
			.verify();
		assertThat(this.exchange.requests()).hasSize(TestClients.FAST_RETRY.maxAttempts());
	}

	@Test
	void anUnknownRunEndsTheStreamAtOnce() {
		this.exchange.thenJson(404, "{\"error\":\"Run not found\"}");

		StepVerifier
			.withVirtualTime(() -> this.exchange.client(this.time).runs().streamOf("run_1", "openai", Token.class),
					() -> this.time, Long.MAX_VALUE)
			.expectError(NotFoundException.class)
			.verify();
		assertThat(this.exchange.requests()).hasSize(1);
	}

	@Test
	void aRecordThatDoesNotFitTheTypeIsSignalled() {
		this.exchange.then(200, V1, "id: 1-0\ndata: [1,2]\n\n");

		StepVerifier
			.withVirtualTime(() -> this.exchange.client(this.time).runs().streamOf("run_1", "openai", Token.class),
					() -> this.time, Long.MAX_VALUE)
			.expectError(TriggerDecodingException.class)
			.verify();
	}

	@Test
	void argumentsAreChecked() {
		RunsOperations runs = this.exchange.client(this.time).runs();
		assertThatIllegalArgumentException().isThrownBy(() -> runs.streamOf("run_1", " ", Token.class))
			.withMessageContaining("streamKey");
		assertThat(this.exchange.requests()).isEmpty();
	}

}
