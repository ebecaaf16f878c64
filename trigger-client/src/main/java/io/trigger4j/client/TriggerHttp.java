package io.trigger4j.client;

import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.function.BiFunction;

import javax.net.ssl.SSLHandshakeException;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import io.trigger4j.client.error.TriggerApiException;
import io.trigger4j.client.error.TriggerDecodingException;
import io.trigger4j.client.error.TriggerException;
import io.trigger4j.client.error.TriggerTimeoutException;
import io.trigger4j.client.error.TriggerTransportException;
import io.trigger4j.client.internal.Checks;
import io.trigger4j.client.observation.DefaultTriggerRequestObservationConvention;
import io.trigger4j.client.observation.TriggerClientObservationDocumentation;
import io.trigger4j.client.observation.TriggerRequestObservationContext;
import io.trigger4j.client.observation.TriggerRequestObservationConvention;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientException;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClientRequest;

/**
 * Sends {@link ApiCall}s: adds what differs per call (the credential the operation takes,
 * the request idempotency key, extra headers) to the headers every request carries (set
 * once on the {@link WebClient} as its default headers), bounds each attempt with the
 * connector's per-request response timeout and with what is left of the call's deadline
 * (time spent waiting for rate-limit resets not counted), maps responses and failures to
 * values or {@link TriggerException}s, retries with {@link RetryStrategy}, and wraps each
 * logical call in one observation. No failure it signals holds the request: the
 * credential is masked in echoed answers, and WebClient's exceptions (which carry the
 * request's headers) are never chained as causes.
 *
 * <p>
 * An instance holds one view's settings; {@link #withOptions(RequestOptions)} derives
 * another view on the same connection.
 */
final class TriggerHttp {

	/** The API version whose status names trigger4j expects (the current names). */
	static final String API_VERSION = "2025-07-16";

	/**
	 * The largest answer read (a run's trace or a query's rows can be large); a larger
	 * successful one fails with a {@link TriggerDecodingException} and is not retried, a
	 * larger error answer is its status's {@link TriggerApiException} with
	 * {@link #TOO_LARGE_BODY} as its body.
	 */
	static final int MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

	/** The body an error answer larger than {@link #MAX_RESPONSE_BYTES} is given. */
	static final String TOO_LARGE_BODY = "(answer larger than " + (MAX_RESPONSE_BYTES >> 20) + " MiB)";

	private static final byte[] TOO_LARGE_BODY_BYTES = TOO_LARGE_BODY.getBytes(StandardCharsets.UTF_8);

	/** WebClient's attribute for the URI template, which its own observations report. */
	private static final String URI_TEMPLATE_ATTRIBUTE = WebClient.class.getName() + ".uriTemplate";

	private static final byte[] EMPTY = new byte[0];

	private static final ParameterizedTypeReference<ServerSentEvent<String>> SERVER_SENT_EVENTS = new ParameterizedTypeReference<>() {
	};

	private final Shared shared;

	private final RequestOptions options;

	private final Duration responseTimeout;

	private final Duration deadline;

	private final RetryStrategy retryStrategy;

	private final RateLimitGate gate;

