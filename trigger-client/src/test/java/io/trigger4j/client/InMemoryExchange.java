package io.trigger4j.client;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * A WebClient exchange that answers in memory, at once, and records what was sent: for
 * tests in virtual time, where a real connection would answer on its own thread.
 */
final class InMemoryExchange implements ExchangeFunction {

	private final List<ClientRequest> requests = new CopyOnWriteArrayList<>();

	private final Function<ClientRequest, Mono<ClientResponse>> answer;

	private InMemoryExchange(Function<ClientRequest, Mono<ClientResponse>> answer) {
		this.answer = answer;
	}

	/** Answers every request with this status and JSON body. */
	static InMemoryExchange answering(HttpStatus status, String json) {
		return new InMemoryExchange((request) -> Mono
			.just(ClientResponse.create(status).header("Content-Type", "application/json").body(json).build()));
	}

	/** Never answers, like a connection that hangs. */
	static InMemoryExchange hanging() {
		return new InMemoryExchange((request) -> Mono.never());
	}

	@Override
	public Mono<ClientResponse> exchange(ClientRequest request) {
		this.requests.add(request);
		return this.answer.apply(request);
	}

	List<ClientRequest> requests() {
		return this.requests;
	}

	/** A client on this exchange with the test keys, both credentials set. */
	TriggerClient.Builder client() {
		return TriggerClient.builder()
			.secretKey(TestClients.SECRET_KEY)
			.accessToken(TestClients.ACCESS_TOKEN)
			.baseUrl("http://trigger.test")
			.webClientBuilder(WebClient.builder().exchangeFunction(this));
	}

}
