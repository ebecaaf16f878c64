package io.trigger4j.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.trigger4j.client.error.ServerException;
import io.trigger4j.client.error.TriggerTimeoutException;
import io.trigger4j.client.model.runs.ListRunsRequest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.findAll;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Per-call options through withOptions, the deadline, and credentials by operation. */
@WireMockTest
class RequestOptionsTests {

	private static final String RUN = "{\"id\":\"run_1\",\"status\":\"QUEUED\",\"taskIdentifier\":\"t\"}";

	private static final String PROJECT = "proj_yubjwjsfkxnylobaqvqz";

	@Test
	void theResponseTimeoutOptionBoundsEachAttempt(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v3/runs/run_1").willReturn(okJson(RUN).withFixedDelay(2000)));
		TriggerOperations client = TestClients.builder(wm).retry(TriggerRetrySettings.none()).build();

		TriggerTimeoutException ex = catchThrowableOfType(TriggerTimeoutException.class,
				() -> client.withOptions(RequestOptions.builder().responseTimeout(Duration.ofMillis(200)).build())
					.runs()
					.retrieve("run_1")
					.block());

		assertThat(ex.timeout()).isEqualTo(Duration.ofMillis(200));
		assertThat(ex).hasMessageStartingWith("runs.retrieve failed: no answer within PT0.2S (1 attempt in ");
	}

