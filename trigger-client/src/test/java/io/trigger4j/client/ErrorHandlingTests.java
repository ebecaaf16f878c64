package io.trigger4j.client;

import java.time.Instant;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.trigger4j.client.error.AuthenticationException;
import io.trigger4j.client.error.BadRequestException;
import io.trigger4j.client.error.ConflictException;
import io.trigger4j.client.error.NotFoundException;
import io.trigger4j.client.error.PermissionDeniedException;
import io.trigger4j.client.error.RateLimit;
import io.trigger4j.client.error.RateLimitException;
import io.trigger4j.client.error.ServerException;
import io.trigger4j.client.error.TriggerApiException;
import io.trigger4j.client.error.TriggerDecodingException;
import io.trigger4j.client.error.UnprocessableEntityException;
import io.trigger4j.client.error.ValidationIssue;
import io.trigger4j.client.model.runs.ListRunsRequest;
import io.trigger4j.client.model.runs.Run;
import io.trigger4j.client.model.runs.RunStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@WireMockTest
class ErrorHandlingTests {

	private static TriggerOperations noRetry(WireMockRuntimeInfo wm) {
		return TestClients.builder(wm).retry(TriggerRetrySettings.none()).build();
	}

	@ParameterizedTest
	@CsvSource({ "400, BadRequestException, false", "401, AuthenticationException, false",
			"403, PermissionDeniedException, false", "404, NotFoundException, false", "409, ConflictException, true",
			"422, UnprocessableEntityException, false", "429, RateLimitException, true", "500, ServerException, true",
			"503, ServerException, true", "418, TriggerApiException, false" })
	void eachStatusMapsToItsException(int status, String type, boolean retryAdvised, WireMockRuntimeInfo wm) {
		stubFor(get("/api/v3/runs/run_1").willReturn(aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"Something specific\"}")));

		TriggerApiException ex = catchThrowableOfType(TriggerApiException.class,
				() -> noRetry(wm).runs().retrieve("run_1").block());

		assertThat(ex.getClass().getSimpleName()).isEqualTo(type);
		assertThat(ex.statusCode()).isEqualTo(status);
		assertThat(ex.serverMessage()).isEqualTo("Something specific");
		assertThat(ex.operation()).isEqualTo("runs.retrieve");
		assertThat(ex.isRetryAdvised()).isEqualTo(retryAdvised);
		assertThat(ex).hasMessage("runs.retrieve failed with HTTP " + status + ": Something specific");
		assertThat(ex.getMessage()).doesNotContain(TestClients.SECRET_KEY);
	}

	@Test
	void queryValidationDetailsAreExposed(WireMockRuntimeInfo wm) {
		stubFor(get(urlPathEqualTo("/api/v1/runs"))
			.willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody("""
					{"error":"Query Error","details":[{"code":"custom","message":"Invalid status values: FOO",
					  "path":["filter[status]"]}]}""")));

		BadRequestException ex = catchThrowableOfType(BadRequestException.class,
				() -> noRetry(wm).runs()
					.listPage(ListRunsRequest.builder().statuses(RunStatus.of("FOO")).build(), null)
					.block());

		assertThat(ex.serverMessage()).isEqualTo("Query Error");
		assertThat(ex.details()).containsExactly(
				new ValidationIssue("custom", "Invalid status values: FOO", java.util.List.of("filter[status]")));
	}

	@Test
	void legacyValidationIssuesAreExposed(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/runs/run_1/tags").willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody(
					"""
							{"error":"Invalid request body","issues":[{"code":"too_big","message":"Too long","path":["tags",0]}]}""")));

		BadRequestException ex = catchThrowableOfType(BadRequestException.class,
				() -> noRetry(wm).runs().addTags("run_1", java.util.List.of("x")).block());

		assertThat(ex.details()).singleElement().satisfies((issue) -> {
			assertThat(issue.code()).isEqualTo("too_big");
			assertThat(issue.path()).containsExactly("tags", "0");
		});
	}

	@Test
	void problemJsonRateLimitCarriesTheFiguresAndResetTime(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v3/runs/run_1").willReturn(aResponse().withStatus(429)
			.withHeader("Content-Type", "application/problem+json; charset=utf-8")
			.withHeader("x-ratelimit-limit", "750")
			.withHeader("x-ratelimit-remaining", "0")
			.withHeader("x-ratelimit-reset", "1787307333535")
			.withBody("""
					{
					  "title": "Rate Limit Exceeded",
					  "status": 429,
					  "type": "https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/429",
					  "detail": "Rate limit exceeded 0/750 requests remaining. Retry in 3.412 seconds.",
					  "reset": 1787307333535,
					  "limit": 750,
					  "remaining": 0,
					  "secondsUntilReset": 3.412,
					  "error": "Rate limit exceeded 0/750 requests remaining. Retry in 3.412 seconds."
					}""")));

		RateLimitException ex = catchThrowableOfType(RateLimitException.class,
				() -> noRetry(wm).runs().retrieve("run_1").block());

		assertThat(ex.rateLimit()).isEqualTo(new RateLimit(750L, 0L, Instant.ofEpochMilli(1787307333535L)));
		assertThat(ex.resetAt()).isEqualTo(Instant.ofEpochMilli(1787307333535L));
		assertThat(ex.serverMessage()).startsWith("Rate limit exceeded 0/750");
	}

	@Test
	void problemJsonWithoutErrorUsesDetail(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v3/runs/run_1").willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/problem+json")
			.withBody("{\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"No authorization header provided\"}")));

		AuthenticationException ex = catchThrowableOfType(AuthenticationException.class,
				() -> noRetry(wm).runs().retrieve("run_1").block());

		assertThat(ex.serverMessage()).isEqualTo("No authorization header provided");
	}

	@Test
	void htmlErrorPageKeepsTheBodyOutOfTheMessage(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v3/runs/run_1").willReturn(aResponse().withStatus(502)
			.withHeader("Content-Type", "text/html")
			.withBody("<html><body>Bad gateway</body></html>")));

		ServerException ex = catchThrowableOfType(ServerException.class,
				() -> noRetry(wm).runs().retrieve("run_1").block());

		assertThat(ex).hasMessage("runs.retrieve failed with HTTP 502");
		assertThat(ex.responseBody()).contains("Bad gateway");
	}

	@Test
	void batchLimiterResetInEpochSecondsIsUnderstood(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v3/runs/run_1").willReturn(aResponse().withStatus(429)
			.withHeader("X-RateLimit-Reset", "1787307333")
			.withBody("{\"error\":\"slow down\"}")));

		RateLimitException ex = catchThrowableOfType(RateLimitException.class,
				() -> noRetry(wm).runs().retrieve("run_1").block());

		assertThat(ex.resetAt()).isEqualTo(Instant.ofEpochSecond(1787307333L));
	}

	@Test
	void undecodableSuccessBodyIsADecodingError(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v3/runs/run_1").willReturn(
				aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("not json")));

		TriggerDecodingException ex = catchThrowableOfType(TriggerDecodingException.class,
				() -> TestClients.client(wm).runs().retrieve("run_1").block());

		assertThat(ex).hasMessageStartingWith("Could not decode the response of runs.retrieve as Run");
		// A bad body is not retried.
		verify(1, getRequestedFor(urlPathEqualTo("/api/v3/runs/run_1")));
	}

}
