package io.trigger4j.client;

import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.netty.channel.ConnectTimeoutException;
import io.trigger4j.client.error.TriggerApiException;
import io.trigger4j.client.error.TriggerException;
import io.trigger4j.client.error.TriggerTimeoutException;
import io.trigger4j.client.error.TriggerTransportException;
import io.trigger4j.client.internal.Checks;
import io.trigger4j.client.observation.DefaultTriggerRequestObservationConvention;
import io.trigger4j.client.observation.TriggerClientObservationDocumentation;
import io.trigger4j.client.observation.TriggerRequestObservationContext;
import io.trigger4j.client.observation.TriggerRequestObservationConvention;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Sends {@link ApiCall}s: adds what differs per call to the headers every request carries
 * (set once on the {@link WebClient} as its default headers), applies the per-attempt
 * response timeout, maps responses and failures to values or {@link TriggerException}s,
 * retries with {@link RetryStrategy}, and wraps each logical call in one observation.
 */
final class TriggerHttp {

	/** The API version whose status names trigger4j expects (the current names). */
	static final String API_VERSION = "2025-07-16";

	/** WebClient's attribute for the URI template, which its own observations report. */
	private static final String URI_TEMPLATE_ATTRIBUTE = WebClient.class.getName() + ".uriTemplate";

	private static final byte[] EMPTY = new byte[0];

	private final WebClient webClient;

	private final String baseUrl;

	private final String authorization;

	private final WireJson json;

	private final Duration responseTimeout;

	private final RetryStrategy retryStrategy;

	private final ObservationRegistry observationRegistry;

	private final @Nullable TriggerRequestObservationConvention observationConvention;

	TriggerHttp(WebClient webClient, String baseUrl, String secretKey, WireJson json, Duration responseTimeout,
			TriggerRetrySettings retry, Clock clock, ObservationRegistry observationRegistry,
			@Nullable TriggerRequestObservationConvention observationConvention) {
		this(webClient, baseUrl, "Bearer " + secretKey, json, responseTimeout, new RetryStrategy(retry, clock),
				observationRegistry, observationConvention);
	}

	private TriggerHttp(WebClient webClient, String baseUrl, String authorization, WireJson json,
			Duration responseTimeout, RetryStrategy retryStrategy, ObservationRegistry observationRegistry,
			@Nullable TriggerRequestObservationConvention observationConvention) {
		this.webClient = webClient;
		this.baseUrl = baseUrl;
		this.authorization = authorization;
		this.json = json;
		this.responseTimeout = responseTimeout;
		this.retryStrategy = retryStrategy;
		this.observationRegistry = observationRegistry;
		this.observationConvention = observationConvention;
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

	/** The same transport (connection, key, observations) with other retry settings. */
	TriggerHttp withRetry(TriggerRetrySettings retry) {
		return new TriggerHttp(this.webClient, this.baseUrl, this.authorization, this.json, this.responseTimeout,
				this.retryStrategy.withSettings(retry), this.observationRegistry, this.observationConvention);
	}

	/** The client's JSON: the wire mapper and the application's mapper. */
	WireJson json() {
		return this.json;
	}

	/**
	 * A cold publisher: each subscription is one logical call, with its own request
	 * idempotency key. The body is written now, so a body that cannot be written fails
	 * before anything is sent.
	 */
	<T> Mono<T> execute(ApiCall<T> call) {
		byte[] body = (call.body() != null) ? this.json.write(call.body()) : null;
		URI uri = call.uri(this.baseUrl);
		Retry retry = this.retryStrategy.forCall(call);
		return Mono.defer(() -> {
			TriggerRequestObservationContext context = new TriggerRequestObservationContext(call.name(),
					call.operation().method().name());
			Observation observation = TriggerClientObservationDocumentation.REQUEST.observation(
					this.observationConvention, DefaultTriggerRequestObservationConvention.INSTANCE, () -> context,
					this.observationRegistry);
			String requestKey = UUID.randomUUID().toString();
			Mono<T> attempts = Mono.defer(() -> attempt(call, uri, body, requestKey, context)).retryWhen(retry);
			observation.start();
			return attempts.doOnError(observation::error)
				.doOnTerminate(observation::stop)
				.doOnCancel(observation::stop)
				.contextWrite((reactorContext) -> reactorContext.put(ObservationThreadLocalAccessor.KEY, observation));
		});
	}

	private <T> Mono<T> attempt(ApiCall<T> call, URI uri, byte @Nullable [] body, String requestKey,
			TriggerRequestObservationContext context) {
		Operation operation = call.operation();
		WebClient.RequestBodySpec request = this.webClient.method(operation.method())
			.uri(uri)
			.attribute(URI_TEMPLATE_ATTRIBUTE, operation.pathTemplate())
			.headers((headers) -> headers(headers, call, body, requestKey));
		WebClient.RequestHeadersSpec<?> spec = (body != null)
				? request.contentType(MediaType.APPLICATION_JSON).bodyValue(body) : request;
		return spec.exchangeToMono((response) -> read(call, response, context))
			.timeout(this.responseTimeout)
			.onErrorMap((failure) -> !(failure instanceof TriggerException),
					(failure) -> transportFailure(call, failure));
	}

	private void headers(HttpHeaders headers, ApiCall<?> call, byte @Nullable [] body, String requestKey) {
		headers.set(HttpHeaders.AUTHORIZATION, this.authorization);
		if (!HttpMethod.GET.equals(call.operation().method())) {
			// Lets the server answer a repeated attempt with the first attempt's result.
			headers.set("x-trigger-request-idempotency-key", requestKey);
			if (body == null) {
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
				return call.reader().read(this.json, body, headers);
			}
			throw TriggerApiException.of(call.name(), status, headerMap(headers),
					new String(body, StandardCharsets.UTF_8));
		});
	}

	private static Map<String, List<String>> headerMap(HttpHeaders headers) {
		Map<String, List<String>> map = new LinkedHashMap<>();
		headers.forEach(map::put);
		return map;
	}

	private TriggerException transportFailure(ApiCall<?> call, Throwable failure) {
		if (failure instanceof TimeoutException) {
			return new TriggerTimeoutException(call.name(), this.responseTimeout, failure);
		}
		Throwable cause = (failure instanceof WebClientRequestException requestFailure
				&& requestFailure.getCause() != null) ? requestFailure.getCause() : failure;
		boolean connectFailure = cause instanceof ConnectException || cause instanceof ConnectTimeoutException;
		String what = connectFailure ? "could not connect to the Trigger.dev API" : "the connection failed";
		return new TriggerTransportException(call.name(), what + " (" + cause.getClass().getSimpleName() + ")",
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
