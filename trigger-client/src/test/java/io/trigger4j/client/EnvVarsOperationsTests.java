package io.trigger4j.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.trigger4j.client.error.ServerException;
import io.trigger4j.client.error.TriggerDecodingException;
import io.trigger4j.client.model.envvars.EnvVar;
import io.trigger4j.client.model.envvars.ImportEnvVarsRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
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
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Environment variables: the request each operation sends, how answers decode, which
 * credential is sent, and the checks made before anything is sent.
 */
@WireMockTest
class EnvVarsOperationsTests {

	private static final String PROJECT = "proj_yubjwjsfkxnylobaqvqz";

	private static final String BASE = "/api/v1/projects/" + PROJECT + "/envvars/prod";

	private static final String SUCCESS = "{\"success\":true}";

	@Test
	void listReadsSecretValuesAsRedacted(WireMockRuntimeInfo wm) {
		stubFor(get(BASE).willReturn(okJson("""
				[{"name":"SLACK_API_KEY","value":"<redacted>","isSecret":true,"someNewField":1},
				 {"name":"SLACK_CHANNEL","value":"#ops"}]""")));

		List<EnvVar> variables = TestClients.client(wm).envVars().list(PROJECT, "prod").block();

		assertThat(variables).containsExactly(new EnvVar("SLACK_API_KEY", EnvVar.REDACTED, true),
				new EnvVar("SLACK_CHANNEL", "#ops", false));
		verify(getRequestedFor(urlEqualTo(BASE))
			.withHeader("Authorization", equalTo("Bearer " + TestClients.SECRET_KEY))
			.withHeader("x-trigger-request-idempotency-key", absent()));
	}

	@Test
	void aListItemWithoutValueIsADecodingError(WireMockRuntimeInfo wm) {
		stubFor(get(BASE).willReturn(okJson("[{\"name\":\"A\"}]")));

		assertThatExceptionOfType(TriggerDecodingException.class)
			.isThrownBy(() -> TestClients.client(wm).envVars().list(PROJECT, "prod").block())
			.withMessageStartingWith("Could not decode the response of envVars.list");
	}

	@Test
	void createPostsTheNameAndValue(WireMockRuntimeInfo wm) {
		stubFor(post(BASE).willReturn(okJson("{\"success\":true,\"someNewField\":1}")));

		TestClients.client(wm).envVars().create(PROJECT, "prod", "SLACK_CHANNEL", "#ops").block();

		verify(postRequestedFor(urlEqualTo(BASE))
			.withHeader("Authorization", equalTo("Bearer " + TestClients.SECRET_KEY))
			.withHeader("Content-Type", equalTo("application/json"))
			.withRequestBody(equalToJson("{\"name\":\"SLACK_CHANNEL\",\"value\":\"#ops\"}")));
	}

	@Test
	void createIsRepeatedAfterA503BecauseItIsAnUpsert(WireMockRuntimeInfo wm) {
		stubFor(post(BASE).willReturn(aResponse().withStatus(503).withBody("{\"error\":\"busy\"}")));

		catchThrowableOfType(ServerException.class,
				() -> TestClients.client(wm).envVars().create(PROJECT, "prod", "A", "1").block());

		verify(5, postRequestedFor(urlEqualTo(BASE)));
	}

	@Test
	void importPostsTheVariablesAsAnObjectWithOverrideAndIsSecret(WireMockRuntimeInfo wm) {
		stubFor(post(BASE + "/import").willReturn(okJson(SUCCESS)));
		Map<String, String> more = new LinkedHashMap<>();
		more.put("B", "2");
		more.put("C_3", "three");

		TestClients.client(wm)
			.envVars()
			.importVariables(PROJECT, "prod",
					ImportEnvVarsRequest.builder()
						.variable("A", "1")
						.variables(more)
						.override(true)
						.secret(true)
						.build())
			.block();

		verify(postRequestedFor(urlEqualTo(BASE + "/import"))
			.withHeader("Authorization", equalTo("Bearer " + TestClients.SECRET_KEY))
			.withHeader("Content-Type", equalTo("application/json"))
			.withRequestBody(equalToJson("""
					{"variables":{"A":"1","B":"2","C_3":"three"},"override":true,"isSecret":true}""")));
	}

