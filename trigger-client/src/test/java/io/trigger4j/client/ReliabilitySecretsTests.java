package io.trigger4j.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.trigger4j.client.model.auth.PublicTokenRequest;
import io.trigger4j.client.model.auth.ScopeResource;
import io.trigger4j.client.model.auth.Scopes;
import io.trigger4j.client.reliability.ReliabilityReport;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation of the table, with a secret key, a personal access token and a minted
 * public token, against every error path (400, 401, 403, 404, 409, 422, 429 and 500
 * answers echoing the three in body and headers, a reset connection, a timeout): none of
 * the three appears in the failure's message, {@code toString()}, cause and suppressed
 * graph (fields included), serialised bytes, in the observations' key values, or in what
 * was logged meanwhile (JDK logging at ALL, standard output and error). Extends
 * {@link SecretsInFailuresTests}, which covers one operation per path, to all of them.
 */
class ReliabilitySecretsTests {

	private static final String KEY = "tr_dev_ReliabilitySecret0123456789";

	private static final String PAT = "tr_pat_reliabilitypersonal0123456789abcdefg";

	private static final String CLAIMS = "{\"sub\":\"env_cm1abc2de0001xyz\",\"pub\":true}";

	private static final List<Integer> STATUSES = List.of(400, 401, 403, 404, 409, 422, 429, 500);

