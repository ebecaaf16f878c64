package io.trigger4j.client;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A connector given to the builder sends every request as it is, on the given
 * {@link WebClient.Builder}, instead of trigger4j's own.
 */
@WireMockTest
class ClientConnectorTests {

	@Test
	void theGivenConnectorSendsEveryRequestEvenWithAConnectTimeout(WireMockRuntimeInfo wm) {
		stubFor(get(urlPathEqualTo("/api/v3/runs/run_1"))
			.willReturn(okJson("{\"id\":\"run_1\",\"status\":\"QUEUED\"}")));
		AtomicInteger requests = new AtomicInteger();
		ReactorClientHttpConnector reactor = new ReactorClientHttpConnector();
		ClientHttpConnector counting = (method, uri, requestCallback) -> {
			requests.incrementAndGet();
			return reactor.connect(method, uri, requestCallback);
		};
		TriggerOperations client = TestClients.builder(wm)
			.webClientBuilder(WebClient.builder().defaultHeader("x-app", "mine"))
			.connectTimeout(Duration.ofSeconds(3))
			.clientConnector(counting)
			.build();

		assertThat(client.runs().retrieve("run_1").block(Duration.ofSeconds(10)).id()).isEqualTo("run_1");

		assertThat(requests).hasValue(1);
		verify(getRequestedFor(urlPathEqualTo("/api/v3/runs/run_1")).withHeader("x-app", equalTo("mine")));
	}

}
