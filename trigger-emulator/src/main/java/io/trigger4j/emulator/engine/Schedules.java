package io.trigger4j.emulator.engine;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The tasks' cron schedules, firing runs in engine time (api-semantics.md section 4.7).
 *
 * <p>
 * A schedule belongs to a scheduled task. Creating one is an upsert by its deduplication
 * key; an update by id (or key) of an unknown schedule creates a new one, as on the
 * server. An active schedule fires at each cron instant in its timezone, however late the
 * engine's tick: the run is created at that instant with the scheduled-task payload
 * ({@code scheduleId}, {@code type}, {@code timestamp}, {@code lastTimestamp},
 * {@code externalId}, {@code timezone}, {@code upcoming}). The emulator's schedules have
 * phase 0: a window is kept and shown, but every fire is at its nominal instant.
 *
 * <p>
 * Refusals are {@link EngineException}s with the server's texts: 422 "Invalid cron
 * expression: ...", "Invalid IANA timezone: ...", "Task with identifier X not found in
 * project.", "Task with identifier X is not a scheduled task.", "Cannot update a
 * declarative schedule", and past {@value #MAX_SCHEDULES} schedules "You have created N/M
 * schedules so you'll need to increase your limits or delete some schedules."; 404
 * "Schedule not found".
 */
public final class Schedules {

	/**
	 * The IANA zone names a schedule may use besides {@code UTC}, sorted, without the
	 * JDK's legacy aliases.
	 */
	public static final List<String> TIMEZONES = ZoneId.getAvailableZoneIds()
		.stream()
		.filter((zone) -> zone.contains("/") && !zone.startsWith("Etc/") && !zone.startsWith("SystemV/"))
		.sorted()
		.toList();

	/**
	 * The most schedules the emulator keeps (the server does not count a development
	 * environment's schedules; the emulator bounds its memory).
	 */
	public static final int MAX_SCHEDULES = 10_000;

	/** How many instants a fire's payload lists in {@code upcoming}. */
	static final int UPCOMING = 10;

	/** Where the server's refusal of a timezone points. */
	static final String TIMEZONES_PAGE = "https://cloud.trigger.dev/timezones";

	private static final Set<String> TIMEZONE_SET = Set.copyOf(TIMEZONES);

	private static final String KEY_ALPHABET = "useandom-26T198340PX75pxJACKVERYMINDBUSHWOLF_GQZbfghjklqvwyzrict";

	private static final Comparator<ScheduleRecord> NEWEST_FIRST = Comparator
		.comparing((ScheduleRecord schedule) -> schedule.createdAt)
		.thenComparingLong((schedule) -> schedule.sequence)
		.reversed();

	private final Engine engine;

	private final Map<String, ScheduleRecord> byId = new LinkedHashMap<>();

	private final Map<String, ScheduleRecord> byKey = new HashMap<>();

	private long sequence;

	Schedules(Engine engine) {
		this.engine = engine;
		declare();
	}

	/**
	 * Creates a schedule, or updates the one its deduplication key names (its task
	 * stays).
	 * @param spec the task, cron expression, deduplication key, external id, timezone and
	 * window
	 * @return the schedule as made, with its next fire times
	 */
	public ScheduleSnapshot create(ScheduleSpec spec) {
		Objects.requireNonNull(spec, "spec must not be null");
		return this.engine.locked(() -> {
			Checked checked = check(spec);
			String given = spec.deduplicationKey();
			boolean provided = given != null && !given.isEmpty();
			String key = provided ? given : randomKey();
			ScheduleRecord existing = this.byKey.get(key);
			ScheduleRecord schedule = (existing != null) ? update(existing, spec, checked)
					: insert(spec, checked, key, provided);
			return schedule.snapshot(now());
		});
	}

	/**
	 * Updates the schedule a {@code sched_} id or deduplication key names, or creates a
	 * new one (with a new id) when there is none, as the server does.
	 * @param scheduleId the schedule's id ({@code sched_...}) or deduplication key
	 * @param spec the new task, cron expression, external id, timezone and window
	 * @return the schedule as changed (or made)
	 */
	public ScheduleSnapshot update(String scheduleId, ScheduleSpec spec) {
		Objects.requireNonNull(scheduleId, "scheduleId must not be null");
		Objects.requireNonNull(spec, "spec must not be null");
		return this.engine.locked(() -> {
			Checked checked = check(spec);
			ScheduleRecord existing = resolve(scheduleId);
			ScheduleRecord schedule = (existing != null) ? update(existing, spec, checked)
					: insert(spec, checked, randomKey(), false);
			return schedule.snapshot(now());
		});
	}

