package io.trigger4j.emulator;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A task the emulator knows: its id, its handler, how long an attempt takes, how many
 * attempts a run makes unless the trigger says otherwise, the pause before a retry, and
 * whether it is a scheduled task ({@code schedules.task}): only those take schedules, and
 * one may declare its own cron schedule. Immutable.
 *
 * @param id the task identifier
 * @param handler the task's body
 * @param duration how long each attempt executes (emulator time)
 * @param maxAttempts default attempts per run
 * @param retryDelay pause between a failed attempt and the next
 * @param concurrencyLimit how many runs of the task execute at once (0 for no limit); the
 * others wait QUEUED, oldest first, and expire if their TTL passes before a slot frees
 * @param scheduled whether schedules may be attached to it; a scheduled run's payload is
 * the server's scheduled-task payload ({@code scheduleId}, {@code type},
 * {@code timestamp}, {@code lastTimestamp}, {@code externalId}, {@code timezone},
 * {@code upcoming})
 * @param cron the cron expression of its declarative schedule (5 fields), or {@code null}
 * for none
 * @param timezone the IANA timezone of its declarative schedule, or {@code null} for UTC
 */
public record EmulatedTask(String id, TaskHandler handler, Duration duration, int maxAttempts, Duration retryDelay,
		int concurrencyLimit, boolean scheduled, @Nullable String cron, @Nullable String timezone) {

	/**
	 * Checks the values: a non-blank id, a handler, non-negative durations, at least one
	 * attempt, a non-negative concurrency limit, a cron only on a scheduled task and a
	 * timezone only with a cron.
	 * @throws IllegalArgumentException naming the value that is out of range
	 * @param id the task identifier
	 * @param handler the task's body
	 * @param duration how long each attempt executes (emulator time)
	 * @param maxAttempts default attempts per run
	 * @param retryDelay pause between a failed attempt and the next
	 * @param concurrencyLimit how many runs of the task execute at once (0 for no limit);
	 * the others wait QUEUED, oldest first, and expire if their TTL passes before a slot
	 * frees
	 * @param scheduled whether schedules may be attached to it; a scheduled run's payload
	 * is the server's scheduled-task payload ({@code scheduleId}, {@code type},
	 * {@code timestamp}, {@code lastTimestamp}, {@code externalId}, {@code timezone},
	 * {@code upcoming})
	 * @param cron the cron expression of its declarative schedule (5 fields), or
	 * {@code null} for none
	 * @param timezone the IANA timezone of its declarative schedule, or {@code null} for
	 * UTC
	 */
	public EmulatedTask {
		Objects.requireNonNull(id, "id must not be null");
		if (id.isBlank()) {
			throw new IllegalArgumentException("id must not be blank");
		}
		Objects.requireNonNull(handler, "handler must not be null");
		requireNotNegative("duration", duration);
		requireNotNegative("retryDelay", retryDelay);
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("maxAttempts must be at least 1 but was " + maxAttempts);
		}
		if (concurrencyLimit < 0) {
			throw new IllegalArgumentException("concurrencyLimit must not be negative but was " + concurrencyLimit);
		}
		if (cron != null && !scheduled) {
			throw new IllegalArgumentException("only a scheduled task declares a cron schedule");
		}
		if (timezone != null && cron == null) {
			throw new IllegalArgumentException("timezone needs a cron expression");
		}
	}

	/**
	 * A task that is not a scheduled task.
	 * @param id the task identifier
	 * @param handler the task's body
	 * @param duration how long each attempt executes (emulator time)
	 * @param maxAttempts default attempts per run, at least 1
	 * @param retryDelay pause between a failed attempt and the next
	 * @param concurrencyLimit how many runs of the task execute at once (0 for no limit)
	 */
	public EmulatedTask(String id, TaskHandler handler, Duration duration, int maxAttempts, Duration retryDelay,
			int concurrencyLimit) {
		this(id, handler, duration, maxAttempts, retryDelay, concurrencyLimit, false, null, null);
	}

	/**
	 * A task that completes at once, with 3 attempts, a 1 s retry delay and no
	 * concurrency limit.
	 * @param id the task identifier
	 * @param handler the task's body
	 * @return the task
	 */
	public static EmulatedTask of(String id, TaskHandler handler) {
		return new EmulatedTask(id, handler, Duration.ZERO, 3, Duration.ofSeconds(1), 0);
	}

	/**
	 * A copy whose attempts each take this long.
	 * @param duration how long each attempt executes (emulator time), not negative
	 * @return the copy
	 */
	public EmulatedTask withDuration(Duration duration) {
		return new EmulatedTask(this.id, this.handler, duration, this.maxAttempts, this.retryDelay,
				this.concurrencyLimit, this.scheduled, this.cron, this.timezone);
	}

	/**
	 * A copy with another default number of attempts.
	 * @param maxAttempts attempts per run unless the trigger says otherwise, at least 1
	 * @return the copy
	 */
	public EmulatedTask withMaxAttempts(int maxAttempts) {
		return new EmulatedTask(this.id, this.handler, this.duration, maxAttempts, this.retryDelay,
				this.concurrencyLimit, this.scheduled, this.cron, this.timezone);
	}

	/**
	 * A copy with another pause before retries.
	 * @param retryDelay pause between a failed attempt and the next (emulator time), not
	 * negative
	 * @return the copy
	 */
	public EmulatedTask withRetryDelay(Duration retryDelay) {
		return new EmulatedTask(this.id, this.handler, this.duration, this.maxAttempts, retryDelay,
				this.concurrencyLimit, this.scheduled, this.cron, this.timezone);
	}

	/**
	 * A copy that executes at most this many runs at once.
	 * @param concurrencyLimit the most runs executing at once, or 0 for no limit
	 * @return the copy
	 */
	public EmulatedTask withConcurrencyLimit(int concurrencyLimit) {
		return new EmulatedTask(this.id, this.handler, this.duration, this.maxAttempts, this.retryDelay,
				concurrencyLimit, this.scheduled, this.cron, this.timezone);
	}

	/**
	 * A copy that is a scheduled task ({@code schedules.task} without a {@code cron}):
	 * {@code POST /api/v1/schedules} attaches schedules to it; other tasks are refused
	 * with 422 "Task with identifier X is not a scheduled task."
	 * @return the copy
	 */
	public EmulatedTask asScheduled() {
		return new EmulatedTask(this.id, this.handler, this.duration, this.maxAttempts, this.retryDelay,
				this.concurrencyLimit, true, null, null);
	}

	/**
	 * A copy that is a scheduled task declaring its own schedule ({@code schedules.task}
	 * with a {@code cron}), in UTC: a {@code DECLARATIVE} schedule that exists from the
	 * start, fires at each instant of the expression and cannot be updated by the API. An
	 * invalid expression fails the emulator's start.
	 * @param cron the cron expression (5 fields)
	 * @return the copy
	 */
	public EmulatedTask asScheduled(String cron) {
		return new EmulatedTask(this.id, this.handler, this.duration, this.maxAttempts, this.retryDelay,
				this.concurrencyLimit, true, Objects.requireNonNull(cron, "cron must not be null"), null);
	}

	/**
	 * As {@link #asScheduled(String)}, the expression read in an IANA timezone.
	 * @param cron the cron expression (5 fields)
	 * @param timezone the IANA timezone, such as {@code Europe/Paris}
	 * @return the copy
	 */
	public EmulatedTask asScheduled(String cron, String timezone) {
		return new EmulatedTask(this.id, this.handler, this.duration, this.maxAttempts, this.retryDelay,
				this.concurrencyLimit, true, Objects.requireNonNull(cron, "cron must not be null"),
				Objects.requireNonNull(timezone, "timezone must not be null"));
	}

	private static void requireNotNegative(String name, Duration value) {
		Objects.requireNonNull(value, () -> name + " must not be null");
		if (value.isNegative()) {
			throw new IllegalArgumentException(name + " must not be negative but was " + value);
		}
	}

}
