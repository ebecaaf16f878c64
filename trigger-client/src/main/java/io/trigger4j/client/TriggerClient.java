package io.trigger4j.client;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.netty.channel.ChannelOption;
import io.trigger4j.client.internal.Checks;
import io.trigger4j.client.internal.JsonDefaults;
import io.trigger4j.client.internal.Secrets;
import io.trigger4j.client.model.JsonValue;
import io.trigger4j.client.observation.DefaultTriggerRequestObservationConvention;
import io.trigger4j.client.observation.TriggerClientMeters;
import io.trigger4j.client.observation.TriggerRequestObservationConvention;
import org.jspecify.annotations.Nullable;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
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

	/**
	 * How long one attempt waits for its response unless told otherwise: short enough
	 * that a server that never answers leaves room for retries within the
	 * {@linkplain #DEFAULT_DEADLINE deadline}.
	 */
	public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * How long a call may take in all unless told otherwise (time queued for an empty
	 * rate-limit bucket is bounded by {@link TriggerRetrySettings#maxRateLimitWait()}
	 * instead).
	 */
	public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(30);

	/**
	 * How long the calls running when the client is closed may still take unless told
	 * otherwise.
	 */
	public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);

	/** The TCP connect timeout of the plain-Java client unless told otherwise. */
	public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

	/** The shortest connect timeout accepted: Netty counts it in whole milliseconds. */
	public static final Duration MIN_CONNECT_TIMEOUT = Duration.ofMillis(1);

	/** The longest connect timeout accepted. */
	public static final Duration MAX_CONNECT_TIMEOUT = Duration.ofHours(1);

	private TriggerClient() {
	}

	/**
	 * A builder; a {@linkplain Builder#secretKey(String) secret key} or a
	 * {@linkplain Builder#accessToken(String) personal access token} is required.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Builds {@link TriggerOperations}. Not thread-safe; the operations it builds are.
	 */
	public static final class Builder {

		private @Nullable String secretKey;

		private @Nullable String accessToken;

		private String baseUrl = DEFAULT_BASE_URL;

		private @Nullable String branch;

		private WebClient.@Nullable Builder webClientBuilder;

		private @Nullable ClientHttpConnector clientConnector;

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private @Nullable TriggerRequestObservationConvention observationConvention;

		private TriggerRetrySettings retry = TriggerRetrySettings.defaults();

		private @Nullable Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;

		private Duration responseTimeout = DEFAULT_RESPONSE_TIMEOUT;

		private Duration deadline = DEFAULT_DEADLINE;

		private Duration shutdownGrace = DEFAULT_SHUTDOWN_GRACE;

		/** A {@link MeterRegistry}, typed so that the builder loads without one. */
		private @Nullable Object meterRegistry;

		private Clock clock = Clock.systemUTC();

		private @Nullable Scheduler scheduler;

		private JsonMapper jsonMapper = JsonDefaults.MAPPER;

		private Builder() {
		}

		/**
		 * The secret key ({@code tr_dev_...}, {@code tr_prod_...}, ...) sent as a bearer
		 * token to every operation that accepts one.
		 * @return this builder
		 * @param secretKey the secret key, {@code tr_<env>_...}
		 */
		public Builder secretKey(String secretKey) {
			this.secretKey = requireToken("secretKey", secretKey);
			return this;
		}

		/**
		 * The personal access token ({@code tr_pat_...}) sent to the operations that need
		 * one, such as the project-wide run list, and to those that accept one when the
		 * {@link RequestOptions} name it.
		 * @param accessToken the personal access token, {@code tr_pat_...}
		 * @return this builder
		 */
		public Builder accessToken(String accessToken) {
			this.accessToken = requireToken("accessToken", accessToken);
			return this;
		}

		/**
		 * A credential, sent in a header: printable ASCII without spaces. Messages never
		 * show it.
		 */
		private static String requireToken(String argument, String token) {
			Checks.requireText(argument, token);
			if (token.chars().anyMatch(Character::isWhitespace)) {
				throw new IllegalArgumentException(argument + " must not contain whitespace");
			}
			for (int i = 0; i < token.length(); i++) {
				char c = token.charAt(i);
				if (c < 0x21 || c > 0x7e) {
					throw new IllegalArgumentException(argument
							+ " must hold only printable ASCII characters but has a control or non-ASCII character at index "
							+ i + " (the value is secret and not shown)");
				}
			}
			return token;
		}

		/**
		 * The API's base URL; defaults to {@value TriggerClient#DEFAULT_BASE_URL}.
		 * @throws IllegalArgumentException if it is not an absolute http(s) URL with a
		 * host, or its port is not between 1 and 65535
		 * @return this builder
		 * @param baseUrl the API's base URL, such as {@code https://api.trigger.dev}
		 */
		public Builder baseUrl(String baseUrl) {
			URI uri = TriggerHttp.normalizeBaseUrl(baseUrl);
			if (uri.getPort() != -1 && (uri.getPort() < 1 || uri.getPort() > 65535)) {
				throw new IllegalArgumentException(
						"baseUrl must have a port between 1 and 65535 but had " + uri.getPort());
			}
			this.baseUrl = uri.toString();
			return this;
		}

		/**
		 * The preview or dev branch, sent as {@code x-trigger-branch}; required with a
		 * preview key. Printable ASCII, as a header value must be.
		 * @return this builder
		 * @param branch the preview branch, or {@code null} for none
		 */
		public Builder branch(@Nullable String branch) {
			if (branch != null) {
				Checks.requireId("branch", branch);
				if (!branch.chars().allMatch((c) -> c >= 0x20 && c <= 0x7e)) {
					throw new IllegalArgumentException(
							"branch must hold only printable ASCII characters but was " + Checks.quote(branch));
				}
			}
			this.branch = branch;
			return this;
		}

		/**
		 * The {@link WebClient.Builder} to start from (Spring Boot's, with its
		 * customizers, codecs and observations). It is cloned, never changed. Defaults to
		 * {@link WebClient#builder()}.
		 * @return this builder
		 * @param webClientBuilder the builder the client's WebClient is made from
		 * (cloned)
		 */
		public Builder webClientBuilder(WebClient.Builder webClientBuilder) {
			this.webClientBuilder = Objects.requireNonNull(webClientBuilder, "webClientBuilder must not be null");
			return this;
		}

		/**
		 * The connector to send every request with, used as it is: its choice of HTTP
		 * client, proxy, SSL and timeouts apply, and the {@linkplain #connectTimeout
		 * connect timeout} of this builder does not (set it on the connector). Presigned
		 * object-storage URLs go through it too. Spring Boot passes one built by its
		 * {@code ClientHttpConnectorBuilder} from the application's HTTP client settings
		 * ({@code spring.http.clients.*}). {@code null} (the default) leaves the
		 * connector to the {@linkplain #connectTimeout(Duration) connect timeout} and the
		 * {@linkplain #webClientBuilder(WebClient.Builder) builder}.
		 * @return this builder
		 * @param clientConnector the connector, or {@code null} for the client's own
		 */
		public Builder clientConnector(@Nullable ClientHttpConnector clientConnector) {
			this.clientConnector = clientConnector;
			return this;
		}

		/**
		 * Where to record one observation per API call; defaults to no-op.
		 * @param observationRegistry where calls are observed
		 * @return this builder
		 */
		public Builder observationRegistry(ObservationRegistry observationRegistry) {
			this.observationRegistry = Objects.requireNonNull(observationRegistry,
					"observationRegistry must not be null");
			return this;
		}

		/**
		 * Where to record the client's {@linkplain TriggerClientMeters meters}: the
		 * rate-limit budget left, retries by cause, rate-limit waits and deadline
		 * expiries. None by default; {@code micrometer-core} is needed only when one is
		 * given.
		 * @return this builder
		 * @param meterRegistry where the client's meters are registered
		 */
		public Builder meterRegistry(MeterRegistry meterRegistry) {
			this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry must not be null");
			return this;
		}

		/**
		 * A convention replacing {@link DefaultTriggerRequestObservationConvention}.
		 * @param observationConvention the convention, or {@code null} for the default
		 * @return this builder
		 */
		public Builder observationConvention(@Nullable TriggerRequestObservationConvention observationConvention) {
			this.observationConvention = observationConvention;
			return this;
		}

		/**
		 * How failed calls are retried; defaults to
		 * {@link TriggerRetrySettings#defaults()}.
		 * @return this builder
		 * @param retry the retry settings
		 */
		public Builder retry(TriggerRetrySettings retry) {
			this.retry = Objects.requireNonNull(retry, "retry must not be null");
			return this;
		}

		/**
		 * The TCP connect timeout (default 10 s), from 1 ms to 1 hour. When set, and no
		 * {@linkplain #clientConnector(ClientHttpConnector) connector} is given,
		 * trigger4j installs its own Reactor Netty connector on the cloned builder;
		 * {@code null} keeps the builder's connector as it is. Ignored when a connector
		 * is given.
		 * @return this builder
		 * @param connectTimeout the connect timeout, or {@code null} to keep the
		 * connector's
		 */
		public Builder connectTimeout(@Nullable Duration connectTimeout) {
			if (connectTimeout != null && (connectTimeout.compareTo(MIN_CONNECT_TIMEOUT) < 0
					|| connectTimeout.compareTo(MAX_CONNECT_TIMEOUT) > 0)) {
				throw new IllegalArgumentException(
						"connectTimeout must be between 1 ms and 1 hour (PT0.001S to PT1H) but was " + connectTimeout);
			}
			this.connectTimeout = connectTimeout;
			return this;
		}

		/**
		 * How long one attempt may take, from taking a connection to its response
		 * (default 10 s); each retry gets a fresh wait, and the
		 * {@linkplain #deadline(Duration) deadline} bounds them all. Applied by the
		 * client's own timer, so with every connector.
		 * @return this builder
		 * @param responseTimeout how long one attempt waits for its response
		 */
		public Builder responseTimeout(Duration responseTimeout) {
			this.responseTimeout = Checks.requirePositive("responseTimeout", responseTimeout);
			return this;
		}

		/**
		 * How long a call may take in all (default 30 s): waiting for a connection,
		 * connecting, every attempt and every back-off between attempts.
		 * @param deadline how long one call may take in all
		 * @return this builder
		 */
		public Builder deadline(Duration deadline) {
			this.deadline = Checks.requirePositive("deadline", deadline);
			return this;
		}

		/**
		 * How long the calls running when the client is
		 * {@linkplain TriggerOperations#close() closed} may still take (default 10 s);
		 * those still running after it fail. Zero fails them at once.
		 * @return this builder
		 * @param shutdownGrace how long accepted calls may still run once the client is
		 * closed
		 */
		public Builder shutdownGrace(Duration shutdownGrace) {
			Objects.requireNonNull(shutdownGrace, "shutdownGrace must not be null");
			if (shutdownGrace.isNegative()) {
				throw new IllegalArgumentException("shutdownGrace must not be negative but was " + shutdownGrace);
			}
			this.shutdownGrace = shutdownGrace;
			return this;
		}

		/**
		 * The mapper for the application's own values: it writes payloads, metadata and
		 * context, and reads them back through {@link JsonValue} (a run's payload, output
		 * and metadata). The wire format of the API itself is trigger4j's own and does
		 * not change with it. Spring Boot passes the context's {@code JsonMapper}; the
		 * default leaves out {@code null}s and ignores unknown properties.
		 * @return this builder
		 * @param jsonMapper the application's mapper
		 */
		public Builder jsonMapper(JsonMapper jsonMapper) {
			this.jsonMapper = Objects.requireNonNull(jsonMapper, "jsonMapper must not be null");
			return this;
		}

		/**
		 * The clock used to compute rate-limit waits; for tests.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "clock must not be null");
			return this;
		}

		/**
		 * The scheduler of deadlines, back-offs and rate-limit waits; for tests in
		 * virtual time. Defaults to Reactor's parallel scheduler, looked up when a call
		 * is made.
		 * @return this builder
		 * @param scheduler the scheduler
		 */
		public Builder scheduler(Scheduler scheduler) {
			this.scheduler = Objects.requireNonNull(scheduler, "scheduler must not be null");
			return this;
		}

		/**
		 * Builds the operations.
		 * @return the operations, ready to use
		 * @throws IllegalStateException if neither a secret key nor an access token was
		 * set
		 */
		public TriggerOperations build() {
			Credentials credentials = new Credentials(this.secretKey, this.accessToken);
			if (credentials.isEmpty()) {
				throw new IllegalStateException("secretKey must be set (a Trigger.dev secret key such as tr_dev_...), "
						+ "or accessToken (a personal access token, tr_pat_...)");
			}
			WebClient.Builder builder = (this.webClientBuilder != null) ? this.webClientBuilder.clone()
					: WebClient.builder();
			ClientHttpConnector storageConnector = null;
			if (this.clientConnector != null) {
				builder.clientConnector(this.clientConnector);
				storageConnector = this.clientConnector;
			}
			else if (this.connectTimeout != null) {
				HttpClient httpClient = HttpClient.create()
					.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) this.connectTimeout.toMillis());
				builder.clientConnector(new ReactorClientHttpConnector(httpClient));
				storageConnector = new ReactorClientHttpConnector(httpClient);
			}
			String branch = this.branch;
			WebClient webClient = builder.defaultHeaders((headers) -> TriggerHttp.defaultHeaders(headers, branch))
				.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(TriggerHttp.MAX_RESPONSE_BYTES))
				.build();
			RequestOptions defaults = RequestOptions.builder()
				.responseTimeout(this.responseTimeout)
				.deadline(this.deadline)
				.retry(this.retry)
				.build();
			// WebClient's own observation records the concrete URL: not for a URI that
			// holds a secret.
			WebClient unobservedWebClient = webClient.mutate().observationRegistry(ObservationRegistry.NOOP).build();
			TriggerEnvironmentType environmentType = (this.secretKey != null)
					? TriggerEnvironmentType.of(this.secretKey) : TriggerEnvironmentType.UNKNOWN;
			// Micrometer's core is loaded only when a registry was given.
			ClientSignals meters = (this.meterRegistry != null)
					? new MicrometerClientSignals(this.meterRegistry, environmentType) : ClientSignals.NONE;
			Scheduler scheduler = this.scheduler;
			TrackingClientSignals signals = new TrackingClientSignals(meters, this.shutdownGrace,
					() -> (scheduler != null) ? scheduler : Schedulers.parallel());
			TriggerHttp http = new TriggerHttp(new TriggerHttp.Shared(webClient, unobservedWebClient, this.baseUrl,
					credentials, new WireJson(this.jsonMapper), defaults, this.clock, this.scheduler,
					this.observationRegistry, this.observationConvention,
					// Presigned storage URLs: never the application's WebClient
					// (its default headers, filters, observation).
					TriggerHttp.Shared.storageWebClient(storageConnector), new TriggerHttp.ClientState(signals)));
			return new DefaultTriggerOperations(http, environmentType, signals);
		}

		@Override
		public String toString() {
			return "TriggerClient.Builder[baseUrl=" + this.baseUrl + ", secretKey=" + Secrets.mask(this.secretKey)
					+ ", accessToken=" + Secrets.mask(this.accessToken) + "]";
		}

	}

}