	/**
	 * Looks a schedule up.
	 * @param scheduleId the schedule's id ({@code sched_...}) or deduplication key
	 * @return the schedule, or empty if there is none
	 */
	public Optional<ScheduleSnapshot> find(String scheduleId) {
		return this.engine.locked(() -> {
			ScheduleRecord schedule = (scheduleId != null) ? resolve(scheduleId) : null;
			return (schedule != null) ? Optional.of(schedule.snapshot(now())) : Optional.empty();
		});
	}

	/**
	 * One page of the schedules, newest first.
	 * @param page the page, from 1
	 * @param perPage schedules per page, at least 1
	 * @return the page's schedules, how many there are, and whether any task is declared
	 */
	public SchedulePage list(long page, int perPage) {
		if (page < 1 || perPage < 1) {
			throw new IllegalArgumentException("page and perPage must be positive");
		}
		return this.engine.locked(() -> {
			List<ScheduleRecord> all = new ArrayList<>(this.byId.values());
			all.sort(NEWEST_FIRST);
			List<ScheduleSnapshot> data = new ArrayList<>();
			long skip = (page - 1 > all.size() / perPage) ? all.size() : (page - 1) * perPage;
			Instant now = now();
			for (int i = (int) Math.min(skip, all.size()); i < all.size() && data.size() < perPage; i++) {
				data.add(all.get(i).snapshot(now));
			}
			return new SchedulePage(data, all.size(), !this.engine.tasks().isEmpty());
		});
	}

	/**
	 * Deletes a schedule and stops its fires. 404 "Schedule not found".
	 * @param scheduleId the schedule's id or deduplication key
	 * @return the deleted schedule's id
	 */
	public String delete(String scheduleId) {
		return this.engine.locked(() -> {
			ScheduleRecord schedule = require(scheduleId);
			disarm(schedule);
			this.byId.remove(schedule.id);
			this.byKey.remove(schedule.deduplicationKey, schedule);
			schedule.active = false;
			return schedule.id;
		});
	}

	/**
	 * Starts a schedule's fires again, from now. 404 "Schedule not found".
	 * @param scheduleId the schedule's id or deduplication key
	 * @return the schedule as it is then
	 */
	public ScheduleSnapshot activate(String scheduleId) {
		return this.engine.locked(() -> {
			ScheduleRecord schedule = require(scheduleId);
			if (!schedule.active) {
				schedule.active = true;
				arm(schedule, now());
			}
			return schedule.snapshot(now());
		});
	}

	/**
	 * Stops a schedule's fires until activated. 404 "Schedule not found".
	 * @param scheduleId the schedule's id or deduplication key
	 * @return the schedule as it is then
	 */
	public ScheduleSnapshot deactivate(String scheduleId) {
		return this.engine.locked(() -> {
			ScheduleRecord schedule = require(scheduleId);
			schedule.active = false;
			disarm(schedule);
			return schedule.snapshot(now());
		});
	}

	/**
	 * Why a window is refused, as the server says it, or {@code null} for a valid one
	 * ({@code 30m}, {@code 2h}, {@code 50%}).
	 * @param window the window as a request gave it
	 * @return the server's message, or {@code null}
	 */
	public static @Nullable String windowProblem(String window) {
		return ScheduleWindows.problem(Objects.requireNonNull(window, "window must not be null"));
	}

	// ---- package-private, for the engine

	/**
	 * Deletes the schedules the API created; the declared ones are active again and fire
	 * from {@code now}, as when the engine started. Under the lock.
	 */
	void reset(Instant now) {
		Iterator<ScheduleRecord> schedules = this.byId.values().iterator();
		while (schedules.hasNext()) {
			ScheduleRecord schedule = schedules.next();
			disarm(schedule);
			if (ScheduleRecord.DECLARATIVE.equals(schedule.type)) {
				schedule.active = true;
				schedule.lastFire = null;
				arm(schedule, now);
			}
			else {
				schedules.remove();
				this.byKey.remove(schedule.deduplicationKey, schedule);
				schedule.active = false;
			}
		}
	}

