package io.trigger4j.client;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.trigger4j.client.error.ServerException;
import io.trigger4j.client.model.JsonValue;
import io.trigger4j.client.model.batches.BatchItem;
import io.trigger4j.client.model.batches.BatchOptions;
import io.trigger4j.client.model.batches.BatchTriggerResult;
import io.trigger4j.client.model.runs.Run;
import io.trigger4j.client.model.tasks.TriggerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.findAll;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Large payloads through the public operations, as the SDK 4.8.3 sends them
 * ({@code prepareTriggerPayload}, {@code exportPacket}): a payload of 128 KiB or more is
 * uploaded ({@code PUT /api/v2/packets/trigger%2Fpacket_<id>%2Fpayload.json} with the
 * secret key, then a {@code PUT} of the bytes to the presigned URL on a second server
 * standing for the storage host) and triggered as its storage path; retrieve downloads
 * presigned payloads and outputs.
 */
@WireMockTest
class LargePayloadTests {

	@RegisterExtension
	static WireMockExtension storage = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static final String SIGNATURE = "X-Amz-Signature=0badc0ffee0123456789abcdef";

	private static final String UPLOAD_PATH = "trigger%2Fpacket_[1-9a-km-z]{21}%2Fpayload\\.json";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static String presigned(String path) {
		return storage.baseUrl() + path + "?X-Amz-Credential=AKIA%2F20260101&" + SIGNATURE;
	}

	/** A payload {@code {"data":"xxx..."}} of exactly this many UTF-8 bytes. */
	private static Map<String, String> payloadOfBytes(int size) {
		return Map.of("data", "x".repeat(size - 11));
	}

	private static String json(Object value) {
		return JSON.writeValueAsString(value);
	}

	/** Each upload gets its own storage path and presigned URL, numbered from 0. */
	private static void packetRoutesAnswer(int uploads) {
		for (int n = 0; n < uploads; n++) {
			String path = "trigger/packet_" + n + "/payload.json";
			stubFor(put(urlPathMatching("/api/v2/packets/" + UPLOAD_PATH)).inScenario("uploads")
				.whenScenarioStateIs((n == 0) ? Scenario.STARTED : "u" + n)
				.willSetStateTo("u" + (n + 1))
				.willReturn(okJson("{\"presignedUrl\":\"" + presigned("/bucket/" + path) + "\",\"storagePath\":\""
						+ path + "\"}")));
			storage.stubFor(put(urlPathEqualTo("/bucket/" + path)).willReturn(aResponse().withStatus(200)));
		}
	}

	private static void assertNoCredentialReached(LoggedRequest request) {
		assertThat(request.containsHeader("Authorization")).isFalse();
		assertThat(request.containsHeader("x-trigger-api-version")).isFalse();
		assertThat(request.getBodyAsString()).doesNotContain(TestClients.SECRET_KEY);
	}

	@Test
	void aPayloadOf200KibIsUploadedThenTriggeredAsItsStoragePath(WireMockRuntimeInfo wm) {
		packetRoutesAnswer(1);
		stubFor(post("/api/v1/tasks/big/trigger").willReturn(okJson("{\"id\":\"run_1\",\"isCached\":false}")));
		Map<String, String> payload = payloadOfBytes(200 * 1024);

		String id = TestClients.clientWithoutGeneratedKeys(wm)
			.tasks()
			.trigger("big", payload, TriggerOptions.builder().tags("large").build())
			.block()
			.id();

		assertThat(id).isEqualTo("run_1");
		verify(putRequestedFor(urlPathMatching("/api/v2/packets/" + UPLOAD_PATH)).withHeader("Authorization",
				equalTo("Bearer " + TestClients.SECRET_KEY)));
		List<LoggedRequest> uploads = storage.findAll(putRequestedFor(anyUrl()));
		assertThat(uploads).singleElement().satisfies((upload) -> {
			assertThat(upload.getUrl())
				.isEqualTo("/bucket/trigger/packet_0/payload.json?X-Amz-Credential=AKIA%2F20260101&" + SIGNATURE);
			assertThat(upload.getHeader("Content-Type")).isEqualTo("application/json");
			assertThat(JSON.readTree(upload.getBody())).isEqualTo(JSON.valueToTree(payload));
			assertThat(upload.getBody()).hasSize(200 * 1024);
			assertNoCredentialReached(upload);
		});
		verify(postRequestedFor(urlEqualTo("/api/v1/tasks/big/trigger")).withRequestBody(equalToJson("""
				{"payload":"trigger/packet_0/payload.json",
				 "options":{"tags":["large"],"payloadType":"application/store","payloadSize":204800}}""", false,
				false)));
	}

