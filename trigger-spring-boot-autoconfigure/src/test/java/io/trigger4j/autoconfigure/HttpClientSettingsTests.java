package io.trigger4j.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.trigger4j.client.RequestOptions;
import io.trigger4j.client.TriggerOperations;
import io.trigger4j.client.error.TriggerTransportException;
import io.trigger4j.client.model.runs.Run;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The auto-configured client is built on the application's HTTP set-up: its
 * {@code WebClientCustomizer}s, its SSL bundles, the connector Spring Boot chooses (or
 * the application's own {@link ClientHttpConnector}) and its
 * {@code spring.http.clients.*} settings, with only the client's connect timeout added
 * when none is configured.
 */
@WireMockTest
class HttpClientSettingsTests {

	static final String KEY = TriggerAutoConfigurationTests.KEY;

	static final String RUN_JSON = TriggerAutoConfigurationTests.RUN_JSON;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, HttpClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, WebClientAutoConfiguration.class,
				TriggerAutoConfiguration.class))
		.withPropertyValues("trigger.secret-key=" + KEY, "trigger.retry.max-attempts=1");

	private static Run retrieve(TriggerOperations trigger) {
		return trigger.runs().retrieve("run_1").block(Duration.ofSeconds(10));
	}

	@Test
	void webClientCustomizersApply(WireMockRuntimeInfo wm) {
		stubFor(get(urlPathEqualTo("/api/v3/runs/run_1")).willReturn(okJson(RUN_JSON)));
		this.runner.withPropertyValues("trigger.base-url=" + wm.getHttpBaseUrl())
			.withBean(WebClientCustomizer.class, () -> (builder) -> builder.defaultHeader("x-app", "customized"))
			.run((context) -> {
				assertThat(retrieve(context.getBean(TriggerOperations.class)).id()).isEqualTo("run_1");
				verify(getRequestedFor(urlPathEqualTo("/api/v3/runs/run_1")).withHeader("x-app", equalTo("customized"))
					.withHeader("Authorization", equalTo("Bearer " + KEY)));
			});
	}

	@Test
	void anSslBundleNamedByTriggerSslBundleIsTrusted() {
		WireMockServer https = new WireMockServer(wireMockConfig().dynamicPort()
			.dynamicHttpsPort()
			.keystorePath("src/test/resources/trigger-ssl/server.p12")
			.keystoreType("PKCS12")
			.keystorePassword("changeit")
			.keyManagerPassword("changeit"));
		https.start();
		try {
			https.stubFor(get(urlPathEqualTo("/api/v3/runs/run_1")).willReturn(okJson(RUN_JSON)));
			String baseUrl = "https://localhost:" + https.httpsPort();
			ApplicationContextRunner runner = this.runner.withPropertyValues("trigger.base-url=" + baseUrl,
					"spring.ssl.bundle.pem.trigger-ca.truststore.certificate=classpath:trigger-ssl/server.pem");
			// Without the bundle the self-signed certificate is not trusted.
			runner.run((context) -> assertThatExceptionOfType(TriggerTransportException.class)
				.isThrownBy(() -> retrieve(context.getBean(TriggerOperations.class))));
			runner.withPropertyValues("trigger.ssl.bundle=trigger-ca")
				.run((context) -> assertThat(retrieve(context.getBean(TriggerOperations.class)).id())
					.isEqualTo("run_1"));
			https.verify(1, getRequestedFor(urlPathEqualTo("/api/v3/runs/run_1")));
		}
		finally {
			https.stop();
		}
	}

	@Test
	void anUnknownSslBundleFailsStartUpNamingTheProperty() {
		this.runner.withPropertyValues("trigger.ssl.bundle=missing").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidTriggerPropertyException.class)
				.hasMessageContaining("trigger.ssl.bundle")
				.hasMessageContaining("'missing'");
		});
	}

	@Test
	void theConnectorChosenByBootsPropertiesIsKept(WireMockRuntimeInfo wm) {
		stubFor(get(urlPathEqualTo("/api/v3/runs/run_1")).willReturn(okJson(RUN_JSON)));
		// The JDK's HttpClient, unlike Reactor Netty, asks a cleartext server to upgrade
		// to
		// HTTP/2.
		this.runner
			.withPropertyValues("trigger.base-url=" + wm.getHttpBaseUrl(), "spring.http.clients.reactive.connector=jdk")
			.run((context) -> {
				assertThat(retrieve(context.getBean(TriggerOperations.class)).id()).isEqualTo("run_1");
				verify(getRequestedFor(urlPathEqualTo("/api/v3/runs/run_1")).withHeader("Upgrade", equalTo("h2c")));
			});
		this.runner.withPropertyValues("trigger.base-url=" + wm.getHttpBaseUrl()).run((context) -> {
			assertThat(retrieve(context.getBean(TriggerOperations.class)).id()).isEqualTo("run_1");
			verify(1, getRequestedFor(urlPathEqualTo("/api/v3/runs/run_1")).withHeader("Upgrade", equalTo("h2c")));
			verify(2, getRequestedFor(urlPathEqualTo("/api/v3/runs/run_1")));
		});
	}

	@Test
	void anApplicationConnectorBeanIsUsedAsItIs(WireMockRuntimeInfo wm) {
		stubFor(get(urlPathEqualTo("/api/v3/runs/run_1")).willReturn(okJson(RUN_JSON)));
		AtomicInteger requests = new AtomicInteger();
		ReactorClientHttpConnector reactor = new ReactorClientHttpConnector();
		ClientHttpConnector counting = (method, uri, requestCallback) -> {
			requests.incrementAndGet();
			return reactor.connect(method, uri, requestCallback);
		};
		this.runner.withPropertyValues("trigger.base-url=" + wm.getHttpBaseUrl())
			.withBean(ClientHttpConnector.class, () -> counting)
			.run((context) -> {
				assertThat(retrieve(context.getBean(TriggerOperations.class)).id()).isEqualTo("run_1");
				assertThat(requests).hasValue(1);
			});
	}

	@Test
	void theClientIsBuiltOnFirstUseNotAtStartUp() {
		List<HttpClientSettings> built = new CopyOnWriteArrayList<>();
		this.runner.withBean(ClientHttpConnectorBuilder.class, () -> recording(built)).run((context) -> {
			TriggerOperations trigger = context.getBean(TriggerOperations.class);
			assertThat(built).isEmpty();
			trigger.runs();
			// the client's connector (and Boot's, under the WebClient.Builder)
			assertThat(built).isNotEmpty();
			assertThat(built.get(built.size() - 1).connectTimeout()).isEqualTo(Duration.ofSeconds(10));
			int afterFirstUse = built.size();
			trigger.tasks();
			trigger.withOptions(RequestOptions.builder().build()).runs();
			assertThat(built).hasSize(afterFirstUse);
		});
	}

	@Test
	void aClientNeverUsedIsNeverBuilt() {
		List<HttpClientSettings> built = new CopyOnWriteArrayList<>();
		this.runner.withBean(ClientHttpConnectorBuilder.class, () -> recording(built)).run((context) -> {
			assertThat(context).hasSingleBean(TriggerOperations.class);
			TriggerOperations trigger = context.getBean(TriggerOperations.class);
			// read without building it
			assertThat(trigger.baseUrl()).isEqualTo("https://api.trigger.dev");
			context.close();
			assertThatIllegalStateException().isThrownBy(trigger::tasks).withMessageContaining("closed");
		});
		assertThat(built).isEmpty();
	}

	@Test
	void theClientsConnectTimeoutIsAddedOnlyWhenNoneIsConfigured() {
		List<HttpClientSettings> built = new CopyOnWriteArrayList<>();
		ApplicationContextRunner runner = this.runner.withBean(ClientHttpConnectorBuilder.class,
				() -> recording(built));
		runner.withPropertyValues("spring.http.clients.read-timeout=7s").run((context) -> {
			context.getBean(TriggerOperations.class).tasks(); // built on first use
			HttpClientSettings trigger = built.get(built.size() - 1);
			assertThat(trigger.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
			assertThat(trigger.readTimeout()).isEqualTo(Duration.ofSeconds(7));
		});
		built.clear();
		runner.withPropertyValues("spring.http.clients.connect-timeout=3s").run((context) -> {
			context.getBean(TriggerOperations.class).tasks(); // built on first use
			assertThat(built.get(built.size() - 1).connectTimeout()).isEqualTo(Duration.ofSeconds(3));
		});
		built.clear();
		runner.withPropertyValues("spring.http.clients.connect-timeout=3s", "trigger.connect-timeout=2s")
			.run((context) -> {
				context.getBean(TriggerOperations.class).tasks(); // built on first use
				assertThat(built.get(built.size() - 1).connectTimeout()).isEqualTo(Duration.ofSeconds(2));
			});
	}

	/** A connector builder that records the settings of every connector it builds. */
	private static ClientHttpConnectorBuilder<ClientHttpConnector> recording(List<HttpClientSettings> built) {
		return (settings) -> {
			built.add(settings);
			return new ReactorClientHttpConnector();
		};
	}

}
