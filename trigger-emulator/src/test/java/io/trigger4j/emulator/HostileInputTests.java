package io.trigger4j.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every request fails alone: hostile input gets a 4xx with the server's error shape,
 * nothing is stored by a request that fails, and the emulator then triggers, retrieves
 * and lists as before.
 */
class HostileInputTests extends EmulatorTestSupport {

	/** Triggers, retrieves and lists: what every test checks after its hostile input. */
	private void stillServes() {
		String id = trigger("hello-world", "{\"payload\":{\"name\":\"after\"}}");
		JsonNode run = run(id);
		assertThat(run.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(run.get("output").get("greeting").asString()).isEqualTo("Hello, after!");
		assertThat(ids("/api/v1/runs")).contains(id);
		this.emulator.advance(Duration.ofDays(1));
		assertThat(ids("/api/v1/runs")).contains(id);
	}

	private void refused(Http.Answer answer, int status, String errorStart) {
		assertThat(answer.status()).as(answer.body()).isEqualTo(status);
		assertThat(answer.header("Content-Type")).startsWith("application/json");
		assertThat(answer.json().get("error").asString()).startsWith(errorStart);
	}

	@ParameterizedTest
	@ValueSource(strings = { "9223372036854775807", "1e17", "1e400", "\"99999999999w\"", "-1", "1.5",
			"\"999999999999999999999999999s\"" })
	void aHugeOrWrongTtlIsRefusedAndNothingIsStored(String ttl) {
		Http.Answer answer = this.http.post("/api/v1/tasks/slow/trigger",
				"{\"payload\":{},\"options\":{\"ttl\":" + ttl + "}}");

		refused(answer, 400, "Validation error: ");
		assertThat(answer.json().get("error").asString()).endsWith("at \"options.ttl\"");
		assertThat(ids("/api/v1/runs")).isEmpty();
		stillServes();
	}

	@Test
	void anOversizedIdempotencyKeyTtlCreatesNothing() {
		Http.Answer answer = this.http.post("/api/v1/tasks/slow/trigger",
				"{\"payload\":{},\"options\":{\"idempotencyKey\":\"k\",\"idempotencyKeyTTL\":\"9999999999999999d\"}}");

		refused(answer, 400, "Validation error: ");
		assertThat(ids("/api/v1/runs")).isEmpty();
		stillServes();
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"options\":\"x\"}", "{\"options\":{\"delay\":5}}", "{\"options\":{\"tags\":[1]}}",
			"{\"options\":{\"queue\":\"q\"}}", "{\"options\":{\"queue\":{\"name\":7}}}",
			"{\"options\":{\"test\":\"yes\"}}", "{\"options\":{\"maxAttempts\":\"3\"}}",
			"{\"options\":{\"maxAttempts\":2.5}}", "{\"options\":{\"machine\":\"huge-9x\"}}",
			"{\"options\":{\"priority\":\"high\"}}", "{\"options\":{\"concurrencyKey\":{}}}",
			"{\"options\":{\"delay\":\"99999999999w\"}}", "{\"options\":{\"queue\":{\"concurrencyLimit\":-1}}}" })
	void optionsOfTheWrongTypeOrRangeAreRefusedWithAValidationError(String body) {
		refused(this.http.post("/api/v1/tasks/slow/trigger", body), 400, "Validation error: ");
		assertThat(ids("/api/v1/runs")).isEmpty();
		stillServes();
	}

	@ParameterizedTest
	@ValueSource(strings = { "null", "[]", "\"text\"", "0", "false", "{", "{\"payload\":", "\u0000" })
	void bodiesThatAreNotAnObjectAreRefused(String body) {
		refused(this.http.post("/api/v1/tasks/slow/trigger", body), 400, "Invalid JSON");
		stillServes();
	}

