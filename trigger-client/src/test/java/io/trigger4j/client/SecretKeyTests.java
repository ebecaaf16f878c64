package io.trigger4j.client;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.trigger4j.client.error.AuthenticationException;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The secret key appears in the Authorization header and nowhere else. */
@WireMockTest
class SecretKeyTests {

	@Test
	void theKeyIsInNoStringTheClientProduces(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v3/runs/run_1")
			.willReturn(aResponse().withStatus(401).withBody("{\"error\":\"Invalid API key\"}")));
		TriggerClient.Builder builder = TestClients.builder(wm);
		TriggerOperations client = builder.build();

		Throwable failure = catchThrowable(() -> client.runs().retrieve("run_1").block());

		assertThat(failure).isInstanceOf(AuthenticationException.class);
		assertThat(failure.toString()).doesNotContain(TestClients.SECRET_KEY);
		assertThat(client.toString()).doesNotContain(TestClients.SECRET_KEY).contains("environment=DEV");
		assertThat(builder.toString()).doesNotContain(TestClients.SECRET_KEY);
		assertThat(client.tasks().toString()).doesNotContain(TestClients.SECRET_KEY);
		assertThat(client.runs().toString()).doesNotContain(TestClients.SECRET_KEY);
	}

	@Test
	void environmentTypeComesFromTheKeyPrefix() {
		assertThat(TriggerEnvironmentType.of("tr_dev_x")).isEqualTo(TriggerEnvironmentType.DEV);
		assertThat(TriggerEnvironmentType.of("tr_stg_x")).isEqualTo(TriggerEnvironmentType.STAGING);
		assertThat(TriggerEnvironmentType.of("tr_prod_sk_x")).isEqualTo(TriggerEnvironmentType.PROD);
		assertThat(TriggerEnvironmentType.of("tr_preview_x")).isEqualTo(TriggerEnvironmentType.PREVIEW);
		assertThat(TriggerEnvironmentType.of("pk_dev_x")).isEqualTo(TriggerEnvironmentType.UNKNOWN);
	}

}
