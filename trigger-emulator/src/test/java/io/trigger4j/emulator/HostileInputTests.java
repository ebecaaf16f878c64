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
