package io.trigger4j.client;

import java.net.ConnectException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.netty.channel.ConnectTimeoutException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;

/**
 * Sends {@link ApiCall}s: adds the headers every request carries, applies the per-attempt
 * response timeout, maps responses and failures to values or {@link TriggerException}s,
 * retries with {@link RetryStrategy}, and wraps each logical call in one observation.
 */
final class TriggerHttp {

	/** The API version whose status names trigger4j expects (the current names). */
	static final String API_VERSION = "2025-07-16";

	private static final byte[] EMPTY = new byte[0];

	private final WebClient webClient;

	private final String authorization;

	private final @Nullable String branch;

	private final String userAgent;

	private final Duration responseTimeout;

	private final RetryStrategy retryStrategy;

	private final ObservationRegistry observationRegistry;

	private final @Nullable TriggerRequestObservationConvention observationConvention;

	TriggerHttp(WebClient webClient, String secretKey, @Nullable String branch, Duration responseTimeout,
			TriggerRetrySettings retry, Clock clock, ObservationRegistry observationRegistry,
			@Nullable TriggerRequestObservationConvention observationConvention) {
		this(webClient, "Bearer " + secretKey, branch, responseTimeout, new RetryStrategy(retry, clock),
				observationRegistry, observationConvention);
	}

	private TriggerHttp(WebClient webClient, String authorization, @Nullable String branch, Duration responseTimeout,
			RetryStrategy retryStrategy, ObservationRegistry observationRegistry,
			@Nullable TriggerRequestObservationConvention observationConvention) {
		this.webClient = webClient;
		this.authorization = authorization;
		this.branch = branch;
		this.userAgent = "trigger4j/" + Trigger4jVersion.get() + " (Java " + System.getProperty("java.version") + ")";
		this.responseTimeout = responseTimeout;
		this.retryStrategy = retryStrategy;
		this.observationRegistry = observationRegistry;
		this.observationConvention = observationConvention;
	}

	/** The same transport (connection, key, observations) with other retry settings. */
	TriggerHttp withRetry(TriggerRetrySettings retry) {
		return new TriggerHttp(this.webClient, this.authorization, this.branch, this.responseTimeout,
				this.retryStrategy.withSettings(retry), this.observationRegistry, this.observationConvention);
	}

	/**
	 * A cold publisher: each subscription is one logical call, with its own request
	 * idempotency key.
	 */
	<T> Mono<T> execute(ApiCall<T> call) {
		return Mono.defer(() -> {
			TriggerRequestObservationContext context = new TriggerRequestObservationContext(call.operation(),
					call.method().name());
			Observation observation = TriggerClientObservationDocumentation.REQUEST.observation(
					this.observationConvention, DefaultTriggerRequestObservationConvention.INSTANCE, () -> context,
					this.observationRegistry);
			String requestKey = UUID.randomUUID().toString();
			Mono<T> attempts = Mono.defer(() -> attempt(call, requestKey, context))
				.retryWhen(this.retryStrategy.forCall(call));
			observation.start();
			return attempts.doOnError(observation::error)
				.doOnTerminate(observation::stop)
				.doOnCancel(observation::stop)
				.contextWrite((reactorContext) -> reactorContext.put(ObservationThreadLocalAccessor.KEY, observation));
		});
	}

	private <T> Mono<T> attempt(ApiCall<T> call, String requestKey, TriggerRequestObservationContext context) {
		WebClient.RequestBodySpec request = this.webClient.method(call.method())
			.uri(call.uriTemplate(), call.uriVariables())
			.headers((headers) -> headers(headers, call, requestKey));
		WebClient.RequestHeadersSpec<?> spec = (call.body() != null)
				? request.contentType(MediaType.APPLICATION_JSON).bodyValue(call.body()) : request;
		return spec.exchangeToMono((response) -> read(call, response, context))
			.timeout(this.responseTimeout)
			.onErrorMap((failure) -> !(failure instanceof TriggerException),
					(failure) -> transportFailure(call, failure));
	}

	private void headers(HttpHeaders headers, ApiCall<?> call, String requestKey) {
		headers.set(HttpHeaders.AUTHORIZATION, this.authorization);
		headers.setAccept(java.util.List.of(MediaType.APPLICATION_JSON));
		headers.set(HttpHeaders.USER_AGENT, this.userAgent);
		headers.set("x-trigger-api-version", API_VERSION);
		if (this.branch != null) {
			headers.set("x-trigger-branch", this.branch);
		}
		if (!HttpMethod.GET.equals(call.method())) {
			// Lets the server answer a repeated attempt with the first attempt's result.
			headers.set("x-trigger-request-idempotency-key", requestKey);
			if (call.body() == null) {
				// The server answers 413 to a body-carrying method without
				// Content-Length.
				headers.setContentLength(0);
			}
		}
		call.headers().forEach(headers::set);
	}

	private <T> Mono<T> read(ApiCall<T> call, ClientResponse response, TriggerRequestObservationContext context) {
		int status = response.statusCode().value();
		context.setStatusCode(status);
		HttpHeaders headers = response.headers().asHttpHeaders();
		return response.bodyToMono(byte[].class).defaultIfEmpty(EMPTY).map((body) -> {
			if (status >= 200 && status < 300) {
				return call.reader().read(body, headers);
			}
			throw ErrorResponses.exception(call.operation(), status, headers, body);
		});
	}

	private TriggerException transportFailure(ApiCall<?> call, Throwable failure) {
		if (failure instanceof TimeoutException) {
			return new TriggerTimeoutException(call.operation(), this.responseTimeout, failure);
		}
		Throwable cause = (failure instanceof WebClientRequestException requestFailure
				&& requestFailure.getCause() != null) ? requestFailure.getCause() : failure;
		boolean connectFailure = cause instanceof ConnectException || cause instanceof ConnectTimeoutException;
		String what = connectFailure ? "could not connect to the Trigger.dev API" : "the connection failed";
		return new TriggerTransportException(call.operation(), what + " (" + cause.getClass().getSimpleName() + ")",
				connectFailure, failure);
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
