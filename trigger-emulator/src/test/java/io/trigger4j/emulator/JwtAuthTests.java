package io.trigger4j.emulator;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Public access tokens: minted in {@code x-trigger-jwt} and by the auth routes, signed as
 * the SDK signs them, and accepted or refused by the routes that take them as the server
 * does (api-semantics.md 1.2, 1.3).
 */
class JwtAuthTests {

	/** A real-length dev key: 31 bytes, which JWT libraries refuse for HS256. */
	private static final String KEY = "tr_dev_abcdefghijklmnopqrstuvwx";

	private static final String ENV = "cm0emulator0000000000000";

	private static final String FORBIDDEN = "{\"error\":\"Unauthorized\",\"code\":\"unauthorized\",\"param\":\"access_token\",\"type\":\"authorization\"}";

	/**
	 * Made by jose's SignJWT (the SDK's signer) with {@link #KEY}: {@code {sub, pub:
	 * true, scopes: ["read:runs:run_1"]}}, issued at 1795000000, expiring at 1795000900.
	 */
	private static final String JOSE_TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjbTBlbXVsYXRvcjAwMDAwMDAwMDAwMDAiLCJwdWIiOnRydWUsInNjb3BlcyI6WyJyZWFkOnJ1bnM6cnVuXzEiXSwiaXNzIjoiaHR0cHM6Ly9pZC50cmlnZ2VyLmRldiIsImF1ZCI6Imh0dHBzOi8vYXBpLnRyaWdnZXIuZGV2IiwiZXhwIjoxNzk1MDAwOTAwLCJpYXQiOjE3OTUwMDAwMDB9.zd_GG3LHVdifJSxoo0vbG1yD74UwiLNVXJWdhxqDePM";

	private final ManualClock clock = new ManualClock(Instant.ofEpochSecond(1795000000));

	private final TriggerEmulator emulator = TriggerEmulator.builder()
		.clock(this.clock)
		.secretKey(KEY)
		.task("hello-world", (run) -> Map.of("greeting", "hi"))
		.task("other", (run) -> "ok")
		.task(EmulatedTask.of("waiting", (run) -> TaskStep.waitFor(Duration.ofHours(1))))
		.start();

	private final Http http = new Http(this.emulator);

	@AfterEach
	void stop() {
		this.emulator.stop();
	}

	@Test
	void aTokenSignedByTheSdksSignerIsAcceptedUntilItExpires() {
		String runId = trigger("hello-world", "{\"payload\":{}}");
		// The jose token reads run_1 only: another run is refused, as is the list.
		assertThat(get("/api/v3/runs/" + runId, JOSE_TOKEN).status()).isEqualTo(403);
		String readRuns = sign(KEY, claims("\"read:runs\"", 1795000900));
		assertThat(get("/api/v3/runs/" + runId, readRuns).status()).isEqualTo(200);
		assertThat(get("/api/v1/runs", readRuns).status()).isEqualTo(200);

		this.clock.advance(Duration.ofSeconds(900));

		Http.Answer expired = get("/api/v1/runs", readRuns);
		assertThat(expired.status()).isEqualTo(401);
		assertThat(expired.body()).isEqualTo("{\"error\":\"Public Access Token is invalid\"}");
	}

	@Test
	void theTriggerAnswersATokenSignedWithTheSecretKeyForTheRun() {
		Http.Answer answer = this.http.post("/api/v1/tasks/hello-world/trigger", "{\"payload\":{}}");
		String runId = answer.json().get("id").asString();
		String token = answer.header("x-trigger-jwt");

		String[] parts = token.split("\\.");
		assertThat(decode(parts[0])).isEqualTo("{\"alg\":\"HS256\"}");
		assertThat(decode(parts[1])).isEqualTo("{\"sub\":\"" + ENV + "\",\"pub\":true,\"scopes\":[\"read:runs:" + runId
				+ "\",\"write:inputStreams:" + runId
				+ "\"],\"iss\":\"https://id.trigger.dev\",\"aud\":\"https://api.trigger.dev\",\"exp\":1795003600,\"iat\":1795000000}");
		assertThat(MessageDigest.isEqual(Base64.getUrlDecoder().decode(parts[2]), hmac(KEY, parts[0] + "." + parts[1])))
			.isTrue();
		assertThat(json(answer.header("x-trigger-jwt-claims")).get("scopes").get(0).asString())
			.isEqualTo("read:runs:" + runId);
		assertThat(get("/api/v3/runs/" + runId, token).json().get("id").asString()).isEqualTo(runId);
		assertThat(get("/api/v1/runs/" + runId + "/trace", token).status()).isEqualTo(200);
		assertThat(get("/api/v1/runs/" + runId + "/events", token).status()).isEqualTo(200);
	}

