package io.trigger4j.emulator.engine;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * The engine's internal run statuses, with the public names the server shows for each API
 * version (api-semantics.md section 6) and the status filter's own mapping, quirks
 * included.
 */
public enum RunState {

	/** Triggered with a delay that has not ended yet. */
	DELAYED("DELAYED", "DELAYED", false),

	/** Waiting in its queue for a concurrency slot. */
	PENDING("QUEUED", "QUEUED", false),

	/** Of a task no deployment declares: waiting for a deploy. */
	PENDING_VERSION("PENDING_VERSION", "PENDING_VERSION", false),

	/**
	 * The server's older state for a run waiting for a deploy; the emulator never enters
	 * it.
	 */
	WAITING_FOR_DEPLOY("WAITING_FOR_DEPLOY", "PENDING_VERSION", false),

	/**
	 * The server's state between leaving the queue and executing; the emulator never
	 * enters it.
	 */
	DEQUEUED("EXECUTING", "DEQUEUED", false),

	/** An attempt is executing. */
	EXECUTING("EXECUTING", "EXECUTING", false),

	/** An attempt failed; the next starts after the retry delay. */
	RETRYING_AFTER_FAILURE("REATTEMPTING", "EXECUTING", false),

	/** Waiting for a duration or a waitpoint token, keeping its concurrency slot. */
	WAITING_TO_RESUME("FROZEN", "WAITING", false),

	/** The server's state of a suspended run; the emulator never enters it. */
	PAUSED("FROZEN", "WAITING", false),

	/** Finished with an output. */
	COMPLETED_SUCCESSFULLY("COMPLETED", "COMPLETED", true),

	/** Cancelled before it finished. */
	CANCELED("CANCELED", "CANCELED", true),

	/** Failed: its last attempt failed. */
	COMPLETED_WITH_ERRORS("FAILED", "FAILED", true),

	/** The server's state of an interrupted run; the emulator never enters it. */
	INTERRUPTED("INTERRUPTED", "FAILED", true),

	/** The server's state of a crashed run; the emulator never enters it. */
	CRASHED("CRASHED", "CRASHED", true),

	/** Failed in the emulator itself: an exception while processing the run. */
	SYSTEM_FAILURE("SYSTEM_FAILURE", "SYSTEM_FAILURE", true),

	/** Its TTL passed before it started. */
	EXPIRED("EXPIRED", "EXPIRED", true),

	/**
	 * The server's state of a run past its maximum duration; the emulator never enters
	 * it.
	 */
	TIMED_OUT("TIMED_OUT", "TIMED_OUT", true);

	/**
	 * The API version whose names are current; any other (or none) gets the legacy names.
	 */
	public static final String CURRENT_API_VERSION = "2025-07-16";

	/**
	 * What {@code filter[status]} names match: the server's
	 * {@code apiStatusToRunStatuses}.
	 */
	private static final Map<String, Set<RunState>> FILTER = new TreeMap<>();

	static {
		FILTER.put("PENDING_VERSION", EnumSet.of(PENDING_VERSION));
		FILTER.put("WAITING_FOR_DEPLOY", EnumSet.of(WAITING_FOR_DEPLOY));
		FILTER.put("QUEUED", EnumSet.of(PENDING));
		FILTER.put("DEQUEUED", EnumSet.of(DEQUEUED));
		FILTER.put("EXECUTING", EnumSet.of(EXECUTING));
		FILTER.put("REATTEMPTING", EnumSet.of(RETRYING_AFTER_FAILURE));
		FILTER.put("WAITING", EnumSet.of(WAITING_TO_RESUME));
		FILTER.put("FROZEN", EnumSet.of(PAUSED, WAITING_TO_RESUME));
		FILTER.put("COMPLETED", EnumSet.of(COMPLETED_SUCCESSFULLY));
		FILTER.put("CANCELED", EnumSet.of(CANCELED));
		FILTER.put("FAILED", EnumSet.of(COMPLETED_WITH_ERRORS));
		FILTER.put("CRASHED", EnumSet.of(CRASHED));
		FILTER.put("INTERRUPTED", EnumSet.of(INTERRUPTED));
		FILTER.put("SYSTEM_FAILURE", EnumSet.of(SYSTEM_FAILURE));
		FILTER.put("DELAYED", EnumSet.of(DELAYED));
		FILTER.put("EXPIRED", EnumSet.of(EXPIRED));
		FILTER.put("TIMED_OUT", EnumSet.of(TIMED_OUT));
	}

	private final String legacyName;

	private final String currentName;

	private final boolean terminal;

	RunState(String legacyName, String currentName, boolean terminal) {
		this.legacyName = legacyName;
		this.currentName = currentName;
		this.terminal = terminal;
	}

	/**
	 * {@return whether the run has finished: it changes no more}
	 */
	public boolean isTerminal() {
		return this.terminal;
	}

	/**
	 * The public name for a request's {@code x-trigger-api-version} header value.
	 * @param apiVersion the header's value, or {@code null} without the header
	 * @return the current name for {@value #CURRENT_API_VERSION}, else the legacy one
	 */
	public String publicName(@Nullable String apiVersion) {
		return CURRENT_API_VERSION.equals(apiVersion) ? this.currentName : this.legacyName;
	}

	/**
	 * The internal states a filter name matches, or {@code null} for a name the server
	 * rejects.
	 * @param filterName a name of {@code filter[status]}, any case, spaces around ignored
	 * @return the states, or {@code null}
	 */
	public static @Nullable Set<RunState> matching(String filterName) {
		return FILTER.get(filterName.trim().toUpperCase(Locale.ROOT));
	}

	/**
	 * The server's {@code apiBooleanHelpersFromRunStatus}, from the public name shown.
	 * @param publicName the status name the answer shows
	 * @return the flags {@code isQueued}, {@code isExecuting}, {@code isCompleted},
	 * {@code isFailed}, {@code isSuccess}, {@code isCancelled} and {@code isWaiting}, in
	 * that order
	 */
	public static Map<String, Boolean> booleans(String publicName) {
		Map<String, Boolean> flags = new java.util.LinkedHashMap<>();
		flags.put("isQueued",
				Set.of("QUEUED", "WAITING_FOR_DEPLOY", "DELAYED", "PENDING_VERSION").contains(publicName));
		flags.put("isExecuting", Set.of("EXECUTING", "REATTEMPTING", "FROZEN", "DEQUEUED").contains(publicName));
		flags.put("isCompleted", Set.of("COMPLETED", "CANCELED", "FAILED", "CRASHED", "INTERRUPTED", "SYSTEM_FAILURE")
			.contains(publicName));
		flags.put("isFailed", Set.of("FAILED", "CRASHED", "INTERRUPTED", "SYSTEM_FAILURE").contains(publicName));
		flags.put("isSuccess", "COMPLETED".equals(publicName));
		flags.put("isCancelled", "CANCELED".equals(publicName));
		flags.put("isWaiting", "WAITING".equals(publicName));
		return flags;
	}

}
