package io.trigger4j.emulator.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.trigger4j.emulator.engine.ScheduleSnapshot;
import org.jspecify.annotations.Nullable;

/**
 * Renders schedules as the server does, in each route's own shape: the upsert answer of
 * create and update, the view of retrieve, activate and deactivate, the list item, and
 * the {@code schedule} of a run it fired. Absent values are left out where the server
 * leaves them out ({@code undefined}) and {@code null} where it sends {@code null}.
 */
final class ScheduleRenderer {

	/** The emulator's development environment as schedules show it. */
	private static final String ENV_TYPE = "DEVELOPMENT";

	private static final String ENV_SLUG = "dev";

	private static final String ENV_SHORTCODE = "emulator";

	private ScheduleRenderer() {
	}

	/**
	 * Create and update (UpsertTaskScheduleService): the next run whether active or not.
	 */
	static Map<String, Object> upserted(ScheduleSnapshot schedule) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", schedule.id());
		json.put("type", schedule.type());
		json.put("task", schedule.task());
		json.put("active", schedule.active());
		json.put("generator", generator(schedule));
		json.put("timezone", schedule.timezone());
		putIfPresent(json, "window", schedule.window());
		putIfPresent(json, "externalId", schedule.externalId());
		putIfPresent(json, "deduplicationKey", schedule.deduplicationKey());
		Map<String, Object> environment = new LinkedHashMap<>();
		environment.put("id", RunRenderer.ENV_ID);
		environment.put("shortcode", ENV_SHORTCODE);
		environment.put("type", ENV_TYPE);
		environment.put("userName", RunRenderer.ENV_USER);
		json.put("environments", List.of(environment));
		json.put("nextRun", time(schedule.nextRun()));
		json.put("nextRunEffectiveAt", time(schedule.nextRun()));
		return json;
	}

	/**
	 * Retrieve, activate and deactivate (ViewSchedulePresenter): no next run while
	 * inactive.
	 */
	static Map<String, Object> viewed(ScheduleSnapshot schedule) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", schedule.id());
		json.put("type", schedule.type());
		json.put("task", schedule.task());
		json.put("active", schedule.active());
		String nextRun = schedule.active() ? time(schedule.nextRun()) : null;
		json.put("nextRun", nextRun);
		json.put("nextRunEffectiveAt", nextRun);
		json.put("generator", generator(schedule));
		json.put("timezone", schedule.timezone());
		putIfPresent(json, "window", schedule.window());
		putIfPresent(json, "externalId", schedule.externalId());
		putIfPresent(json, "deduplicationKey", schedule.deduplicationKey());
		Map<String, Object> environment = new LinkedHashMap<>();
		environment.put("id", RunRenderer.ENV_ID);
		environment.put("type", ENV_TYPE);
		json.put("environments", List.of(environment));
		return json;
	}

	/** A list item: {@code externalId} is {@code null} when there is none. */
	static Map<String, Object> listed(ScheduleSnapshot schedule) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", schedule.id());
		json.put("type", schedule.type());
		json.put("task", schedule.task());
		json.put("generator", generator(schedule));
		json.put("timezone", schedule.timezone());
		putIfPresent(json, "window", schedule.window());
		putIfPresent(json, "deduplicationKey", schedule.deduplicationKey());
		json.put("externalId", schedule.externalId());
		json.put("active", schedule.active());
		json.put("nextRun", time(schedule.nextRun()));
		json.put("nextRunEffectiveAt", time(schedule.nextRun()));
		Map<String, Object> environment = new LinkedHashMap<>();
		environment.put("id", RunRenderer.ENV_ID);
		environment.put("type", ENV_TYPE);
		environment.put("slug", ENV_SLUG);
		environment.put("userName", RunRenderer.ENV_USER);
		json.put("environments", List.of(environment));
		return json;
	}

	/** A retrieved run's {@code schedule}. */
	static Map<String, Object> runSchedule(ScheduleSnapshot schedule) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", schedule.id());
		putIfPresent(json, "externalId", schedule.externalId());
		putIfPresent(json, "deduplicationKey", schedule.deduplicationKey());
		json.put("generator", generator(schedule));
		return json;
	}

	private static Map<String, Object> generator(ScheduleSnapshot schedule) {
		Map<String, Object> generator = new LinkedHashMap<>();
		generator.put("type", "CRON");
		generator.put("expression", schedule.cron());
		generator.put("description", schedule.description());
		return generator;
	}

	private static void putIfPresent(Map<String, Object> json, String key, @Nullable Object value) {
		if (value != null) {
			json.put(key, value);
		}
	}

	private static @Nullable String time(@Nullable Instant instant) {
		return (instant != null) ? ApiJson.iso(instant) : null;
	}

}