	@Test
	void aRunTokenReadsNoOtherRunNorTheListNorCancels() {
		String mine = trigger("hello-world", "{\"payload\":{}}");
		String other = trigger("hello-world", "{\"payload\":{}}");
		String token = sign(KEY, claims("\"read:runs:" + mine + "\"", 1795003600));

		Http.Answer refused = get("/api/v3/runs/" + other, token);
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.body()).isEqualTo(FORBIDDEN);
		assertThat(get("/api/v1/runs", token).status()).isEqualTo(403);
		assertThat(post("/api/v2/runs/" + mine + "/cancel", token, "{}").status()).isEqualTo(403);
		// A missing run is answered as the route answers it: 404 before 403.
		assertThat(get("/api/v3/runs/run_doesnotexist", token).status()).isEqualTo(404);
	}

	@Test
	void tagTaskAndBatchScopesReachTheRunsTheyName() {
		String vip = trigger("hello-world", "{\"payload\":{},\"options\":{\"tags\":[\"tier:vip\"]}}");
		String plain = trigger("other", "{\"payload\":{}}");
		String tagToken = sign(KEY, claims("\"read:tags:tier:vip\"", 1795003600));
		assertThat(get("/api/v3/runs/" + vip, tagToken).status()).isEqualTo(200);
		assertThat(get("/api/v3/runs/" + plain, tagToken).status()).isEqualTo(403);

		String taskToken = sign(KEY, claims("\"read:tasks:other\"", 1795003600));
		assertThat(get("/api/v3/runs/" + plain, taskToken).status()).isEqualTo(200);
		assertThat(get("/api/v1/runs?filter[taskIdentifier]=other", taskToken).status()).isEqualTo(200);
		assertThat(get("/api/v1/runs?filter[taskIdentifier]=other,hello-world", taskToken).status()).isEqualTo(403);

		Http.Answer batch = this.http.post("/api/v1/tasks/batch",
				"{\"items\":[{\"task\":\"hello-world\",\"payload\":{}}]}");
		String batchId = batch.json().get("id").asString();
		String batchToken = batch.header("x-trigger-jwt");
		assertThat(get("/api/v1/batches/" + batchId, batchToken).status()).isEqualTo(200);
		String batchRun = batch.json().get("runs").get(0).get("id").asString();
		assertThat(get("/api/v3/runs/" + batchRun, batchToken).status()).isEqualTo(200);
		assertThat(get("/api/v3/runs/" + vip, batchToken).status()).isEqualTo(403);
	}

	@Test
	void triggerScopesAreCheckedPerTask() {
		String token = sign(KEY,
				claims("\"trigger:tasks:hello-world\",\"batchTrigger:tasks:hello-world\"", 1795003600));

		Http.Answer triggered = post("/api/v1/tasks/hello-world/trigger", token, "{\"payload\":{}}");
		assertThat(triggered.status()).isEqualTo(200);
		assertThat(triggered.header("x-trigger-jwt")).isNotBlank();
		assertThat(post("/api/v1/tasks/other/trigger", token, "{\"payload\":{}}").body()).isEqualTo(FORBIDDEN);
		assertThat(post("/api/v1/tasks/batch", token, "{\"items\":[{\"task\":\"hello-world\"}]}").status())
			.isEqualTo(202);
		assertThat(post("/api/v1/tasks/batch", token, "{\"items\":[{\"task\":\"hello-world\"},{\"task\":\"other\"}]}")
			.status()).isEqualTo(403);
		// The one-task batch route takes no public token.
		assertThat(post("/api/v1/tasks/hello-world/batch", token, "{\"items\":[{}]}").body())
			.isEqualTo("{\"error\":\"Invalid API key\"}");
	}

	@Test
	void aWaitpointTokenCompletesOnlyItsWaitpoint() {
		Http.Answer created = this.http.post("/api/v1/waitpoints/tokens", "{\"timeout\":\"1h\"}");
		String id = created.json().get("id").asString();
		String token = created.header("x-trigger-jwt");
		String other = this.http.post("/api/v1/waitpoints/tokens", "{}").json().get("id").asString();

		assertThat(post("/api/v1/waitpoints/tokens/" + other + "/complete", token, "{\"data\":{}}").status())
			.isEqualTo(403);
		assertThat(post("/api/v1/waitpoints/tokens/" + id + "/complete", token, "{\"data\":{\"ok\":true}}").body())
			.isEqualTo("{\"success\":true}");
		// Waitpoint routes without a JWT rule refuse it.
		assertThat(get("/api/v1/waitpoints/tokens/" + id, token).status()).isEqualTo(401);
	}

	@Test
	void refusedTokensGetTheServersTextsWithoutTheToken() {
		String good = sign(KEY, claims("\"read:runs\"", 1795003600));
		String[] parts = good.split("\\.");
		String badSignature = parts[0] + "." + parts[1] + "." + parts[2].substring(0, 10) + "AAAA"
				+ parts[2].substring(14);
		String otherKey = sign("tr_dev_zzzzzzzzzzzzzzzzzzzzzzzz", claims("\"read:runs\"", 1795003600));
		String unsigned = base64("{\"alg\":\"none\"}") + "." + parts[1] + ".";
		String wrongIssuer = sign(KEY, "{\"sub\":\"" + ENV
				+ "\",\"pub\":true,\"scopes\":[\"read:runs\"],\"iss\":\"https://evil.example\",\"aud\":\"https://api.trigger.dev\",\"exp\":1795003600}");
		for (String token : new String[] { badSignature, otherKey, unsigned, wrongIssuer }) {
			Http.Answer answer = get("/api/v1/runs", token);
			assertThat(answer.status()).isEqualTo(401);
			assertThat(answer.body()).isEqualTo("{\"error\":\"Public Access Token is invalid\"}").doesNotContain(token);
		}
		String otherEnvironment = sign(KEY,
				claims("\"read:runs\"", 1795003600).replace(ENV, "cm0someoneelse00000000000"));
		assertThat(get("/api/v1/runs", otherEnvironment).body())
			.isEqualTo("{\"error\":\"Invalid Public Access Token\"}");
		String notPublic = sign(KEY, claims("\"read:runs\"", 1795003600).replace("\"pub\":true", "\"pub\":false"));
		assertThat(get("/api/v1/runs", notPublic).body()).isEqualTo("{\"error\":\"Invalid API key\"}");
		// Legacy routes take no public token.
		String runId = trigger("hello-world", "{\"payload\":{}}");
		assertThat(send(this.http.request("/api/v1/runs/" + runId + "/result").GET(), good).body())
			.isEqualTo("{\"error\":\"Invalid or Missing API Key\"}");
		// The emulator still serves.
		assertThat(get("/api/v1/runs", good).status()).isEqualTo(200);
	}

	@Test
	void theClaimsRouteAnswersTheEnvironmentForSecretKeysOnly() {
		Http.Answer claims = this.http.post("/api/v1/auth/jwt/claims", "");
		assertThat(claims.body()).isEqualTo("{\"sub\":\"" + ENV + "\",\"pub\":true}");
		String token = sign(KEY, claims("\"read:runs\"", 1795003600));
		assertThat(post("/api/v1/auth/jwt/claims", token, "").body())
			.isEqualTo("{\"error\":\"Invalid or Missing API key\"}");
		assertThat(post("/api/v1/auth/jwt/claims", "tr_dev_wrongwrongwrongwrongwron", "").body())
			.isEqualTo("{\"error\":\"Invalid or Missing API key\"}");
	}

	@Test
	void publicTokensAreMintedForTheirScopesAndLifetime() {
		Http.Answer minted = this.http.post("/api/v1/auth/public-tokens",
				"{\"scopes\":[\"read:runs\"],\"expirationTime\":\"2h\"}");
		String token = minted.json().get("token").asString();
		JsonNode payload = json(decode(token.split("\\.")[1]));
		assertThat(payload.get("scopes").get(0).asString()).isEqualTo("read:runs");
		assertThat(payload.get("exp").asLong()).isEqualTo(1795000000L + 7200);
		assertThat(get("/api/v1/runs", token).status()).isEqualTo(200);
		this.clock.advance(Duration.ofHours(2));
		assertThat(get("/api/v1/runs", token).status()).isEqualTo(401);

		long fifteenMinutes = json(decode(this.http.post("/api/v1/auth/public-tokens", "{\"scopes\":[\"read:runs\"]}")
			.json()
			.get("token")
			.asString()
			.split("\\.")[1])).get("exp").asLong();
		assertThat(fifteenMinutes).isEqualTo(1795007200L + 900);
		assertThat(this.http.post("/api/v1/auth/public-tokens", "{\"scopes\":[]}").json().get("error").asString())
			.isEqualTo("Invalid request body");
		assertThat(this.http
			.post("/api/v1/auth/public-tokens", "{\"scopes\":[\"read:runs\"],\"expirationTime\":\"5m ago\"}")
			.body()).isEqualTo("{\"error\":\"Expiration time must be in the future\"}");
		assertThat(
				this.http.post("/api/v1/auth/public-tokens", "{\"scopes\":[\"read:runs\"],\"expirationTime\":\"31d\"}")
					.body())
			.isEqualTo("{\"error\":\"Expiration time cannot exceed 30 days\"}");
		assertThat(
				this.http.post("/api/v1/auth/public-tokens", "{\"scopes\":[\"read:runs\"],\"expirationTime\":\"soon\"}")
					.body())
			.isEqualTo("{\"error\":\"Invalid expiration time\"}");
		// A public token mints nothing.
		assertThat(post("/api/v1/auth/public-tokens", token, "{\"scopes\":[\"read:runs\"]}").status()).isEqualTo(401);
	}

	@Test
	void withoutAConfiguredKeyTokensAreSignedWithTheCallersKey() {
		try (TriggerEmulator anyKey = TriggerEmulator.builder()
			.clock(this.clock)
			.task("hello-world", (run) -> "hi")
			.start()) {
			String url = anyKey.baseUrl();
			Http.Answer answer = Http
				.send(HttpRequest.newBuilder(java.net.URI.create(url + "/api/v1/tasks/hello-world/trigger"))
					.header("Authorization", "Bearer " + KEY)
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("{\"payload\":{}}")));
			String token = answer.header("x-trigger-jwt");
			String[] parts = token.split("\\.");
			assertThat(MessageDigest.isEqual(Base64.getUrlDecoder().decode(parts[2]),
					hmac(KEY, parts[0] + "." + parts[1])))
				.isTrue();
			String runId = answer.json().get("id").asString();
			Http.Answer retrieved = Http.send(HttpRequest.newBuilder(java.net.URI.create(url + "/api/v3/runs/" + runId))
				.header("Authorization", "Bearer " + token));
			assertThat(retrieved.status()).isEqualTo(200);
			String unknownKey = sign("tr_dev_neverseenneverseenneverse", claims("\"read:runs\"", 1795003600));
			assertThat(Http
				.send(HttpRequest.newBuilder(java.net.URI.create(url + "/api/v1/runs"))
					.header("Authorization", "Bearer " + unknownKey))
				.status()).isEqualTo(401);
		}
	}

	private String trigger(String task, String body) {
		Http.Answer answer = this.http.post("/api/v1/tasks/" + task + "/trigger", body);
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		return answer.json().get("id").asString();
	}

	private Http.Answer get(String path, String token) {
		return send(this.http.request(path).GET().header("x-trigger-api-version", Http.CURRENT), token);
	}

	private Http.Answer post(String path, String token, String body) {
		return send(this.http.request(path)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.header("Content-Type", "application/json"), token);
	}

	private static Http.Answer send(HttpRequest.Builder request, String token) {
		return Http.send(request.setHeader("Authorization", "Bearer " + token));
	}

	private static String claims(String scopes, long exp) {
		return "{\"sub\":\"" + ENV + "\",\"pub\":true,\"scopes\":[" + scopes
				+ "],\"iss\":\"https://id.trigger.dev\",\"aud\":\"https://api.trigger.dev\",\"exp\":" + exp
				+ ",\"iat\":1795000000}";
	}

	/** HS256 as the SDK signs: the key's UTF-8 bytes as they are. */
	private static String sign(String key, String payload) {
		String input = base64("{\"alg\":\"HS256\"}") + "." + base64(payload);
		return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, input));
	}

	private static byte[] hmac(String key, String input) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String base64(String text) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	private static JsonNode json(String text) {
		return EmulatorJson.MAPPER.readTree(text);
	}

	private static String decode(String part) {
		return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
	}

}
