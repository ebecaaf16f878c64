package io.trigger4j.autoconfigure;

import java.time.Duration;

import io.trigger4j.client.TriggerClient;
import io.trigger4j.client.TriggerRetrySettings;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of trigger4j, bound from {@code trigger.*}. Values the client cannot use
 * (out of range, a port above 65535, a branch with control characters) fail binding with
 * an {@link InvalidTriggerPropertyException} naming the property, checked by the client's
 * own checks; credentials are checked when the client is created.
 *
 * @param secretKey Secret key of the Trigger.dev environment (tr_dev_..., tr_prod_...),
 * sent as a bearer token to the operations that accept one. Also bound from the
 * TRIGGER_SECRET_KEY environment variable. A secret key or an access token is required.
 * @param accessToken Personal access token (tr_pat_...), sent as a bearer token to the
 * project-wide operations that need one. Also bound from the TRIGGER_ACCESS_TOKEN
 * environment variable.
 * @param baseUrl Base URL of the Trigger.dev API. When not set, the TRIGGER_API_URL
 * environment variable is used, if present.
 * @param branch Preview or dev branch to address, sent as the x-trigger-branch header.
 * Required with a tr_preview_ key.
 * @param connectTimeout TCP connect timeout. When not set,
 * spring.http.clients.connect-timeout applies, and 10s when that is not set either. The
 * connector is built by Spring Boot's ClientHttpConnectorBuilder from the
 * spring.http.clients.* settings (connector choice, timeouts, redirects, SSL bundle) with
 * this timeout and trigger.ssl.bundle laid over them.
 * @param responseTimeout How long one attempt waits for its whole response; each retry
 * gets a fresh timeout.
 * @param deadline How long one call may take in all: connecting, every attempt and every
 * backoff between attempts. Time queued for an empty rate-limit bucket is bounded by
 * retry.max-rate-limit-wait instead.
 * @param shutdownGrace How long the calls running when the application context closes may
 * still take; those still running after it fail. New calls are refused at once.
 * @param retry How failed calls are retried.
 * @param health Settings of the 'trigger' health indicator.
 * @param ssl SSL settings of the connection to the Trigger.dev API.
 */
