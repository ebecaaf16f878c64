package io.trigger4j.client;

import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.trigger4j.client.model.runs.Run;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A call over HTTPS through Reactor Netty, as every call to {@code api.trigger.dev} is:
 * Reactor Netty loads its QUIC classes for any secure connection, so the client keeps
 * {@code netty-codec-classes-quic} although it leaves HTTP/3 out.
 */
class HttpsTests {

	private final WireMockServer server = new WireMockServer(options().dynamicPort().dynamicHttpsPort());

	@AfterEach
	void stop() {
		this.server.stop();
	}

	@Test
	void aCallOverHttpsIsAnswered() {
		this.server.start();
		this.server
			.stubFor(get("/api/v3/runs/run_1").willReturn(okJson("{\"id\":\"run_1\",\"status\":\"COMPLETED\"}")));
		// Trusts WireMock's self-signed certificate.
		HttpClient https = HttpClient.create()
			.secure((spec) -> spec.sslContext(Http11SslContextSpec.forClient()
				.configure((builder) -> builder.trustManager(InsecureTrustManagerFactory.INSTANCE))));
		TriggerOperations client = TriggerClient.builder()
			.secretKey(TestClients.SECRET_KEY)
			.baseUrl("https://localhost:" + this.server.httpsPort())
			.clientConnector(new ReactorClientHttpConnector(https))
			.build();

		Run run = client.runs().retrieve("run_1").block(Duration.ofSeconds(20));

		assertThat(run.id()).isEqualTo("run_1");
	}

}
