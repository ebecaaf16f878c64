package io.trigger4j.client.model.runs;

import java.time.Duration;
import java.util.Objects;

/**
 * How a run subscription ({@code RunsOperations.subscribeToRun}) ends and how it polls on
 * a server without realtime routes.
 *
 * @param completionGrace how long the subscription keeps following a run after it became
 * final (finished, or a terminal status such as EXPIRED), so that output and metadata
 * written just after the final status still arrive; zero completes at once. At most 5
 * minutes. The official SDK waits 30 s when it also follows the run's streams
 * @param pollInterval the time between two retrievals when the server does not offer the
 * realtime routes and the subscription polls instead: 100 ms to 10 minutes
 */
public record RunSubscriptionOptions(Duration completionGrace, Duration pollInterval) {

	private static final Duration MAX_GRACE = Duration.ofMinutes(5);

	private static final Duration MIN_POLL_INTERVAL = Duration.ofMillis(100);

	private static final Duration MAX_POLL_INTERVAL = Duration.ofMinutes(10);

	private static final RunSubscriptionOptions DEFAULTS = new RunSubscriptionOptions(Duration.ofSeconds(5),
			Duration.ofSeconds(1));

	/**
	 * Checks the durations.
	 * @param completionGrace how long the subscription keeps following a run after it
	 * became final (finished, or a terminal status such as EXPIRED), so that output and
	 * metadata written just after the final status still arrive; zero completes at once.
	 * At most 5 minutes. The official SDK waits 30 s when it also follows the run's
	 * streams
	 * @param pollInterval the time between two retrievals when the server does not offer
	 * the realtime routes and the subscription polls instead: 100 ms to 10 minutes
	 * @throws IllegalArgumentException if a duration is out of its range
	 */
	public RunSubscriptionOptions {
		Objects.requireNonNull(completionGrace, "completionGrace must not be null");
		Objects.requireNonNull(pollInterval, "pollInterval must not be null");
		if (completionGrace.isNegative() || completionGrace.compareTo(MAX_GRACE) > 0) {
			throw new IllegalArgumentException(
					"completionGrace must be between 0 and " + MAX_GRACE + " but was " + completionGrace);
		}
		if (pollInterval.compareTo(MIN_POLL_INTERVAL) < 0 || pollInterval.compareTo(MAX_POLL_INTERVAL) > 0) {
			throw new IllegalArgumentException("pollInterval must be between " + MIN_POLL_INTERVAL.toMillis()
					+ " ms and " + MAX_POLL_INTERVAL + " but was " + pollInterval);
		}
	}

	/**
	 * The defaults: a 5 s completion grace, and a 1 s poll interval (the SDK's
	 * {@code runs.poll} interval).
	 * @return the default options
	 */
	public static RunSubscriptionOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * {@return a copy with another completion grace}
	 * @param completionGrace the completion grace
	 */
	public RunSubscriptionOptions withCompletionGrace(Duration completionGrace) {
		return new RunSubscriptionOptions(completionGrace, this.pollInterval);
	}

	/**
	 * {@return a copy with another poll interval}
	 * @param pollInterval the poll interval
	 */
	public RunSubscriptionOptions withPollInterval(Duration pollInterval) {
		return new RunSubscriptionOptions(this.completionGrace, pollInterval);
	}

}
