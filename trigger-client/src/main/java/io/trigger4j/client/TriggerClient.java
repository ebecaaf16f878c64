package io.trigger4j.client;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import io.micrometer.observation.ObservationRegistry;
import io.netty.channel.ChannelOption;
import io.trigger4j.client.internal.Checks;
import io.trigger4j.client.internal.JsonDefaults;
import io.trigger4j.client.internal.Secrets;
import io.trigger4j.client.model.JsonValue;
import io.trigger4j.client.observation.DefaultTriggerRequestObservationConvention;
import io.trigger4j.client.observation.TriggerRequestObservationConvention;
import org.jspecify.annotations.Nullable;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The plain-Java entry point: builds a {@link TriggerOperations} without Spring Boot.
 *
 * <pre>{@code
 * TriggerOperations trigger = TriggerClient.builder()
 *     .secretKey(System.getenv("TRIGGER_SECRET_KEY"))
 *     .build();
 * trigger.tasks().trigger("send-welcome-email", Map.of("userId", 42)).block();
 * }</pre>
 */
public final class TriggerClient {

	/** The Trigger.dev cloud API. */
	public static final String DEFAULT_BASE_URL = "https://api.trigger.dev";

	private TriggerClient() {
	}

	/** A builder; only {@link Builder#secretKey(String)} is required. */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Builds {@link TriggerOperations}. Not thread-safe; the operations it builds are.
	 */
	public static final class Builder {

		private @Nullable String secretKey;

		private String baseUrl = DEFAULT_BASE_URL;

		private @Nullable String branch;

		private WebClient.@Nullable Builder webClientBuilder;

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private @Nullable TriggerRequestObservationConvention observationConvention;

		private TriggerRetrySettings retry = TriggerRetrySettings.defaults();

		private @Nullable Duration connectTimeout = Duration.ofSeconds(10);

		private Duration responseTimeout = Duration.ofSeconds(30);

		private Clock clock = Clock.systemUTC();

		private JsonMapper jsonMapper = JsonDefaults.MAPPER;

		private Builder() {
		}

		/**
		 * The secret key ({@code tr_dev_...}, {@code tr_prod_...}, ...) sent as a bearer
		 * token. Required.
		 */
		public Builder secretKey(String secretKey) {
			Checks.requireText("secretKey", secretKey);
			if (secretKey.chars().anyMatch(Character::isWhitespace)) {
				throw new IllegalArgumentException("secretKey must not contain whitespace");
			}
			this.secretKey = secretKey;
			return this;
		}

		/** The API's base URL; defaults to {@value TriggerClient#DEFAULT_BASE_URL}. */
		public Builder baseUrl(String baseUrl) {
			this.baseUrl = TriggerHttp.normalizeBaseUrl(baseUrl).toString();
			return this;
		}

		/**
		 * The preview or dev branch, sent as {@code x-trigger-branch}; required with a
		 * preview key.
		 */
		public Builder branch(@Nullable String branch) {
			this.branch = (branch != null) ? Checks.requireId("branch", branch) : null;
			return this;
		}

		/**
		 * The {@link WebClient.Builder} to start from (Spring Boot's, with its
		 * customizers, codecs and observations). It is cloned, never changed. Defaults to
		 * {@link WebClient#builder()}.
		 */
		public Builder webClientBuilder(WebClient.Builder webClientBuilder) {
			this.webClientBuilder = Objects.requireNonNull(webClientBuilder, "webClientBuilder must not be null");
			return this;
		}

		/** Where to record one observation per API call; defaults to no-op. */
		public Builder observationRegistry(ObservationRegistry observationRegistry) {
			this.observationRegistry = Objects.requireNonNull(observationRegistry,
					"observationRegistry must not be null");
			return this;
		}

		/** A convention replacing {@link DefaultTriggerRequestObservationConvention}. */
		public Builder observationConvention(@Nullable TriggerRequestObservationConvention observationConvention) {
			this.observationConvention = observationConvention;
			return this;
		}

		/**
		 * How failed calls are retried; defaults to
		 * {@link TriggerRetrySettings#defaults()}.
		 */
		public Builder retry(TriggerRetrySettings retry) {
			this.retry = Objects.requireNonNull(retry, "retry must not be null");
			return this;
		}

		/**
		 * The TCP connect timeout (default 10 s). When set, trigger4j installs its own
		 * Reactor Netty connector on the cloned builder; {@code null} keeps the builder's
		 * connector as it is.
		 */
		public Builder connectTimeout(@Nullable Duration connectTimeout) {
			this.connectTimeout = (connectTimeout != null) ? Checks.requirePositive("connectTimeout", connectTimeout)
					: null;
			return this;
		}

		/**
		 * How long one attempt waits for its whole response (default 30 s); retries get a
		 * fresh timeout.
		 */
		public Builder responseTimeout(Duration responseTimeout) {
			this.responseTimeout = Checks.requirePositive("responseTimeout", responseTimeout);
			return this;
		}

		/**
		 * The mapper for the application's own values: it writes payloads, metadata and
		 * context, and reads them back through {@link JsonValue} (a run's payload, output
		 * and metadata). The wire format of the API itself is trigger4j's own and does
		 * not change with it. Spring Boot passes the context's {@code JsonMapper}; the
		 * default leaves out {@code null}s and ignores unknown properties.
		 */
		public Builder jsonMapper(JsonMapper jsonMapper) {
			this.jsonMapper = Objects.requireNonNull(jsonMapper, "jsonMapper must not be null");
			return this;
		}

		/** The clock used to compute rate-limit waits; for tests. */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "clock must not be null");
			return this;
		}

		/**
		 * Builds the operations.
		 * @throws IllegalStateException if no secret key was set
		 */
		public TriggerOperations build() {
			if (this.secretKey == null) {
				throw new IllegalStateException("secretKey must be set (a Trigger.dev secret key such as tr_dev_...)");
			}
			WebClient.Builder builder = (this.webClientBuilder != null) ? this.webClientBuilder.clone()
					: WebClient.builder();
			if (this.connectTimeout != null) {
				HttpClient httpClient = HttpClient.create()
					.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) this.connectTimeout.toMillis());
				builder.clientConnector(new ReactorClientHttpConnector(httpClient));
			}
			String branch = this.branch;
			WebClient webClient = builder.defaultHeaders((headers) -> TriggerHttp.defaultHeaders(headers, branch))
				.build();
			TriggerHttp http = new TriggerHttp(webClient, this.baseUrl, this.secretKey, new WireJson(this.jsonMapper),
					this.responseTimeout, this.retry, this.clock, this.observationRegistry, this.observationConvention);
			return new DefaultTriggerOperations(http, URI.create(this.baseUrl),
					TriggerEnvironmentType.of(this.secretKey));
		}

		@Override
		public String toString() {
			return "TriggerClient.Builder[baseUrl=" + this.baseUrl + ", secretKey=" + Secrets.mask(this.secretKey)
					+ "]";
		}

	}

}
