package io.trigger4j.client;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * A WebClient exchange that gives scripted answers in order, in memory and at once (the
 * last one again when the script runs out), and records what was sent and what was
 * cancelled: for tests of long-lived feeds in virtual time.
 */
final class ScriptedExchange implements ExchangeFunction {

	private final List<ClientRequest> requests = new CopyOnWriteArrayList<>();

	private final Queue<Mono<ClientResponse>> script = new ConcurrentLinkedQueue<>();

	private final AtomicInteger cancelled = new AtomicInteger();

	private Mono<ClientResponse> last = Mono.never();

	/** Answers the next request with this status, headers and body. */
	ScriptedExchange then(int status, Map<String, String> headers, String body) {
		ClientResponse.Builder response = ClientResponse.create(HttpStatus.valueOf(status));
		headers.forEach(response::header);
		return then(Mono.fromSupplier(() -> response.body(body).build()));
	}

	/** Answers the next request with a JSON body. */
	ScriptedExchange thenJson(int status, String body) {
		return then(status, Map.of("Content-Type", "application/json"), body);
	}

	/** Answers the next request with a body that breaks after the given text. */
	ScriptedExchange thenBroken(int status, Map<String, String> headers, String body) {
		ClientResponse.Builder response = ClientResponse.create(HttpStatus.valueOf(status));
		headers.forEach(response::header);
		DataBuffer buffer = DefaultDataBufferFactory.sharedInstance.wrap(body.getBytes(StandardCharsets.UTF_8));
		return then(Mono.fromSupplier(() -> response
			.body(Flux.concat(Flux.just(buffer), Flux.error(new java.io.IOException("Connection reset by peer"))))
			.build()));
	}

	/** Never answers the next request (a long-poll the server holds). */
	ScriptedExchange thenHang() {
		return then(Mono.never());
	}

	private ScriptedExchange then(Mono<ClientResponse> answer) {
		Mono<ClientResponse> counted = answer.doOnCancel(this.cancelled::incrementAndGet);
		this.script.add(counted);
		this.last = counted;
		return this;
	}

	@Override
	public Mono<ClientResponse> exchange(ClientRequest request) {
		this.requests.add(request);
		Mono<ClientResponse> next = this.script.poll();
		return (next != null) ? next : this.last;
	}

	List<ClientRequest> requests() {
		return this.requests;
	}

	/** The query of the n-th request (from 0). */
	String query(int index) {
		String query = this.requests.get(index).url().getRawQuery();
		return (query != null) ? query : "";
	}

	/** How many answers were cancelled while pending. */
	int cancelled() {
		return this.cancelled.get();
	}

	/** A client on this exchange with the test key, fast retries and this scheduler. */
	TriggerOperations client(Scheduler scheduler) {
		return TriggerClient.builder()
			.secretKey(TestClients.SECRET_KEY)
			.baseUrl("http://trigger.test")
			.retry(TestClients.FAST_RETRY)
			.scheduler(scheduler)
			.webClientBuilder(WebClient.builder().exchangeFunction(this))
			.build();
	}

}