	@Test
	void importByDefaultDoesNotOverrideAndSendsNoIsSecret(WireMockRuntimeInfo wm) {
		stubFor(post(BASE + "/import").willReturn(okJson(SUCCESS)));

		TestClients.client(wm)
			.envVars()
			.importVariables(PROJECT, "prod", ImportEnvVarsRequest.builder().variable("A", "1").build())
			.block();

		verify(postRequestedFor(urlEqualTo(BASE + "/import"))
			.withRequestBody(equalToJson("{\"variables\":{\"A\":\"1\"},\"override\":false}")));
	}

	@Test
	void anImportIsRepeatedAfterA503OnlyWhenItOverrides(WireMockRuntimeInfo wm) {
		stubFor(post(BASE + "/import").willReturn(aResponse().withStatus(503).withBody("{\"error\":\"busy\"}")));
		EnvVarsOperations envVars = TestClients.client(wm).envVars();

		catchThrowableOfType(ServerException.class,
				() -> envVars
					.importVariables(PROJECT, "prod", ImportEnvVarsRequest.builder().variable("A", "1").build())
					.block());
		verify(1, postRequestedFor(urlEqualTo(BASE + "/import")));

		catchThrowableOfType(ServerException.class,
				() -> envVars
					.importVariables(PROJECT, "prod",
							ImportEnvVarsRequest.builder().variable("A", "1").override(true).build())
					.block());
		verify(1 + 5, postRequestedFor(urlEqualTo(BASE + "/import")));
	}

	@Test
	void retrieveReadsAValueAnswerWithTheRequestedName(WireMockRuntimeInfo wm) {
		stubFor(get(BASE + "/SLACK_CHANNEL").willReturn(okJson("{\"value\":\"#ops\",\"someNewField\":1}")));

		EnvVar variable = TestClients.client(wm).envVars().retrieve(PROJECT, "prod", "SLACK_CHANNEL").block();

		assertThat(variable).isEqualTo(new EnvVar("SLACK_CHANNEL", "#ops", false));
		verify(getRequestedFor(urlEqualTo(BASE + "/SLACK_CHANNEL")).withHeader("Authorization",
				equalTo("Bearer " + TestClients.SECRET_KEY)));
	}

	@Test
	void retrieveReadsTheNameAndSecrecyWhenSent(WireMockRuntimeInfo wm) {
		stubFor(get(BASE + "/SLACK_API_KEY")
			.willReturn(okJson("{\"name\":\"SLACK_API_KEY\",\"value\":\"<redacted>\",\"isSecret\":true}")));

		EnvVar variable = TestClients.client(wm).envVars().retrieve(PROJECT, "prod", "SLACK_API_KEY").block();

		assertThat(variable.isSecret()).isTrue();
		assertThat(variable.value()).isEqualTo(EnvVar.REDACTED);
	}

	@Test
	void aRetrieveAnswerWithoutValueIsADecodingError(WireMockRuntimeInfo wm) {
		stubFor(get(BASE + "/A").willReturn(okJson("{\"name\":\"A\"}")));

		assertThatExceptionOfType(TriggerDecodingException.class)
			.isThrownBy(() -> TestClients.client(wm).envVars().retrieve(PROJECT, "prod", "A").block())
			.withMessageStartingWith("Could not decode the response of envVars.retrieve as ValueAnswer")
			.withMessageContaining("'value'");
	}

	@Test
	void updatePutsTheValue(WireMockRuntimeInfo wm) {
		stubFor(put(BASE + "/SLACK_CHANNEL").willReturn(okJson(SUCCESS)));

		TestClients.client(wm).envVars().update(PROJECT, "prod", "SLACK_CHANNEL", "#alerts").block();

		verify(putRequestedFor(urlEqualTo(BASE + "/SLACK_CHANNEL"))
			.withHeader("Content-Type", equalTo("application/json"))
			.withRequestBody(equalToJson("{\"value\":\"#alerts\"}")));
	}

