package io.trigger4j.emulator;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Realtime data streams: a task handler appends records, subscribers read them over SSE
 * (v1), resuming after the last event id, held open until the run finishes.
 */
class StreamRoutesTests {

	private final RealtimeFixture fixture = new RealtimeFixture(Duration.ofMillis(300),
			EmulatedTask.of("chat", (run) -> {
				if (run.step() == 1) {
					TaskInvocation.RunStream tokens = run.stream("openai");
					tokens.append(Map.of("delta", "Hel"));
					tokens.append(Map.of("delta", "lo"));
					return TaskStep.waitFor(Duration.ofMinutes(1));
				}
				run.append("openai", Map.of("delta", "!"));
				return "Hello!";
			}).withDuration(Duration.ofSeconds(10)),
			EmulatedTask.of("quiet", (run) -> "ok").withDuration(Duration.ofMinutes(10)),
			EmulatedTask.of("chatty", (run) -> {
				TaskInvocation.RunStream tokens = run.stream("tokens");
				for (int i = 0; i < 1001; i++) {
					tokens.append(Map.of("n", i));
				}
				return "done";
			}));

	@AfterEach
	void close() {
		this.fixture.close();
	}

	@Test
	void finishedRunsStreamIsServedWholeAsV1EventsThenEnds() {
		String id = this.fixture.trigger("chat", "{\"payload\":{}}");
		this.fixture.clock.advance(Duration.ofMinutes(2));

		RealtimeFixture.Answer answer = this.fixture.get("/realtime/v1/streams/" + id + "/openai");

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.header("content-type")).startsWith("text/event-stream");
		assertThat(answer.header("x-stream-version")).isEqualTo("v1");
		assertThat(answer.body()).isEqualTo("id: 1795341600000-0\ndata: {\"delta\":\"Hel\"}\n\n"
				+ "id: 1795341600000-1\ndata: {\"delta\":\"lo\"}\n\n"
				+ "id: 1795341670000-0\ndata: {\"delta\":\"!\"}\n\n");
	}

	@Test
	void aStreamKeepsItsNewest1000RecordsAsTheServersTrimmedStream() {
		String id = this.fixture.trigger("chatty", "{\"payload\":{}}");

		RealtimeFixture.Answer answer = this.fixture.get("/realtime/v1/streams/" + id + "/tokens");

		List<String> data = answer.body().lines().filter((line) -> line.startsWith("data: ")).toList();
		assertThat(data).hasSize(1000);
		assertThat(data.get(0)).isEqualTo("data: {\"n\":1}");
		assertThat(data.get(999)).isEqualTo("data: {\"n\":1000}");
	}

	@Test
	void aConnectionWokenThousandsOfTimesStillDeliversEveryRecord() {
		String id = this.fixture.trigger("quiet", "{\"payload\":{}}");
		CompletableFuture<RealtimeFixture.Answer> stream = this.fixture
			.send(this.fixture.request("/realtime/v1/streams/" + id + "/tokens").GET());
		int records = 4000;
		for (int i = 0; i < records; i++) {
			this.fixture.awaitHeld(1);
			this.fixture.engine.streams().append(id, "tokens", EmulatorJson.MAPPER.getNodeFactory().numberNode(i));
		}
		this.fixture.awaitHeld(1);
		this.fixture.clock.advance(Duration.ofMinutes(10));

		List<String> data = RealtimeFixture.join(stream)
			.body()
			.lines()
			.filter((line) -> line.startsWith("data: "))
			.toList();
		assertThat(data).hasSize(records);
		assertThat(data.get(data.size() - 1)).isEqualTo("data: " + (records - 1));
	}

	@Test
	void lastEventIdResumesAfterThatRecord() {
		String id = this.fixture.trigger("chat", "{\"payload\":{}}");
		this.fixture.clock.advance(Duration.ofMinutes(2));

		RealtimeFixture.Answer answer = RealtimeFixture
			.join(this.fixture.send(this.fixture.request("/realtime/v1/streams/" + id + "/openai")
				.header("Last-Event-ID", "1795341600000-0")
				.GET()));

		assertThat(answer.body()).isEqualTo("id: 1795341600000-1\ndata: {\"delta\":\"lo\"}\n\n"
				+ "id: 1795341670000-0\ndata: {\"delta\":\"!\"}\n\n");
	}

	@Test
	void connectionStaysOpenForNewRecordsUntilTheRunFinishes() {
		String id = this.fixture.trigger("chat", "{\"payload\":{}}");

		CompletableFuture<RealtimeFixture.Answer> stream = this.fixture
			.send(this.fixture.request("/realtime/v1/streams/" + id + "/openai").GET());
		this.fixture.awaitHeld(1);
		assertThat(stream).isNotDone();
		this.fixture.clock.advance(Duration.ofMinutes(2));

		assertThat(RealtimeFixture.join(stream).body()).endsWith("id: 1795341670000-0\ndata: {\"delta\":\"!\"}\n\n")
			.startsWith("id: 1795341600000-0\n");
	}

	@Test
	void streamWithoutRecordsEndsAfterTheInactivityTimeout() {
		String id = this.fixture.trigger("quiet", "{\"payload\":{}}");

		RealtimeFixture.Answer answer = this.fixture.get("/realtime/v1/streams/" + id + "/nothing");

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.body()).isEmpty();
	}

	@Test
	void runListsItsStreamsInTheRealtimeFeed() {
		String id = this.fixture.trigger("chat", "{\"payload\":{}}");

		RealtimeFixture.Answer answer = this.fixture.get("/realtime/v1/runs/" + id + "?offset=-1&log=full");

		assertThat(answer.json().get(0).get("value").get("realtimeStreams").asString()).isEqualTo("{\"openai\"}");
	}

	@Test
	void timeoutSecondsOutOfRangeIs400AndUnknownRunIs404() {
		String id = this.fixture.trigger("quiet", "{\"payload\":{}}");

		RealtimeFixture.Answer tooLong = RealtimeFixture.join(this.fixture.send(
				this.fixture.request("/realtime/v1/streams/" + id + "/openai").header("Timeout-Seconds", "601").GET()));
		RealtimeFixture.Answer negative = RealtimeFixture.join(this.fixture.send(
				this.fixture.request("/realtime/v1/streams/" + id + "/openai").header("Timeout-Seconds", "-3").GET()));

		assertThat(tooLong.status()).isEqualTo(400);
		assertThat(tooLong.body()).isEqualTo("Timeout seconds must be less than 600");
		assertThat(negative.body()).isEqualTo("Timeout seconds must be greater than 0");
		assertThat(this.fixture.get("/realtime/v1/streams/run_unknown/openai").status()).isEqualTo(404);
	}

	@Test
	void appendingOutsideAnEmulatorFails() {
		TaskInvocation run = new TaskInvocation("run_1", "chat", 1, 1, null);

		assertThatIllegalStateException().isThrownBy(() -> run.append("openai", "x"))
			.withMessageContaining("started TriggerEmulator");
	}

}