	@Test
	void aPayloadOf100KibIsSentInline(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/tasks/big/trigger").willReturn(okJson("{\"id\":\"run_1\",\"isCached\":false}")));
		Map<String, String> payload = payloadOfBytes(100 * 1024);

		TestClients.clientWithoutGeneratedKeys(wm).tasks().trigger("big", payload).block();

		verify(0, putRequestedFor(anyUrl()));
		assertThat(storage.getAllServeEvents()).isEmpty();
		verify(postRequestedFor(urlEqualTo("/api/v1/tasks/big/trigger"))
			.withRequestBody(equalToJson("{\"payload\":" + json(payload) + "}", false, false)));
	}

	@Test
	void aBatchItemWithALargePayloadIsOffloadedAndTheOthersStayInline(WireMockRuntimeInfo wm) {
		packetRoutesAnswer(1);
		stubFor(post("/api/v1/tasks/big/batch").willReturn(
				okJson("{\"id\":\"batch_1\",\"isCached\":false,\"runs\":[{\"id\":\"run_1\"},{\"id\":\"run_2\"}]}")));
		Map<String, String> large = payloadOfBytes(200 * 1024);

		BatchTriggerResult result = TestClients.client(wm)
			.tasks()
			.batchTrigger("big", List.of(BatchItem.of("big", Map.of("n", 1)), BatchItem.of("big", large)),
					BatchOptions.none())
			.block();

		assertThat(result.runs()).containsExactly("run_1", "run_2");
		assertThat(storage.findAll(putRequestedFor(anyUrl()))).singleElement()
			.satisfies(LargePayloadTests::assertNoCredentialReached);
		verify(postRequestedFor(urlEqualTo("/api/v1/tasks/big/batch")).withRequestBody(equalToJson("""
				{"items":[{"payload":{"n":1}},
				 {"payload":"trigger/packet_0/payload.json",
				  "options":{"payloadType":"application/store","payloadSize":204800}}]}""")));
	}

	@Test
	void aLargeItemOfAStreamedBatchIsOffloadedOnItsLine(WireMockRuntimeInfo wm) {
		packetRoutesAnswer(1);
		stubFor(post("/api/v3/batches")
			.willReturn(okJson("{\"id\":\"batch_1\",\"runCount\":2,\"isCached\":false}").withStatus(202)));
		stubFor(post("/api/v3/batches/batch_1/items")
			.willReturn(okJson("{\"id\":\"batch_1\",\"itemsAccepted\":2,\"itemsDeduplicated\":0,\"sealed\":true}")));

		TestClients.client(wm)
			.tasks()
			.batchTrigger(Flux.just(BatchItem.of("big", payloadOfBytes(200 * 1024)), BatchItem.of("big", "small")),
					BatchOptions.none())
			.blockLast();

		List<LoggedRequest> sent = findAll(postRequestedFor(urlEqualTo("/api/v3/batches/batch_1/items")));
		assertThat(sent).singleElement().satisfies((request) -> {
			List<JsonNode> lines = request.getBodyAsString().lines().map(JSON::readTree).toList();
			assertThat(lines).containsExactly(JSON.readTree("""
					{"index":0,"task":"big","payload":"trigger/packet_0/payload.json",
					 "options":{"payloadType":"application/store","payloadSize":204800}}"""),
					JSON.readTree("{\"index\":1,\"task\":\"big\",\"payload\":\"small\"}"));
		});
	}

	@Test
	void retrieveDownloadsAPresignedPayloadAndOutputWithoutTheSecretKey(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v3/runs/run_1").willReturn(okJson("{\"id\":\"run_1\",\"status\":\"COMPLETED\","
				+ "\"taskIdentifier\":\"big\",\"payloadPresignedUrl\":\"" + presigned("/run_1/payload.json")
				+ "\",\"outputPresignedUrl\":\"" + presigned("/run_1/output.json") + "\"}")));
		String big = "y".repeat(200 * 1024);
		storage.stubFor(get(urlPathEqualTo("/run_1/payload.json")).willReturn(
				aResponse().withHeader("Content-Type", "application/json").withBody("{\"data\":\"" + big + "\"}")));
		storage.stubFor(get(urlPathEqualTo("/run_1/output.json"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("[\"" + big + "\"]")));

		Run run = TestClients.client(wm).runs().retrieve("run_1").block();

		assertThat(run.payload(Map.class)).containsEntry("data", big);
		assertThat(run.output()).isEqualTo(JsonValue.parse("[\"" + big + "\"]"));
		assertThat(storage.findAll(getRequestedFor(anyUrl()))).hasSize(2)
			.allSatisfy(LargePayloadTests::assertNoCredentialReached);
		assertThat(run.toString()).contains("payloadPresignedUrl=" + storage.baseUrl() + "/run_1/payload.json?******")
			.doesNotContain("X-Amz")
			.doesNotContain(big)
			.contains("payload=<present>");
	}

	@Test
	void aFailingDownloadFailsRetrieveAfterTheRetriesNeverWithANull(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v3/runs/run_1").willReturn(okJson("{\"id\":\"run_1\",\"status\":\"COMPLETED\","
				+ "\"taskIdentifier\":\"big\",\"payload\":{\"a\":1},\"outputPresignedUrl\":\""
				+ presigned("/run_1/output.json") + "\"}")));
		storage.stubFor(get(urlPathEqualTo("/run_1/output.json")).willReturn(aResponse().withStatus(503)));

		assertThatExceptionOfType(ServerException.class)
			.isThrownBy(() -> TestClients.client(wm).runs().retrieve("run_1").block())
			.withMessage("packets.presignedDownload failed with HTTP 503: the storage host " + storage.baseUrl()
					+ " refused the request")
			.satisfies((failure) -> {
				for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
					assertThat(String.valueOf(cause.getMessage())).doesNotContain("0badc0ffee")
						.doesNotContain(TestClients.SECRET_KEY);
					for (Throwable suppressed : cause.getSuppressed()) {
						assertThat(String.valueOf(suppressed.getMessage())).doesNotContain("0badc0ffee");
					}
				}
			});
		// The first attempt and the 4 retries of the client's settings; the API once.
		assertThat(storage.findAll(getRequestedFor(urlPathEqualTo("/run_1/output.json")))).hasSize(5);
		verify(1, getRequestedFor(urlEqualTo("/api/v3/runs/run_1")));
		verify(0, anyRequestedFor(urlPathMatching("/api/v1/packets/.*")));
	}

	@Test
	void theUploadedBytesAreThePayloadAsTheTriggerWouldHaveSentIt(WireMockRuntimeInfo wm) {
		packetRoutesAnswer(1);
		stubFor(post("/api/v1/tasks/big/trigger").willReturn(okJson("{\"id\":\"run_1\",\"isCached\":false}")));
		// Two-byte characters: 70 000 characters are 140 000 bytes, over the threshold.
		String text = "é".repeat(70_000);

		TestClients.clientWithoutGeneratedKeys(wm).tasks().trigger("big", text).block();

		LoggedRequest upload = storage.findAll(putRequestedFor(anyUrl())).get(0);
		assertThat(new String(upload.getBody(), StandardCharsets.UTF_8)).isEqualTo("\"" + text + "\"");
		verify(postRequestedFor(urlEqualTo("/api/v1/tasks/big/trigger")).withRequestBody(equalToJson("""
				{"payload":"trigger/packet_0/payload.json",
				 "options":{"payloadType":"application/store","payloadSize":140002}}""")));
	}

}