	@Test
	void deleteSendsADeleteAndIsNotRepeatedAfterA503(WireMockRuntimeInfo wm) {
		stubFor(delete(BASE + "/A").willReturn(okJson(SUCCESS)));
		stubFor(delete(BASE + "/B").willReturn(aResponse().withStatus(503).withBody("{\"error\":\"busy\"}")));
		EnvVarsOperations envVars = TestClients.client(wm).envVars();

		envVars.delete(PROJECT, "prod", "A").block();
		catchThrowableOfType(ServerException.class, () -> envVars.delete(PROJECT, "prod", "B").block());

		verify(deleteRequestedFor(urlEqualTo(BASE + "/A")).withHeader("Content-Length", equalTo("0"))
			.withHeader("Authorization", equalTo("Bearer " + TestClients.SECRET_KEY)));
		verify(1, deleteRequestedFor(urlEqualTo(BASE + "/B")));
	}

	@Test
	void everyOperationSendsTheSecretKeyUnlessTheOptionsNameTheToken(WireMockRuntimeInfo wm) {
		stubFor(get(BASE).atPriority(1).willReturn(okJson("[]")));
		stubFor(get(BASE + "/A").atPriority(1).willReturn(okJson("{\"value\":\"1\"}")));
		stubFor(any(anyUrl()).atPriority(10).willReturn(okJson(SUCCESS)));
		TriggerOperations client = TestClients.builder(wm).accessToken(TestClients.ACCESS_TOKEN).build();
		TriggerOperations tokenView = client
			.withOptions(RequestOptions.builder().credential(Credential.PERSONAL_ACCESS_TOKEN).build());
		List<Function<EnvVarsOperations, Mono<?>>> calls = List.of((envVars) -> envVars.list(PROJECT, "prod"),
				(envVars) -> envVars.create(PROJECT, "prod", "A", "1"),
				(envVars) -> envVars.importVariables(PROJECT, "prod",
						ImportEnvVarsRequest.builder().variable("A", "1").build()),
				(envVars) -> envVars.retrieve(PROJECT, "prod", "A"),
				(envVars) -> envVars.update(PROJECT, "prod", "A", "2"),
				(envVars) -> envVars.delete(PROJECT, "prod", "A"));

		for (Function<EnvVarsOperations, Mono<?>> call : calls) {
			call.apply(client.envVars()).block();
			call.apply(tokenView.envVars()).block();
		}

		List<LoggedRequest> requests = findAll(anyRequestedFor(anyUrl()));
		List<String> expected = new ArrayList<>();
		for (int i = 0; i < calls.size(); i++) {
			expected.add("Bearer " + TestClients.SECRET_KEY);
			expected.add("Bearer " + TestClients.ACCESS_TOKEN);
		}
		assertThat(requests).extracting((request) -> request.getHeader("Authorization"))
			.containsExactlyElementsOf(expected);
		assertThat(requests).extracting((request) -> request.getMethod().getName())
			.containsExactly("GET", "GET", "POST", "POST", "POST", "POST", "GET", "GET", "PUT", "PUT", "DELETE",
					"DELETE");
	}

