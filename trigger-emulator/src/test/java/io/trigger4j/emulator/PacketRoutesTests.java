package io.trigger4j.emulator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packet routes and the packet host on the emulator's second port: presigned uploads
 * and downloads, offloaded payloads and outputs (sdk-behaviour.md 7, api-semantics.md
 * 4.4), and hostile requests answered alone.
 */
class PacketRoutesTests extends EmulatorTestSupport {

	private static final String PATH = "trigger/hello-world/1764000000000-abc/payload.json";

	private static final String BIG_NAME = "x".repeat(140 * 1024);

	@Test
	void anUploadedPayloadRunsTheTaskAndIsShownAsAPresignedUrl() {
		Http.Answer presigned = this.http.put("/api/v2/packets/" + encode(PATH), "");
		assertThat(presigned.status()).as(presigned.body()).isEqualTo(200);
		String uploadUrl = presigned.json().get("presignedUrl").asString();
		assertThat(uploadUrl).startsWith(this.emulator.packetBaseUrl() + "/packets/");
		assertThat(presigned.json().get("storagePath").asString()).isEqualTo(PATH);
		String packet = "{\"json\":{\"name\":\"" + BIG_NAME + "\"}}";
		assertThat(upload(uploadUrl, packet, "application/super+json").status()).isEqualTo(200);

		String id = trigger("hello-world", "{\"payload\":\"" + PATH
				+ "\",\"options\":{\"payloadType\":\"application/store\",\"payloadSize\":143400}}");

		JsonNode run = run(id);
		assertThat(run.has("payload")).isFalse();
		Http.Answer payload = download(run.get("payloadPresignedUrl").asString());
		assertThat(payload.body()).isEqualTo(packet);
		assertThat(payload.header("Content-Type")).isEqualTo("application/super+json");
		// The handler saw the real payload; its output (over 128 KiB) is offloaded too.
		assertThat(run.has("output")).isFalse();
		JsonNode output = EmulatorJson.MAPPER.readTree(download(run.get("outputPresignedUrl").asString()).body());
		assertThat(output.get("greeting").asString()).isEqualTo("Hello, " + BIG_NAME + "!");
	}

	@Test
	void smallValuesStayInlineAndLargeInlinePayloadsAreOffloaded() {
		String small = trigger("hello-world", "{\"payload\":{\"name\":\"Ada\"}}");
		assertThat(run(small).get("payload").get("name").asString()).isEqualTo("Ada");
		assertThat(run(small).get("output").get("greeting").asString()).isEqualTo("Hello, Ada!");

		String large = trigger("hello-world", "{\"payload\":{\"name\":\"" + "y".repeat(520 * 1024) + "\"}}");
		JsonNode run = run(large);
		assertThat(run.has("payload")).isFalse();
		assertThat(EmulatorJson.MAPPER.readTree(download(run.get("payloadPresignedUrl").asString()).body())
			.get("name")
			.asString()).hasSize(520 * 1024);
	}

	@Test
	void theDownloadRouteAnswersAPresignedGetThatExpiresAfterFiveMinutes() {
		String uploadUrl = this.http.put("/api/v1/packets/" + encode(PATH), "").json().get("presignedUrl").asString();
		upload(uploadUrl, "hello", "text/plain");
		String downloadUrl = this.http.get("/api/v1/packets/" + encode(PATH)).json().get("presignedUrl").asString();
		assertThat(download(downloadUrl).body()).isEqualTo("hello");

		this.clock.advance(Duration.ofSeconds(300));

		Http.Answer expired = download(downloadUrl);
		assertThat(expired.status()).isEqualTo(403);
		assertThat(expired.body()).contains("<Code>AccessDenied</Code>", "Request has expired");
		String fresh = this.http.get("/api/v1/packets/" + encode(PATH)).json().get("presignedUrl").asString();
		assertThat(download(fresh).body()).isEqualTo("hello");
	}

