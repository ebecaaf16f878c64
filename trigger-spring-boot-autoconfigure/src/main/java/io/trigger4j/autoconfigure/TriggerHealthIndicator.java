package io.trigger4j.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import io.trigger4j.client.TriggerOperations;
import io.trigger4j.client.TriggerRetrySettings;
import io.trigger4j.client.error.TriggerApiException;
import io.trigger4j.client.error.TriggerTimeoutException;
import io.trigger4j.client.model.runs.ListRunsRequest;
import org.jspecify.annotations.Nullable;
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
 * <p>
 * A result is reused for the cache time to live given, counted from when it was known, so
 * frequent probes of {@code /actuator/health} make one call per period; probes arriving
 * while a call runs share it. No probe waits longer than the timeout.
 */
public class TriggerHealthIndicator extends AbstractReactiveHealthIndicator {

	private static final ListRunsRequest CHEAP = ListRunsRequest.builder().pageSize(1).build();

	/** The operations given, read for the details. */
	private final TriggerOperations source;

	/** Their view without retries, made on the first probe (the client may be lazy). */
	private volatile @Nullable TriggerOperations operations;

	private final Duration timeout;

	private final Duration cacheTtl;

	private final Clock clock;

	private final AtomicReference<@Nullable Check> last = new AtomicReference<>();

	/**
	 * Creates an indicator that makes a call on every probe.
	 * @param operations the operations to check; their base URL and environment type are
	 * shown in the details
	 * @param timeout how long to wait for the check
	 */
	public TriggerHealthIndicator(TriggerOperations operations, Duration timeout) {
		this(operations, timeout, Duration.ZERO);
	}

	/**
	 * Creates an indicator that reuses a result for a while.
	 * @param operations the operations to check; their base URL and environment type are
	 * shown in the details
	 * @param timeout how long to wait for the check
	 * @param cacheTtl how long a result is reused; zero makes a call on every probe
	 */
	public TriggerHealthIndicator(TriggerOperations operations, Duration timeout, Duration cacheTtl) {
		this(operations, timeout, cacheTtl, Clock.systemUTC());
	}

	TriggerHealthIndicator(TriggerOperations operations, Duration timeout, Duration cacheTtl, Clock clock) {
		super("Trigger.dev health check failed");
		this.source = operations;
		this.timeout = timeout;
		this.cacheTtl = cacheTtl;
		this.clock = clock;
	}

	@Override
	protected Mono<Health> doHealthCheck(Health.Builder builder) {
		if (this.cacheTtl.isZero()) {
			return check(builder);
		}
		return Mono.defer(() -> {
			Check current = this.last.get();
			if (current != null && current.isFresh(this.clock.instant(), this.cacheTtl)) {
				return current.result;
			}
			Check next = new Check(builder);
			return this.last.compareAndSet(current, next) ? next.result : this.last.get().result;
		});
	}

	/**
	 * One call, shared by the probes that arrive while it runs; remembers when its result
	 * was known.
	 */
	private final class Check {

		private final Mono<Health> result;

		private final Instant started;

		private volatile @Nullable Instant known;

		Check(Health.Builder builder) {
			this.started = TriggerHealthIndicator.this.clock.instant();
			this.result = check(builder).doOnNext((health) -> this.known = TriggerHealthIndicator.this.clock.instant())
				.cache();
		}

		boolean isFresh(Instant now, Duration ttl) {
			Instant known = this.known;
			if (known == null) {
				// Running, unless it was given up (every probe cancelled) past its
				// timeout.
				return now.isBefore(this.started.plus(TriggerHealthIndicator.this.timeout).plusSeconds(1));
			}
			return now.isBefore(known.plus(ttl));
		}

	}

	private Mono<Health> check(Health.Builder builder) {
		return Mono.defer(() -> {
			try {
				return operations().runs().listPage(CHEAP, null);
			}
			finally {
				// as built: a customizer may have changed the configured base URL
				builder.withDetail("baseUrl", this.source.baseUrl())
					.withDetail("environment", this.source.environmentType().name());
			}
		})
			.timeout(this.timeout)
			.map((page) -> builder.up().build())
			.onErrorResume(IllegalStateException.class,
					(misconfigured) -> Mono.just(builder.unknown().withDetail("reason", reason(misconfigured)).build()))
			.onErrorResume((failure) -> Mono.just(builder.down().withDetail("reason", reason(failure)).build()));
	}

	private TriggerOperations operations() {
		TriggerOperations operations = this.operations;
		if (operations == null) {
			operations = this.source.withRetry(TriggerRetrySettings.none());
			this.operations = operations;
		}
		return operations;
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