	/**
	 * What every view of one client shares.
	 *
	 * @param webClient the connection
	 * @param unobservedWebClient the same connection without WebClient's own observation,
	 * for calls whose URI holds a secret (that observation records the concrete URL as
	 * {@code http.url})
	 */
	record Shared(WebClient webClient, WebClient unobservedWebClient, String baseUrl, Credentials credentials,
			WireJson json, RequestOptions defaults, Clock clock, @Nullable Scheduler scheduler,
			ObservationRegistry observationRegistry,
			@Nullable TriggerRequestObservationConvention observationConvention, WebClient storageWebClient,
			ClientState state) {

		/**
		 * Without a storage client of its own: presigned URLs go through a plain
		 * WebClient (no default headers, filters or observation).
		 */
		Shared(WebClient webClient, WebClient unobservedWebClient, String baseUrl, Credentials credentials,
				WireJson json, RequestOptions defaults, Clock clock, @Nullable Scheduler scheduler,
				ObservationRegistry observationRegistry,
				@Nullable TriggerRequestObservationConvention observationConvention) {
			this(webClient, unobservedWebClient, baseUrl, credentials, json, defaults, clock, scheduler,
					observationRegistry, observationConvention, storageWebClient(null), new ClientState());
		}

		/**
		 * A WebClient for presigned object-storage URLs: a connector of its own, none of
		 * the application's default headers, filters or observation.
		 * @param connector the connector, or {@code null} for Reactor Netty's default
		 */
		static WebClient storageWebClient(@Nullable ClientHttpConnector connector) {
			WebClient.Builder builder = WebClient.builder();
			if (connector != null) {
				builder.clientConnector(connector);
			}
			return builder.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(MAX_RESPONSE_BYTES)).build();
		}
	}

	/**
	 * State kept once per client and shared by all its views (such as the claims a public
	 * access token is signed with), one value per type.
	 */
	static final class ClientState {

		private final Map<Class<?>, Object> values = new ConcurrentHashMap<>();

		private final ClientSignals signals;

		ClientState() {
			this(ClientSignals.NONE);
		}

		ClientState(ClientSignals signals) {
			this.signals = signals;
		}

		/** Where the client's calls are reported, for meters and shutdown. */
		ClientSignals signals() {
			return this.signals;
		}

		<T> T get(Class<T> type, Supplier<T> initial) {
			return type.cast(this.values.computeIfAbsent(type, (key) -> initial.get()));
		}

	}

	/**
	 * @param shared the connection, credentials and observations
	 * @param defaults the client's settings: response timeout, retry and deadline are set
	 */
	TriggerHttp(Shared shared) {
		this(shared, shared.defaults());
	}

	private TriggerHttp(Shared shared, RequestOptions options) {
		this.shared = shared;
		this.options = options;
		this.responseTimeout = required(options.responseTimeout());
		this.deadline = required(options.deadline());
		this.retryStrategy = new RetryStrategy(required(options.retry()), shared.clock(), shared.scheduler());
		this.gate = shared.state()
			.get(RateLimitGate.class,
					() -> new RateLimitGate(shared.clock(), shared.scheduler(), shared.state().signals()));
	}

	private static <T> T required(@Nullable T value) {
		if (value == null) {
			throw new IllegalStateException("The client's defaults must set every option");
		}
		return value;
	}

	/** The headers every request carries, set once as the WebClient's default headers. */
	static void defaultHeaders(HttpHeaders headers, @Nullable String branch) {
		headers.setAccept(List.of(MediaType.APPLICATION_JSON));
		headers.set(HttpHeaders.USER_AGENT,
				"trigger4j/" + Trigger4jVersion.get() + " (Java " + System.getProperty("java.version") + ")");
		headers.set("x-trigger-api-version", API_VERSION);
		if (branch != null) {
			headers.set("x-trigger-branch", branch);
		}
	}

	/**
	 * The same connection, credentials and observations with these options laid over this
	 * view's.
	 */
	TriggerHttp withOptions(RequestOptions options) {
		return new TriggerHttp(this.shared, this.options.with(options));
	}

	/** The client's JSON: the wire mapper and the application's mapper. */
	WireJson json() {
		return this.shared.json();
	}

	String baseUrl() {
		return this.shared.baseUrl();
	}

	/** The client's clock, for checks against the current time. */
	Clock clock() {
		return this.shared.clock();
	}

	/**
	 * The {@code Authorization} header this view sends on an operation, or {@code null}
	 * for none.
	 * @throws IllegalArgumentException if the operation does not accept the credential
	 * the options name
	 * @throws IllegalStateException if the credential it needs is not configured
	 */
	@Nullable String authorization(Operation operation) {
		return this.shared.credentials()
			.authorization(operation, this.options.credential(), this.options.publicAccessToken());
	}

	/**
	 * Requests to presigned object-storage URLs with this view's response timeout,
	 * deadline and retry settings, never with the client's credentials or headers.
	 */
	StorageHttp storage() {
		return new StorageHttp(this.shared.storageWebClient(), this.responseTimeout, this.deadline,
				required(this.options.retry()), this.shared.scheduler());
	}

	/** The client's value of a type, made once by {@code initial}, for every view. */
	<T> T perClient(Class<T> type, Supplier<T> initial) {
		return this.shared.state().get(type, initial);
	}

	/** This view's deadline of one call. */
	Duration deadline() {
		return this.deadline;
	}

	/** The credential this view's options name, or {@code null} for the default. */
	@Nullable Credential credential() {
		return this.options.credential();
	}

	/**
	 * A cold publisher: each subscription is one logical call, with its own request
	 * idempotency key. The credential is chosen and the body written now, so a missing
	 * credential or a body that cannot be written fails before anything is sent. Each
	 * attempt passes the client's {@link RateLimitGate} (time queued there counts against
	 * the maximum rate-limit wait, not the deadline); the whole call, waits and retries
	 * included, is reported to the client's {@link ClientSignals}.
	 */
	<T> Mono<T> execute(ApiCall<T> call) {
		String authorization = this.shared.credentials()
			.authorization(call.operation(), this.options.credential(), this.options.publicAccessToken());
		byte[] body = (call.body() instanceof ApiCall.RawBody raw) ? raw.bytes()
				: (call.body() != null) ? json().write(call.body()) : null;
		URI uri = call.uri(baseUrl());
		Operation operation = call.operation();
		ClientSignals signals = this.shared.state().signals();
		return signals.call(operation, Mono.defer(() -> {
			TriggerRequestObservationContext context = new TriggerRequestObservationContext(call.name(),
					call.operation().method().name());
			String requestKey = (call.requestKey() != null) ? call.requestKey() : UUID.randomUUID().toString();
			DeadlineTimer timer = DeadlineTimer.of(this.shared.scheduler());
			RetryStrategy.Budget budget = this.retryStrategy.begin(call, this.deadline, signals);
			// Each attempt is bounded by what is left of the deadline; waits for a
			// rate-limit reset, queued at the gate or after a 429, are not counted
			// (maxRateLimitWait bounds them).
			Mono<T> oneAttempt = Mono.defer(() -> {
				long maxWait = budget.rateLimitWaitLeft();
				if (this.gate.tryAdmit(maxWait)) {
					return send(call, uri, authorization, body, requestKey, context, budget, timer);
				}
				return this.gate.admit(maxWait).flatMap((waited) -> {
					if (waited > 0) {
						budget.queued(waited);
						signals.rateLimitWaited(operation, Duration.ofMillis(waited));
					}
					return send(call, uri, authorization, body, requestKey, context, budget, timer);
				});
			});
			// The retry machinery is set up only once an attempt has failed: the first
			// failure is handed to it as if it had just happened.
			Mono<T> logicalCall = oneAttempt.onErrorResume((first) -> {
				AtomicBoolean replayed = new AtomicBoolean();
				return Mono.defer(() -> replayed.compareAndSet(false, true) ? Mono.<T>error(first) : oneAttempt)
					.retryWhen(budget.retry());
			}).onErrorMap((failure) -> finalFailure(call, authorization, failure, budget, signals));
			ObservationRegistry registry = this.shared.observationRegistry();
			if (registry.isNoop()) {
				return logicalCall;
			}
			Observation observation = TriggerClientObservationDocumentation.REQUEST.observation(
					this.shared.observationConvention(), DefaultTriggerRequestObservationConvention.INSTANCE,
					() -> context, registry);
			observation.start();
			return logicalCall.doOnError(observation::error)
				.doOnTerminate(observation::stop)
				.doOnCancel(observation::stop)
				.contextWrite((reactorContext) -> reactorContext.put(ObservationThreadLocalAccessor.KEY, observation));
		}));
	}

	/**
	 * One attempt, admitted by the gate: sent, bounded by what is left of the deadline.
	 */
	private <T> Mono<T> send(ApiCall<T> call, URI uri, @Nullable String authorization, byte @Nullable [] body,
			String requestKey, TriggerRequestObservationContext context, RetryStrategy.Budget budget,
			DeadlineTimer timer) {
		budget.attempted();
		AtomicBoolean sent = new AtomicBoolean();
		Mono<T> attempt = attempt(call, uri, authorization, body, requestKey, context, sent);
		Duration remaining = budget.remaining();
		// One timer per attempt, whatever the connector: the response timeout (from the
		// attempt's start, the wait for a connection included) unless the deadline comes
		// first. A request not yet on its way when it passes was certainly not sent.
		Mono<T> bounded = (this.responseTimeout.compareTo(remaining) < 0)
				? Deadline.of(attempt, this.responseTimeout, timer,
						() -> sent.get() ? new TriggerTimeoutException(call.name(), this.responseTimeout, null)
								: new TriggerTransportException(call.name(),
										"no connection to the Trigger.dev API within the response timeout of "
												+ this.responseTimeout,
										true, null))
				: Deadline.of(attempt, remaining, timer);
		return bounded.doFinally((signal) -> this.gate.done());
	}

	/**
	 * The scheduler of deadlines, back-offs and waits: the client's, else Reactor's
	 * parallel one now. For operations that wait between calls (realtime feeds, polling).
	 */
	Scheduler scheduler() {
		return timer();
	}

	/** This view's retry strategy, for operations that retry around single calls. */
	RetryStrategy retryStrategy() {
		return this.retryStrategy;
	}

	/** This view's retry settings. */
	TriggerRetrySettings retrySettings() {
		return required(this.options.retry());
	}

	/**
	 * One streamed GET whose answer is read as server-sent events as they arrive (a
	 * realtime data stream). One attempt: no retry and no deadline, as a stream lasts as
	 * long as the server writes; the caller bounds and repeats it. The connector's
	 * response timeout is {@code idleTimeout}, the longest silence between two reads. An
	 * error status becomes its {@link TriggerApiException}, a transport failure a
	 * {@link TriggerTransportException}. Not observed: a stream is not a request with a
	 * duration worth recording.
	 * @param events makes the result from the answer's headers and its events
	 */
	<T> Flux<T> stream(ApiCall<?> call, Duration idleTimeout,
			BiFunction<HttpHeaders, Flux<ServerSentEvent<String>>, Flux<T>> events) {
		String authorization = this.shared.credentials()
			.authorization(call.operation(), this.options.credential(), this.options.publicAccessToken());
		URI uri = call.uri(baseUrl());
		return this.shared.state().signals().call(call.operation(), Flux.defer(() -> {
			WebClient webClient = call.hasSecretPath() ? this.shared.unobservedWebClient() : this.shared.webClient();
			return webClient.method(call.operation().method())
				.uri(uri)
				.attribute(URI_TEMPLATE_ATTRIBUTE, call.operation().pathTemplate())
				.headers((headers) -> headers(headers, call, authorization, null, ""))
				.httpRequest((httpRequest) -> {
					if (httpRequest.getNativeRequest() instanceof HttpClientRequest nettyRequest) {
						nettyRequest.responseTimeout(idleTimeout);
					}
				})
				.exchangeToFlux((response) -> {
					int status = response.statusCode().value();
					HttpHeaders headers = response.headers().asHttpHeaders();
					this.gate.observe(status, headers);
					if (status >= 200 && status < 300) {
						return events.apply(headers, response.bodyToFlux(SERVER_SENT_EVENTS));
					}
					return response.bodyToMono(byte[].class)
						.onErrorResume(DataBufferLimitException.class, (tooLarge) -> Mono.just(TOO_LARGE_BODY_BYTES))
						.defaultIfEmpty(EMPTY)
						.flatMapMany((body) -> Flux.error(apiFailure(call, authorization, status, headers, body)));
				})
				.onErrorMap((failure) -> !(failure instanceof TriggerException),
						(failure) -> transportFailure(call, authorization, failure));
		}));
	}

	/**
	 * The scheduler of the deadline: the client's, else Reactor's parallel one at call
	 * time.
	 */
	private Scheduler timer() {
		Scheduler scheduler = this.shared.scheduler();
		return (scheduler != null) ? scheduler : Schedulers.parallel();
	}

	private <T> Mono<T> attempt(ApiCall<T> call, URI uri, @Nullable String authorization, byte @Nullable [] body,
			String requestKey, TriggerRequestObservationContext context, AtomicBoolean sent) {
		Operation operation = call.operation();
		// A secret in the URI (a callback hash) must not reach WebClient's observation.
		WebClient webClient = call.hasSecretPath() ? this.shared.unobservedWebClient() : this.shared.webClient();
		WebClient.RequestBodySpec request = webClient.method(operation.method())
			.uri(uri)
			.attribute(URI_TEMPLATE_ATTRIBUTE, operation.pathTemplate())
			.headers((headers) -> headers(headers, call, authorization, body, requestKey))
			// called once a connection is had and the request is about to be written
			.httpRequest((httpRequest) -> sent.set(true));
		MediaType contentType = (call.body() instanceof ApiCall.RawBody raw) ? raw.contentType()
				: MediaType.APPLICATION_JSON;
		WebClient.RequestHeadersSpec<?> spec = (body != null) ? request.contentType(contentType).bodyValue(body)
				: request;
		return spec.exchangeToMono((response) -> read(call, authorization, response, context))
			.onErrorMap((failure) -> !(failure instanceof TriggerException),
					(failure) -> transportFailure(call, authorization, failure));
	}

	private void headers(HttpHeaders headers, ApiCall<?> call, @Nullable String authorization, byte @Nullable [] body,
			String requestKey) {
		if (authorization != null) {
			headers.set(HttpHeaders.AUTHORIZATION, authorization);
		}
		if (!HttpMethod.GET.equals(call.operation().method())) {
			// Lets the server answer a repeated attempt with the first attempt's result.
			headers.set("x-trigger-request-idempotency-key", requestKey);
			if (body == null) {
				// The server answers 413 to a body-carrying method without
				// Content-Length.
				headers.setContentLength(0);
			}
		}
		this.options.headers().forEach(headers::set);
		call.headers().forEach(headers::set);
	}

	private <T> Mono<T> read(ApiCall<T> call, @Nullable String authorization, ClientResponse response,
			TriggerRequestObservationContext context) {
		int status = response.statusCode().value();
		context.setStatusCode(status);
		HttpHeaders headers = response.headers().asHttpHeaders();
		this.gate.observe(status, headers);
		boolean success = status >= 200 && status < 300;
		return response.bodyToMono(byte[].class)
			// Too large: an error answer still becomes its status's exception (a 5xx
			// stays retryable), a successful one cannot be read.
			.onErrorResume(DataBufferLimitException.class,
					(tooLarge) -> success ? Mono.error(tooLarge(call, authorization, status, tooLarge))
							: Mono.just(TOO_LARGE_BODY_BYTES))
			.defaultIfEmpty(EMPTY)
			.map((body) -> {
				if (success) {
					return call.reader().read(json(), body, headers);
				}
				throw apiFailure(call, authorization, status, headers, body);
			});
	}

	private static TriggerDecodingException tooLarge(ApiCall<?> call, @Nullable String authorization, int status,
			DataBufferLimitException failure) {
		return new TriggerDecodingException(call.name() + " failed: the answer (status " + status + ") is larger than "
				+ (MAX_RESPONSE_BYTES >> 20) + " MiB", reportable(call, authorization, failure));
	}

	/**
	 * The exception of an error answer, with this call's credential masked wherever the
	 * answer echoes it (a proxy's error page may show the request's headers);
	 * {@link TriggerApiException} masks whatever else looks like a credential.
	 */
	private static TriggerApiException apiFailure(ApiCall<?> call, @Nullable String authorization, int status,
			HttpHeaders headers, byte[] body) {
		Map<String, List<String>> map = new LinkedHashMap<>();
		headers.forEach((name, values) -> map.put(name,
				values.stream().map((value) -> maskCredential(value, authorization)).toList()));
		return TriggerApiException.of(call.name(), status, map,
				maskCredential(new String(body, StandardCharsets.UTF_8), authorization));
	}

	/**
	 * The text with the credential of an {@code Authorization} header (the header's value
	 * after its scheme) replaced by {@code ******}.
	 */
	static @Nullable String maskCredential(@Nullable String text, @Nullable String authorization) {
		if (text == null || authorization == null || authorization.isEmpty()) {
			return text;
		}
		int space = authorization.indexOf(' ');
		String credential = (space >= 0) ? authorization.substring(space + 1).strip() : authorization;
		return credential.isEmpty() ? text : text.replace(credential, "******");
	}

	private TriggerException transportFailure(ApiCall<?> call, @Nullable String authorization, Throwable failure) {
		NotSent notSent = notSent(failure);
		Throwable cause = (failure instanceof WebClientRequestException requestFailure
				&& requestFailure.getCause() != null) ? requestFailure.getCause() : failure;
		Throwable reportable = reportable(call, authorization, failure);
		if (notSent == null && (cause instanceof ReadTimeoutException || cause instanceof TimeoutException)) {
			return new TriggerTimeoutException(call.name(), this.responseTimeout, reportable);
		}
		String what = (notSent != null) ? notSent.what() : "the connection failed";
		Throwable named = (notSent != null) ? notSent.cause() : cause;
		return new TriggerTransportException(call.name(), what + " (" + named.getClass().getSimpleName() + ")",
				notSent != null, reportable);
	}

	/**
	 * A failure before any byte of the request can have been written, found in a cause
	 * chain: what happened, and the cause that shows it.
	 */
	record NotSent(String what, Throwable cause) {
	}

	/**
	 * Whether the request certainly never left the client: no connection could be had
	 * from the pool (too many calls waiting, or none freed in time), the host did not
	 * resolve, the connection was refused or not made in time, or its TLS handshake
	 * failed. Anything else (a reset, a premature close, a read timeout) may come after
	 * the server received the request.
	 */
	static @Nullable NotSent notSent(Throwable failure) {
		int depth = 0;
		for (Throwable cause = failure; cause != null && depth < 32; cause = cause.getCause(), depth++) {
			String name = cause.getClass().getSimpleName();
			if (name.equals("PoolAcquirePendingLimitException") || name.equals("PoolAcquireTimeoutException")) {
				return new NotSent("no connection to the Trigger.dev API was free in the pool", cause);
			}
			if (cause instanceof UnknownHostException) {
				return new NotSent("the name of the Trigger.dev API did not resolve", cause);
			}
			if (cause instanceof ConnectException || cause instanceof ConnectTimeoutException) {
				return new NotSent("could not connect to the Trigger.dev API", cause);
			}
			if (cause instanceof SSLHandshakeException) {
				return new NotSent("the TLS handshake with the Trigger.dev API failed", cause);
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return null;
	}

	/**
	 * The failure to chain as a cause, which must not hold the request: WebClient's
	 * {@link WebClientRequestException} carries its headers ({@code Authorization}
	 * included) and URI, and its checkpoint ({@code Request to POST <url>}) rides on it
	 * as a suppressed exception. So never WebClient's exception: its root cause when that
	 * is safe to keep as it is (no cause, no suppressed exceptions, a message without the
	 * credential, a call whose URI holds no secret), else a {@link RedactedFailure}
	 * naming the root cause's type with its message masked and its stack trace, and no
	 * cause or suppressed exceptions.
	 */
	static Throwable reportable(ApiCall<?> call, @Nullable String authorization, Throwable failure) {
		Throwable root = failure;
		int depth = 0;
		while (root.getCause() != null && root.getCause() != root && depth++ < 32) {
			root = root.getCause();
		}
		String original = root.getMessage();
		String message = maskCredential(call.redact(original), authorization);
		if (!call.hasSecretPath() && root.getCause() == null && root.getSuppressed().length == 0
				&& !(root instanceof WebClientException) && Objects.equals(message, original)) {
			return root;
		}
		RedactedFailure redacted = new RedactedFailure(
				root.getClass().getName() + ((message != null) ? ": " + message : ""));
		redacted.setStackTrace(root.getStackTrace());
		return redacted;
	}

	/**
	 * Stands for a failure that cannot be chained as it is because it may hold the
	 * request or a secret: its message is the original's type and masked message.
	 */
	static final class RedactedFailure extends RuntimeException {

		private static final long serialVersionUID = 1L;

		RedactedFailure(String message) {
			super(message, null, false, true);
		}

	}

	/**
	 * The failure the caller sees: a passed deadline becomes a timeout, and a transport
	 * failure, or an error answer after retries or rate-limit waits, says how many
	 * attempts were made over how long (and how much of it waiting for the rate limit).
	 */
	private Throwable finalFailure(ApiCall<?> call, @Nullable String authorization, Throwable failure,
			RetryStrategy.Budget budget, ClientSignals signals) {
		int attempts = budget.attempts();
		long waited = budget.rateLimitWaited().toMillis();
		String tried = " (" + attempts + ((attempts == 1) ? " attempt" : " attempts") + " in "
				+ seconds(budget.elapsed().toMillis()) + " s"
				+ ((waited > 0) ? ", " + seconds(waited) + " s of it waiting for the rate limit" : "") + ")";
		if (failure instanceof TimeoutException) {
			signals.deadlineExpired(call.operation());
			return new TriggerTimeoutException(call.name(), "no answer within the deadline of " + this.deadline + tried,
					this.deadline, reportable(call, authorization, failure));
		}
		if (failure instanceof TriggerTimeoutException timeout) {
			return new TriggerTimeoutException(call.name(), timeout.reason() + tried, timeout.timeout(),
					timeout.getCause());
		}
		if (failure instanceof TriggerTransportException transport) {
			return new TriggerTransportException(call.name(), transport.reason() + tried, transport.isConnectFailure(),
					transport.getCause());
		}
		if (failure instanceof TriggerApiException api && (attempts > 1 || waited > 0)) {
			return api.withAttempts(attempts, budget.elapsed(), budget.rateLimitWaited());
		}
		return failure;
	}

	private static String seconds(long millis) {
		return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
	}

	static URI normalizeBaseUrl(String baseUrl) {
		String text = Checks.requireText("baseUrl", baseUrl).strip();
		while (text.endsWith("/")) {
			text = text.substring(0, text.length() - 1);
		}
		URI uri;
		try {
			uri = URI.create(text);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL but was '" + baseUrl + "'", ex);
		}
		if (uri.getHost() == null
				|| !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
			throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL but was '" + baseUrl + "'");
		}
		if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
			throw new IllegalArgumentException("baseUrl must not carry user info, a query or a fragment but was '"
					+ uri.getScheme() + "://" + uri.getHost() + "...'");
		}
		return uri;
	}

}
