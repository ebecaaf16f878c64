package io.trigger4j.emulator;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Flow;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.adapter.JdkFlowAdapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Authentication, the rate limiter, the open routes and the body rules in front of every
 * route.
 */
class AccessTests extends EmulatorTestSupport {

	@Test
	void authenticationFailuresAnswerAsTheServerDoes() {
		Http.Answer none = Http
			.send(HttpRequest.newBuilder(URI.create(this.emulator.baseUrl() + "/api/v1/runs")).GET());
		assertThat(none.status()).isEqualTo(401);
		assertThat(none.header("Content-Type")).startsWith("application/problem+json");
		assertThat(none.json().get("detail").asString()).isEqualTo("No authorization header provided");
		assertThat(none.json().get("error").asString()).isEqualTo("No authorization header provided");

		Http.Answer wrong = Http.send(HttpRequest.newBuilder(URI.create(this.emulator.baseUrl() + "/api/v1/runs"))
			.header("Authorization", "Bearer tr_pat_abc")
			.GET());
		assertThat(wrong.status()).isEqualTo(401);
		assertThat(wrong.json().get("error").asString()).isEqualTo("Invalid API key");

		Http.Answer legacy = Http
			.send(HttpRequest.newBuilder(URI.create(this.emulator.baseUrl() + "/api/v1/runs/run_1/result"))
				.header("Authorization", "Bearer pk_dev_abc")
				.GET());
		assertThat(legacy.json().get("error").asString()).isEqualTo("Invalid or Missing API Key");
	}

	@Test
	void theTimezonesRouteIsOpenWithoutAuthentication() {
		Http.Answer all = Http
			.send(HttpRequest.newBuilder(URI.create(this.emulator.baseUrl() + "/api/v1/timezones")).GET());
		assertThat(all.status()).isEqualTo(200);
		assertThat(all.json().get("timezones").get(0).asString()).isEqualTo("UTC");
		assertThat(all.json().get("timezones").toString()).contains("\"Europe/Berlin\"", "\"America/New_York\"");

		Http.Answer noUtc = Http
			.send(HttpRequest.newBuilder(URI.create(this.emulator.baseUrl() + "/api/v1/timezones?excludeUtc=true"))
				.GET());
		assertThat(noUtc.json().get("timezones").toString()).doesNotContain("\"UTC\"");
	}

	@Test
	void aBodyWithoutContentLengthIsRefusedWith413() {
		Flow.Publisher<ByteBuffer> chunked = JdkFlowAdapter
			.publisherToFlowPublisher(Flux.just(ByteBuffer.wrap("{\"payload\":{}}".getBytes())));
		Http.Answer answer = Http.send(this.http.request("/api/v1/tasks/slow/trigger")
			.POST(HttpRequest.BodyPublishers.fromPublisher(chunked)));

		assertThat(answer.status()).isEqualTo(413);
		assertThat(answer.json().get("error").asString()).isEqualTo("Request body too large");
	}

	@Test
	void theRateLimiterCountsRefillsAndAnswersWithProblemJson() {
		try (TriggerEmulator limited = TriggerEmulator.builder()
			.clock(this.clock)
			.rateLimit(2, 1, Duration.ofSeconds(10))
			.start()) {
			Http limitedHttp = new Http(limited);
			Http.Answer first = limitedHttp.get("/api/v1/runs");
			assertThat(first.header("x-ratelimit-limit")).isEqualTo("2");
			assertThat(first.header("x-ratelimit-remaining")).isEqualTo("1");
			limitedHttp.get("/api/v1/runs");
			Http.Answer limitedAnswer = limitedHttp.get("/api/v1/runs");
			assertThat(limitedAnswer.status()).isEqualTo(429);
			assertThat(limitedAnswer.header("Content-Type")).startsWith("application/problem+json");
			assertThat(limitedAnswer.header("x-ratelimit-reset"))
				.isEqualTo(Long.toString(Instant.parse("2026-11-22T10:00:10Z").toEpochMilli()));
			assertThat(limitedAnswer.json().get("title").asString()).isEqualTo("Rate Limit Exceeded");
			assertThat(limitedAnswer.json().get("secondsUntilReset").asDouble()).isEqualTo(10.0);

			this.clock.advance(Duration.ofSeconds(10));
			assertThat(limitedHttp.get("/api/v1/runs").status()).isEqualTo(200);
		}
	}

}
