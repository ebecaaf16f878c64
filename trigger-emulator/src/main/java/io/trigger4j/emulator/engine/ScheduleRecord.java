package io.trigger4j.emulator.engine;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.jspecify.annotations.Nullable;

/**
 * A schedule's mutable state. Only touched while holding the engine's lock.
 */
final class ScheduleRecord {

	static final String IMPERATIVE = "IMPERATIVE";

	static final String DECLARATIVE = "DECLARATIVE";

	final String id;

	final String type;

	/** The task; an update never changes it, as on the server. */
	final String task;

	/** The key creates upsert by: the caller's, or a generated one. */
	final String deduplicationKey;

	final boolean userProvidedKey;

	final Instant createdAt;

	/** Orders schedules created at the same instant. */
	final long sequence;

	CronPattern pattern;

	String description;

	/** As stored: {@code UTC} by default, and an empty timezone stays empty. */
	String timezone;

	@Nullable String window;

	@Nullable String externalId;

	boolean active = true;

	/** The pending fire, while active. */
	@Nullable Timer timer;

	/** Counts the timers armed; a timer of an older generation does nothing. */
	int generation;

	/** The instant it last fired, for the payload's {@code lastTimestamp}. */
	@Nullable Instant lastFire;

	ScheduleRecord(String id, String type, String task, String deduplicationKey, boolean userProvidedKey,
			Instant createdAt, long sequence, CronPattern pattern, String description, String timezone,
			@Nullable String window, @Nullable String externalId) {
		this.id = id;
		this.type = type;
		this.task = task;
		this.deduplicationKey = deduplicationKey;
		this.userProvidedKey = userProvidedKey;
		this.createdAt = createdAt;
		this.sequence = sequence;
		this.pattern = pattern;
		this.description = description;
		this.timezone = timezone;
		this.window = window;
		this.externalId = externalId;
	}

	/** The zone the expression is read in; an empty timezone reads as UTC. */
	ZoneId zone() {
		return (this.timezone.isEmpty() || "UTC".equals(this.timezone)) ? ZoneOffset.UTC : ZoneId.of(this.timezone);
	}

	ScheduleSnapshot snapshot(Instant now) {
		return new ScheduleSnapshot(this.id, this.type, this.task, this.active,
				this.userProvidedKey ? this.deduplicationKey : null, this.externalId, this.pattern.expression(),
				this.description, this.timezone, this.window, this.createdAt, this.pattern.next(now, zone()));
	}

}
