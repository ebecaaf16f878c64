package io.trigger4j.emulator.api;

import java.nio.charset.StandardCharsets;

import io.trigger4j.emulator.engine.Engine;
import io.trigger4j.emulator.engine.EngineException;
import io.trigger4j.emulator.engine.Packets;
import io.trigger4j.emulator.engine.RunSnapshot;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Packets as runs hold them: a stored packet read as a payload (by its content type, as
 * the server's {@code parsePacketAsJson}), and a retrieved run's large payload or output
 * answered as a presigned URL instead of the value (api-semantics.md 4.4,
 * {@code ApiRetrieveRunPresenter}): a payload triggered offloaded
 * ({@code application/store}), or one of {@value #PAYLOAD_OFFLOAD_BYTES} bytes or more
 * (the server offloads those at trigger time), and an output of
 * {@value #OUTPUT_OFFLOAD_BYTES} bytes or more (what a deployed task offloads itself,
 * {@code OFFLOAD_IO_PACKET_LENGTH_LIMIT}). Large values are stored as packets of the run
 * ({@code <runId>/payload.json}, {@code <runId>/output.json}) the first time they are
 * shown; when the packet store is full they are shown inline instead.
 */
final class PacketContents {

	static final int PAYLOAD_OFFLOAD_BYTES = 524_288;

	static final int OUTPUT_OFFLOAD_BYTES = 131_072;

	static final String STORE = "application/store";

	private final Engine engine;

	private final PacketUrls urls;

	PacketContents(Engine engine, PacketUrls urls) {
		this.engine = engine;
		this.urls = urls;
	}

	/**
	 * The payload a stored packet holds; 400 "Payload packet not found: {path}" when none
	 * was uploaded there.
	 */
	JsonNode payload(String storagePath) {
		Packets.Stored packet = this.engine.packets()
			.find(storagePath)
			.orElseThrow(() -> ApiError.of(400, "Payload packet not found: " + storagePath));
		return decode(packet.toByteArray(), packet.contentType());
	}

	/** A packet's value by its content type: superjson's {@code json}, JSON, or text. */
	static JsonNode decode(byte[] bytes, String contentType) {
		String type = contentType.toLowerCase(java.util.Locale.ROOT);
		String text = new String(bytes, StandardCharsets.UTF_8);
		if (type.startsWith(Payloads.SUPER_JSON)) {
			return Payloads.decode(ApiJson.MAPPER.getNodeFactory().stringNode(text), Payloads.SUPER_JSON);
		}
		if (type.startsWith(Payloads.JSON)) {
			try {
				return ApiJson.MAPPER.readTree(text);
			}
			catch (JacksonException ex) {
				// not JSON after all: the text
			}
		}
		return ApiJson.MAPPER.getNodeFactory().stringNode(text);
	}

	/**
	 * The presigned URL a retrieved run shows instead of its payload, or {@code null}.
	 */
	@Nullable String payloadUrl(RunSnapshot run) {
		if (run.payloadPacket() != null) {
			return this.urls.presign("GET", run.payloadPacket());
		}
		return offloaded(run.id() + "/payload.json", run.payload(), PAYLOAD_OFFLOAD_BYTES);
	}

	/** The presigned URL a retrieved run shows instead of its output, or {@code null}. */
	@Nullable String outputUrl(RunSnapshot run) {
		return offloaded(run.id() + "/output.json", run.output(), OUTPUT_OFFLOAD_BYTES);
	}

	private @Nullable String offloaded(String path, @Nullable JsonNode value, int threshold) {
		if (value == null || this.urls.baseUrl() == null) {
			return null;
		}
		byte[] bytes = ApiJson.MAPPER.writeValueAsBytes(value);
		if (bytes.length < threshold) {
			return null;
		}
		try {
			this.engine.packets().putIfAbsent(path, Payloads.JSON, bytes);
		}
		catch (EngineException ex) {
			// The packet store is full: the value is shown inline, the run still
			// answered.
			return null;
		}
		return this.urls.presign("GET", path);
	}

}