	@Test
	void urlsWithoutTheirSignatureOrForAnotherMethodAreRefused() {
		String uploadUrl = this.http.put("/api/v2/packets/" + encode(PATH), "").json().get("presignedUrl").asString();
		String tampered = uploadUrl.replace("payload.json", "other.json");
		assertThat(upload(tampered, "x", "text/plain").body()).contains("<Code>SignatureDoesNotMatch</Code>");
		assertThat(upload(uploadUrl.substring(0, uploadUrl.indexOf('?')), "x", "text/plain").status()).isEqualTo(403);
		// An upload URL downloads nothing.
		assertThat(download(uploadUrl).status()).isEqualTo(403);
		String downloadUrl = this.http.get("/api/v1/packets/" + encode(PATH)).json().get("presignedUrl").asString();
		assertThat(upload(downloadUrl, "x", "text/plain").status()).isEqualTo(403);
		assertThat(download(downloadUrl).body()).contains("<Code>NoSuchKey</Code>");
		assertThat(upload(uploadUrl, "x", "text/plain").status()).isEqualTo(200);
	}

	@Test
	void pathTraversalIsRefused() {
		for (String path : new String[] { "../secret", "a/../../b", "/etc/passwd", "a//b", "a\\b", "a/%2e%2e/b",
				"a/./b" }) {
			Http.Answer answer = this.http.put("/api/v2/packets/" + encode(path), "");
			assertThat(answer.status()).as(path).isEqualTo(400);
			assertThat(answer.body()).isEqualTo("{\"error\":\"Invalid packet storage path\"}");
		}
		assertThat(this.http.get("/api/v1/packets/" + encode("../x")).status()).isEqualTo(400);
	}

	@Test
	void thePacketRoutesTakeASecretKey() {
		Http.Answer anonymous = Http
			.send(HttpRequest.newBuilder(URI.create(this.emulator.baseUrl() + "/api/v2/packets/" + encode(PATH)))
				.header("Authorization", "Bearer tr_pat_nope")
				.PUT(HttpRequest.BodyPublishers.noBody()));
		assertThat(anonymous.body()).isEqualTo("{\"error\":\"Invalid or Missing API key\"}");
	}

	@Test
	void oversizedAndUnsizedUploadsAreRefusedAndTheHostServesOn() throws IOException {
		String uploadUrl = this.http.put("/api/v2/packets/" + encode(PATH), "").json().get("presignedUrl").asString();
		URI uri = URI.create(uploadUrl);
		try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
			socket.setSoTimeout(5000);
			OutputStream out = socket.getOutputStream();
			out.write(("PUT " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\nHost: " + uri.getAuthority()
					+ "\r\nContent-Length: 200000000\r\nContent-Type: text/plain\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.write(new byte[64 * 1024]);
			out.flush();
			String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
			assertThat(status).isEqualTo("HTTP/1.1 413");
		}
		InputStream chunked = new ByteArrayInputStream("streamed".getBytes(StandardCharsets.UTF_8));
		Http.Answer unsized = Http.send(HttpRequest.newBuilder(uri)
			.header("Content-Type", "text/plain")
			.PUT(HttpRequest.BodyPublishers.ofInputStream(() -> chunked)));
		assertThat(unsized.status()).isEqualTo(411);

		assertThat(upload(uploadUrl, "fine", "text/plain").status()).isEqualTo(200);
		String downloadUrl = this.http.get("/api/v1/packets/" + encode(PATH)).json().get("presignedUrl").asString();
		assertThat(download(downloadUrl).body()).isEqualTo("fine");
	}

	@Test
	void aTriggerWithAMissingPacketIsRefused() {
		Http.Answer answer = this.http.post("/api/v1/tasks/hello-world/trigger",
				"{\"payload\":\"nowhere/payload.json\",\"options\":{\"payloadType\":\"application/store\"}}");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.body()).isEqualTo("{\"error\":\"Payload packet not found: nowhere/payload.json\"}");
	}

	private static Http.Answer upload(String url, String body, String contentType) {
		return Http.send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", contentType)
			.PUT(HttpRequest.BodyPublishers.ofString(body)));
	}

	private static Http.Answer download(String url) {
		return Http.send(HttpRequest.newBuilder(URI.create(url)).GET());
	}

	/** As the SDK encodes the path: whole, slashes too. */
	private static String encode(String path) {
		return URLEncoder.encode(path, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
