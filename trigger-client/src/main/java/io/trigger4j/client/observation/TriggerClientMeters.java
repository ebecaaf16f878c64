package io.trigger4j.client.observation;

/**
 * The names and tags of the meters a client records when it is given a
 * {@code MeterRegistry} ({@code TriggerClient.Builder#meterRegistry}), beside the
 * {@link TriggerClientObservationDocumentation#REQUEST request} observation. Every tag
 * has a small, fixed set of values: never an id, a key or a URL.
 */
public final class TriggerClientMeters {

	/**
	 * Gauge: the environment's rate-limit budget the server said is left
	 * ({@code x-ratelimit-remaining} of the latest answer), NaN until an answer told it.
	 * Tagged {@link #ENVIRONMENT}.
	 */
	public static final String RATE_LIMIT_REMAINING = "trigger.client.rate-limit.remaining";

	/**
	 * Counter: attempts repeated after a failure. Tagged {@link #OPERATION} and
	 * {@link #CAUSE}.
	 */
	public static final String RETRIES = "trigger.client.retries";

	/**
	 * Timer: waits for the rate-limit bucket (after a 429, or queued while the bucket is
	 * known to be empty). Tagged {@link #OPERATION}.
	 */
	public static final String RATE_LIMIT_WAITS = "trigger.client.rate-limit.waits";

	/** Counter: calls failed because their deadline passed. Tagged {@link #OPERATION}. */
	public static final String DEADLINE_EXPIRATIONS = "trigger.client.deadline.expirations";

	/**
	 * Tag: the environment type of the client's secret key: {@code dev}, {@code staging},
	 * {@code prod}, {@code preview} or {@code unknown}.
	 */
	public static final String ENVIRONMENT = "environment";

	/** Tag: the operation, such as {@code runs.retrieve}, as in the request timer. */
	public static final String OPERATION = "operation";

	/**
	 * Tag: why an attempt was repeated: {@code rate_limited} (429), {@code server_error}
	 * (5xx), {@code not_found} (404 after a trigger), {@code connect_failure} (no
	 * connection: the request never left the client), {@code timeout}, {@code transport}
	 * (the connection failed after the request may have been sent) or {@code other}.
	 */
	public static final String CAUSE = "cause";

	private TriggerClientMeters() {
	}

}
