package io.trigger4j.emulator;

import java.net.URI;
import java.net.http.HttpRequest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Environment variables: the routes under /api/v1/projects/{projectRef}/envvars/{env}.
 */
class EnvVarRoutesTests extends EmulatorTestSupport {

	private static final String PAT = "tr_pat_" + "a".repeat(40);

	private String base(String env) {
		return "/api/v1/projects/" + this.emulator.projectRef() + "/envvars/" + env;
	}

	private Http.Answer send(String token, String method, String path, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.emulator.baseUrl() + path))
			.header("Authorization", "Bearer " + token);
		if (body != null) {
			request.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofString(body));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		return Http.send(request);
	}

	private Http.Answer withPat(String method, String path, String body) {
		return send(PAT, method, path, body);
	}

	private void ok(Http.Answer answer) {
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		assertThat(answer.body()).isEqualTo("{\"success\":true}");
	}

	private void refused(Http.Answer answer, int status, String body) {
		assertThat(answer.status()).as(answer.body()).isEqualTo(status);
		assertThat(answer.header("Content-Type")).startsWith("application/json");
		assertThat(answer.body()).isEqualTo(body);
	}

	private String list(String env) {
		Http.Answer answer = this.http.get(base(env));
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		return answer.body();
	}

	@Test
	void variablesAreCreatedListedAndRetrievedWithSecretsRedacted() {
		ok(this.http.post(base("dev"), "{\"name\":\"SLACK_API_KEY\",\"value\":\"slack_123456\"}"));
		ok(this.http.post(base("dev"), "{\"name\":\"DB_PASSWORD\",\"value\":\"hunter2\",\"isSecret\":true}"));

		assertThat(list("dev")).isEqualTo("[{\"name\":\"SLACK_API_KEY\",\"value\":\"slack_123456\",\"isSecret\":false},"
				+ "{\"name\":\"DB_PASSWORD\",\"value\":\"<redacted>\",\"isSecret\":true}]");
		assertThat(this.http.get(base("dev") + "/DB_PASSWORD").body())
			.isEqualTo("{\"name\":\"DB_PASSWORD\",\"value\":\"<redacted>\",\"isSecret\":true}");
		assertThat(this.http.get(base("dev") + "/SLACK_API_KEY").json().get("value").asString())
			.isEqualTo("slack_123456");
		refused(this.http.get(base("dev") + "/NOPE"), 404, "{\"error\":\"Environment variable not found\"}");
	}

	@Test
	void createIsAnUpsertThatKeepsASecretSecretUnlessTold() {
		ok(this.http.post(base("dev"), "{\"name\":\"TOKEN\",\"value\":\"one\",\"isSecret\":true}"));
		ok(this.http.post(base("dev"), "{\"name\":\"TOKEN\",\"value\":\"two\"}"));
		assertThat(list("dev")).isEqualTo("[{\"name\":\"TOKEN\",\"value\":\"<redacted>\",\"isSecret\":true}]");

		ok(this.http.post(base("dev"), "{\"name\":\"TOKEN\",\"value\":\"three\",\"isSecret\":false}"));
		assertThat(list("dev")).isEqualTo("[{\"name\":\"TOKEN\",\"value\":\"three\",\"isSecret\":false}]");
	}

	@Test
	void anImportWithoutOverrideRefusesSetNamesAndSetsNothing() {
		ok(this.http.post(base("dev") + "/import", "{\"variables\":{\"A\":\"1\"}}"));

		refused(this.http.post(base("dev") + "/import", "{\"variables\":{\"B\":\"2\",\"A\":\"3\"},\"override\":false}"),
				400,
				"{\"error\":\"Some of the variables are already set for these environments. Set override to true to override them.\","
						+ "\"variableErrors\":[{\"key\":\"A\",\"error\":\"Variable already set in Development.\"}]}");
		assertThat(list("dev")).isEqualTo("[{\"name\":\"A\",\"value\":\"1\",\"isSecret\":false}]");

		ok(this.http.post(base("dev") + "/import",
				"{\"variables\":{\"B\":\"2\",\"A\":\"3\"},\"override\":true,\"isSecret\":true}"));
		assertThat(list("dev")).isEqualTo("[{\"name\":\"A\",\"value\":\"<redacted>\",\"isSecret\":true},"
				+ "{\"name\":\"B\",\"value\":\"<redacted>\",\"isSecret\":true}]");
	}

	@Test
	void blockedNamesAndBlankNamesOrValuesAreDropped() {
		refused(this.http.post(base("dev") + "/import",
				"{\"variables\":{\"TRIGGER_SECRET_KEY\":\"x\",\"TRIGGER_API_URL\":\"y\"}}"), 400,
				"{\"error\":\"You must set at least one valid variable. All the variables submitted are not allowed.\"}");
		refused(this.http.post(base("dev"), "{\"name\":\"EMPTY\",\"value\":\" \\u00a0\"}"), 400,
				"{\"error\":\"You must set at least one valid variable.\"}");
		ok(this.http.post(base("dev") + "/import",
				"{\"variables\":{\"TRIGGER_API_URL\":\"y\",\" \":\"blank name\",\"KEPT\":\"1\"}}"));

		assertThat(list("dev")).isEqualTo("[{\"name\":\"KEPT\",\"value\":\"1\",\"isSecret\":false}]");
	}

	@Test
	void updateSetsAValueAndDeleteRemovesIt() {
		refused(this.http.put(base("dev") + "/A", "{\"value\":\"1\"}"), 404,
				"{\"error\":\"Environment variable not found\"}");
		ok(this.http.post(base("dev"), "{\"name\":\"A\",\"value\":\"1\",\"isSecret\":true}"));

		ok(this.http.put(base("dev") + "/A", "{\"value\":\"2\"}"));
		ok(this.http.put(base("dev") + "/A", "{\"value\":\"  \"}"));
		assertThat(this.http.get(base("dev") + "/A").json().get("isSecret").asBoolean()).isTrue();
		ok(this.http.post(base("dev") + "/A", "{\"value\":\"3\"}"));

		ok(send(this.emulator.secretKey(), "DELETE", base("dev") + "/A", null));
		refused(send(this.emulator.secretKey(), "DELETE", base("dev") + "/A", null), 404,
				"{\"error\":\"Environment variable not found\"}");
		assertThat(list("dev")).isEqualTo("[]");
	}

	@Test
	void aPersonalAccessTokenAddressesEveryEnvironmentOfTheProject() {
		ok(withPat("POST", base("prod"), "{\"name\":\"REGION\",\"value\":\"eu\"}"));
		ok(withPat("POST", base("staging"), "{\"name\":\"REGION\",\"value\":\"us\"}"));
		ok(withPat("POST", base("dev"), "{\"name\":\"REGION\",\"value\":\"local\"}"));

		assertThat(withPat("GET", base("stg") + "/REGION", null).json().get("value").asString()).isEqualTo("us");
		assertThat(withPat("GET", base("prod"), null).body())
			.isEqualTo("[{\"name\":\"REGION\",\"value\":\"eu\",\"isSecret\":false}]");
		assertThat(withPat("GET", base("preview"), null).body()).isEqualTo("[]");
		refused(withPat("GET", base("preview") + "/REGION", null), 404,
				"{\"error\":\"Environment variable not found\"}");
		ok(withPat("PUT", base("preview") + "/REGION", "{\"value\":\"pr\"}"));
		assertThat(withPat("GET", base("preview") + "/REGION", null).json().get("isSecret").asBoolean()).isFalse();

		ok(withPat("DELETE", base("prod") + "/REGION", null));
		refused(withPat("DELETE", base("prod") + "/REGION", null), 400,
				"{\"error\":\"Environment variable value not found\"}");
		assertThat(list("dev")).isEqualTo("[{\"name\":\"REGION\",\"value\":\"local\",\"isSecret\":false}]");
	}

	@Test
	void aPersonalAccessTokenGets404sForUnknownProjectsEnvironmentsAndBranches() {
		refused(withPat("GET", "/api/v1/projects/proj_aaaaaaaaaaaaaaaaaaaa/envvars/dev", null), 404,
				"{\"error\":\"Project not found\"}");
		refused(withPat("GET", base("qa"), null), 404, "{\"error\":\"Environment not found\"}");
		refused(Http.send(HttpRequest.newBuilder(URI.create(this.emulator.baseUrl() + base("preview")))
			.header("Authorization", "Bearer " + PAT)
			.header("x-trigger-branch", "refs/heads/feature-1")), 404, "{\"error\":\"Branch not found\"}");
		assertThat(Http
			.send(HttpRequest.newBuilder(URI.create(this.emulator.baseUrl() + base("dev")))
				.header("Authorization", "Bearer " + PAT)
				.header("x-trigger-branch", "default"))
			.status()).isEqualTo(200);
	}

	@Test
	void aPersonalAccessTokenIsRefusedEverywhereElse() {
		refused(withPat("GET", "/api/v1/runs", null), 401, "{\"error\":\"Invalid API key\"}");
	}

	@Test
	void theSecretKeysProjectMustBeTheOneAddressed() {
		refused(this.http.get("/api/v1/projects/proj_aaaaaaaaaaaaaaaaaaaa/envvars/dev"), 400,
				"{\"error\":\"Invalid project ref for this API key. Make sure you are using an API key associated with that project.\"}");
	}

	@Test
	void aSecretKeyIsServedFromItsOwnEnvironmentWhateverTheSlugUnlessABranchIsAskedFor() {
		ok(this.http.post(base("dev"), "{\"name\":\"A\",\"value\":\"1\"}"));

		assertThat(list("prod")).isEqualTo(list("dev"));
		assertThat(withPat("GET", base("prod"), null).body()).isEqualTo("[]");
		refused(Http.send(this.http.request(base("prod")).header("x-trigger-branch", "feature-1")), 401,
				"{\"error\":\"No matching branch env\"}");

		try (TriggerEmulator prod = TriggerEmulator.builder().secretKey("tr_prod_" + "b".repeat(24)).start()) {
			String path = "/api/v1/projects/" + prod.projectRef() + "/envvars/";
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(prod.baseUrl() + path + "dev"))
				.header("Authorization", "Bearer " + prod.secretKey())
				.header("x-trigger-branch", "feature-1");
			refused(Http.send(request), 400,
					"{\"error\":\"Invalid environment slug for this API key. Make sure you are using an API key associated with that environment.\"}");
			assertThat(Http
				.send(HttpRequest.newBuilder(URI.create(prod.baseUrl() + path + "prod"))
					.header("Authorization", "Bearer " + prod.secretKey())
					.header("x-trigger-branch", "feature-1"))
				.body()).isEqualTo("[]");
		}
	}

	@Test
	void missingOrUnknownCredentialsAreRefusedAsTheServerDoes() {
		Http.Answer missing = Http.send(HttpRequest.newBuilder(URI.create(this.emulator.baseUrl() + base("dev"))));
		assertThat(missing.status()).isEqualTo(401);
		assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
		refused(send("tr_xyz", "GET", base("dev"), null), 401, "{\"error\":\"Invalid API key\"}");
		refused(send("tr_pat_", "GET", base("dev"), null), 401, "{\"error\":\"Invalid API key\"}");
	}

	@Test
	void bodiesOfTheWrongShapeAreRefusedWithTheServersIssues() {
		refused(this.http.post(base("dev"), "{\"name\":5,\"isSecret\":\"yes\"}"), 400,
				"{\"error\":\"Invalid request body\",\"issues\":["
						+ "{\"code\":\"invalid_type\",\"expected\":\"string\",\"received\":\"number\",\"path\":[\"name\"],\"message\":\"Expected string, received number\"},"
						+ "{\"code\":\"invalid_type\",\"expected\":\"string\",\"received\":\"undefined\",\"path\":[\"value\"],\"message\":\"Required\"},"
						+ "{\"code\":\"invalid_type\",\"expected\":\"boolean\",\"received\":\"string\",\"path\":[\"isSecret\"],\"message\":\"Expected boolean, received string\"}]}");
		ok(this.http.post(base("dev"), "{\"name\":\"A\",\"value\":\"1\"}"));
		JsonNode update = this.http.put(base("dev") + "/A", "{\"value\":null}").json();
		assertThat(update.get("error").asString()).isEqualTo("Invalid request body");
		assertThat(update.get("issues").get(0).get("message").asString()).isEqualTo("Expected string, received null");
		refused(this.http.put(base("dev") + "/B", "{\"value\":null}"), 404,
				"{\"error\":\"Environment variable not found\"}");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"variables\":{\"A\":1}}", "{\"variables\":[]}", "{}",
			"{\"variables\":{},\"override\":\"yes\"}", "{\"variables\":{\"A\":\"1\"},\"source\":{\"type\":\"robot\"}}",
			"[]", "{", "null" })
	void importBodiesOfTheWrongShapeAreInvalidAndSetNothing(String body) {
		refused(this.http.post(base("dev") + "/import", body), 400, "{\"error\":\"Invalid body\"}");

		assertThat(list("dev")).isEqualTo("[]");
		ok(this.http.post(base("dev") + "/import", "{\"variables\":{\"AFTER\":\"1\"}}"));
		assertThat(list("dev")).contains("AFTER");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "{", "[1]", "\"text\"", "{\"name\":[],\"value\":{}}",
			"{\"name\":\"A\",\"value\":\"1\",\"isSecret\":null}" })
	void createBodiesOfTheWrongShapeSetNothingAndTheNextRequestIsServed(String body) {
		Http.Answer answer = this.http.post(base("dev"), body);

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.json().get("error").asString()).isEqualTo("Invalid request body");
		assertThat(list("dev")).isEqualTo("[]");
		ok(this.http.post(base("dev"), "{\"name\":\"NEXT\",\"value\":\"1\"}"));
		assertThat(this.http.get(base("dev") + "/NEXT").status()).isEqualTo(200);
	}

	@Test
	void aHugeImportIsReadAndAnOversizedOneRefused() {
		StringBuilder body = new StringBuilder("{\"variables\":{");
		for (int i = 0; i < 5000; i++) {
			body.append((i > 0) ? "," : "")
				.append("\"VAR_")
				.append(i)
				.append("\":\"")
				.append("x".repeat(100))
				.append('"');
		}
		ok(this.http.post(base("dev") + "/import", body.append("}}").toString()));
		assertThat(this.http.get(base("dev")).json().size()).isEqualTo(5000);

		Http.Answer tooLarge = this.http.post(base("dev"),
				"{\"name\":\"BIG\",\"value\":\"" + "x".repeat(3_200_000) + "\"}");
		assertThat(tooLarge.status()).isEqualTo(413);
		assertThat(this.http.get(base("dev") + "/BIG").status()).isEqualTo(404);
	}

	@Test
	void oddNamesAreStoredAsGivenAndOddPathsAreAnswered() {
		ok(this.http.post(base("dev"), "{\"name\":\"a/b c\\u0000\",\"value\":\"\\u0001x\"}"));
		assertThat(this.http.get(base("dev")).json().get(0).get("name").asString()).isEqualTo("a/b c\u0000");

		for (String name : new String[] { "x".repeat(3000), "%00", "a%2Fb", "..", "%25zz", "%F0%9F%98%80" }) {
			assertThat(this.http.get(base("dev") + "/" + name).status()).as(name).isEqualTo(404);
			assertThat(send(this.emulator.secretKey(), "DELETE", base("dev") + "/" + name, null).status()).as(name)
				.isEqualTo(404);
		}
		refused(withPat("GET", "/api/v1/projects/" + "p".repeat(3000) + "/envvars/dev", null), 404,
				"{\"error\":\"Project not found\"}");
		refused(withPat("GET", base("%00"), null), 404, "{\"error\":\"Environment not found\"}");
		ok(this.http.post(base("dev"), "{\"name\":\"AFTER\",\"value\":\"1\"}"));
		assertThat(this.http.get(base("dev")).json().size()).isEqualTo(2);
	}

}