	@Test
	void noCredentialAppearsAnywhereOnAnyErrorPathOfAnyOperation() throws Exception {
		WireMockServer wireMock = new WireMockServer(options().dynamicPort());
		wireMock.start();
		List<String> logged = new CopyOnWriteArrayList<>();
		Handler handler = new Handler() {
			@Override
			public void publish(LogRecord record) {
				logged.add(record.getLoggerName() + " " + record.getMessage() + " "
						+ ((record.getParameters() != null) ? List.of(record.getParameters()) : "") + " "
						+ record.getThrown());
			}

			@Override
			public void flush() {
			}

			@Override
			public void close() {
			}
		};
		Logger root = Logger.getLogger("");
		Level rootLevel = root.getLevel();
		root.addHandler(handler);
		root.setLevel(Level.ALL);
		// SLF4J (Reactor Netty, Spring's WebClient, the client) at DEBUG, through
		// Logback.
		ch.qos.logback.classic.Logger slf4jRoot = (ch.qos.logback.classic.Logger) LoggerFactory
			.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		ch.qos.logback.classic.Level slf4jLevel = slf4jRoot.getLevel();
		List<String> slf4jEvents = new CopyOnWriteArrayList<>();
		AppenderBase<ILoggingEvent> slf4jLogged = new AppenderBase<>() {
			@Override
			protected void append(ILoggingEvent event) {
				slf4jEvents.add(logged(event));
			}
		};
		slf4jLogged.start();
		slf4jRoot.addAppender(slf4jLogged);
		slf4jRoot.setLevel(ch.qos.logback.classic.Level.DEBUG);
		PrintStream out = System.out;
		PrintStream err = System.err;
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8);
		int calls = 0;
		try {
			List<String> tags = new CopyOnWriteArrayList<>();
			ObservationRegistry observations = ObservationRegistry.create();
			observations.observationConfig().observationHandler(new ObservationHandler<>() {
				@Override
				public boolean supportsContext(Observation.Context context) {
					return true;
				}

				@Override
				public void onStop(Observation.Context context) {
					context.getAllKeyValues().forEach((keyValue) -> tags.add(keyValue.toString()));
					tags.add(String.valueOf(context.getName()) + " " + context.getContextualName());
				}
			});
			TriggerOperations client = TriggerClient.builder()
				.secretKey(KEY)
				.accessToken(PAT)
				.baseUrl(wireMock.baseUrl())
				.observationRegistry(observations)
				.responseTimeout(Duration.ofMillis(100))
				.deadline(Duration.ofSeconds(2))
				// One attempt each: what is retried is covered by the faults suite.
				.retry(TriggerRetrySettings.none())
				.build();
			wireMock.stubFor(post("/api/v1/auth/jwt/claims").willReturn(okJson(CLAIMS)));
			// Minted with the key by a client of default timeouts (a cold JVM's first
			// call
			// is slow).
			String publicToken = TriggerClient.builder()
				.secretKey(KEY)
				.baseUrl(wireMock.baseUrl())
				.build()
				.auth()
				.createPublicToken(PublicTokenRequest.of(Scopes.builder().read(ScopeResource.RUNS, "run_1").build()))
				.block(Duration.ofSeconds(10));
			assertThat(publicToken).isNotBlank();
			List<String> secrets = List.of(KEY, PAT, publicToken);
			TriggerOperations publicView = client
				.withOptions(RequestOptions.builder().publicAccessToken(publicToken).build());
			System.setOut(capture);
			System.setErr(capture);
			List<String> paths = new ArrayList<>();
			List<String> slow = new ArrayList<>();
			STATUSES.forEach((status) -> paths.add("HTTP " + status));
			paths.add("connection reset");
			paths.add("timeout");
			for (String path : paths) {
				wireMock.resetAll();
				wireMock.stubFor(any(anyUrl()).willReturn(answer(path, secrets)));
				for (Operation operation : Operation.values()) {
					// The default build uses the public token on the odd operations only.
					List<TriggerOperations> views = (ReliabilityReport.full() || operation.ordinal() % 2 == 0)
							? List.of(client, publicView) : List.of(client);
					for (TriggerOperations view : views) {
						long start = System.nanoTime();
						Throwable failure = null;
						try {
							// A realtime feed answered 409 starts again (the shape
							// changed), for as long as the server answers so: bounded
							// here.
							OperationInvocations.invoke(view, operation)
								.collectList()
								.block(operation.name().startsWith("REALTIME") ? Duration.ofSeconds(1)
										: Duration.ofSeconds(10));
						}
						catch (Throwable ex) {
							failure = ex;
						}
						calls++;
						long millis = (System.nanoTime() - start) / 1_000_000;
						if (millis > 1000) {
							slow.add(operation + " on " + path + " " + millis + " ms");
						}
						if (failure != null) {
							assertNoSecretIn(operation + " on " + path, failure, secrets);
						}
					}
				}
			}
			assertThat(tags).as("observation key values").isNotEmpty();
			for (String secret : secrets) {
				assertThat(tags).noneMatch((tag) -> tag.contains(secret));
				assertThat(logged).as("JDK logging").noneMatch((line) -> line.contains(secret));
				assertThat(slf4jEvents).as("SLF4J logging at DEBUG").noneMatch((line) -> line.contains(secret));
				assertThat(printed.toString(StandardCharsets.UTF_8)).as("standard output and error")
					.doesNotContain(secret);
			}
			ReliabilityReport.write("secrets", "## Secrets\n\n`ReliabilitySecretsTests`: " + Operation.values().length
					+ " operations x 2 credential views (secret key with personal access token; minted public token"
					+ (ReliabilityReport.full() ? "" : ", on every other operation in the default build") + ") x "
					+ paths.size() + " error paths (" + String.join(", ", paths)
					+ "; each answer echoing the secret key, the personal access token and the public token in its "
					+ "body and headers) = " + calls + " calls. None of the three credentials appeared in any "
					+ "exception message, toString(), cause or suppressed graph (fields included), serialised "
					+ "exception, in " + tags.size() + " observation key values, in " + logged.size()
					+ " JDK log records (root at ALL), in " + slf4jEvents.size()
					+ " SLF4J log events at DEBUG (Reactor Netty, Spring's WebClient, the client; Logback) "
					+ "or on standard output and error. Calls that took over 1 s: "
					+ (slow.isEmpty() ? "none" : String.join("; ", slow)) + ".\n");
		}
		finally {
			System.setOut(out);
			System.setErr(err);
			root.removeHandler(handler);
			root.setLevel(rootLevel);
			slf4jRoot.detachAppender(slf4jLogged);
			slf4jRoot.setLevel(slf4jLevel);
			wireMock.stop();
		}
	}

	private static ResponseDefinitionBuilder answer(String path, List<String> secrets) {
		if (path.equals("connection reset")) {
			return aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER);
		}
		if (path.equals("timeout")) {
			return okJson("{}").withFixedDelay(400);
		}
		int status = Integer.parseInt(path.substring("HTTP ".length()));
		String echo = "Authorization: Bearer " + secrets.get(0) + " x-pat: " + secrets.get(1) + " token: "
				+ secrets.get(2);
		return aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withHeader("x-echo", echo)
			.withHeader("x-should-retry", "false")
			.withHeader("x-ratelimit-reset", "9999999999999")
			.withBody("{\"error\":\"" + echo + "\",\"details\":[{\"code\":\"c\",\"message\":\"" + echo
					+ "\",\"path\":[\"a\"]}]}");
	}

	private static void assertNoSecretIn(String what, Throwable failure, List<String> secrets) throws IOException {
		List<String> texts = new ArrayList<>();
		// Messages, causes, suppressed exceptions and fields, as SecretsInFailuresTests
		// walks them.
		SecretsInFailuresTests.walk(failure, texts, Collections.newSetFromMap(new IdentityHashMap<>()), 0);
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream objects = new ObjectOutputStream(bytes)) {
			objects.writeObject(failure);
		}
		String serialised = bytes.toString(StandardCharsets.ISO_8859_1);
		for (String secret : secrets) {
			assertThat(texts).as(what).noneMatch((text) -> text.contains(secret));
			assertThat(serialised).as(what + ", serialised").doesNotContain(secret);
		}
	}

	/** What a log event shows: its formatted message, arguments and throwable chain. */
	private static String logged(ILoggingEvent event) {
		StringBuilder text = new StringBuilder(event.getLoggerName()).append(' ').append(event.getFormattedMessage());
		if (event.getArgumentArray() != null) {
			text.append(' ').append(List.of(event.getArgumentArray()));
		}
		for (IThrowableProxy thrown = event.getThrowableProxy(); thrown != null; thrown = thrown.getCause()) {
			text.append(' ').append(thrown.getClassName()).append(": ").append(thrown.getMessage());
		}
		return text.toString();
	}

}