@ConfigurationProperties("trigger")
public record TriggerProperties(@Nullable String secretKey, @Nullable String accessToken,
		@DefaultValue("https://api.trigger.dev") String baseUrl, @Nullable String branch,
		@Nullable Duration connectTimeout, @DefaultValue("10s") Duration responseTimeout,
		@DefaultValue("30s") Duration deadline, @DefaultValue("10s") Duration shutdownGrace, @DefaultValue Retry retry,
		@DefaultValue Health health, @DefaultValue Ssl ssl) {

	/**
	 * Checks the values as they are bound, naming the property of a value out of range.
	 * @param secretKey Secret key of the Trigger.dev environment (tr_dev_...,
	 * tr_prod_...), sent as a bearer token to the operations that accept one. Also bound
	 * from the TRIGGER_SECRET_KEY environment variable. A secret key or an access token
	 * is required.
	 * @param accessToken Personal access token (tr_pat_...), sent as a bearer token to
	 * the project-wide operations that need one. Also bound from the TRIGGER_ACCESS_TOKEN
	 * environment variable.
	 * @param baseUrl Base URL of the Trigger.dev API. When not set, the TRIGGER_API_URL
	 * environment variable is used, if present.
	 * @param branch Preview or dev branch to address, sent as the x-trigger-branch
	 * header. Required with a tr_preview_ key.
	 * @param connectTimeout TCP connect timeout. When not set,
	 * spring.http.clients.connect-timeout applies, and 10s when that is not set either.
	 * The connector is built by Spring Boot's ClientHttpConnectorBuilder from the
	 * spring.http.clients.* settings (connector choice, timeouts, redirects, SSL bundle)
	 * with this timeout and trigger.ssl.bundle laid over them.
	 * @param responseTimeout How long one attempt waits for its whole response; each
	 * retry gets a fresh timeout.
	 * @param deadline How long one call may take in all: connecting, every attempt and
	 * every backoff between attempts. Time queued for an empty rate-limit bucket is
	 * bounded by retry.max-rate-limit-wait instead.
	 * @param shutdownGrace How long the calls running when the application context closes
	 * may still take; those still running after it fail. New calls are refused at once.
	 * @param retry How failed calls are retried.
	 * @param health Settings of the 'trigger' health indicator.
	 * @param ssl SSL settings of the connection to the Trigger.dev API.
	 */
	public TriggerProperties {
		try {
			TriggerClient.Builder builder = TriggerClient.builder()
				.baseUrl(baseUrl)
				.branch(PropertiesTriggerConnectionDetails.stripped(branch))
				.connectTimeout(connectTimeout);
			if (responseTimeout != null) {
				builder.responseTimeout(responseTimeout);
			}
			if (deadline != null) {
				builder.deadline(deadline);
			}
			if (shutdownGrace != null) {
				builder.shutdownGrace(shutdownGrace);
			}
		}
		catch (IllegalArgumentException ex) {
			throw InvalidTriggerPropertyException.of("trigger", ex);
		}
	}

	/** Masks the secret key and the access token. */
	@Override
	public String toString() {
		return "TriggerProperties[secretKey=" + mask(this.secretKey) + ", accessToken=" + mask(this.accessToken)
				+ ", baseUrl=" + this.baseUrl + ", branch=" + this.branch + ", connectTimeout=" + this.connectTimeout
				+ ", responseTimeout=" + this.responseTimeout + ", deadline=" + this.deadline + ", shutdownGrace="
				+ this.shutdownGrace + ", retry=" + this.retry + ", health=" + this.health + ", ssl=" + this.ssl + "]";
	}

	private static String mask(@Nullable String secret) {
		return (secret != null) ? "******" : "null";
	}

	/**
	 * Retry settings: exponential backoff with jitter. Reads, cancel, tags, metadata,
	 * reschedule and triggers are retried on timeouts, connection failures, 408, 409, 429
	 * and 5xx (a trigger carries a request idempotency key, and a generated idempotency
	 * key when it has none, so a repeat never makes a second run); batches only with an
	 * idempotency key (or when the request certainly did not reach the server); replay
	 * never.
	 *
	 * @param maxAttempts Attempts in all, including the first; 1 disables retries.
	 * @param minBackoff First backoff.
	 * @param maxBackoff Longest backoff.
	 * @param multiplier Factor between consecutive backoffs.
	 * @param jitter Jitter factor, 0 (none) to 1.
	 * @param maxRateLimitWait Longest one call waits in all for rate-limit resets (after
	 * 429s, or queued while the bucket is known to be empty) before the 429 is signalled.
	 * @param generatedIdempotencyKeys Whether a trigger without an idempotency key is
	 * sent with a generated one ({@code trigger4j-<uuid>}, kept 1 h), so that a retry
	 * after a lost answer returns the first attempt's run even on servers that ignore the
	 * request idempotency header.
	 */
	public record Retry(@DefaultValue("5") int maxAttempts, @DefaultValue("1s") Duration minBackoff,
			@DefaultValue("30s") Duration maxBackoff, @DefaultValue("1.6") double multiplier,
			@DefaultValue("0.5") double jitter, @DefaultValue("2m") Duration maxRateLimitWait,
			@DefaultValue("true") boolean generatedIdempotencyKeys) {

		/**
		 * Checks the values as they are bound, naming the property of a value out of
		 * range.
		 * @param maxAttempts Attempts in all, including the first; 1 disables retries.
		 * @param minBackoff First backoff.
		 * @param maxBackoff Longest backoff.
		 * @param multiplier Factor between consecutive backoffs.
		 * @param jitter Jitter factor, 0 (none) to 1.
		 * @param maxRateLimitWait Longest one call waits in all for rate-limit resets
		 * (after 429s, or queued while the bucket is known to be empty) before the 429 is
		 * signalled.
		 * @param generatedIdempotencyKeys Whether a trigger without an idempotency key is
		 * sent with a generated one ({@code trigger4j-<uuid>}, kept 1 h), so that a retry
		 * after a lost answer returns the first attempt's run even on servers that ignore
		 * the request idempotency header.
		 */
		public Retry {
			try {
				new TriggerRetrySettings(maxAttempts, minBackoff, maxBackoff, multiplier, jitter, maxRateLimitWait,
						generatedIdempotencyKeys);
			}
			catch (IllegalArgumentException ex) {
				throw InvalidTriggerPropertyException.of("trigger.retry", ex);
			}
		}

	}

	/**
	 * Health indicator settings.
	 *
	 * @param timeout How long the health check waits for its authenticated call before
	 * reporting DOWN; no probe of /actuator/health waits longer.
	 * @param cacheTtl How long a health result is reused before the next probe makes a
	 * new call; 0 makes a call on every probe. Probes arriving while a call is running
	 * share it.
	 */
	public record Health(@DefaultValue("10s") Duration timeout, @DefaultValue("10s") Duration cacheTtl) {

		/**
		 * Checks the values as they are bound, naming the property of a value out of
		 * range.
		 * @param timeout How long the health check waits for its authenticated call
		 * before reporting DOWN; no probe of /actuator/health waits longer.
		 * @param cacheTtl How long a health result is reused before the next probe makes
		 * a new call; 0 makes a call on every probe. Probes arriving while a call is
		 * running share it.
		 */
		public Health {
			if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
				throw new InvalidTriggerPropertyException("trigger.health.timeout",
						"timeout must be positive but was " + timeout,
						"Update the value of 'trigger.health.timeout' where it is set (see Origin above).", false,
						null);
			}
			if (cacheTtl != null && cacheTtl.isNegative()) {
				throw new InvalidTriggerPropertyException("trigger.health.cache-ttl",
						"cacheTtl must not be negative but was " + cacheTtl,
						"Update the value of 'trigger.health.cache-ttl' where it is set (see Origin above).", false,
						null);
			}
		}

	}

	/**
	 * SSL settings of the connection to the Trigger.dev API.
	 *
	 * @param bundle Name of the SSL bundle (spring.ssl.bundle.*) used to connect to the
	 * Trigger.dev API, such as the trust store of a self-hosted instance's private CA.
	 * Takes the place of spring.http.clients.ssl.bundle for trigger4j only.
	 */
	public record Ssl(@Nullable String bundle) {

	}

}
