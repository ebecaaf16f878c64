package io.trigger4j.autoconfigure;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import io.trigger4j.client.TriggerEnvironmentType;
import io.trigger4j.client.TriggerOperations;
import io.trigger4j.client.TriggerRetrySettings;
import io.trigger4j.client.error.TriggerApiException;
import io.trigger4j.client.error.TriggerTimeoutException;
import io.trigger4j.client.model.runs.ListRunsRequest;
import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import reactor.core.publisher.Mono;

/**
 * Reports whether the Trigger.dev API accepts the configured key: UP after one cheap
 * authenticated call (the first run of a one-item page,
 * {@code GET /api/v1/runs?page[size]=1}), DOWN with the reason on an error status or
 * timeout. The call is not retried, so DOWN is reported as soon as it is known. Without a
 * secret key (only a personal access token) the call cannot be made: UNKNOWN, with the
 * reason, and nothing is sent. Details show the base URL and the secret key's environment
 * type of the operations as built ({@link TriggerOperations#baseUrl()},
 * {@link TriggerOperations#environmentType()}), never a key.
 */
public class TriggerHealthIndicator extends AbstractReactiveHealthIndicator {

	private static final ListRunsRequest CHEAP = ListRunsRequest.builder().pageSize(1).build();

	private final TriggerOperations operations;

	private final String baseUrl;

	private final TriggerEnvironmentType environment;

	private final Duration timeout;

	/**
	 * Creates an indicator.
	 * @param operations the operations to check; their base URL and environment type are
	 * shown in the details
	 * @param timeout how long to wait for the check
	 */
	public TriggerHealthIndicator(TriggerOperations operations, Duration timeout) {
		super("Trigger.dev health check failed");
		this.baseUrl = operations.baseUrl();
		this.environment = operations.environmentType();
		this.operations = operations.withRetry(TriggerRetrySettings.none());
		this.timeout = timeout;
	}

	@Override
	protected Mono<Health> doHealthCheck(Health.Builder builder) {
		builder.withDetail("baseUrl", this.baseUrl).withDetail("environment", this.environment.name());
		return Mono.defer(() -> this.operations.runs().listPage(CHEAP, null))
			.timeout(this.timeout)
			.map((page) -> builder.up().build())
			.onErrorResume(IllegalStateException.class,
					(misconfigured) -> Mono.just(builder.unknown().withDetail("reason", reason(misconfigured)).build()))
			.onErrorResume((failure) -> Mono.just(builder.down().withDetail("reason", reason(failure)).build()));
	}

	private String reason(Throwable failure) {
		if (failure instanceof TriggerApiException api) {
			return "HTTP " + api.statusCode() + ((api.serverMessage() != null) ? ": " + api.serverMessage() : "");
		}
		if (failure instanceof TimeoutException || failure instanceof TriggerTimeoutException) {
			return "No answer within " + this.timeout;
		}
		return failure.getClass().getSimpleName() + ": " + failure.getMessage();
	}

}
