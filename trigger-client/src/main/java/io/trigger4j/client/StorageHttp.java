package io.trigger4j.client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.netty.handler.timeout.ReadTimeoutException;
import io.trigger4j.client.error.TriggerApiException;
import io.trigger4j.client.error.TriggerDecodingException;
import io.trigger4j.client.error.TriggerException;
import io.trigger4j.client.error.TriggerTimeoutException;
import io.trigger4j.client.error.TriggerTransportException;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClientRequest;
import reactor.util.retry.Retry;
import reactor.util.retry.RetryBackoffSpec;

/**
 * Requests to presigned object-storage URLs (a third-party host such as S3 or R2), on a
 * {@link WebClient} of their own: no {@code Authorization} header, none of the client's
 * default headers or the application's filters, and no WebClient observation (the URL's
 * query is a signature). Each attempt is bounded by the response timeout, the whole call
 * by the deadline, and failures the client would retry (I/O errors, 408, 409, 429, 5xx)
 * are retried with the client's retry settings: a presigned PUT or GET is safe to repeat.
 * Failures are {@link TriggerException}s whose messages and causes name the host, never
 * the URL's query; an error answer's body (which may echo the signature) is not kept,
 * only its status and the storage's error code.
 */
final class StorageHttp {

	/** An answer of the storage host: its body and {@code Content-Type}. */
	record Answer(byte[] body, @Nullable String contentType) {

		@Override
		public String toString() {
			return "StorageHttp.Answer[" + this.body.length + " bytes, contentType=" + this.contentType + "]";
		}

	}

	private static final Pattern ERROR_CODE = Pattern.compile("<Code>([A-Za-z0-9._-]{1,64})</Code>");

	private final WebClient webClient;

	private final Duration responseTimeout;

	private final Duration deadline;

	private final TriggerRetrySettings retry;

	private final @Nullable Scheduler scheduler;

	StorageHttp(WebClient webClient, Duration responseTimeout, Duration deadline, TriggerRetrySettings retry,
			@Nullable Scheduler scheduler) {
		this.webClient = webClient;
		this.responseTimeout = responseTimeout;
		this.deadline = deadline;
		this.retry = retry;
		this.scheduler = scheduler;
	}

	/**
	 * A cold publisher of one logical request to a presigned URL.
	 * @param name the operation's name in messages, such as
	 * {@code packets.presignedUpload}
	 * @param url the presigned URL, as the server gave it
	 * @param contentType the body's type, or {@code null} without a body
	 * @param body the body, or {@code null}
	 * @throws TriggerDecodingException if the URL is not an absolute http(s) URL
	 */
	Mono<Answer> exchange(String name, HttpMethod method, String url, @Nullable String contentType,
			byte @Nullable [] body) {
		URI uri = presignedUri(name, url);
		String host = uri.getScheme() + "://" + uri.getRawAuthority();
		return Mono.defer(() -> {
			Scheduler timer = timer();
			long start = timer.now(TimeUnit.MILLISECONDS);
			AtomicInteger attempts = new AtomicInteger();
			return Mono.defer(() -> {
				attempts.incrementAndGet();
				return attempt(name, method, uri, host, contentType, body);
			})
				.retryWhen(retrySpec())
				.timeout(this.deadline, timer)
				.onErrorMap((failure) -> finalFailure(name, host, failure, attempts.get(),
						Duration.ofMillis(timer.now(TimeUnit.MILLISECONDS) - start)));
		});
	}

	private static URI presignedUri(String name, String url) {
		URI uri;
		try {
			uri = URI.create(url);
		}
		catch (IllegalArgumentException ex) {
			throw new TriggerDecodingException(name + " failed: the server's presigned URL is not a valid URL");
		}
		if (uri.getHost() == null
				|| !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
			throw new TriggerDecodingException(
					name + " failed: the server's presigned URL is not an absolute http(s) URL");
		}
		return uri;
	}

	private Retry retrySpec() {
		RetryBackoffSpec spec = Retry.backoff(this.retry.maxAttempts() - 1L, this.retry.minBackoff())
			.maxBackoff(this.retry.maxBackoff())
			.multiplier(this.retry.multiplier())
			.jitter(this.retry.jitter())
			.filter((failure) -> RetryStrategy.isRetryable(true, failure))
			.onRetryExhaustedThrow((backoffSpec, signal) -> signal.failure());
		return (this.scheduler != null) ? spec.scheduler(this.scheduler) : spec;
	}

	private Scheduler timer() {
		return (this.scheduler != null) ? this.scheduler : Schedulers.parallel();
	}