	@ParameterizedTest
	@ValueSource(strings = { "MY-VAR", "my var", "ÄPFEL", "A.B", "A/B", "$A" })
	void aNameOutsideLettersDigitsAndUnderscoresIsRefused(String name, WireMockRuntimeInfo wm) {
		EnvVarsOperations envVars = TestClients.client(wm).envVars();
		String message = "name must be a variable name of letters, digits and underscores ([A-Za-z0-9_]+) but was '"
				+ name + "'";

		assertThatIllegalArgumentException().isThrownBy(() -> envVars.create(PROJECT, "prod", name, "v"))
			.withMessage(message);
		assertThatIllegalArgumentException().isThrownBy(() -> envVars.retrieve(PROJECT, "prod", name))
			.withMessage(message);
		assertThatIllegalArgumentException().isThrownBy(() -> envVars.update(PROJECT, "prod", name, "v"))
			.withMessage(message);
		assertThatIllegalArgumentException().isThrownBy(() -> envVars.delete(PROJECT, "prod", name))
			.withMessage(message);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> envVars.importVariables(PROJECT, "prod",
					ImportEnvVarsRequest.builder().variable("OK", "1").variable(name, "v").build()))
			.withMessage("variables name must be a variable name of letters, digits and underscores "
					+ "([A-Za-z0-9_]+) but was '" + name + "'");
		verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void aRefusedNameIsShownEscapedAndCut(WireMockRuntimeInfo wm) {
		EnvVarsOperations envVars = TestClients.client(wm).envVars();

		assertThatIllegalArgumentException().isThrownBy(() -> envVars.retrieve(PROJECT, "prod", "A\nB"))
			.withMessageEndingWith("but was 'A\\u000aB'");
		assertThatIllegalArgumentException().isThrownBy(() -> envVars.retrieve(PROJECT, "prod", "-".repeat(200)))
			.withMessageEndingWith("... (200 characters)")
			.satisfies((failure) -> assertThat(failure.getMessage()).hasSizeLessThan(400));
		verify(0, anyRequestedFor(anyUrl()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "TRIGGER_SECRET_KEY", "TRIGGER_API_URL" })
	void theNamesTheServerDropsAreRefused(String name, WireMockRuntimeInfo wm) {
		EnvVarsOperations envVars = TestClients.client(wm).envVars();

		assertThatIllegalArgumentException().isThrownBy(() -> envVars.create(PROJECT, "prod", name, "v"))
			.withMessage("name must not be " + name
					+ ": Trigger.dev sets it for every run, and the server silently drops it");
		assertThatIllegalArgumentException().isThrownBy(() -> envVars.update(PROJECT, "prod", name, "v"))
			.withMessageStartingWith("name must not be " + name);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> envVars.importVariables(PROJECT, "prod",
					ImportEnvVarsRequest.builder().variable("OK", "1").variable(name, "v").build()))
			.withMessageStartingWith("variables name must not be " + name);
		verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void blankValuesAndEmptyImportsAreRefused(WireMockRuntimeInfo wm) {
		EnvVarsOperations envVars = TestClients.client(wm).envVars();

		assertThatIllegalArgumentException().isThrownBy(() -> envVars.create(PROJECT, "prod", "A", " "))
			.withMessage("value must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> envVars.update(PROJECT, "prod", "A", ""))
			.withMessage("value must not be blank");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> envVars.importVariables(PROJECT, "prod",
					ImportEnvVarsRequest.builder().variable("A", "1").variable("B", "\t").build()))
			.withMessage("variables[B] must not be blank");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> envVars.importVariables(PROJECT, "prod", ImportEnvVarsRequest.builder().build()))
			.withMessage("variables must name at least one variable");
		assertThatExceptionOfType(NullPointerException.class)
			.isThrownBy(() -> envVars.importVariables(PROJECT, "prod", null))
			.withMessage("request must not be null");
		assertThatExceptionOfType(NullPointerException.class)
			.isThrownBy(() -> ImportEnvVarsRequest.builder().variable("A", null))
			.withMessage("variables[A] must not be null");
		verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void theProjectAndEnvironmentAreCheckedBeforeSending(WireMockRuntimeInfo wm) {
		EnvVarsOperations envVars = TestClients.client(wm).envVars();

		assertThatIllegalArgumentException().isThrownBy(() -> envVars.create("project-1", "prod", "A", "1"))
			.withMessage("projectRef must be a project ref starting with proj_ but was 'project-1'");
		assertThatIllegalArgumentException().isThrownBy(() -> envVars.retrieve(PROJECT, "Prod", "A"))
			.withMessageStartingWith("env must be an environment slug");
		assertThatIllegalArgumentException().isThrownBy(() -> envVars.delete(PROJECT, "", "A"))
			.withMessage("env must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> envVars.list(" ", "prod"))
			.withMessage("projectRef must not be blank");
		verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void valuesNeverAppearInToString() {
		assertThat(new EnvVar("SLACK_API_KEY", "xoxb-secret", false))
			.hasToString("EnvVar[name=SLACK_API_KEY, value=******, isSecret=false]");
		assertThat(ImportEnvVarsRequest.builder().variable("SLACK_API_KEY", "xoxb-secret").secret(true).build())
			.hasToString("ImportEnvVarsRequest[variables=[SLACK_API_KEY], override=false, isSecret=true]");
	}

}
