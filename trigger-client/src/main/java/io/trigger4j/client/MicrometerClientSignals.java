package io.trigger4j.client;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter.MeterProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.trigger4j.client.error.RateLimitException;
import io.trigger4j.client.error.TriggerApiException;
import io.trigger4j.client.error.TriggerTimeoutException;
import io.trigger4j.client.error.TriggerTransportException;
import io.trigger4j.client.observation.TriggerClientMeters;

/**
 * Records a client's {@linkplain TriggerClientMeters meters} in a Micrometer
 * {@link MeterRegistry}. The only class that refers to Micrometer's core: it is loaded
 * only when the builder was given a registry, so the client works without
 * {@code micrometer-core} on the class path.
 */
final class MicrometerClientSignals extends ClientSignals {

	/** The cause tag's values, in {@link #cause(Throwable)}'s order. */
	static final String RATE_LIMITED = "rate_limited";

	static final String SERVER_ERROR = "server_error";

	static final String NOT_FOUND = "not_found";

	static final String CONNECT_FAILURE = "connect_failure";

	static final String TIMEOUT = "timeout";

	static final String TRANSPORT = "transport";

	static final String OTHER = "other";

	private final MeterRegistry registry;

	private final Gauge remainingGauge;

	/** The latest {@code x-ratelimit-remaining}; NaN until an answer told it. */
	private volatile double remaining = Double.NaN;

	private final MeterProvider<Counter> retries;

	private final MeterProvider<Timer> rateLimitWaits;

	private final MeterProvider<Counter> deadlineExpirations;

	/**
	 * @param registry a {@link MeterRegistry}, typed {@code Object} so that callers need
	 * not load Micrometer's core
	 * @param environmentType the environment type of the client's key
	 */
	MicrometerClientSignals(Object registry, TriggerEnvironmentType environmentType) {
		this.registry = (MeterRegistry) registry;
		this.remainingGauge = Gauge
			.builder(TriggerClientMeters.RATE_LIMIT_REMAINING, this, (signals) -> signals.remaining)
			.description("The environment's rate-limit budget the server said is left")
			.tag(TriggerClientMeters.ENVIRONMENT, environmentType.name().toLowerCase(Locale.ROOT))
			.strongReference(true)
			.register(this.registry);
		this.retries = Counter.builder(TriggerClientMeters.RETRIES)
			.description("Attempts of Trigger.dev API calls repeated after a failure")
			.withRegistry(this.registry);
		this.rateLimitWaits = Timer.builder(TriggerClientMeters.RATE_LIMIT_WAITS)
			.description("Waits of Trigger.dev API calls for the rate-limit bucket")
			.withRegistry(this.registry);
		this.deadlineExpirations = Counter.builder(TriggerClientMeters.DEADLINE_EXPIRATIONS)
			.description("Trigger.dev API calls failed because their deadline passed")
			.withRegistry(this.registry);
	}

	@Override
	void retrying(Operation operation, Throwable failure) {
		this.retries
			.withTags(TriggerClientMeters.OPERATION, operation.observationName(), TriggerClientMeters.CAUSE,
					cause(failure))
			.increment();
	}

	@Override
	void rateLimitWaited(Operation operation, Duration waited) {
		this.rateLimitWaits.withTags(TriggerClientMeters.OPERATION, operation.observationName()).record(waited);
	}

	@Override
	void deadlineExpired(Operation operation) {
		this.deadlineExpirations.withTags(TriggerClientMeters.OPERATION, operation.observationName()).increment();
	}

	@Override
	void rateLimitRemaining(long remaining) {
		this.remaining = remaining;
	}

	/**
	 * Removes the gauge, which would otherwise keep showing the closed client's value.
	 */
	@Override
	void clientClosed() {
		this.registry.remove(this.remainingGauge);
	}

	/** The {@code cause} tag of a failure that is about to be retried. */
	static String cause(Throwable failure) {
		if (failure instanceof RateLimitException) {
			return RATE_LIMITED;
		}
		if (failure instanceof TriggerApiException api) {
			int status = api.statusCode();
			return (status == 429) ? RATE_LIMITED
					: (status >= 500) ? SERVER_ERROR : (status == 404) ? NOT_FOUND : (status == 408) ? TIMEOUT : OTHER;
		}
		if (failure instanceof TriggerTransportException transport && transport.isConnectFailure()) {
			return CONNECT_FAILURE;
		}
		if (failure instanceof TriggerTimeoutException || failure instanceof TimeoutException) {
			return TIMEOUT;
		}
		if (failure instanceof TriggerTransportException) {
			return TRANSPORT;
		}
		return OTHER;
	}

}