	@Test
	void batchItemsOfTheWrongTypeCreateNothing() {
		refused(this.http.post("/api/v1/tasks/batch",
				"{\"items\":[{\"task\":\"slow\",\"payload\":{}},{\"task\":\"slow\",\"options\":{\"ttl\":1e30}}]}"), 400,
				"Validation error: ");
		refused(this.http.post("/api/v1/tasks/batch", "{\"items\":[1]}"), 400, "Validation error: ");
		refused(this.http.post("/api/v1/tasks/batch", "{\"items\":{}}"), 400, "Validation error: ");
		assertThat(ids("/api/v1/runs")).isEmpty();
		stillServes();
	}

	@ParameterizedTest
	@ValueSource(strings = { "filter%5BcreatedAt%5D%5Bperiod%5D=99999999999w",
			"filter%5BcreatedAt%5D%5Bfrom%5D=%2B999999999-12-31T23:59:59Z",
			"filter%5BcreatedAt%5D%5Bto%5D=999999999999999999999", "page%5Bsize%5D=99999999999999999999",
			"page%5Bsize%5D=1e3", "page%5Bafter%5D=eyJjIjoiYSJ9", "page%5Bbefore%5D=x", "filter%5Bmachine%5D=huge" })
	void listQueriesOutOfRangeAreQueryErrors(String query) {
		Http.Answer answer = this.http.get("/api/v1/runs?" + query);

		assertThat(answer.status()).as(answer.body()).isBetween(400, 499);
		stillServes();
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"delay\":\"99999999999w\"}", "{\"delay\":5}",
			"{\"delay\":\"+999999999-01-01T00:00:00Z\"}", "[]" })
	void hugeReschedulesAreRefused(String body) {
		String delayed = trigger("slow", "{\"payload\":{},\"options\":{\"delay\":\"1h\"}}");

		Http.Answer answer = this.http.post("/api/v1/runs/" + delayed + "/reschedule", body);

		assertThat(answer.status()).as(answer.body()).isEqualTo(400);
		assertThat(run(delayed).get("status").asString()).isEqualTo("DELAYED");
		stillServes();
	}

	@ParameterizedTest
	@ValueSource(strings = { "text/html; charset=", "application/json; charset=\"", ";;;", "a/b/c" })
	void aMalformedContentTypeDoesNotMatter(String contentType) {
		Http.Answer answer = Http.send(this.http.request("/api/v1/tasks/hello-world/trigger")
			.header("Content-Type", contentType)
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"payload\":{\"name\":\"ct\"}}")));

		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		stillServes();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/v3/runs/%", "/api/v3/runs/%zz", "/api/v3/runs/run_%E0%A4%A", "/api/v1/runs?x=%",
			"/api/v1/tasks/%g0/trigger" })
	void malformedEscapesInTheTargetAreAnswered(String target) throws IOException {
		String answer = raw("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
				+ this.emulator.secretKey() + "\r\nConnection: close\r\n\r\n");

		assertThat(answer).startsWith("HTTP/1.1 400");
		assertThat(answer).contains("{\"error\":");
		stillServes();
	}

	@Test
	void manyGarbageRequestsInARowLeaveTheEmulatorServing() {
		List<Integer> statuses = new ArrayList<>();
		String[] bodies = { "{\"payload\":{},\"options\":{\"ttl\":1e300}}", "{\"payload\":[],\"options\":[]}",
				"{\"payload\":{},\"options\":{\"tags\":\"" + "x".repeat(200) + "\"}}",
				"{\"payload\":{},\"options\":{\"metadata\":{\"a\":\"" + "x".repeat(300_000) + "\"}}}",
				"{\"payload\":{},\"options\":{\"delay\":\"\"}}", "{\"payload\":{},\"options\":{\"ttl\":\"\"}}" };
		for (String body : bodies) {
			statuses.add(this.http.post("/api/v1/tasks/slow/trigger", body).status());
		}

		assertThat(statuses).allSatisfy((status) -> assertThat(status).isLessThan(500));
		stillServes();
	}

	@ParameterizedTest
	@ValueSource(strings = { "offset=abc&handle=HANDLE&live=true", "offset=-5_3&handle=HANDLE",
			"offset=99999999999999999999_1&handle=HANDLE", "offset=1_999999999999999999&handle=HANDLE&live=true",
			"offset=0_0&handle=HANDLE&live=true&cursor=%00", "offset=0_0&handle=nobody&live=true",
			"offset=-1&handle=%00%FF", "offset=0_0&handle=" + "h", "skipColumns=,,,id,%00,payload",
			"offset=0_0&shape_id=HANDLE&live=maybe" })
	void hostileRealtimeQueriesAreAnsweredAndTheNextRequestIsServed(String query) {
		String id = trigger("hello-world", "{\"payload\":{\"name\":\"rt\"}}");
		Http.Answer first = this.http.get("/realtime/v1/runs/" + id);
		assertThat(first.status()).isEqualTo(200);
		String handle = first.header("electric-shape-id");

		Http.Answer answer = this.http.get("/realtime/v1/runs/" + id + "?" + query.replace("HANDLE", handle));

		assertThat(answer.status()).as(answer.body()).isLessThan(500);
		assertThat(this.http.get("/realtime/v1/runs/" + id).status()).isEqualTo(200);
		stillServes();
	}

	@ParameterizedTest
	@ValueSource(strings = { "tags=%00", "tags=a,,b", "tags=%22", "tags=" + "t,", "createdAt=99999999999999w",
			"createdAt=abc", "createdAt=-5s", "createdAt=" + "1", "tags=a&tags=b&createdAt=%00" })
	void hostileTagFeedQueriesAreAnsweredAndTheNextRequestIsServed(String query) {
		Http.Answer answer = this.http.get("/realtime/v1/runs?" + query);

		assertThat(answer.status()).as(answer.body()).isLessThan(500);
		assertThat(this.http.get("/realtime/v1/runs?tags=x").status()).isEqualTo(200);
		stillServes();
	}

	@Test
	void aQuietLiveRequestIsAnsweredAfterTheBuildersHoldTimeout() {
		String id = trigger("hello-world", "{\"payload\":{\"name\":\"quiet\"}}");
		Http.Answer first = this.http.get("/realtime/v1/runs/" + id);
		long started = System.nanoTime();

		Http.Answer live = this.http.get("/realtime/v1/runs/" + id + "?live=true&offset="
				+ first.header("electric-chunk-last-offset") + "&handle=" + first.header("electric-shape-id"));

		assertThat(live.status()).isEqualTo(200);
		assertThat(live.body()).isEqualTo("[{\"headers\":{\"control\":\"up-to-date\"}}]");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
	}

	@ParameterizedTest
	@ValueSource(strings = { "99999999999999999999999999999999", "-", "-1", "1-99999999999999999999", "abc", "0-0-0",
			"%00", "LONG" })
	void hostileLastEventIdsAreAnsweredAndTheNextRequestIsServed(String lastEventId) {
		String id = trigger("hello-world", "{\"payload\":{\"name\":\"s\"}}");

		Http.Answer answer = Http.send(this.http.request("/realtime/v1/streams/" + id + "/tokens")
			.header("Last-Event-ID", lastEventId.equals("LONG") ? "9".repeat(7000) : lastEventId)
			.GET());

		assertThat(answer.status()).as(answer.body()).isLessThan(500);
		stillServes();
	}

	@ParameterizedTest
	@ValueSource(strings = { "%2E%2E", "%00", "a%2Fb", "%F0%9F%92%A9", "%25", "LONG" })
	void streamKeysWithOddCharactersAreAnswered(String key) {
		String id = trigger("hello-world", "{\"payload\":{\"name\":\"s\"}}");

		Http.Answer answer = this.http
			.get("/realtime/v1/streams/" + id + "/" + (key.equals("LONG") ? "k".repeat(6000) : key));

		assertThat(answer.status()).as(answer.body()).isLessThan(500);
		stillServes();
	}

	@ParameterizedTest
	@ValueSource(strings = { "a", "ab%2F..", "%2F", "%00", "%E0%A4", "LONG" })
	void hostilePacketPathsAreAnswered(String path) {
		String target = path.equals("LONG") ? "p/".repeat(3000) + "x" : path;

		Http.Answer upload = this.http.put("/api/v2/packets/" + target, "");
		Http.Answer download = this.http.get("/api/v1/packets/" + target);

		assertThat(upload.status()).as(upload.body()).isLessThan(500);
		assertThat(download.status()).as(download.body()).isLessThan(500);
		stillServes();
	}

	@ParameterizedTest
	@ValueSource(strings = { "%%%.%%%.%%%", "eyJ.eyJ.x", "a.b", "a.b.c.d", ".", "..", "HUGE", "NESTED", "ARRAY",
			"SCOPES_STRING", "SCOPES_NUMBERS", "NONE", "EXPIRED", "HEADER_ARRAY", "SUB_NUMBER" })
	void malformedPublicTokensAreRefusedAndTheNextRequestIsServed(String kind) {
		String id = trigger("hello-world", "{\"payload\":{\"name\":\"jwt\"}}");
		long exp = this.clock.instant().getEpochSecond() + 600;
		String claims = "{\"sub\":\"cm0emulator0000000000000\",\"pub\":true,\"scopes\":[\"read:runs\"],"
				+ "\"iss\":\"https://id.trigger.dev\",\"aud\":\"https://api.trigger.dev\",\"exp\":" + exp + "}";
		String token = switch (kind) {
			case "HUGE" -> sign("{\"alg\":\"HS256\"}",
					claims.replace("\"pub\":true", "\"pub\":true,\"pad\":\"" + "x".repeat(6000) + "\""));
			case "NESTED" ->
				sign("{\"alg\":\"HS256\"}", "{\"pub\":true,\"x\":" + "[".repeat(3000) + "]".repeat(3000) + "}");
			case "ARRAY" -> sign("{\"alg\":\"HS256\"}", "[" + claims + "]");
			case "SCOPES_STRING" -> sign("{\"alg\":\"HS256\"}", claims.replace("[\"read:runs\"]", "\"read:runs\""));
			case "SCOPES_NUMBERS" -> sign("{\"alg\":\"HS256\"}", claims.replace("[\"read:runs\"]", "[1,{},null]"));
			case "NONE" -> sign("{\"alg\":\"none\"}", claims);
			case "EXPIRED" -> sign("{\"alg\":\"HS256\"}", claims.replace(":" + exp, ":1"));
			case "HEADER_ARRAY" -> sign("[]", claims);
			case "SUB_NUMBER" -> sign("{\"alg\":\"HS256\"}", claims.replace("\"cm0emulator0000000000000\"", "7"));
			default -> kind;
		};
		for (String path : List.of("/api/v3/runs/" + id, "/realtime/v1/runs/" + id, "/api/v1/runs")) {
			Http.Answer answer = Http
				.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(this.emulator.baseUrl() + path))
					.header("Authorization", "Bearer " + token)
					.header("x-trigger-api-version", Http.CURRENT)
					.GET());
			assertThat(answer.status()).as(path + " " + answer.body()).isIn(401, 403, 431);
			assertThat(answer.body()).doesNotContain(token);
		}
		stillServes();
	}

	/** A token signed with the emulator's key, as the SDK signs one. */
	private String sign(String header, String payload) {
		java.util.Base64.Encoder encoder = java.util.Base64.getUrlEncoder().withoutPadding();
		String input = encoder.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
				+ encoder.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
		try {
			javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
			mac.init(new javax.crypto.spec.SecretKeySpec(this.emulator.secretKey().getBytes(StandardCharsets.UTF_8),
					"HmacSHA256"));
			return input + "." + encoder.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Sends raw bytes, for request targets an HTTP client would refuse to send. */
	private String raw(String request) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.emulator.port())) {
			socket.setSoTimeout(5000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