	private Mono<Answer> attempt(String name, HttpMethod method, URI uri, String host, @Nullable String contentType,
			byte @Nullable [] body) {
		WebClient.RequestBodySpec request = this.webClient.method(method).uri(uri).headers((headers) -> {
			if (contentType != null) {
				headers.set(HttpHeaders.CONTENT_TYPE, contentType);
			}
			if (body == null && !HttpMethod.GET.equals(method)) {
				headers.setContentLength(0);
			}
		}).httpRequest((httpRequest) -> {
			if (httpRequest.getNativeRequest() instanceof HttpClientRequest nettyRequest) {
				nettyRequest.responseTimeout(this.responseTimeout);
			}
		});
		WebClient.RequestHeadersSpec<?> spec = (body != null) ? request.bodyValue(body) : request;
		return spec.exchangeToMono((response) -> read(name, host, response))
			.onErrorMap((failure) -> !(failure instanceof TriggerException),
					(failure) -> transportFailure(name, host, uri, failure));
	}

	private Mono<Answer> read(String name, String host, ClientResponse response) {
		int status = response.statusCode().value();
		HttpHeaders headers = response.headers().asHttpHeaders();
		boolean success = status >= 200 && status < 300;
		return response.bodyToMono(byte[].class)
			.onErrorResume(DataBufferLimitException.class,
					(tooLarge) -> success
							? Mono.error(new TriggerDecodingException(name + " failed: the answer of " + host
									+ " is larger than " + (TriggerHttp.MAX_RESPONSE_BYTES >> 20) + " MiB"))
							: Mono.just(new byte[0]))
			.defaultIfEmpty(new byte[0])
			.map((bytes) -> {
				if (success) {
					return new Answer(bytes, headers.getFirst(HttpHeaders.CONTENT_TYPE));
				}
				// The body may echo the signature: keep the status and the storage's
				// error code only.
				Matcher code = ERROR_CODE.matcher(new String(bytes, StandardCharsets.UTF_8));
				throw TriggerApiException.of(name, status, headerMap(headers), "the storage host " + host
						+ " refused the request" + (code.find() ? " (" + code.group(1) + ")" : ""));
			});
	}

	private static Map<String, List<String>> headerMap(HttpHeaders headers) {
		Map<String, List<String>> map = new LinkedHashMap<>();
		headers.forEach(map::put);
		return map;
	}

	private TriggerException transportFailure(String name, String host, URI uri, Throwable failure) {
		Throwable cause = (failure instanceof WebClientRequestException requestFailure
				&& requestFailure.getCause() != null) ? requestFailure.getCause() : failure;
		Throwable reportable = redacted(uri, failure);
		TriggerHttp.NotSent notSent = TriggerHttp.notSent(failure);
		if (notSent == null && (cause instanceof ReadTimeoutException || cause instanceof TimeoutException)) {
			return new TriggerTimeoutException(name, "no answer from " + host + " within " + this.responseTimeout,
					this.responseTimeout, reportable);
		}
		String what = (notSent != null) ? notSent.what().replace("the Trigger.dev API", "the storage host " + host)
				: "the connection to the storage host " + host + " failed";
		Throwable named = (notSent != null) ? notSent.cause() : cause;
		return new TriggerTransportException(name, what + " (" + named.getClass().getSimpleName() + ")",
				notSent != null, reportable);
	}

	/**
	 * The failure to chain as a cause: not WebClient's own, which carries the URL (and
	 * its signature) in its message and checkpoint, but the root cause's type and message
	 * with the URL's query removed.
	 */
	private static Throwable redacted(URI uri, Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage();
		if (message != null && uri.getRawQuery() != null) {
			message = message.replace(uri.getRawQuery(), "******");
		}
		TriggerHttp.RedactedFailure redacted = new TriggerHttp.RedactedFailure(
				root.getClass().getName() + ((message != null) ? ": " + message : ""));
		redacted.setStackTrace(root.getStackTrace());
		return redacted;
	}

	private Throwable finalFailure(String name, String host, Throwable failure, int attempts, Duration elapsed) {
		String tried = " (" + attempts + ((attempts == 1) ? " attempt" : " attempts") + " in "
				+ String.format(Locale.ROOT, "%.3f", elapsed.toMillis() / 1000.0) + " s)";
		if (failure instanceof TimeoutException) {
			return new TriggerTimeoutException(name,
					"no answer from " + host + " within the deadline of " + this.deadline + tried, this.deadline, null);
		}
		if (failure instanceof TriggerTimeoutException timeout) {
			return new TriggerTimeoutException(name, timeout.reason() + tried, timeout.timeout(), timeout.getCause());
		}
		if (failure instanceof TriggerTransportException transport) {
			return new TriggerTransportException(name, transport.reason() + tried, transport.isConnectFailure(),
					transport.getCause());
		}
		return failure;
	}

}