	// ---- package-private, for tests

	/** How many schedules wait for a fire. */
	int armed() {
		return this.engine.locked(() -> (int) this.byId.values().stream().filter((s) -> s.timer != null).count());
	}

	// ---- rules

	/** A checked spec: its parsed expression. */
	private record Checked(CronPattern pattern) {
	}

	/** The server's checks, in its order: cron, timezone, window, task. */
	private Checked check(ScheduleSpec spec) {
		CronPattern pattern = CronPattern.parse(spec.cron());
		String timezone = spec.timezone();
		if (timezone != null && !timezone.isEmpty() && !isTimezone(timezone)) {
			throw new EngineException(422,
					"Invalid IANA timezone: '" + timezone + "'. View the list of valid timezones at " + TIMEZONES_PAGE);
		}
		if (spec.window() != null) {
			String problem = ScheduleWindows.problem(spec.window());
			if (problem != null) {
				throw new EngineException(422, problem);
			}
		}
		TaskSpec task = this.engine.tasks().get(spec.task());
		if (task == null) {
			throw new EngineException(422, "Task with identifier " + spec.task() + " not found in project.");
		}
		if (!task.scheduled()) {
			throw new EngineException(422, "Task with identifier " + spec.task() + " is not a scheduled task.");
		}
		return new Checked(pattern);
	}

	private static boolean isTimezone(String timezone) {
		return "UTC".equals(timezone) || TIMEZONE_SET.contains(timezone);
	}

	private ScheduleRecord insert(ScheduleSpec spec, Checked checked, String key, boolean provided) {
		String description = describe(checked.pattern());
		if (this.byId.size() >= MAX_SCHEDULES) {
			throw new EngineException(422, "You have created " + this.byId.size() + "/" + MAX_SCHEDULES
					+ " schedules so you'll need to increase your limits or delete some schedules.");
		}
		String id;
		do {
			id = Nanoids.friendlyId("sched_");
		}
		while (this.byId.containsKey(id));
		ScheduleRecord schedule = new ScheduleRecord(id, ScheduleRecord.IMPERATIVE, spec.task(), key, provided, now(),
				++this.sequence, checked.pattern(), description, timezone(spec), window(spec),
				nonEmpty(spec.externalId()));
		add(schedule);
		return schedule;
	}

	private ScheduleRecord update(ScheduleRecord schedule, ScheduleSpec spec, Checked checked) {
		if (ScheduleRecord.DECLARATIVE.equals(schedule.type)) {
			throw new EngineException(422, "Cannot update a declarative schedule");
		}
		String description = describe(checked.pattern());
		String timezone = timezone(spec);
		String window = window(spec);
		boolean timingChanged = !schedule.pattern.expression().equals(checked.pattern().expression())
				|| !schedule.timezone.equals(timezone) || !Objects.equals(schedule.window, window);
		schedule.pattern = checked.pattern();
		schedule.description = description;
		schedule.timezone = timezone;
		schedule.window = window;
		schedule.externalId = nonEmpty(spec.externalId());
		if (timingChanged && schedule.active) {
			arm(schedule, now());
		}
		return schedule;
	}

	private void add(ScheduleRecord schedule) {
		this.byId.put(schedule.id, schedule);
		this.byKey.put(schedule.deduplicationKey, schedule);
		arm(schedule, schedule.createdAt);
	}

	/** The description, or the server's 500 where cronstrue throws. */
	private static String describe(CronPattern pattern) {
		try {
			return CronDescriptions.describe(pattern.expression());
		}
		catch (RuntimeException ex) {
			throw new EngineException(500, "Something went wrong, please try again.");
		}
	}

	private static String timezone(ScheduleSpec spec) {
		return (spec.timezone() != null) ? spec.timezone() : "UTC";
	}

	private static @Nullable String window(ScheduleSpec spec) {
		return (spec.window() != null) ? ScheduleWindows.format(spec.window()) : null;
	}

	private static @Nullable String nonEmpty(@Nullable String text) {
		return (text != null && !text.isEmpty()) ? text : null;
	}