	@Test
	void theRetryOptionReplacesTheClientsRetries(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v3/runs/run_1").willReturn(aResponse().withStatus(503).withBody("{\"error\":\"busy\"}")));
		TriggerOperations client = TestClients.client(wm);

		catchThrowableOfType(ServerException.class,
				() -> client.withOptions(RequestOptions.builder().retry(TriggerRetrySettings.none()).build())
					.runs()
					.retrieve("run_1")
					.block());
		verify(1, getRequestedFor(urlPathEqualTo("/api/v3/runs/run_1")));

		catchThrowableOfType(ServerException.class, () -> client.runs().retrieve("run_1").block());
		verify(1 + 5, getRequestedFor(urlPathEqualTo("/api/v3/runs/run_1")));
	}

	@Test
	void theDeadlineBoundsEveryAttemptAndBackOffTogether() {
		VirtualTimeScheduler time = VirtualTimeScheduler.create();
		InMemoryExchange exchange = InMemoryExchange.answering(HttpStatus.SERVICE_UNAVAILABLE, "{\"error\":\"busy\"}");
		TriggerOperations client = exchange.client()
			.scheduler(time)
			.retry(new TriggerRetrySettings(100, Duration.ofSeconds(1), Duration.ofSeconds(1), 1.0, 0.0,
					Duration.ofMinutes(1)))
			.build()
			.withOptions(RequestOptions.builder().deadline(Duration.ofSeconds(10)).build());

		StepVerifier.withVirtualTime(() -> client.runs().retrieve("run_1"), () -> time, Long.MAX_VALUE)
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(9_999))
			.thenAwait(Duration.ofMillis(1))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(TriggerTimeoutException.class)
				.hasMessage("runs.retrieve failed: no answer within the deadline of PT10S (10 attempts in 10.000 s)")
				.extracting("timeout")
				.isEqualTo(Duration.ofSeconds(10)))
			.verify(Duration.ofSeconds(10));
		// An attempt at 0 s, then one after each 1 s back-off; the one due at 10 s is
		// cut.
		assertThat(exchange.requests()).hasSize(10);
	}

	@Test
	void theDeadlineBoundsAConnectionThatHangs() {
		VirtualTimeScheduler time = VirtualTimeScheduler.create();
		InMemoryExchange exchange = InMemoryExchange.hanging();
		TriggerOperations client = exchange.client().scheduler(time).deadline(Duration.ofSeconds(30)).build();

		StepVerifier.withVirtualTime(() -> client.tasks().trigger("t", Map.of()), () -> time, Long.MAX_VALUE)
			.expectSubscription()
			.expectNoEvent(Duration.ofSeconds(29))
			.thenAwait(Duration.ofSeconds(1))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(TriggerTimeoutException.class)
				// each attempt bounded by the 10 s response timeout (with every
				// connector)
				.hasMessage("tasks.trigger failed: no answer within the deadline of PT30S (3 attempts in 30.000 s)"))
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void theHeadersOptionAddsHeadersToEveryCall(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v3/runs/run_1").willReturn(okJson(RUN)));

		TestClients.client(wm)
			.withOptions(RequestOptions.builder().header("x-tenant", "acme").header("traceparent", "00-abc-01").build())
			.runs()
			.retrieve("run_1")
			.block();

		verify(getRequestedFor(urlPathEqualTo("/api/v3/runs/run_1")).withHeader("x-tenant", equalTo("acme"))
			.withHeader("traceparent", equalTo("00-abc-01"))
			.withHeader("Authorization", equalTo("Bearer " + TestClients.SECRET_KEY)));
	}

	@Test
	void headersTheClientSetsCannotBeGiven() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RequestOptions.builder().header("Authorization", "Bearer x"))
			.withMessageStartingWith("header Authorization is set by the client");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RequestOptions.builder().header("x-trigger-request-idempotency-key", "k"))
			.withMessageStartingWith("header x-trigger-request-idempotency-key is set by the client");
		assertThatIllegalArgumentException().isThrownBy(() -> RequestOptions.builder().header("x-a", "b\r\nc: d"))
			.withMessage("header x-a must not contain a line break");
		assertThatIllegalArgumentException().isThrownBy(() -> RequestOptions.builder().header("x a", "b"))
			.withMessage("header name must be an HTTP token but was 'x a'");
		assertThatIllegalArgumentException().isThrownBy(() -> RequestOptions.builder().deadline(Duration.ZERO))
			.withMessage("deadline must be positive but was PT0S");
	}

	@Test
	void viewsLayerTheirOptions(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v3/runs/run_1").willReturn(aResponse().withStatus(503).withBody("{\"error\":\"busy\"}")));
		TriggerOperations view = TestClients.client(wm)
			.withOptions(RequestOptions.builder().header("x-a", "1").retry(TriggerRetrySettings.none()).build())
			.withOptions(RequestOptions.builder().header("x-b", "2").build());

		catchThrowableOfType(ServerException.class, () -> view.runs().retrieve("run_1").block());

		verify(1, getRequestedFor(urlPathEqualTo("/api/v3/runs/run_1")).withHeader("x-a", equalTo("1"))
			.withHeader("x-b", equalTo("2")));
	}

	@Test
	void aRouteThatTakesEitherSendsTheSecretKeyUnlessTheOptionsNameTheToken(WireMockRuntimeInfo wm) {
		stubFor(get(urlPathEqualTo("/api/v1/projects/" + PROJECT + "/envvars/prod"))
			.willReturn(okJson("[{\"name\":\"SLACK_API_KEY\",\"value\":\"slack_123\",\"isSecret\":true}]")));
		TriggerOperations client = TestClients.builder(wm).accessToken(TestClients.ACCESS_TOKEN).build();

		client.envVars().list(PROJECT, "prod").block();
		var variables = client
			.withOptions(RequestOptions.builder().credential(Credential.PERSONAL_ACCESS_TOKEN).build())
			.envVars()
			.list(PROJECT, "prod")
			.block();

		List<LoggedRequest> requests = findAll(
				getRequestedFor(urlPathEqualTo("/api/v1/projects/" + PROJECT + "/envvars/prod")));
		assertThat(requests).extracting((request) -> request.getHeader("Authorization"))
			.containsExactly("Bearer " + TestClients.SECRET_KEY, "Bearer " + TestClients.ACCESS_TOKEN);
		assertThat(variables).singleElement().satisfies((variable) -> {
			assertThat(variable.name()).isEqualTo("SLACK_API_KEY");
			assertThat(variable.value()).isEqualTo("slack_123");
			assertThat(variable.toString()).doesNotContain("slack_123");
		});
	}

	@Test
	void aCredentialTheOperationDoesNotTakeFailsBeforeSending(WireMockRuntimeInfo wm) {
		TriggerOperations view = TestClients.builder(wm)
			.accessToken(TestClients.ACCESS_TOKEN)
			.build()
			.withOptions(RequestOptions.builder().credential(Credential.PERSONAL_ACCESS_TOKEN).build());

		assertThatIllegalArgumentException().isThrownBy(() -> view.runs().retrieve("run_1"))
			.withMessage("runs.retrieve does not accept the credential PERSONAL_ACCESS_TOKEN named in the request "
					+ "options; it accepts [SECRET_KEY, PUBLIC_TOKEN]");
		verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void aPublicAccessTokenIsSentInsteadOfTheSecretKeyWhereTheOperationTakesOne(WireMockRuntimeInfo wm) {
		String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzY29wZXMiOlsid3JpdGU6d2FpdHBvaW50czp3YWl0cG9pbnRfMSJdfQ.c2ln";
		stubFor(post("/api/v1/waitpoints/tokens/waitpoint_1/complete").willReturn(okJson("{\"success\":true}")));
		RequestOptions options = RequestOptions.builder().publicAccessToken(jwt).build();

		TestClients.client(wm).withOptions(options).waitpoints().completeToken("waitpoint_1", Map.of("ok", 1)).block();

		verify(postRequestedFor(urlPathEqualTo("/api/v1/waitpoints/tokens/waitpoint_1/complete"))
			.withHeader("Authorization", equalTo("Bearer " + jwt)));
		assertThat(options.credential()).isEqualTo(Credential.PUBLIC_TOKEN);
		assertThat(options.toString()).doesNotContain(jwt).doesNotContain("eyJ");
	}

	@Test
	void aPublicAccessTokenFailsBeforeSendingWhereTheOperationDoesNotTakeOne(WireMockRuntimeInfo wm) {
		TriggerOperations view = TestClients.client(wm)
			.withOptions(RequestOptions.builder().publicAccessToken("eyJ.e30.c2ln").build());

		assertThatIllegalArgumentException().isThrownBy(() -> view.schedules().retrieve("sched_1"))
			.withMessage("schedules.retrieve does not accept the credential PUBLIC_TOKEN named in the request "
					+ "options; it accepts [SECRET_KEY]")
			.withMessageNotContaining("eyJ");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RequestOptions.builder().credential(Credential.PUBLIC_TOKEN))
			.withMessageContaining("publicAccessToken(token)");
		assertThatIllegalArgumentException().isThrownBy(() -> RequestOptions.builder().publicAccessToken("a b"))
			.withMessageContaining("publicAccessToken");
		verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void aPersonalAccessTokenRouteSendsTheToken(WireMockRuntimeInfo wm) {
		stubFor(get(urlPathEqualTo("/api/v1/projects/" + PROJECT + "/runs"))
			.willReturn(okJson("{\"data\":[" + RUN + "],\"pagination\":{\"next\":\"c2\"},\"someNewField\":1}")));
		TriggerOperations client = TestClients.builder(wm).accessToken(TestClients.ACCESS_TOKEN).build();

		var page = client.runs()
			.listPageForProject(PROJECT, List.of("prod", "staging"),
					ListRunsRequest.builder().taskIdentifiers("t").pageSize(10).build(), null)
			.block();

		assertThat(page.data()).extracting((run) -> run.id()).containsExactly("run_1");
		assertThat(page.next()).isEqualTo("c2");
		verify(getRequestedFor(urlPathEqualTo("/api/v1/projects/" + PROJECT + "/runs"))
			.withHeader("Authorization", equalTo("Bearer " + TestClients.ACCESS_TOKEN))
			.withQueryParam("filter[env]", equalTo("prod,staging"))
			.withQueryParam("filter[taskIdentifier]", equalTo("t"))
			.withQueryParam("page[size]", equalTo("10")));
	}

	@Test
	void aPersonalAccessTokenRouteFailsBeforeSendingWithoutOne(WireMockRuntimeInfo wm) {
		TriggerOperations client = TestClients.client(wm);

		assertThatIllegalStateException()
			.isThrownBy(
					() -> client.runs().listForProject(PROJECT, List.of("prod"), ListRunsRequest.all()).blockFirst())
			.withMessage("runs.listForProject needs a personal access token, but none is configured: "
					+ "set trigger.access-token (TRIGGER_ACCESS_TOKEN), or TriggerClient.builder().accessToken(...)");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> client.runs().listForProject("project-1", List.of("prod"), ListRunsRequest.all()))
			.withMessage("projectRef must be a project ref starting with proj_ but was 'project-1'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> client.runs().listForProject(PROJECT, List.of(), ListRunsRequest.all()))
			.withMessage("environments must name at least one environment, such as prod");
		verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void aSecretKeyRouteFailsBeforeSendingWhenOnlyATokenIsConfigured(WireMockRuntimeInfo wm) {
		TriggerOperations client = TriggerClient.builder()
			.accessToken(TestClients.ACCESS_TOKEN)
			.baseUrl(wm.getHttpBaseUrl())
			.build();

		assertThatIllegalStateException().isThrownBy(() -> client.runs().retrieve("run_1"))
			.withMessage("runs.retrieve needs a secret key, but none is configured: "
					+ "set trigger.secret-key (TRIGGER_SECRET_KEY), or TriggerClient.builder().secretKey(...)");
		assertThat(client.environmentType()).isEqualTo(TriggerEnvironmentType.UNKNOWN);
		verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void timezonesSendsNoCredential(WireMockRuntimeInfo wm) {
		stubFor(get(urlPathEqualTo("/api/v1/timezones"))
			.willReturn(okJson("{\"timezones\":[\"Africa/Abidjan\",\"Europe/Paris\"],\"someNewField\":1}")));

		List<String> timezones = TestClients.client(wm).schedules().timezones(true).block();

		assertThat(timezones).containsExactly("Africa/Abidjan", "Europe/Paris");
		verify(getRequestedFor(urlPathEqualTo("/api/v1/timezones")).withHeader("Authorization", absent())
			.withQueryParam("excludeUtc", equalTo("true")));
	}

	@Test
	void everyOperationTakesTheViewsOptions() {
		// One answer that lets calls made of several requests go on to their next one.
		InMemoryExchange exchange = InMemoryExchange.answering(HttpStatus.OK,
				"{\"id\":\"batch_1\",\"runCount\":1,\"isCached\":false,\"sealed\":true,\"sub\":\"env_1\","
						+ "\"presignedUrl\":\"http://127.0.0.1:1/packet\",\"storagePath\":\"packets/p\","
						+ "\"token\":\"t\"}");
		RequestOptions options = RequestOptions.builder().header("x-view", "yes").build();
		TriggerOperations view = exchange.client().retry(TriggerRetrySettings.none()).build().withOptions(options);
		TriggerOperations additionalKeyView = exchange.client()
			.secretKey("tr_dev_sk_" + "a".repeat(24))
			.retry(TriggerRetrySettings.none())
			.build()
			.withOptions(options);

		for (Operation operation : Operation.values()) {
			int before = exchange.requests().size();
			OperationInvocations
				.invoke((operation == Operation.AUTH_PUBLIC_TOKENS) ? additionalKeyView : view, operation)
				.onErrorResume((ex) -> Mono.empty())
				.take(Duration.ofSeconds(5))
				.blockLast(Duration.ofSeconds(10));
			List<ClientRequest> sent = List.copyOf(exchange.requests().subList(before, exchange.requests().size()));

			assertThat(sent).as(operation.name())
				.isNotEmpty()
				.allSatisfy((request) -> assertThat(request.headers().getFirst("x-view")).as(request.url().toString())
					.isEqualTo("yes"))
				.extracting((request) -> request.method().name() + " "
						+ request.attribute(WebClient.class.getName() + ".uriTemplate").orElse(null))
				.contains(operation.method().name() + " " + operation.pathTemplate());
		}
	}

}
