package io.trigger4j.client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.trigger4j.client.error.AuthenticationException;
import io.trigger4j.client.error.BadRequestException;
import io.trigger4j.client.error.ConflictException;
import io.trigger4j.client.error.NotFoundException;
import io.trigger4j.client.error.PermissionDeniedException;
import io.trigger4j.client.error.RateLimitException;
import io.trigger4j.client.error.ServerException;
import io.trigger4j.client.error.TriggerApiException;
import io.trigger4j.client.error.TriggerDecodingException;
import io.trigger4j.client.error.TriggerException;
import io.trigger4j.client.error.TriggerTimeoutException;
import io.trigger4j.client.error.TriggerTransportException;
import io.trigger4j.client.error.UnprocessableEntityException;
import io.trigger4j.client.error.ValidationIssue;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClientException;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The key never survives in a failure: not in messages or {@code toString()}, not
 * anywhere in the graph of causes and suppressed exceptions and their fields (WebClient's
 * request exception holds the request's headers), not in the serialized form, not in an
 * error body or header a proxy echoes back. And every exception serializes.
 */
@WireMockTest
class SecretsInFailuresTests {

	private static final String KEY = TestClients.SECRET_KEY;

	private static final String PAT = TestClients.ACCESS_TOKEN;

	private static final String ECHO = "<html><body><h1>401 Unauthorized</h1><pre>GET /api/v3/runs/run_1\n"
			+ "Authorization: Bearer " + KEY + "\nx-personal: " + PAT + "</pre></body></html>";

	@Test
	void aRefusedConnection() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		TriggerOperations client = TriggerClient.builder()
			.secretKey(KEY)
			.baseUrl("http://127.0.0.1:" + port)
			.retry(TestClients.FAST_RETRY.withMaxAttempts(2))
			.build();

		Throwable failure = catchThrowable(() -> client.tasks().trigger("t", Map.of()).block());

		assertThat(failure).isInstanceOf(TriggerTransportException.class);
		assertNoSecretIn(failure);
	}

	@Test
	void aResponseTimeout(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v3/runs/run_1").willReturn(okJson("{}").withFixedDelay(2000)));
		TriggerOperations client = TestClients.builder(wm)
			.responseTimeout(Duration.ofMillis(100))
			.retry(TestClients.FAST_RETRY.withMaxAttempts(2))
			.build();

		Throwable failure = catchThrowable(() -> client.runs().retrieve("run_1").block());

		assertThat(failure).isInstanceOf(TriggerTimeoutException.class);
		assertNoSecretIn(failure);
	}

	@Test
	void aProxyEchoingTheRequestIn401(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v3/runs/run_1").willReturn(aResponse().withStatus(401)
			.withHeader("x-echo-authorization", "Bearer " + KEY)
			.withHeader("Content-Type", "text/plain")
			.withBody("Invalid API key: Bearer " + KEY + "\n" + ECHO)));

		Throwable failure = catchThrowable(() -> TestClients.client(wm).runs().retrieve("run_1").block());

		assertThat(failure).isInstanceOf(AuthenticationException.class)
			.hasMessageStartingWith("runs.retrieve failed with HTTP 401: Invalid API key: Bearer ******\n");
		AuthenticationException api = (AuthenticationException) failure;
		assertThat(api.headers().get("x-echo-authorization")).containsExactly("Bearer ******");
		assertThat(api.responseBody()).contains("Authorization: Bearer ******");
		assertNoSecretIn(failure);
	}

	@Test
	void aKeyNotShapedLikeOneIsMaskedWhenEchoed(WireMockRuntimeInfo wm) {
		String odd = "sk-unusual-0123456789";
		stubFor(get("/api/v3/runs/run_1").willReturn(aResponse().withStatus(403).withBody("denied for " + odd)));
		TriggerOperations client = TestClients.builder(wm).secretKey(odd).build();

		Throwable failure = catchThrowable(() -> client.runs().retrieve("run_1").block());

		assertThat(failure).isInstanceOf(PermissionDeniedException.class)
			.hasMessage("runs.retrieve failed with HTTP 403: denied for ******");
		assertNoSecretIn(failure, odd);
	}

	@Test
	void a429(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/tasks/t/trigger").willReturn(aResponse().withStatus(429)
			.withHeader("x-ratelimit-limit", "750")
			.withHeader("x-ratelimit-remaining", "0")
			.withHeader("x-ratelimit-reset", "1")
			.withBody("{\"title\":\"Rate limit exceeded\",\"detail\":\"for key " + KEY + "\",\"reset\":1}")));
		TriggerOperations client = TestClients.builder(wm).retry(TriggerRetrySettings.none()).build();

		Throwable failure = catchThrowable(() -> client.tasks().trigger("t", Map.of()).block());

		assertThat(failure).isInstanceOf(RateLimitException.class);
		RateLimitException copy = roundTrip((RateLimitException) failure);
		assertThat(copy.rateLimit()).isEqualTo(((RateLimitException) failure).rateLimit());
		assertThat(copy.rateLimit().limit()).isEqualTo(750L);
		assertNoSecretIn(failure);
	}

	@Test
	void a422WithIssues(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v1/tasks/t/trigger").willReturn(aResponse().withStatus(422)
			.withBody("{\"error\":\"Invalid\",\"details\":[{\"code\":\"custom\",\"message\":\"bad token Bearer " + KEY
					+ "\",\"path\":[\"payload\"]}]}")));

		Throwable failure = catchThrowable(
				() -> TestClients.client(wm).tasks().trigger("t", Map.of("apiKey", KEY)).block());

		assertThat(failure).isInstanceOf(UnprocessableEntityException.class);
		UnprocessableEntityException copy = roundTrip((UnprocessableEntityException) failure);
		assertThat(copy.details())
			.containsExactly(new ValidationIssue("custom", "bad token Bearer ******", List.of("payload")));
		assertNoSecretIn(failure);
	}

	@Test
	void everyExceptionSerializesWithWhatItCarries() {
		Map<String, List<String>> headers = Map.of("x-ratelimit-reset", List.of("1800000000000"), "x-should-retry",
				List.of("true"));
		String body = "{\"error\":\"e\",\"issues\":[{\"code\":\"c\",\"message\":\"m\",\"path\":[\"a\"]}]}";
		List<TriggerException> all = List.of(new BadRequestException("op", headers, body),
				new AuthenticationException("op", headers, body), new PermissionDeniedException("op", headers, body),
				new NotFoundException("op", headers, body), new ConflictException("op", headers, body),
				new UnprocessableEntityException("op", headers, body), new RateLimitException("op", headers, body),
				new ServerException("op", 503, headers, body), new TriggerApiException("op", 418, headers, body),
				new TriggerTransportException("op", "refused", true, new java.net.ConnectException("refused")),
				new TriggerTimeoutException("op", Duration.ofSeconds(3), null), new TriggerDecodingException("bad"));
		for (TriggerException exception : all) {
			TriggerException copy = roundTrip(exception);
			assertThat(copy).hasSameClassAs(exception).hasMessage(exception.getMessage());
			if (exception instanceof TriggerApiException api) {
				TriggerApiException apiCopy = (TriggerApiException) copy;
				assertThat(apiCopy.details()).isEqualTo(api.details()).isNotEmpty();
				assertThat(apiCopy.rateLimit()).isEqualTo(api.rateLimit());
				assertThat(apiCopy.headers()).isEqualTo(api.headers());
				assertThat(apiCopy.isRetryAdvised()).isTrue();
			}
		}
	}

	private static void assertNoSecretIn(Throwable failure) {
		assertNoSecretIn(failure, KEY);
	}

	private static void assertNoSecretIn(Throwable failure, String secret) {
		List<String> texts = new ArrayList<>();
		Set<Object> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
		walk(failure, texts, seen, 0);
		assertThat(seen).as("WebClient's exceptions hold the request")
			.noneMatch((value) -> value instanceof WebClientException);
		assertThat(texts).isNotEmpty()
			.noneMatch((text) -> text.contains(secret))
			.noneMatch((text) -> text.contains(PAT));
		byte[] serialized = serialize(failure);
		String bytes = new String(serialized, StandardCharsets.ISO_8859_1);
		assertThat(bytes).doesNotContain(secret).doesNotContain(PAT);
		Throwable copy = deserialize(serialized);
		assertThat(copy).hasSameClassAs(failure).hasMessage(failure.getMessage());
	}

	/**
	 * Collects every string reachable from a value: throwables' messages, causes and
	 * suppressed exceptions, and the fields of every object outside the JDK; collections,
	 * maps and arrays element by element.
	 */
	static void walk(Object value, List<String> texts, Set<Object> seen, int depth) {
		if (value == null || depth > 40 || !seen.add(value)) {
			return;
		}
		if (value instanceof String text) {
			texts.add(text);
			return;
		}
		if (value instanceof byte[] bytes) {
			texts.add(new String(bytes, StandardCharsets.UTF_8));
			return;
		}
		if (value instanceof Throwable throwable) {
			texts.add(String.valueOf(throwable));
			walk(throwable.getMessage(), texts, seen, depth + 1);
			walk(throwable.getCause(), texts, seen, depth + 1);
			for (Throwable suppressed : throwable.getSuppressed()) {
				walk(suppressed, texts, seen, depth + 1);
			}
		}
		if (value instanceof Map<?, ?> map) {
			map.forEach((key, element) -> {
				walk(key, texts, seen, depth + 1);
				walk(element, texts, seen, depth + 1);
			});
			return;
		}
		if (value instanceof Collection<?> collection) {
			collection.forEach((element) -> walk(element, texts, seen, depth + 1));
			return;
		}
		if (value.getClass().isArray() && !value.getClass().getComponentType().isPrimitive()) {
			for (int i = 0; i < Array.getLength(value); i++) {
				walk(Array.get(value, i), texts, seen, depth + 1);
			}
			return;
		}
		for (Class<?> type = value.getClass(); type != null && !isJdk(type); type = type.getSuperclass()) {
			for (Field field : type.getDeclaredFields()) {
				if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
					continue;
				}
				if (field.trySetAccessible()) {
					try {
						walk(field.get(value), texts, seen, depth + 1);
					}
					catch (IllegalAccessException ex) {
						throw new IllegalStateException(ex);
					}
				}
			}
		}
		if (isJdk(value.getClass())) {
			texts.add(String.valueOf(value));
		}
	}

	private static boolean isJdk(Class<?> type) {
		String name = type.getName();
		return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
				|| name.startsWith("sun.");
	}

	@SuppressWarnings("unchecked")
	private static <T extends Throwable> T roundTrip(T failure) {
		return (T) deserialize(serialize(failure));
	}

	private static byte[] serialize(Throwable failure) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(failure);
		}
		catch (IOException ex) {
			throw new AssertionError(failure.getClass().getName() + " does not serialize", ex);
		}
		return bytes.toByteArray();
	}

	private static Throwable deserialize(byte[] bytes) {
		try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
			return (Throwable) in.readObject();
		}
		catch (IOException | ClassNotFoundException ex) {
			throw new AssertionError("does not deserialize", ex);
		}
	}

}
