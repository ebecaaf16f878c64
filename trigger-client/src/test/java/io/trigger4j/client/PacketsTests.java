package io.trigger4j.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.trigger4j.client.error.PermissionDeniedException;
import io.trigger4j.client.error.ServerException;
import io.trigger4j.client.error.TriggerDecodingException;
import io.trigger4j.client.error.TriggerException;
import io.trigger4j.client.error.TriggerTransportException;
import io.trigger4j.client.model.JsonValue;
import io.trigger4j.client.model.runs.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
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
 * Large payloads and outputs: the offload threshold, the upload (presign on the API, then
 * a PUT to a second server standing for the storage host, which must never see the
 * client's credentials or headers), downloads by content type, retries in virtual time,
 * and failures signalled, never a silent null.
 */
@WireMockTest
class PacketsTests {

	@RegisterExtension
	static WireMockExtension storage = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	/** A presigned query as S3 makes one; its signature must never reach a message. */
	private static final String SIGNATURE = "X-Amz-Signature=5e1f0c0ffee0123456789abcdef";

	private static final String STORAGE_PATH = "trigger/packet_abc/payload.json";

	private static Packets packets(TriggerOperations client) {
		return new Packets(((DefaultAuthOperations) client.auth()).http());
	}

	private static Packets packets(WireMockRuntimeInfo wm) {
		return packets(TestClients.builder(wm)
			.branch("feature-x")
			.build()
			.withOptions(RequestOptions.builder().header("x-tenant", "acme").build()));
	}

	private static String presigned(String path) {
		return storage.baseUrl() + path + "?X-Amz-Credential=AKIA%2F20260101&" + SIGNATURE;
	}

	private static RawJson payloadOfBytes(int size) {
		// {"data":"xxx..."} is 11 bytes plus the string.
		return new RawJson("{\"data\":\"" + "x".repeat(size - 11) + "\"}");
	}

	private static void assertNothingOfTheClientReached(LoggedRequest request) {
		for (String header : List.of("Authorization", "x-trigger-api-version", "x-trigger-branch", "x-tenant",
				"x-trigger-request-idempotency-key")) {
			assertThat(request.containsHeader(header)).as(header).isFalse();
		}
		assertThat(request.getHeader("User-Agent")).doesNotContain("trigger4j");
		assertThat(request.getBodyAsString()).doesNotContain(TestClients.SECRET_KEY);
	}

	// offload

	@Test
	void aPayloadBelowTheThresholdIsSentAsItIs(WireMockRuntimeInfo wm) {
		RawJson payload = payloadOfBytes(Packets.OFFLOAD_THRESHOLD_BYTES - 1);

		Packets.TriggerPayload sent = packets(wm).offloadIfLarge(payload).block();

		assertThat(sent).isEqualTo(new Packets.TriggerPayload(payload, null, null));
		assertThat(sent.isOffloaded()).isFalse();
		verify(0, anyRequestedFor(anyUrl()));
		assertThat(storage.getAllServeEvents()).isEmpty();
	}

	@Test
	void aPayloadAtTheThresholdIsUploadedAndSentAsItsStoragePath(WireMockRuntimeInfo wm) {
		stubFor(put(urlPathMatching("/api/v2/packets/.*"))
			.willReturn(okJson("{\"presignedUrl\":\"" + presigned("/bucket/proj/dev/trigger/packet_abc/payload.json")
					+ "\",\"storagePath\":\"" + STORAGE_PATH + "\"}")));
		storage.stubFor(put(urlPathEqualTo("/bucket/proj/dev/trigger/packet_abc/payload.json"))
			.willReturn(aResponse().withStatus(200)));
		RawJson payload = payloadOfBytes(Packets.OFFLOAD_THRESHOLD_BYTES);

		Packets.TriggerPayload sent = packets(wm).offloadIfLarge(payload).block();

		assertThat(sent.payload().json()).isEqualTo("\"" + STORAGE_PATH + "\"");
		assertThat(sent.payloadType()).isEqualTo("application/store");
		assertThat(sent.payloadSize()).isEqualTo(128L * 1024);
		// The path is the SDK's, sent as one segment (encodeURIComponent), with the
		// client's credentials.
		verify(putRequestedFor(urlPathMatching("/api/v2/packets/trigger%2Fpacket_[1-9a-km-z]{21}%2Fpayload\\.json"))
			.withHeader("Authorization", equalTo("Bearer " + TestClients.SECRET_KEY))
			.withHeader("x-tenant", equalTo("acme")));
		List<LoggedRequest> uploads = storage.findAll(putRequestedFor(anyUrl()));
		assertThat(uploads).singleElement().satisfies((upload) -> {
			assertThat(upload.getUrl()).endsWith("?X-Amz-Credential=AKIA%2F20260101&" + SIGNATURE);
			assertThat(upload.getHeader("Content-Type")).isEqualTo("application/json");
			assertThat(upload.getBody()).isEqualTo(payload.json().getBytes(StandardCharsets.UTF_8));
			assertNothingOfTheClientReached(upload);
		});
	}

	@Test
	void theThresholdCountsUtf8Bytes(WireMockRuntimeInfo wm) {
		stubFor(put(urlPathMatching("/api/v2/packets/.*")).willReturn(
				okJson("{\"presignedUrl\":\"" + presigned("/b/p") + "\",\"storagePath\":\"" + STORAGE_PATH + "\"}")));
		storage.stubFor(put(urlPathEqualTo("/b/p")).willReturn(aResponse().withStatus(200)));
		// 65 536 characters of two bytes each: half the threshold in characters.
		RawJson payload = new RawJson("\"" + "é".repeat(64 * 1024) + "\"");

		assertThat(packets(wm).offloadIfLarge(payload).block().isOffloaded()).isTrue();
	}

	@Test
	void anAnswerWithoutAStoragePathFailsBeforeTheUpload(WireMockRuntimeInfo wm) {
		stubFor(put(urlPathMatching("/api/v2/packets/.*"))
			.willReturn(okJson("{\"presignedUrl\":\"" + presigned("/b/p") + "\"}")));

		assertThatExceptionOfType(TriggerDecodingException.class)
			.isThrownBy(() -> packets(wm).offloadIfLarge(payloadOfBytes(Packets.OFFLOAD_THRESHOLD_BYTES)).block())
			.withMessage("packets.upload failed: the answer has no storagePath (the server does not support "
					+ "/api/v2/packets)");
		assertThat(storage.getAllServeEvents()).isEmpty();
	}

	@Test
	void aRefusedUploadIsSignalledWithoutTheSignatureAndNotRetried(WireMockRuntimeInfo wm) {
		stubFor(put(urlPathMatching("/api/v2/packets/.*")).willReturn(
				okJson("{\"presignedUrl\":\"" + presigned("/b/p") + "\",\"storagePath\":\"" + STORAGE_PATH + "\"}")));
		storage.stubFor(put(urlPathEqualTo("/b/p")).willReturn(aResponse().withStatus(403)
			.withBody("<Error><Code>SignatureDoesNotMatch</Code><SignatureProvided>5e1f0c0ffee0123456789abcdef"
					+ "</SignatureProvided></Error>")));

		PermissionDeniedException failure = org.assertj.core.api.Assertions.catchThrowableOfType(
				PermissionDeniedException.class,
				() -> packets(wm).offloadIfLarge(payloadOfBytes(Packets.OFFLOAD_THRESHOLD_BYTES)).block());

		assertThat(failure).hasMessage("packets.presignedUpload failed with HTTP 403: the storage host "
				+ storage.baseUrl() + " refused the request (SignatureDoesNotMatch)");
		assertThat(failure.responseBody()).doesNotContain("5e1f0c0ffee");
		assertThat(storage.findAll(putRequestedFor(anyUrl()))).hasSize(1);
	}

	@Test
	void aPublicTokenCannotAskForAnUploadUrl(WireMockRuntimeInfo wm) {
		Packets packets = packets(TestClients.client(wm)
			.withOptions(RequestOptions.builder().publicAccessToken("a.public.token").build()));

		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> packets.offloadIfLarge(payloadOfBytes(Packets.OFFLOAD_THRESHOLD_BYTES)))
			.withMessageStartingWith("packets.upload does not accept the credential PUBLIC_TOKEN");
		verify(0, anyRequestedFor(anyUrl()));
	}

	// downloads

	private static Run run(String extra) {
		return TestClients.read(
				"{\"id\":\"run_1\",\"status\":\"COMPLETED\",\"taskIdentifier\":\"t\",\"tags\":[\"a\"]" + extra + "}",
				Run.class);
	}

	@Test
	void resolveFillsPayloadAndOutputFromTheirPresignedUrlsByContentType(WireMockRuntimeInfo wm) {
		storage.stubFor(get(urlPathEqualTo("/payload"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"big\":[1,2,3]}")));
		storage.stubFor(get(urlPathEqualTo("/output")).willReturn(aResponse()
			.withHeader("Content-Type", "application/super+json")
			.withBody("{\"json\":{\"at\":\"2026-01-01T00:00:00.000Z\"},\"meta\":{\"values\":{\"at\":[\"Date\"]}}}")));
		Run run = run(",\"payloadPresignedUrl\":\"" + presigned("/payload") + "\",\"outputPresignedUrl\":\""
				+ presigned("/output") + "\"");

		Run resolved = packets(wm).resolve(run).block();

		assertThat(resolved.payload()).isEqualTo(JsonValue.parse("{\"big\":[1,2,3]}"));
		assertThat(resolved.output()).isEqualTo(JsonValue.parse("{\"at\":\"2026-01-01T00:00:00.000Z\"}"));
		assertThat(resolved.payload(Map.class)).containsEntry("big", List.of(1, 2, 3));
		assertThat(resolved.id()).isEqualTo("run_1");
		assertThat(resolved.tags()).containsExactly("a");
		assertThat(resolved.payloadPresignedUrl()).isEqualTo(run.payloadPresignedUrl());
		assertThat(storage.findAll(getRequestedFor(anyUrl()))).hasSize(2)
			.allSatisfy(PacketsTests::assertNothingOfTheClientReached);
	}

	@Test
	void textIsReadAsAJsonStringAndAMissingTypeAsJson(WireMockRuntimeInfo wm) {
		storage.stubFor(get(urlPathEqualTo("/text"))
			.willReturn(aResponse().withHeader("Content-Type", "text/plain; charset=utf-8").withBody("just text")));
		storage.stubFor(get(urlPathEqualTo("/untyped")).willReturn(aResponse().withBody("[true]")));

		assertThat(packets(wm).download(presigned("/text")).block()).isEqualTo(JsonValue.of("just text"));
		assertThat(packets(wm).download(presigned("/untyped")).block()).isEqualTo(JsonValue.parse("[true]"));
	}

	@Test
	void aRunWithInlineValuesOrNoUrlsIsLeftAsItIs(WireMockRuntimeInfo wm) {
		Run run = run(",\"payload\":{\"a\":1},\"payloadPresignedUrl\":\"" + presigned("/payload") + "\"");

		assertThat(packets(wm).resolve(run).block()).isSameAs(run);
		assertThat(storage.getAllServeEvents()).isEmpty();
	}

	@Test
	void aStoredPacketIsDownloadedThroughItsPresignedUrl(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v1/packets/trigger%2Fpacket_abc%2Fpayload.json")
			.willReturn(okJson("{\"presignedUrl\":\"" + presigned("/stored") + "\"}")));
		storage.stubFor(get(urlPathEqualTo("/stored"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"ok\":true}")));

		assertThat(packets(wm).importPacket(STORAGE_PATH).block()).isEqualTo(JsonValue.parse("{\"ok\":true}"));
		verify(getRequestedFor(urlEqualTo("/api/v1/packets/trigger%2Fpacket_abc%2Fpayload.json"))
			.withHeader("Authorization", equalTo("Bearer " + TestClients.SECRET_KEY)));
		assertThat(storage.findAll(getRequestedFor(anyUrl()))).singleElement()
			.satisfies((request) -> assertThat(request.getHeader("Authorization")).isNull());
	}

	@Test
	void aFailedDownloadIsSignalledAfterTheRetriesNeverANull(WireMockRuntimeInfo wm) {
		storage.stubFor(get(urlPathEqualTo("/gone")).willReturn(aResponse().withStatus(500)));
		Run run = run(",\"outputPresignedUrl\":\"" + presigned("/gone") + "\"");

		assertThatExceptionOfType(ServerException.class).isThrownBy(() -> packets(wm).resolve(run).block())
			.withMessage("packets.presignedDownload failed with HTTP 500: the storage host " + storage.baseUrl()
					+ " refused the request");
		// The first attempt and the 4 retries of the client's settings.
		assertThat(storage.findAll(getRequestedFor(urlPathEqualTo("/gone")))).hasSize(5);
	}

	@Test
	void anUnreachableStorageHostIsATransportFailureWithoutTheSignature(WireMockRuntimeInfo wm) {
		String unreachable = "http://127.0.0.1:1/payload?" + SIGNATURE;

		TriggerTransportException failure = org.assertj.core.api.Assertions
			.catchThrowableOfType(TriggerTransportException.class, () -> packets(wm).download(unreachable).block());

		assertThat(failure.isConnectFailure()).isTrue();
		assertThat(failure).hasMessageStartingWith(
				"packets.presignedDownload failed: could not connect to the storage host http://127.0.0.1:1");
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			assertThat(cause.getMessage()).doesNotContain("5e1f0c0ffee");
			for (Throwable suppressed : cause.getSuppressed()) {
				assertThat(suppressed.getMessage()).doesNotContain("5e1f0c0ffee");
			}
		}
	}

	@Test
	void anEmptyOrMalformedPacketIsADecodingFailure(WireMockRuntimeInfo wm) {
		storage.stubFor(get(urlPathEqualTo("/empty")).willReturn(aResponse().withStatus(200)));
		storage.stubFor(get(urlPathEqualTo("/super"))
			.willReturn(aResponse().withHeader("Content-Type", "application/super+json").withBody("[1]")));

		assertThatExceptionOfType(TriggerDecodingException.class)
			.isThrownBy(() -> packets(wm).download(presigned("/empty")).block())
			.withMessage("packets.presignedDownload failed: the downloaded packet is empty");
		assertThatExceptionOfType(TriggerDecodingException.class)
			.isThrownBy(() -> packets(wm).download(presigned("/super")).block())
			.withMessage("packets.presignedDownload failed: the application/super+json packet has no json part");
		assertThatExceptionOfType(TriggerDecodingException.class).isThrownBy(() -> packets(wm).download("not a url"))
			.withMessageNotContaining("not a url");
	}

	// retries of the storage host, in virtual time

	@Test
	void theStorageHostIsRetriedWithTheClientsBackOff() {
		VirtualTimeScheduler time = VirtualTimeScheduler.create();
		List<ClientRequest> requests = new CopyOnWriteArrayList<>();
		AtomicInteger attempt = new AtomicInteger();
		WebClient webClient = WebClient.builder().exchangeFunction((request) -> {
			requests.add(request);
			HttpStatus status = (attempt.incrementAndGet() < 3) ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK;
			return Mono.just(ClientResponse.create(status).build());
		}).build();
		StorageHttp storageHttp = new StorageHttp(webClient, Duration.ofSeconds(30), Duration.ofMinutes(3),
				new TriggerRetrySettings(5, Duration.ofSeconds(1), Duration.ofSeconds(30), 2.0, 0.0,
						Duration.ofMinutes(1)),
				time);

		StepVerifier
			.withVirtualTime(() -> storageHttp.exchange(Packets.UPLOAD, HttpMethod.PUT,
					"https://bucket.example/p?" + SIGNATURE, "application/json", new byte[] { '1' }), () -> time,
					Long.MAX_VALUE)
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(2_999))
			.thenAwait(Duration.ofMillis(1))
			.assertNext((answer) -> assertThat(answer.body()).isEmpty())
			.verifyComplete();
		// At 0 s, after 1 s, after 2 s more.
		assertThat(requests).hasSize(3)
			.allSatisfy((request) -> assertThat(request.headers().containsHeader("Authorization")).isFalse());
	}

	@Test
	void theStorageHostsDeadlineEndsTheRetries() {
		VirtualTimeScheduler time = VirtualTimeScheduler.create();
		WebClient webClient = WebClient.builder()
			.exchangeFunction((request) -> Mono.just(ClientResponse.create(HttpStatus.BAD_GATEWAY).build()))
			.build();
		StorageHttp storageHttp = new StorageHttp(webClient, Duration.ofSeconds(30), Duration.ofSeconds(5),
				new TriggerRetrySettings(100, Duration.ofSeconds(1), Duration.ofSeconds(1), 1.0, 0.0,
						Duration.ofMinutes(1)),
				time);

		StepVerifier
			.withVirtualTime(() -> storageHttp.exchange(Packets.DOWNLOAD, HttpMethod.GET,
					"https://bucket.example/p?" + SIGNATURE, null, null), () -> time, Long.MAX_VALUE)
			.expectSubscription()
			.thenAwait(Duration.ofSeconds(5))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(TriggerException.class)
				.hasMessage("packets.presignedDownload failed: no answer from https://bucket.example within the "
						+ "deadline of PT5S (5 attempts in 5.000 s)"))
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void theClientsWebClientNeverCarriesStorageRequests(WireMockRuntimeInfo wm) {
		storage.stubFor(get(urlPathEqualTo("/payload")).willReturn(okJson("{}")));
		AtomicInteger filtered = new AtomicInteger();
		TriggerOperations client = TestClients.builder(wm)
			.webClientBuilder(WebClient.builder()
				.defaultHeader("Authorization", "Bearer application-wide")
				.filter((request, next) -> {
					filtered.incrementAndGet();
					return next.exchange(request);
				}))
			.build();

		packets(client).download(presigned("/payload")).block();

		assertThat(filtered).hasValue(0);
		assertThat(storage.findAll(getRequestedFor(anyUrl()))).singleElement()
			.satisfies((request) -> assertThat(request.getHeader("Authorization")).isNull());
	}

}
