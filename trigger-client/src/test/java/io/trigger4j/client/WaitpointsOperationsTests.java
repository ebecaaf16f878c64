package io.trigger4j.client;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.trigger4j.client.error.AuthenticationException;
import io.trigger4j.client.error.NotFoundException;
import io.trigger4j.client.error.ServerException;
import io.trigger4j.client.error.TriggerDecodingException;
import io.trigger4j.client.error.TriggerTransportException;
import io.trigger4j.client.model.CursorPage;
import io.trigger4j.client.model.waitpoints.CreateWaitpointTokenRequest;
import io.trigger4j.client.model.waitpoints.CreatedWaitpointToken;
import io.trigger4j.client.model.waitpoints.ListWaitpointTokensRequest;
import io.trigger4j.client.model.waitpoints.WaitpointError;
import io.trigger4j.client.model.waitpoints.WaitpointToken;
import io.trigger4j.client.model.waitpoints.WaitpointTokenStatus;
import io.trigger4j.client.observation.TriggerRequestObservationContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Waitpoint tokens: the request each operation sends, how answers decode (unknown fields
 * and statuses, missing optional fields, the completion data by its type, a timed-out
 * token), the page walk, errors, and the checks made before anything is sent.
 */
@WireMockTest
class WaitpointsOperationsTests {

	private static final String ID = "waitpoint_cm9xk2f0a0001abcd1234efgh";

	private static final String HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

	private static final String CALLBACK_PATH = "/api/v1/waitpoints/tokens/" + ID + "/callback/" + HASH;

	/** The URL as the real server builds it, from its own origin. */
	private static final String CALLBACK_URL = "https://api.trigger.dev" + CALLBACK_PATH;

	private static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJwdWIiOnRydWV9.c2lnbmF0dXJl";

	private static final Approval APPROVAL = new Approval("approved", 2);

	record Approval(String status, int count) {
	}

	private static String token(String status, String extra) {
		return "{\"id\":\"" + ID + "\",\"type\":\"MANUAL\",\"url\":\"" + CALLBACK_URL + "\",\"status\":\"" + status
				+ "\",\"idempotencyKey\":\"approval-1234\",\"userProvidedIdempotencyKey\":true,"
				+ "\"idempotencyKeyExpiresAt\":\"2026-09-20T10:00:00.000Z\",\"timeoutAt\":\"2026-08-22T10:00:00.000Z\","
				+ "\"completedAfter\":\"2026-08-22T10:00:00.000Z\",\"createdAt\":\"2026-08-21T10:00:00.000Z\","
				+ "\"tags\":[\"order:1234\",\"user:1\"]" + extra + "}";
	}

	// create

