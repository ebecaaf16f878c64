package io.trigger4j.autoconfigure;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.trigger4j.client.TriggerOperations;
import io.trigger4j.client.model.runs.Run;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.netty.transport.ProxyProvider;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ClientHttpConnectorBuilderCustomizer;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An HTTP proxy configured the Spring Boot way reaches the auto-configured client: the
 * JVM's proxy system properties (which Boot's Reactor Netty connector reads), or a
 * {@link ClientHttpConnectorBuilderCustomizer} setting the proxy on Reactor Netty's
 * {@code HttpClient}. Reactor Netty tunnels through an HTTP proxy with {@code CONNECT},
 * so the proxy here is a small tunnelling one in front of WireMock.
 */
@WireMockTest
class ProxyTests {

	static final String KEY = TriggerAutoConfigurationTests.KEY;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, HttpClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, WebClientAutoConfiguration.class,
				TriggerAutoConfiguration.class))
		.withPropertyValues("trigger.secret-key=" + KEY, "trigger.retry.max-attempts=1");

	private TunnellingProxy proxy;

	@BeforeEach
	void startProxy() throws IOException {
		stubFor(get(urlPathEqualTo("/api/v3/runs/run_1")).willReturn(okJson(TriggerAutoConfigurationTests.RUN_JSON)));
		this.proxy = new TunnellingProxy();
	}

	@AfterEach
	void stopProxy() {
		this.proxy.close();
	}

	private static Run retrieve(TriggerOperations trigger) {
		return trigger.runs().retrieve("run_1").block(Duration.ofSeconds(10));
	}

	@Test
	void aConnectorBuilderCustomizerSettingAProxySendsTheCallsThroughIt(WireMockRuntimeInfo wm) {
		this.runner.withPropertyValues("trigger.base-url=http://127.0.0.1:" + wm.getHttpPort())
			.withBean(ClientHttpConnectorBuilderCustomizer.class,
					() -> (ClientHttpConnectorBuilderCustomizer<ReactorClientHttpConnectorBuilder>) (builder) -> builder
						.withHttpClientCustomizer(
								(client) -> client.proxy((proxy) -> proxy.type(ProxyProvider.Proxy.HTTP)
									.host("127.0.0.1")
									.port(this.proxy.port()))))
			.run((context) -> {
				assertThat(retrieve(context.getBean(TriggerOperations.class)).id()).isEqualTo("run_1");
				assertThat(this.proxy.tunnels()).containsExactly("127.0.0.1:" + wm.getHttpPort());
				verify(getRequestedFor(urlPathEqualTo("/api/v3/runs/run_1")).withHeader("Authorization",
						equalTo("Bearer " + KEY)));
			});
	}

	@Test
	void theJvmProxySystemPropertiesApply(WireMockRuntimeInfo wm) {
		// A host only the proxy knows (it tunnels every CONNECT to 127.0.0.1): the call
		// can succeed only through it. 127.* and localhost are in the JVM's default
		// http.nonProxyHosts.
		String unresolvable = "api.trigger.invalid:" + wm.getHttpPort();
		String previousHost = System.setProperty("http.proxyHost", "127.0.0.1");
		String previousPort = System.setProperty("http.proxyPort", Integer.toString(this.proxy.port()));
		try {
			this.runner.withPropertyValues("trigger.base-url=http://" + unresolvable).run((context) -> {
				assertThat(retrieve(context.getBean(TriggerOperations.class)).id()).isEqualTo("run_1");
				assertThat(this.proxy.tunnels()).containsExactly(unresolvable);
				verify(getRequestedFor(urlPathEqualTo("/api/v3/runs/run_1")).withHeader("Authorization",
						equalTo("Bearer " + KEY)));
			});
		}
		finally {
			restore("http.proxyHost", previousHost);
			restore("http.proxyPort", previousPort);
		}
	}

	@Test
	void withoutAProxyConfiguredTheClientConnectsDirectly(WireMockRuntimeInfo wm) {
		this.runner.withPropertyValues("trigger.base-url=http://127.0.0.1:" + wm.getHttpPort()).run((context) -> {
			assertThat(retrieve(context.getBean(TriggerOperations.class)).id()).isEqualTo("run_1");
			verify(1, getRequestedFor(urlPathEqualTo("/api/v3/runs/run_1")));
		});
		assertThat(this.proxy.tunnels()).isEmpty();
	}

	private static void restore(String property, @Nullable String previous) {
		if (previous != null) {
			System.setProperty(property, previous);
		}
		else {
			System.clearProperty(property);
		}
	}

	/**
	 * An HTTP proxy that only tunnels: it answers {@code CONNECT host:port} with 200,
	 * connects to that port on 127.0.0.1 (whatever the host) and pipes bytes both ways;
	 * it records the authority of every tunnel.
	 */
	static final class TunnellingProxy implements AutoCloseable {

		private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

		private final ServerSocket server;

		private final List<String> tunnels = new CopyOnWriteArrayList<>();

		private final List<Socket> sockets = new CopyOnWriteArrayList<>();

		TunnellingProxy() throws IOException {
			this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			daemon("proxy-accept", this::accept);
		}

		int port() {
			return this.server.getLocalPort();
		}

		/** The authorities ({@code host:port}) of the tunnels opened, in order. */
		List<String> tunnels() {
			return this.tunnels;
		}

		private void accept() {
			while (!this.server.isClosed()) {
				try {
					Socket client = this.server.accept();
					this.sockets.add(client);
					daemon("proxy-tunnel", () -> tunnel(client));
				}
				catch (IOException ex) {
					return;
				}
			}
		}

		private void tunnel(Socket client) {
			try {
				client.setSoTimeout((int) READ_TIMEOUT.toMillis());
				String[] requestLine = readHead(client.getInputStream()).split("\r\n", 2)[0].split(" ");
				if (requestLine.length < 2 || !"CONNECT".equals(requestLine[0])) {
					answer(client, "HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n");
					client.close();
					return;
				}
				String authority = requestLine[1];
				int port = Integer.parseInt(authority.substring(authority.lastIndexOf(':') + 1));
				Socket target = new Socket(InetAddress.getLoopbackAddress(), port);
				this.sockets.add(target);
				this.tunnels.add(authority);
				answer(client, "HTTP/1.1 200 Connection established\r\n\r\n");
				client.setSoTimeout(0);
				daemon("proxy-upstream", () -> pipe(client, target));
				pipe(target, client);
			}
			catch (IOException | RuntimeException ex) {
				closeQuietly(client);
			}
		}

		private static String readHead(InputStream in) throws IOException {
			ByteArrayOutputStream head = new ByteArrayOutputStream();
			while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
				int next = in.read();
				if (next == -1) {
					throw new IOException("The connection closed before the end of the request head");
				}
				head.write(next);
			}
			return head.toString(StandardCharsets.ISO_8859_1);
		}

		private static void answer(Socket client, String response) throws IOException {
			OutputStream out = client.getOutputStream();
			out.write(response.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
		}

		private static void pipe(Socket from, Socket to) {
			try {
				from.getInputStream().transferTo(to.getOutputStream());
			}
			catch (IOException ex) {
				// one side closed
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
			}
		}

		private static void daemon(String name, Runnable task) {
			Thread thread = new Thread(task, name);
			thread.setDaemon(true);
			thread.start();
		}

		private static void closeQuietly(Socket socket) {
			try {
				socket.close();
			}
			catch (IOException ex) {
				// closing
			}
		}

		@Override
		public void close() {
			try {
				this.server.close();
			}
			catch (IOException ex) {
				// closing
			}
			this.sockets.forEach(TunnellingProxy::closeQuietly);
		}

	}

}
