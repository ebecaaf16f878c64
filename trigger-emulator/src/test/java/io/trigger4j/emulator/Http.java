package io.trigger4j.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import tools.jackson.databind.JsonNode;

/** Plain HTTP against the emulator, the way any SDK would talk to it. */
final class Http {

	static final String CURRENT = "2025-07-16";

	/**
	 * The longest a test waits for an answer (a request that sets its own timeout keeps
	 * it): a request the emulator never answers fails the test, it never holds the build.
	 */
	static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String baseUrl;

	private final String key;

	Http(TriggerEmulator emulator) {
		this.baseUrl = emulator.baseUrl();
		this.key = emulator.secretKey();
	}

	record Answer(int status, java.net.http.HttpHeaders headers, String body) {

		JsonNode json() {
			return EmulatorJson.MAPPER.readTree(this.body);
		}

		String header(String name) {
			return this.headers.firstValue(name).orElse(null);
		}

	}

	Answer get(String path) {
		return send(request(path).GET().header("x-trigger-api-version", CURRENT));
	}

	Answer getLegacy(String path) {
		return send(request(path).GET());
	}

	Answer post(String path, String json) {
		return send(request(path).POST(HttpRequest.BodyPublishers.ofString(json))
			.header("Content-Type", "application/json")
			.header("x-trigger-api-version", CURRENT));
	}

	Answer put(String path, String json) {
		return send(request(path).PUT(HttpRequest.BodyPublishers.ofString(json))
			.header("Content-Type", "application/json")
			.header("x-trigger-api-version", CURRENT));
	}

	HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(this.baseUrl + path)).header("Authorization", "Bearer " + this.key);
	}

	static Answer send(HttpRequest.Builder request) {
		try {
			HttpRequest built = request.build();
			if (built.timeout().isEmpty()) {
				built = HttpRequest.newBuilder(built, (name, value) -> true).timeout(TIMEOUT).build();
			}
			HttpResponse<String> response = CLIENT.send(built,
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			return new Answer(response.statusCode(), response.headers(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