	@Test
	void createTokenPostsTheOptionsAndReturnsTheTokenWithItsPublicAccessToken(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/waitpoints/tokens").willReturn(okJson(
				"{\"id\":\"" + ID + "\",\"isCached\":false,\"url\":\"" + CALLBACK_URL + "\",\"somethingNew\":[1]}")
			.withHeader("x-trigger-jwt", JWT)));

		CreatedWaitpointToken created = TestClients.client(wm)
			.waitpoints()
			.createToken(CreateWaitpointTokenRequest.builder()
				.idempotencyKey("approval-1234")
				.idempotencyKeyTtl(Duration.ofHours(1))
				.timeout(Duration.ofMinutes(90))
				.tags("order:1234", "user:1")
				.build())
			.block();

		assertThat(created.id()).isEqualTo(ID);
		assertThat(created.isCached()).isFalse();
		assertThat(created.url()).isEqualTo(CALLBACK_URL);
		assertThat(created.publicAccessToken()).isEqualTo(JWT);
		assertThat(created.toString()).doesNotContain(HASH).doesNotContain(JWT).contains(ID);
		// The key goes out as given (not hashed as trigger keys are), the TTL under the
		// server's name.
		verify(postRequestedFor(urlEqualTo("/api/v1/waitpoints/tokens"))
			.withHeader("Authorization", equalTo("Bearer " + TestClients.SECRET_KEY))
			.withHeader("Content-Type", equalTo("application/json"))
			.withRequestBody(equalToJson("""
					{"idempotencyKey":"approval-1234","idempotencyKeyTTL":"1h","timeout":"1h30m",
					 "tags":["order:1234","user:1"]}""")));
	}

	@Test
	void createTokenWithoutOptionsSendsAnEmptyObjectAndReadsACachedToken(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/waitpoints/tokens")
			.willReturn(okJson("{\"id\":\"" + ID + "\",\"isCached\":true,\"url\":\"" + CALLBACK_URL + "\"}")));

		CreatedWaitpointToken created = TestClients.client(wm)
			.waitpoints()
			.createToken(CreateWaitpointTokenRequest.none())
			.block();

		assertThat(created.isCached()).isTrue();
		assertThat(created.publicAccessToken()).isNull();
		verify(postRequestedFor(urlEqualTo("/api/v1/waitpoints/tokens")).withRequestBody(equalToJson("{}")));
	}

	@Test
	void aTimeoutInstantIsSentAsAnIsoDateTime(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/waitpoints/tokens")
			.willReturn(okJson("{\"id\":\"" + ID + "\",\"isCached\":false,\"url\":\"" + CALLBACK_URL + "\"}")));

		TestClients.builder(wm)
			.clock(Clock.fixed(Instant.parse("2026-08-21T10:00:00Z"), ZoneOffset.UTC))
			.build()
			.waitpoints()
			.createToken(CreateWaitpointTokenRequest.builder()
				.timeoutAt(Instant.parse("2026-08-22T10:00:00Z"))
				.idempotencyKey("k")
				.idempotencyKeyTtl("7d")
				.build())
			.block();

		verify(postRequestedFor(urlEqualTo("/api/v1/waitpoints/tokens")).withRequestBody(equalToJson(
				"{\"timeout\":\"2026-08-22T10:00:00Z\",\"idempotencyKey\":\"k\",\"idempotencyKeyTTL\":\"7d\"}")));
	}

	@Test
	void aTimeoutInstantNotInTheFutureIsRefusedBeforeSending(WireMockRuntimeInfo wm) {
		Instant now = Instant.parse("2026-08-21T10:00:00Z");
		WaitpointsOperations waitpoints = TestClients.builder(wm)
			.clock(Clock.fixed(now, ZoneOffset.UTC))
			.build()
			.waitpoints();

		// The server would take a past instant as no timeout: the wait would be
		// unbounded.
		assertThatIllegalArgumentException()
			.isThrownBy(() -> waitpoints
				.createToken(CreateWaitpointTokenRequest.builder().timeoutAt(now.minusSeconds(1)).build()))
			.withMessage("timeoutAt must be in the future but was 2026-08-21T09:59:59Z (now 2026-08-21T10:00:00Z); "
					+ "the server would take a past instant as no timeout");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> waitpoints.createToken(CreateWaitpointTokenRequest.builder().timeoutAt(now).build()))
			.withMessageStartingWith("timeoutAt must be in the future");
		verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void createTokenIsRepeatedAfterA503OnlyWithAnIdempotencyKey(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/waitpoints/tokens")
			.willReturn(aResponse().withStatus(503).withBody("{\"error\":\"busy\"}")));
		WaitpointsOperations waitpoints = TestClients.client(wm).waitpoints();

		catchThrowableOfType(ServerException.class,
				() -> waitpoints.createToken(CreateWaitpointTokenRequest.none()).block());
		verify(1, postRequestedFor(urlEqualTo("/api/v1/waitpoints/tokens")));

		catchThrowableOfType(ServerException.class,
				() -> waitpoints.createToken(CreateWaitpointTokenRequest.builder().idempotencyKey("k").build())
					.block());
		verify(1 + 5, postRequestedFor(urlEqualTo("/api/v1/waitpoints/tokens")));
	}

	@Test
	void badCreateOptionsAreRefusedBeforeSending(WireMockRuntimeInfo wm) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CreateWaitpointTokenRequest.builder().idempotencyKey("k".repeat(2049)))
			.withMessage("idempotencyKey must be at most 2048 characters but was 2049");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CreateWaitpointTokenRequest.builder()
				.tags("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"))
			.withMessage("tags must have at most 10 tags but had 11");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CreateWaitpointTokenRequest.builder().tags("ok", "t".repeat(129)))
			.withMessage("tags[1] must be at most 128 characters but was 129");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CreateWaitpointTokenRequest.builder().timeout(Duration.ofMillis(1500)))
			.withMessageStartingWith("timeout must be a positive whole number of seconds");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CreateWaitpointTokenRequest.builder().idempotencyKeyTtl("1 hour"))
			.withMessageStartingWith("idempotencyKeyTtl must be a number followed by s, m, h or d");
		assertThatIllegalStateException()
			.isThrownBy(() -> CreateWaitpointTokenRequest.builder().idempotencyKeyTtl(Duration.ofHours(1)).build())
			.withMessageStartingWith("idempotencyKeyTtl was set without an idempotencyKey");
		assertThatNullPointerException().isThrownBy(() -> TestClients.client(wm).waitpoints().createToken(null))
			.withMessage("request must not be null");
		verify(0, anyRequestedFor(anyUrl()));
	}

	// list

	@Test
	void listTokensPageSendsTheFiltersAndReadsThePage(WireMockRuntimeInfo wm) {
		stubFor(get(urlPathEqualTo("/api/v1/waitpoints/tokens")).willReturn(okJson("{\"data\":["
				+ token("COMPLETED", ",\"brandNew\":{\"a\":1}") + ",{\"id\":\"waitpoint_2\",\"status\":\"PAUSED\"}"
				+ "],\"pagination\":{\"next\":\"cm9xk2f0a0001\",\"previous\":\"cm9xk2f0a0009\"},\"hasFilters\":true}")));

		CursorPage<WaitpointToken> page = TestClients.client(wm)
			.waitpoints()
			.listTokensPage(ListWaitpointTokensRequest.builder()
				.statuses(WaitpointTokenStatus.WAITING, WaitpointTokenStatus.TIMED_OUT)
				.idempotencyKey("approval-1234")
				.tags("order:1234", "user:1")
				.createdFrom(Instant.parse("2026-08-01T00:00:00Z"))
				.createdTo(Instant.parse("2026-08-21T00:00:00Z"))
				.pageSize(50)
				.build(), "cm9xk2f0a0005")
			.block();

		assertThat(page.data()).extracting(WaitpointToken::id).containsExactly(ID, "waitpoint_2");
		WaitpointToken first = page.data().get(0);
		assertThat(first.status()).isEqualTo(WaitpointTokenStatus.COMPLETED);
		assertThat(first.tags()).containsExactly("order:1234", "user:1");
		assertThat(first.createdAt()).isEqualTo(Instant.parse("2026-08-21T10:00:00Z"));
		assertThat(first.output()).isNull();
		WaitpointToken unknown = page.data().get(1);
		assertThat(unknown.status().value()).isEqualTo("PAUSED");
		assertThat(unknown.status().known()).isEqualTo(WaitpointTokenStatus.Known.UNKNOWN);
		assertThat(unknown.url()).isNull();
		assertThat(unknown.tags()).isEmpty();
		assertThat(unknown.createdAt()).isNull();
		assertThat(unknown.isCompleted()).isFalse();
		assertThat(unknown.isTimedOut()).isFalse();
		assertThat(page.next()).isEqualTo("cm9xk2f0a0001");
		assertThat(page.previous()).isEqualTo("cm9xk2f0a0009");
		verify(getRequestedFor(urlPathEqualTo("/api/v1/waitpoints/tokens"))
			.withHeader("Authorization", equalTo("Bearer " + TestClients.SECRET_KEY))
			.withQueryParam("filter[status]", equalTo("WAITING,TIMED_OUT"))
			.withQueryParam("filter[idempotencyKey]", equalTo("approval-1234"))
			.withQueryParam("filter[tags]", equalTo("order:1234,user:1"))
			.withQueryParam("filter[createdAt][from]", equalTo("1785542400000"))
			.withQueryParam("filter[createdAt][to]", equalTo("1787270400000"))
			.withQueryParam("filter[createdAt][period]", absent())
			.withQueryParam("page[size]", equalTo("50"))
			.withQueryParam("page[after]", equalTo("cm9xk2f0a0005"))
			.withQueryParam("page[before]", absent()));
	}

	@Test
	void listTokensPageBeforeSendsThePeriodAndTheBeforeCursor(WireMockRuntimeInfo wm) {
		stubFor(get(urlPathEqualTo("/api/v1/waitpoints/tokens")).willReturn(okJson("{\"data\":[]}")));

		CursorPage<WaitpointToken> page = TestClients.client(wm)
			.waitpoints()
			.listTokensPageBefore(ListWaitpointTokensRequest.builder().period(Duration.ofDays(7)).build(), "c9")
			.block();

		assertThat(page.data()).isEmpty();
		assertThat(page.hasNext()).isFalse();
		verify(getRequestedFor(
				urlEqualTo("/api/v1/waitpoints/tokens?filter%5BcreatedAt%5D%5Bperiod%5D=7d&page%5Bbefore%5D=c9")));
	}

	@Test
	void listTokensWalksTheCursorPagesAndDropsARepeatedToken(WireMockRuntimeInfo wm) {
		stubFor(get(urlEqualTo("/api/v1/waitpoints/tokens?filter%5Bstatus%5D=WAITING"))
			.willReturn(okJson(page("c1", "waitpoint_1", "waitpoint_2"))));
		stubFor(get(urlEqualTo("/api/v1/waitpoints/tokens?filter%5Bstatus%5D=WAITING&page%5Bafter%5D=c1"))
			.willReturn(okJson(page(null, "waitpoint_2", "waitpoint_3"))));

		List<String> ids = TestClients.client(wm)
			.waitpoints()
			.listTokens(ListWaitpointTokensRequest.builder().statuses(WaitpointTokenStatus.WAITING).build())
			.map(WaitpointToken::id)
			.collectList()
			.block();

		assertThat(ids).containsExactly("waitpoint_1", "waitpoint_2", "waitpoint_3");
		verify(2, getRequestedFor(urlPathEqualTo("/api/v1/waitpoints/tokens")));
	}

	@Test
	void listTokensFetchesTheSecondPageOnlyWhenNeeded(WireMockRuntimeInfo wm) {
		stubFor(get(urlEqualTo("/api/v1/waitpoints/tokens")).willReturn(okJson(page("c1", "waitpoint_1"))));
		stubFor(get(urlEqualTo("/api/v1/waitpoints/tokens?page%5Bafter%5D=c1"))
			.willReturn(okJson(page(null, "waitpoint_2"))));

		assertThat(TestClients.client(wm)
			.waitpoints()
			.listTokens(ListWaitpointTokensRequest.all())
			.take(1)
			.map(WaitpointToken::id)
			.collectList()
			.block()).containsExactly("waitpoint_1");

		verify(1, getRequestedFor(urlPathEqualTo("/api/v1/waitpoints/tokens")));
	}

	private static String page(String next, String... ids) {
		StringBuilder data = new StringBuilder();
		for (String id : ids) {
			data.append(data.isEmpty() ? "" : ",")
				.append("{\"id\":\"")
				.append(id)
				.append("\",\"status\":\"WAITING\",\"url\":\"u\",\"tags\":[],\"createdAt\":\"2026-08-21T10:00:00Z\"}");
		}
		return "{\"data\":[" + data + "],\"pagination\":{" + ((next != null) ? "\"next\":\"" + next + "\"" : "") + "}}";
	}

	@Test
	void badListFiltersAreRefusedBeforeSending(WireMockRuntimeInfo wm) {
		assertThatIllegalArgumentException().isThrownBy(() -> ListWaitpointTokensRequest.builder().pageSize(0))
			.withMessage("pageSize must be between 1 and 100 but was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> ListWaitpointTokensRequest.builder().pageSize(101))
			.withMessage("pageSize must be between 1 and 100 but was 101");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ListWaitpointTokensRequest.builder().statuses(WaitpointTokenStatus.of("PAUSED")))
			.withMessage("statuses must be WAITING, COMPLETED or TIMED_OUT but got 'PAUSED'");
		assertThatIllegalArgumentException().isThrownBy(() -> ListWaitpointTokensRequest.builder().statuses(List.of()))
			.withMessage("statuses must not be empty");
		assertThatIllegalArgumentException().isThrownBy(() -> ListWaitpointTokensRequest.builder().tags("a,b"))
			.withMessage("tags values must not contain ',' but got 'a,b'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ListWaitpointTokensRequest.builder()
				.period(Duration.ofHours(1))
				.createdFrom(Instant.parse("2026-08-01T00:00:00Z"))
				.build())
			.withMessage("period cannot be combined with createdFrom or createdTo: give a period or a from/to range");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ListWaitpointTokensRequest.builder()
				.createdFrom(Instant.parse("2026-08-02T00:00:00Z"))
				.createdTo(Instant.parse("2026-08-01T00:00:00Z"))
				.build())
			.withMessageStartingWith("createdFrom must not be after createdTo");
		assertThatIllegalArgumentException().isThrownBy(
				() -> TestClients.client(wm).waitpoints().listTokensPageBefore(ListWaitpointTokensRequest.all(), " "))
			.withMessage("cursor must not be blank");
		verify(0, anyRequestedFor(anyUrl()));
	}

	// retrieve

	@Test
	void retrieveTokenDecodesTheSdksSerialisationOfTheCompletionData(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v1/waitpoints/tokens/" + ID).willReturn(okJson(token("COMPLETED",
				",\"completedAt\":\"2026-08-21T11:00:00.000Z\",\"outputIsError\":false,\"outputType\":\"application/super+json\","
						+ "\"output\":\"{\\\"json\\\":{\\\"status\\\":\\\"approved\\\",\\\"count\\\":2},\\\"meta\\\":{}}\","
						+ "\"inactiveIdempotencyKey\":null,\"somethingNew\":true"))));

		WaitpointToken token = TestClients.client(wm).waitpoints().retrieveToken(ID).block();

		assertThat(token.id()).isEqualTo(ID);
		assertThat(token.status()).isEqualTo(WaitpointTokenStatus.COMPLETED);
		assertThat(token.isCompleted()).isTrue();
		assertThat(token.isTimedOut()).isFalse();
		assertThat(token.output(Approval.class)).isEqualTo(APPROVAL);
		assertThat(token.output().asMap()).isEqualTo(Map.of("status", "approved", "count", 2));
		assertThat(token.outputType()).isEqualTo("application/super+json");
		assertThat(token.error()).isNull();
		assertThat(token.url()).isEqualTo(CALLBACK_URL);
		assertThat(token.completedAt()).isEqualTo(Instant.parse("2026-08-21T11:00:00Z"));
		assertThat(token.timeoutAt()).isEqualTo(Instant.parse("2026-08-22T10:00:00Z"));
		assertThat(token.idempotencyKey()).isEqualTo("approval-1234");
		assertThat(token.idempotencyKeyExpiresAt()).isEqualTo(Instant.parse("2026-09-20T10:00:00Z"));
		assertThat(token.tags()).containsExactly("order:1234", "user:1");
		assertThat(token.toString()).doesNotContain(HASH).contains(ID);
		verify(getRequestedFor(urlEqualTo("/api/v1/waitpoints/tokens/" + ID))
			.withHeader("Authorization", equalTo("Bearer " + TestClients.SECRET_KEY))
			.withHeader("Content-Type", absent()));
	}

	@Test
	void retrieveTokenDecodesJsonAndTextData(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v1/waitpoints/tokens/waitpoint_json").willReturn(
				okJson("{\"id\":\"waitpoint_json\",\"status\":\"COMPLETED\",\"outputType\":\"application/json\","
						+ "\"output\":\"{\\\"status\\\":\\\"approved\\\",\\\"count\\\":2}\"}")));
		stubFor(get("/api/v1/waitpoints/tokens/waitpoint_text").willReturn(okJson(
				"{\"id\":\"waitpoint_text\",\"status\":\"COMPLETED\",\"outputType\":\"text/plain\",\"output\":\"yes\"}")));
		WaitpointsOperations waitpoints = TestClients.client(wm).waitpoints();

		assertThat(waitpoints.retrieveToken("waitpoint_json").block().output(Approval.class)).isEqualTo(APPROVAL);
		assertThat(waitpoints.retrieveToken("waitpoint_text").block().output(String.class)).isEqualTo("yes");
	}

	@Test
	void theOutputTypeIsComparedByTypeAndSubtypeOnly(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v1/waitpoints/tokens/waitpoint_json").willReturn(okJson(
				"{\"id\":\"waitpoint_json\",\"status\":\"COMPLETED\",\"outputType\":\"application/json; charset=utf-8\","
						+ "\"output\":\"{\\\"status\\\":\\\"approved\\\",\\\"count\\\":2}\"}")));
		stubFor(get("/api/v1/waitpoints/tokens/waitpoint_super").willReturn(
				okJson("{\"id\":\"waitpoint_super\",\"status\":\"COMPLETED\",\"outputType\":\"Application/Super+JSON\","
						+ "\"output\":\"{\\\"json\\\":{\\\"status\\\":\\\"approved\\\",\\\"count\\\":2},\\\"meta\\\":{}}\"}")));
		WaitpointsOperations waitpoints = TestClients.client(wm).waitpoints();

		WaitpointToken json = waitpoints.retrieveToken("waitpoint_json").block();
		assertThat(json.output(Approval.class)).isEqualTo(APPROVAL);
		assertThat(json.outputType()).isEqualTo("application/json; charset=utf-8");
		assertThat(waitpoints.retrieveToken("waitpoint_super").block().output(Approval.class)).isEqualTo(APPROVAL);
	}

	@Test
	void dataTheServerStoredApartFailsWhenAskedForRatherThanReadingAsNoData(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v1/waitpoints/tokens/" + ID).willReturn(
				okJson(token("COMPLETED", ",\"outputIsError\":false,\"outputType\":\"application/store\",\"output\":\""
						+ ID + "/token.json\""))));

		WaitpointToken token = TestClients.client(wm).waitpoints().retrieveToken(ID).block();

		assertThat(token.isCompleted()).isTrue();
		assertThat(token.outputType()).isEqualTo("application/store");
		String expected = "The data of waitpoint token " + ID
				+ " was stored apart by the server (outputType application/store, storage path '" + ID
				+ "/token.json') and trigger4j does not fetch it; the TypeScript SDK downloads it through "
				+ "GET /api/v1/packets/{path}";
		assertThatExceptionOfType(TriggerDecodingException.class).isThrownBy(() -> token.output(Approval.class))
			.withMessage(expected);
		assertThatExceptionOfType(TriggerDecodingException.class).isThrownBy(token::output).withMessage(expected);
	}

	@Test
	void aTimedOutTokenHoldsItsErrorInsteadOfData(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v1/waitpoints/tokens/" + ID).willReturn(okJson(token("TIMED_OUT",
				",\"completedAt\":\"2026-08-22T10:00:00.000Z\",\"outputIsError\":true,\"outputType\":\"application/json\","
						+ "\"output\":\"{\\\"code\\\":\\\"TRIGGER_WAITPOINT_TIMEOUT\\\","
						+ "\\\"message\\\":\\\"Waitpoint timed out at 2026-08-22T10:00:00.000Z\\\"}\""))));

		WaitpointToken token = TestClients.client(wm).waitpoints().retrieveToken(ID).block();

		assertThat(token.status().known()).isEqualTo(WaitpointTokenStatus.Known.TIMED_OUT);
		assertThat(token.isTimedOut()).isTrue();
		assertThat(token.isCompleted()).isFalse();
		assertThat(token.outputIsError()).isTrue();
		assertThat(token.output(Approval.class)).isNull();
		assertThat(token.error()).isEqualTo(
				new WaitpointError("TRIGGER_WAITPOINT_TIMEOUT", "Waitpoint timed out at 2026-08-22T10:00:00.000Z"));
	}

	@Test
	void aWaitingTokenWithoutItsOptionalFieldsDecodes(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v1/waitpoints/tokens/" + ID).willReturn(okJson("{\"id\":\"" + ID + "\"}")));

		WaitpointToken token = TestClients.client(wm).waitpoints().retrieveToken(ID).block();

		assertThat(token.status().known()).isEqualTo(WaitpointTokenStatus.Known.UNKNOWN);
		assertThat(token.url()).isNull();
		assertThat(token.tags()).isEmpty();
		assertThat(token.output()).isNull();
		assertThat(token.output(Object.class)).isNull();
		assertThat(token.outputIsError()).isFalse();
		assertThat(token.error()).isNull();
		assertThat(token.timeoutAt()).isNull();
		assertThat(token.completedAt()).isNull();
		assertThat(token.idempotencyKey()).isNull();
	}

	@Test
	void anUnknownTokenIsNotFound(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v1/waitpoints/tokens/waitpoint_missing").willReturn(aResponse().withStatus(404)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"Waitpoint not found\"}")));

		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> TestClients.client(wm).waitpoints().retrieveToken("waitpoint_missing").block())
			.withMessageContaining("Waitpoint not found");
	}

	@ParameterizedTest
	@ValueSource(strings = { "run_cm9xk2f0a0001", "waitpoint_", "waitpoint_a/b", "abc" })
	void aTokenIdMustStartWithWaitpoint(String tokenId, WireMockRuntimeInfo wm) {
		WaitpointsOperations waitpoints = TestClients.client(wm).waitpoints();

		assertThatIllegalArgumentException().isThrownBy(() -> waitpoints.retrieveToken(tokenId))
			.withMessage("tokenId must be a waitpoint token id starting with waitpoint_ but was '" + tokenId + "'");
		assertThatIllegalArgumentException().isThrownBy(() -> waitpoints.completeToken(tokenId, Map.of()))
			.withMessageStartingWith("tokenId must be a waitpoint token id");
		verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void aBlankTokenIdIsRefused(WireMockRuntimeInfo wm) {
		assertThatIllegalArgumentException().isThrownBy(() -> TestClients.client(wm).waitpoints().retrieveToken(" "))
			.withMessage("tokenId must not be blank");
		verify(0, anyRequestedFor(anyUrl()));
	}

	// complete

	@Test
	void completeTokenSendsTheDataUnderTheDataKey(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/waitpoints/tokens/" + ID + "/complete")
			.willReturn(okJson("{\"success\":true,\"extra\":1}")));

		TestClients.client(wm).waitpoints().completeToken(ID, APPROVAL).block();

		// "data", not "output" (trigger.dev#2292): the exact body.
		verify(postRequestedFor(urlEqualTo("/api/v1/waitpoints/tokens/" + ID + "/complete"))
			.withHeader("Authorization", equalTo("Bearer " + TestClients.SECRET_KEY))
			.withHeader("Content-Type", equalTo("application/json"))
			.withRequestBody(equalTo("{\"data\":{\"status\":\"approved\",\"count\":2}}")));
	}

	@Test
	void completeTokenSendsTextAndEmptyData(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/waitpoints/tokens/" + ID + "/complete").willReturn(okJson("{\"success\":true}")));
		WaitpointsOperations waitpoints = TestClients.client(wm).waitpoints();

		waitpoints.completeToken(ID, "approved").block();
		waitpoints.completeToken(ID, Map.of()).block();

		verify(postRequestedFor(urlEqualTo("/api/v1/waitpoints/tokens/" + ID + "/complete"))
			.withRequestBody(equalTo("{\"data\":\"approved\"}")));
		verify(postRequestedFor(urlEqualTo("/api/v1/waitpoints/tokens/" + ID + "/complete"))
			.withRequestBody(equalTo("{\"data\":{}}")));
	}

	@Test
	void completeTokenIsRepeatedAfterA503BecauseARepeatChangesNothing(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/waitpoints/tokens/" + ID + "/complete")
			.willReturn(aResponse().withStatus(503).withBody("{\"error\":\"busy\"}")));

		catchThrowableOfType(ServerException.class,
				() -> TestClients.client(wm).waitpoints().completeToken(ID, Map.of()).block());

		verify(5, postRequestedFor(urlEqualTo("/api/v1/waitpoints/tokens/" + ID + "/complete")));
	}

	@Test
	void completingAnUnknownTokenIsNotFound(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/waitpoints/tokens/" + ID + "/complete").willReturn(aResponse().withStatus(404)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"Waitpoint not found\"}")));

		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> TestClients.client(wm).waitpoints().completeToken(ID, Map.of()).block());
	}

	@Test
	void completeTokenNeedsData(WireMockRuntimeInfo wm) {
		assertThatNullPointerException().isThrownBy(() -> TestClients.client(wm).waitpoints().completeToken(ID, null))
			.withMessage("data must not be null; use Map.of() to complete without data");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TestClients.client(wm).waitpoints().completeToken(ID, new Object()))
			.withMessageStartingWith("data cannot be serialised to JSON");
		verify(0, anyRequestedFor(anyUrl()));
	}

	// callback

	@Test
	void completeViaCallbackUrlPostsTheDataItselfToTheClientsBaseUrlWithoutACredential(WireMockRuntimeInfo wm) {
		stubFor(post(CALLBACK_PATH).willReturn(okJson("{\"success\":true}")));

		// The URL's origin (the server's configured one) is not where the client sends.
		TestClients.client(wm).waitpoints().completeViaCallbackUrl(CALLBACK_URL, APPROVAL).block();

		verify(postRequestedFor(urlEqualTo(CALLBACK_PATH)).withHeader("Authorization", absent())
			.withHeader("Content-Type", equalTo("application/json"))
			.withRequestBody(equalTo("{\"status\":\"approved\",\"count\":2}")));
	}

	@Test
	void completeViaCallbackUrlKeepsTheClientsBasePath(WireMockRuntimeInfo wm) {
		stubFor(post("/trigger" + CALLBACK_PATH).willReturn(okJson("{\"success\":true}")));
		WaitpointsOperations waitpoints = TestClients.builder(wm)
			.baseUrl(wm.getHttpBaseUrl() + "/trigger")
			.build()
			.waitpoints();

		waitpoints.completeViaCallbackUrl("https://trigger.example.com/trigger" + CALLBACK_PATH, Map.of()).block();
		waitpoints.completeViaCallbackUrl("https://trigger.example.com" + CALLBACK_PATH, Map.of()).block();

		verify(2, postRequestedFor(urlEqualTo("/trigger" + CALLBACK_PATH)).withRequestBody(equalTo("{}")));
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> waitpoints.completeViaCallbackUrl("https://x.example.com/other" + CALLBACK_PATH, Map.of()))
			.withMessageEndingWith("but its path does not start with the client's base path ('/trigger')");
	}

	@Test
	void aWrongCallbackHashIsAnAuthenticationFailure(WireMockRuntimeInfo wm) {
		stubFor(post(CALLBACK_PATH).willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"Invalid URL, hash doesn't match\"}")));

		assertThatExceptionOfType(AuthenticationException.class)
			.isThrownBy(
					() -> TestClients.client(wm).waitpoints().completeViaCallbackUrl(CALLBACK_URL, Map.of()).block())
			.withMessageContaining("hash doesn't match");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/v1/waitpoints/tokens/" + ID + "/complete",
			"/api/v1/waitpoints/tokens/" + ID + "/callback/" + HASH + "/extra",
			"/api/v2/waitpoints/tokens/" + ID + "/callback/" + HASH, "/api/v1/waitpoints/tokens/run_1/callback/" + HASH,
			"/api/v1/waitpoints/tokens/" + HASH + "/callback/" + HASH,
			"/api/v1/waitpoints/tokens/" + ID + "/callback/abc123hash",
			"/api/v1/waitpoints/tokens/" + ID + "/callback/"
					+ "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08",
			"/api/v1/waitpoints/tokens/" + ID + "/callback/" + HASH + "?x=1" })
	void aUrlThatIsNotACallbackUrlIsRefusedWithoutShowingItsHash(String path, WireMockRuntimeInfo wm) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TestClients.client(wm)
				.waitpoints()
				.completeViaCallbackUrl("https://api.trigger.dev" + path, Map.of()))
			.withMessageStartingWith("url must be a waitpoint token's callback URL, "
					+ "http(s)://<host>/api/v1/waitpoints/tokens/waitpoint_.../callback/<64 hex characters> but ")
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContainIgnoringCase(HASH));
		verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void aCallbackUrlWithAnUpperCaseHashIsRefusedWithoutShowingItInAnyCase(WireMockRuntimeInfo wm) {
		String upper = HASH.toUpperCase(Locale.ROOT);

		assertThatIllegalArgumentException()
			.isThrownBy(() -> TestClients.client(wm)
				.waitpoints()
				.completeViaCallbackUrl("https://api.trigger.dev/api/v1/waitpoints/tokens/" + ID + "/callback/" + upper,
						Map.of()))
			.withMessageEndingWith("but in its path, callbackHash must be 64 lower-case hex characters "
					+ "(the value is secret and not shown)")
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(upper).doesNotContainIgnoringCase(HASH));
		verify(0, anyRequestedFor(anyUrl()));
	}

	@ParameterizedTest
	@ValueSource(strings = { CALLBACK_URL + " ", " " + CALLBACK_URL, CALLBACK_URL + "\n" })
	void aCallbackUrlWithSurroundingWhitespaceIsRefusedWithoutShowingItsHash(String url, WireMockRuntimeInfo wm) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TestClients.client(wm).waitpoints().completeViaCallbackUrl(url, Map.of()))
			.withMessage("url must not start or end with whitespace")
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContainIgnoringCase(HASH));
		verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void aFailedCallbackCallShowsTheHashNeitherInItsMessageNorInItsCausesOrStackTrace() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		WaitpointsOperations waitpoints = TriggerClient.builder()
			.secretKey(TestClients.SECRET_KEY)
			.baseUrl("http://127.0.0.1:" + port)
			.retry(TestClients.FAST_RETRY.withMaxAttempts(2))
			.build()
			.waitpoints();

		TriggerTransportException ex = catchThrowableOfType(TriggerTransportException.class,
				() -> waitpoints.completeViaCallbackUrl(CALLBACK_URL, Map.of()).block());

		assertThat(ex.isConnectFailure()).isTrue();
		assertThat(ex).hasMessageStartingWith(
				"waitpoints.completeViaCallbackUrl failed: could not connect to the Trigger.dev API");
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			assertThat(cause.getMessage()).doesNotContainIgnoringCase(HASH);
			assertThat(cause.toString()).doesNotContainIgnoringCase(HASH);
			for (Throwable suppressed : cause.getSuppressed()) {
				assertThat(suppressed.toString()).doesNotContainIgnoringCase(HASH);
			}
		}
		assertThat(ex.getCause()).isNotNull().hasMessageContaining("Connection refused");
		StringWriter trace = new StringWriter();
		ex.printStackTrace(new PrintWriter(trace));
		assertThat(trace.toString()).contains("Connection refused").doesNotContainIgnoringCase(HASH);
	}

	@Test
	void theCallbackCallIsObservedWithoutItsUrl(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v1/waitpoints/tokens/" + ID).willReturn(okJson(token("WAITING", ""))));
		stubFor(post(CALLBACK_PATH).willReturn(okJson("{\"success\":true}")));
		List<Observation.Context> stopped = new CopyOnWriteArrayList<>();
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<>() {
			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

			@Override
			public void onStop(Observation.Context context) {
				stopped.add(context);
			}
		});
		// As Spring Boot's WebClient.Builder: WebClient observes its own requests too.
		WaitpointsOperations waitpoints = TestClients.builder(wm)
			.webClientBuilder(WebClient.builder().observationRegistry(registry))
			.observationRegistry(registry)
			.build()
			.waitpoints();

		waitpoints.retrieveToken(ID).block();
		// WebClient's observation records the concrete URL of the other calls.
		assertThat(values(stopped))
			.anySatisfy((value) -> assertThat(value).contains("/api/v1/waitpoints/tokens/" + ID));
		stopped.clear();

		waitpoints.completeViaCallbackUrl(CALLBACK_URL, Map.of()).block();

		assertThat(stopped).singleElement().isInstanceOf(TriggerRequestObservationContext.class);
		assertThat(values(stopped)).isNotEmpty()
			.allSatisfy((value) -> assertThat(value).doesNotContainIgnoringCase(HASH));
		verify(postRequestedFor(urlEqualTo(CALLBACK_PATH)));
	}

	/** Every key value the observations recorded, and their names. */
	private static List<String> values(List<Observation.Context> contexts) {
		return contexts.stream()
			.flatMap((context) -> java.util.stream.Stream.concat(
					context.getAllKeyValues().stream().map(KeyValue::getValue),
					java.util.stream.Stream.of(context.getName(), String.valueOf(context.getContextualName()))))
			.toList();
	}

	@ParameterizedTest
	@ValueSource(strings = { CALLBACK_PATH, "ftp://api.trigger.dev" + CALLBACK_PATH, "https://api.trigger.dev/a b",
			"https://user:pw@api.trigger.dev" + CALLBACK_PATH })
	void aCallbackUrlMustBeAnAbsoluteHttpUrl(String url, WireMockRuntimeInfo wm) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TestClients.client(wm).waitpoints().completeViaCallbackUrl(url, Map.of()))
			.withMessageStartingWith("url must be a waitpoint token's callback URL")
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContainIgnoringCase(HASH));
		verify(0, anyRequestedFor(anyUrl()));
	}

}
