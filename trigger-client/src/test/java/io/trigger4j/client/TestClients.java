package io.trigger4j.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import io.trigger4j.client.internal.JsonDefaults;

/** Clients pointed at WireMock, with fast, jitter-free retries. */
final class TestClients {

	/** Shaped like a real dev key; tests assert it never leaks. */
	static final String SECRET_KEY = "tr_dev_Ab12Cd34Ef56Gh78Ij90Kl12";

	/** Shaped like a real personal access token; tests assert it never leaks. */
	static final String ACCESS_TOKEN = "tr_pat_abcdefghijkmnopqrstuvwxyz123456789abcdef";

	static final TriggerRetrySettings FAST_RETRY = TriggerRetrySettings.defaults()
		.withBackoff(Duration.ofMillis(1), Duration.ofMillis(5))
		.withJitter(0);

	/** A client's JSON with the default application mapper. */
	static final WireJson JSON = new WireJson(JsonDefaults.MAPPER);

	private TestClients() {
	}

	/** Decodes a response body as the client does. */
	static <T> T read(String json, Class<T> type) {
		return JSON.read("test", json.getBytes(StandardCharsets.UTF_8), type);
	}

	static TriggerClient.Builder builder(WireMockRuntimeInfo wm) {
		return TriggerClient.builder().secretKey(SECRET_KEY).baseUrl(wm.getHttpBaseUrl()).retry(FAST_RETRY);
	}

	static TriggerOperations client(WireMockRuntimeInfo wm) {
		return builder(wm).build();
	}

	/**
	 * A client whose triggers carry no generated idempotency key, for tests that assert a
	 * trigger's exact body.
	 */
	static TriggerOperations clientWithoutGeneratedKeys(WireMockRuntimeInfo wm) {
		return builder(wm).retry(FAST_RETRY.withGeneratedIdempotencyKeys(false)).build();
	}

}
