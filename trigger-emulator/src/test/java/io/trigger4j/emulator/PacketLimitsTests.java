package io.trigger4j.emulator;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.trigger4j.emulator.api.EmulatorApi;
import io.trigger4j.emulator.engine.Engine;
import io.trigger4j.emulator.engine.EngineException;
import io.trigger4j.emulator.engine.Packets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The packet store's bounds: what the packet past them gets, and that a full store never
 * breaks retrieving a run.
 */
class PacketLimitsTests {

	private static final String KEY = "tr_dev_packetlimits00000000";

	private final AtomicReference<Engine> built = new AtomicReference<>();

	private final ManualClock clock = new ManualClock(Instant.parse("2026-11-22T10:00:00Z"));

	private final Engine engine = new Engine(this.clock,
			List.of(TaskSteps.spec(EmulatedTask.of("big", (run) -> "x".repeat(200_000)), this.built::get)),
			Duration.ofSeconds(5));

	private final DisposableServer server;

	PacketLimitsTests() {
		this.built.set(this.engine);
		EmulatorApi api = new EmulatorApi(this.engine, this.clock, KEY, null);
		api.packetBaseUrl("http://127.0.0.1:9");
		this.server = HttpServer.create().host("127.0.0.1").port(0).handle(api.handler()).bindNow();
	}

	@AfterEach
	void stop() {
		this.server.disposeNow();
	}

	@Test
	void packetsPastTheCountAre413ButReplacingOneIsNot() {
		Packets packets = this.engine.packets();
		for (int i = 0; i < Packets.MAX_PACKETS; i++) {
			packets.put("p/" + i, "text/plain", new byte[0]);
		}

		assertThatExceptionOfType(EngineException.class)
			.isThrownBy(() -> packets.put("one/more", "text/plain", new byte[0]))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(413))
			.withMessage("Packet store full");
		packets.put("p/0", "text/plain", new byte[] { 1 });
		assertThat(packets.find("p/0").orElseThrow().toByteArray()).containsExactly(1);
		assertThat(packets.find("one/more")).isEmpty();
	}

	@Test
	void aFullPacketStoreShowsALargeOutputInline() {
		Http.Answer triggered = send(request("/api/v1/tasks/big/trigger").header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"payload\":{}}")));
		String id = triggered.json().get("id").asString();
		for (int i = 0; i < Packets.MAX_PACKETS; i++) {
			this.engine.packets().put("p/" + i, "text/plain", new byte[0]);
		}

		Http.Answer run = send(request("/api/v3/runs/" + id).GET());

		assertThat(run.status()).as(run.body()).isEqualTo(200);
		assertThat(run.json().get("output").asString()).hasSize(200_000);
		assertThat(run.json().has("outputPresignedUrl")).isFalse();
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.server.port() + path))
			.header("Authorization", "Bearer " + KEY)
			.header("x-trigger-api-version", Http.CURRENT);
	}

	private static Http.Answer send(HttpRequest.Builder request) {
		return Http.send(request);
	}

}
