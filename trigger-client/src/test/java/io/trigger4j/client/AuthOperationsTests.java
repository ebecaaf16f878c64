package io.trigger4j.client;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.trigger4j.client.error.AuthenticationException;
import io.trigger4j.client.error.TriggerDecodingException;
import io.trigger4j.client.internal.Jwt;
import io.trigger4j.client.model.auth.PublicTokenRequest;
import io.trigger4j.client.model.auth.ScopeResource;
import io.trigger4j.client.model.auth.Scopes;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Public access tokens: minted locally with a root key byte for byte as the SDK 4.8.3
 * mints them (vectors from its {@code auth.*} functions at 2026-01-01T00:00:00.500Z, key
 * {@link TestClients#SECRET_KEY}, claims {@link #CLAIMS}), the claims asked once, minted
 * by the server with an additional key, and the checks made before anything is sent.
 */
@WireMockTest
class AuthOperationsTests {

	private static final String CLAIMS = "{\"sub\":\"env_cm1abc2de0001xyz\",\"pub\":true}";

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00.500Z"), ZoneOffset.UTC);

	private static final String ADDITIONAL_KEY = "tr_prod_sk_Ab12Cd34Ef56Gh78Ij90Kl12";

	/**
	 * {@code auth.createPublicToken({scopes: {read: {runs: [...], tags: "user:1"}, write:
	 * {waitpoints: true}}, expirationTime: "1h"})}.
	 */
	private static final String SDK_SCOPED = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJlbnZfY20xYWJjMmRlMDAwMXh5eiIsInB1YiI6dHJ1ZSwic2NvcGVzIjpbInJlYWQ6cnVuczpydW5fMTIzNCIsInJlYWQ6cnVuczpydW5fNTY3OCIsInJlYWQ6dGFnczp1c2VyOjEiLCJ3cml0ZTp3YWl0cG9pbnRzIl0sImlzcyI6Imh0dHBzOi8vaWQudHJpZ2dlci5kZXYiLCJhdWQiOiJodHRwczovL2FwaS50cmlnZ2VyLmRldiIsImV4cCI6MTc2NzIyOTIwMCwiaWF0IjoxNzY3MjI1NjAwfQ.vgehnSUzEX7vKaPkN5jvcEnbNaxGq1cBSwSAkFkuyGs";

	/** {@code auth.createPublicToken()}. */
	private static final String SDK_NO_SCOPES = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJlbnZfY20xYWJjMmRlMDAwMXh5eiIsInB1YiI6dHJ1ZSwiaXNzIjoiaHR0cHM6Ly9pZC50cmlnZ2VyLmRldiIsImF1ZCI6Imh0dHBzOi8vYXBpLnRyaWdnZXIuZGV2IiwiZXhwIjoxNzY3MjI2NTAwLCJpYXQiOjE3NjcyMjU2MDB9.RXyjNtAjj0Ty4rbYEyxjbhClBJ_9bz0vTTSfj5fwYPs";

	/**
	 * {@code auth.createPublicToken({scopes: {read: {batch: "batch_1"}}, realtime:
	 * {skipColumns: ["payload", "output"]}, expirationTime: 1767229200})}.
	 */
	private static final String SDK_REALTIME = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJlbnZfY20xYWJjMmRlMDAwMXh5eiIsInB1YiI6dHJ1ZSwic2NvcGVzIjpbInJlYWQ6YmF0Y2g6YmF0Y2hfMSJdLCJyZWFsdGltZSI6eyJza2lwQ29sdW1ucyI6WyJwYXlsb2FkIiwib3V0cHV0Il19LCJpc3MiOiJodHRwczovL2lkLnRyaWdnZXIuZGV2IiwiYXVkIjoiaHR0cHM6Ly9hcGkudHJpZ2dlci5kZXYiLCJleHAiOjE3NjcyMjkyMDAsImlhdCI6MTc2NzIyNTYwMH0.gbc39HdveAdXoxikTO4BvPCjaVmI6UnI6YbmmQWd6jk";

	/** {@code auth.createTriggerPublicToken("my-task", {expirationTime: "1h"})}. */
	private static final String SDK_TRIGGER = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJlbnZfY20xYWJjMmRlMDAwMXh5eiIsInB1YiI6dHJ1ZSwib3R1Ijp0cnVlLCJzY29wZXMiOlsidHJpZ2dlcjp0YXNrczpteS10YXNrIl0sImlzcyI6Imh0dHBzOi8vaWQudHJpZ2dlci5kZXYiLCJhdWQiOiJodHRwczovL2FwaS50cmlnZ2VyLmRldiIsImV4cCI6MTc2NzIyOTIwMCwiaWF0IjoxNzY3MjI1NjAwfQ.gWJPJoZ74kZaAtHh8f1UPRRlXW1CoOL8oExT1N0PQ50";

	/**
	 * {@code auth.createBatchTriggerPublicToken(["task-a", "task-b"], {multipleUse:
	 * true})}.
	 */
	private static final String SDK_BATCH_TRIGGER = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJlbnZfY20xYWJjMmRlMDAwMXh5eiIsInB1YiI6dHJ1ZSwib3R1IjpmYWxzZSwic2NvcGVzIjpbImJhdGNoVHJpZ2dlcjp0YXNrczp0YXNrLWEiLCJiYXRjaFRyaWdnZXI6dGFza3M6dGFzay1iIl0sImlzcyI6Imh0dHBzOi8vaWQudHJpZ2dlci5kZXYiLCJhdWQiOiJodHRwczovL2FwaS50cmlnZ2VyLmRldiIsImV4cCI6MTc2NzIyNjUwMCwiaWF0IjoxNzY3MjI1NjAwfQ.wAvrAM47qfLQTVsGw8nDqt-FugO7jTcm6Kp-zJvBq4M";

	private static TriggerOperations client(WireMockRuntimeInfo wm) {
		return TestClients.builder(wm).clock(CLOCK).build();
	}

	private static String claimsOf(String token) {
		return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
	}

	@Test
	void aRootKeySignsLocallyTheTokensTheSdkMintsByteForByte(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/auth/jwt/claims").willReturn(okJson(CLAIMS)));
		AuthOperations auth = client(wm).auth();

		assertThat(TestClients.SECRET_KEY).hasSize(31);
		assertThat(auth
			.createPublicToken(PublicTokenRequest.builder()
				.scopes(Scopes.builder()
					.read(ScopeResource.RUNS, "run_1234", "run_5678")
					.write(ScopeResource.WAITPOINTS)
					.read(ScopeResource.TAGS, List.of("user:1"))
					.build())
				.expiresIn(Duration.ofHours(1))
				.build())
			.block()).isEqualTo(SDK_SCOPED);
		assertThat(auth.createPublicToken(PublicTokenRequest.builder().build()).block()).isEqualTo(SDK_NO_SCOPES);
		assertThat(auth
			.createPublicToken(PublicTokenRequest.builder()
				.scopes(Scopes.builder().read(ScopeResource.BATCH, "batch_1").build())
				.skipColumns("payload", "output")
				.expiresAt(Instant.ofEpochSecond(1767229200))
				.build())
			.block()).isEqualTo(SDK_REALTIME);
		assertThat(auth
			.createPublicToken(
					PublicTokenRequest.forTrigger("my-task").toBuilder().expiresIn(Duration.ofHours(1)).build())
			.block()).isEqualTo(SDK_TRIGGER);
		assertThat(auth
			.createPublicToken(
					PublicTokenRequest.forBatchTrigger("task-a", "task-b").toBuilder().oneTimeUse(false).build())
			.block()).isEqualTo(SDK_BATCH_TRIGGER);

		// The claims are asked once, with the secret key.
		verify(1, postRequestedFor(urlEqualTo("/api/v1/auth/jwt/claims")).withHeader("Authorization",
				equalTo("Bearer " + TestClients.SECRET_KEY)));
	}

	@Test
	void theClaimsAreAskedOnceForAllViewsOfAClient(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/auth/jwt/claims").willReturn(okJson(CLAIMS)));
		TriggerOperations client = client(wm);

		client.auth().createPublicToken(PublicTokenRequest.of(Scopes.none())).block();
		client.withOptions(RequestOptions.builder().header("x-tenant", "a").build())
			.auth()
			.createPublicToken(PublicTokenRequest.of(Scopes.none()))
			.block();

		verify(1, postRequestedFor(urlEqualTo("/api/v1/auth/jwt/claims")));
	}

	@Test
	void aMintedTokenVerifiesWithTheKeyOnlyAndUnaltered(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/auth/jwt/claims").willReturn(okJson(CLAIMS)));

		String token = TestClients.client(wm)
			.auth()
			.createPublicToken(PublicTokenRequest.of(Scopes.builder().read(ScopeResource.RUNS, "run_1").build()))
			.block();

		byte[] claims = Jwt.verifyHs256(token, TestClients.SECRET_KEY);
		assertThat(claims).isNotNull();
		assertThat(new String(claims, StandardCharsets.UTF_8)).startsWith(
				"{\"sub\":\"env_cm1abc2de0001xyz\",\"pub\":true,\"scopes\":[\"read:runs:run_1\"],\"iss\":\"https://id.trigger.dev\",\"aud\":\"https://api.trigger.dev\",\"exp\":");
		assertThat(Jwt.verifyHs256(token, TestClients.SECRET_KEY + "x")).isNull();
		String[] parts = token.split("\\.");
		String widened = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(claimsOf(token).replace("read:runs:run_1", "read:runs").getBytes(StandardCharsets.UTF_8));
		assertThat(Jwt.verifyHs256(parts[0] + "." + widened + "." + parts[2], TestClients.SECRET_KEY)).isNull();
		assertThat(Jwt.verifyHs256("not-a-token", TestClients.SECRET_KEY)).isNull();
	}

	@Test
	void aTokenExpiresFifteenMinutesAfterItIsMintedByDefault(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/auth/jwt/claims").willReturn(okJson(CLAIMS)));

		String token = client(wm).auth().createPublicToken(PublicTokenRequest.builder().build()).block();

		assertThat(claimsOf(token)).contains("\"exp\":" + (1767225600 + 900) + ",\"iat\":1767225600}");
	}

	@Test
	void anAdditionalKeyHasTheServerMintTheToken(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/auth/public-tokens").willReturn(okJson("{\"token\":\"server.minted.token\"}")));
		TriggerOperations client = TriggerClient.builder()
			.secretKey(ADDITIONAL_KEY)
			.baseUrl(wm.getHttpBaseUrl())
			.retry(TestClients.FAST_RETRY)
			.build();

		String token = client.auth()
			.createPublicToken(PublicTokenRequest.forTrigger("my-task")
				.toBuilder()
				.expiresIn(Duration.ofHours(2))
				.skipColumns("payload")
				.build())
			.block();

		assertThat(token).isEqualTo("server.minted.token");
		verify(postRequestedFor(urlEqualTo("/api/v1/auth/public-tokens"))
			.withHeader("Authorization", equalTo("Bearer " + ADDITIONAL_KEY))
			.withRequestBody(equalToJson("{\"scopes\":[\"trigger:tasks:my-task\"],\"expirationTime\":\"2h\","
					+ "\"oneTimeUse\":true,\"realtime\":{\"skipColumns\":[\"payload\"]}}", false, false)));
		verify(0, postRequestedFor(urlEqualTo("/api/v1/auth/jwt/claims")));
	}

	@Test
	void anAdditionalKeySendsAnExpiryInstantAsEpochSecondsAndNoneByDefault(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/auth/public-tokens").willReturn(okJson("{\"token\":\"t\"}")));
		AuthOperations auth = TriggerClient.builder()
			.secretKey(ADDITIONAL_KEY)
			.baseUrl(wm.getHttpBaseUrl())
			.clock(CLOCK)
			.build()
			.auth();
		Scopes scopes = Scopes.builder().read(ScopeResource.RUNS).build();

		auth.createPublicToken(
				PublicTokenRequest.builder().scopes(scopes).expiresAt(Instant.ofEpochSecond(1767229200)).build())
			.block();
		auth.createPublicToken(PublicTokenRequest.of(scopes)).block();

		verify(postRequestedFor(urlEqualTo("/api/v1/auth/public-tokens"))
			.withRequestBody(equalToJson("{\"scopes\":[\"read:runs\"],\"expirationTime\":1767229200}", false, false)));
		verify(postRequestedFor(urlEqualTo("/api/v1/auth/public-tokens"))
			.withRequestBody(equalToJson("{\"scopes\":[\"read:runs\"]}", false, false)));
	}

	@Test
	void anAdditionalKeyNeedsAScopeBeforeAnythingIsSent(WireMockRuntimeInfo wm) {
		AuthOperations auth = TriggerClient.builder()
			.secretKey(ADDITIONAL_KEY)
			.baseUrl(wm.getHttpBaseUrl())
			.build()
			.auth();

		assertThatIllegalArgumentException()
			.isThrownBy(() -> auth.createPublicToken(PublicTokenRequest.of(Scopes.none())))
			.withMessageStartingWith("request.scopes must hold at least one scope")
			.withMessageNotContaining(ADDITIONAL_KEY);
		verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void aFailedClaimsRequestIsSignalledWithoutTheKeyAndNotKept(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/auth/jwt/claims").inScenario("claims")
			.whenScenarioStateIs("Started")
			.willReturn(aResponse().withStatus(401).withBody("{\"error\":\"Invalid or Missing API key\"}"))
			.willSetStateTo("fixed"));
		stubFor(post("/api/v1/auth/jwt/claims").inScenario("claims")
			.whenScenarioStateIs("fixed")
			.willReturn(okJson(CLAIMS)));
		AuthOperations auth = client(wm).auth();

		assertThatExceptionOfType(AuthenticationException.class)
			.isThrownBy(() -> auth.createPublicToken(PublicTokenRequest.builder().build()).block())
			.withMessage("auth.jwtClaims failed with HTTP 401: Invalid or Missing API key");
		assertThat(auth.createPublicToken(PublicTokenRequest.builder().build()).block()).isEqualTo(SDK_NO_SCOPES);
		verify(2, postRequestedFor(urlEqualTo("/api/v1/auth/jwt/claims")));
	}

	@Test
	void claimsWithoutASubjectAreRefused(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/auth/jwt/claims").willReturn(okJson("{\"pub\":true}")));

		assertThatExceptionOfType(TriggerDecodingException.class)
			.isThrownBy(() -> client(wm).auth().createPublicToken(PublicTokenRequest.builder().build()).block())
			.withMessageContaining("no sub");
	}

	@Test
	void badRequestsFailBeforeAnythingIsSent(WireMockRuntimeInfo wm) {
		AuthOperations auth = client(wm).auth();

		assertThatIllegalArgumentException()
			.isThrownBy(() -> auth.createPublicToken(
					PublicTokenRequest.builder().expiresAt(Instant.parse("2026-01-01T00:00:00Z")).build()))
			.withMessage("request.expiresAt must be in the future but was 2026-01-01T00:00:00Z");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PublicTokenRequest.builder().expiresIn(Duration.ofMillis(1500)))
			.withMessage("expiresIn must be a positive whole number of seconds but was PT1.5S");
		assertThatIllegalArgumentException().isThrownBy(() -> Scopes.builder().read(ScopeResource.RUNS, List.of()))
			.withMessageStartingWith("ids must not be empty");
		assertThatIllegalArgumentException().isThrownBy(() -> Scopes.builder().read(ScopeResource.RUNS, " "))
			.withMessage("ids[0] must not be blank");
		assertThatExceptionOfType(NullPointerException.class)
			.isThrownBy(() -> Scopes.builder().read(ScopeResource.RUNS, "run_1", (String) null))
			.withMessage("ids[1] must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> Scopes.builder().read(ScopeResource.RUNS, "run_1 "))
			.withMessageStartingWith("ids[0] must not");
		assertThatIllegalStateException()
			.isThrownBy(() -> TriggerClient.builder()
				.accessToken(TestClients.ACCESS_TOKEN)
				.baseUrl(wm.getHttpBaseUrl())
				.build()
				.auth()
				.createPublicToken(PublicTokenRequest.builder().build()))
			.withMessageContaining("needs a secret key");
		verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void scopesAreGroupedByActionThenResourceAsTheSdkFlattensThem() {
		Scopes scopes = Scopes.builder()
			.read(ScopeResource.RUNS, "run_1")
			.trigger(ScopeResource.TASKS, "a", "b")
			.read(ScopeResource.TAGS, "t")
			.read(ScopeResource.RUNS, "run_2")
			.batchTrigger(ScopeResource.TASKS)
			.write(ScopeResource.INPUT_STREAMS)
			.build();

		assertThat(scopes.values()).containsExactly("read:runs:run_1", "read:runs:run_2", "read:tags:t",
				"trigger:tasks:a", "trigger:tasks:b", "batchTrigger:tasks", "write:inputStreams");
		assertThat(Scopes.none().values()).isEmpty();
	}

	@Test
	void neitherTheKeyNorATokenIsPrinted() {
		assertThat(PublicTokenRequest.forTrigger("t").toString()).doesNotContain(TestClients.SECRET_KEY);
		assertThat(new DefaultAuthOperations.TokenAnswer("secret.token.value").toString())
			.doesNotContain("secret.token.value");
	}

}