	/** A {@code sched_} id names by id; anything else by deduplication key. */
	private @Nullable ScheduleRecord resolve(String scheduleId) {
		return scheduleId.startsWith("sched_") ? this.byId.get(scheduleId) : this.byKey.get(scheduleId);
	}

	private ScheduleRecord require(@Nullable String scheduleId) {
		ScheduleRecord schedule = (scheduleId != null) ? resolve(scheduleId) : null;
		if (schedule == null) {
			throw new EngineException(404, "Schedule not found");
		}
		return schedule;
	}

	private Instant now() {
		return this.engine.horizon();
	}

	// ---- declarative schedules

	/** The schedules declared with their tasks, created when the engine starts. */
	private void declare() {
		this.engine.locked(() -> {
			TreeMap<String, TaskSpec> tasks = new TreeMap<>(this.engine.tasks());
			for (TaskSpec task : tasks.values()) {
				String cron = task.cron();
				if (cron == null) {
					continue;
				}
				CronPattern pattern;
				String description;
				try {
					pattern = CronPattern.parse(cron);
					description = CronDescriptions.describe(cron);
				}
				catch (RuntimeException ex) {
					throw new IllegalArgumentException("The schedule of task " + task.id() + ": "
							+ ((ex instanceof EngineException) ? ex.getMessage() : "Invalid cron expression: " + cron),
							ex);
				}
				String timezone = (task.timezone() != null) ? task.timezone() : "UTC";
				if (!isTimezone(timezone)) {
					throw new IllegalArgumentException(
							"The schedule of task " + task.id() + ": Invalid IANA timezone: '" + timezone + "'");
				}
				String id = Nanoids.friendlyId("sched_");
				add(new ScheduleRecord(id, ScheduleRecord.DECLARATIVE, task.id(), randomKey(), false, now(),
						++this.sequence, pattern, description, timezone, null, null));
			}
			return null;
		});
	}

	// ---- fires

	/**
	 * Arms the schedule's next fire strictly after an instant (none if it never fires).
	 */
	private void arm(ScheduleRecord schedule, Instant after) {
		disarm(schedule);
		Instant next = schedule.pattern.next(after, schedule.zone());
		if (next == null) {
			return;
		}
		int generation = ++schedule.generation;
		schedule.timer = this.engine.timer(next, (at) -> fire(schedule, generation, at));
	}

	private static void disarm(ScheduleRecord schedule) {
		if (schedule.timer != null) {
			schedule.timer.cancel();
			schedule.timer = null;
		}
		schedule.generation++;
	}

	/**
	 * A fire, under the lock at its instant: the next fire is armed first, then the run
	 * is triggered at the instant, as a trigger would be.
	 */
	private void fire(ScheduleRecord schedule, int generation, Instant at) {
		if (schedule.generation != generation || !schedule.active || this.byId.get(schedule.id) != schedule) {
			return;
		}
		schedule.timer = null;
		Instant last = schedule.lastFire;
		schedule.lastFire = at;
		ZoneId zone = schedule.zone();
		List<Instant> upcoming = schedule.pattern.next(at, zone, UPCOMING);
		arm(schedule, at);
		ObjectNode payload = JsonNodeFactory.instance.objectNode();
		payload.put("scheduleId", schedule.id);
		payload.put("type", schedule.type);
		payload.put("timestamp", Times.iso(at));
		if (last != null) {
			payload.put("lastTimestamp", Times.iso(last));
		}
		if (schedule.externalId != null) {
			payload.put("externalId", schedule.externalId);
		}
		payload.put("timezone", schedule.timezone);
		ArrayNode instants = payload.putArray("upcoming");
		upcoming.forEach((instant) -> instants.add(Times.iso(instant)));
		TriggerSpec spec = new TriggerSpec(schedule.task, payload, List.of(), null, null, null, null, null, null, null,
				false, null, null, null, "trigger", null, schedule.id);
		try {
			this.engine.triggerAt(spec, at);
		}
		catch (RuntimeException ex) {
			// A refused fire is skipped; the schedule goes on.
		}
	}

	private static String randomKey() {
		return Nanoids.random(KEY_ALPHABET, 24);
	}

}
