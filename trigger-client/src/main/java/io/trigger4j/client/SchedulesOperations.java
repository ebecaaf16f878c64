package io.trigger4j.client;

import java.util.List;

import io.trigger4j.client.model.OffsetPage;
import io.trigger4j.client.model.schedules.CreateScheduleRequest;
import io.trigger4j.client.model.schedules.Schedule;
import io.trigger4j.client.model.schedules.UpdateScheduleRequest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Schedules: cron expressions that trigger scheduled tasks. Obtain from
 * {@link TriggerOperations#schedules()}. These routes take the environment's secret key
 * (a personal access token is refused), and act on the schedules of that environment.
 * Only {@code IMPERATIVE} schedules (made in the dashboard or through the API) can be
 * updated, deleted, activated or deactivated; {@code DECLARATIVE} ones change with the
 * code.
 *
 * <p>
 * A schedule is named by its id ({@code sched_...}); the server also takes the
 * deduplication key it was created with.
 */
public interface SchedulesOperations {

	/**
	 * Creates an {@code IMPERATIVE} schedule, or, when one with the same deduplication
	 * key exists, updates it and returns it with its id. {@code POST /api/v1/schedules}.
	 * Safe to retry: a repeat updates the same schedule.
	 * @param request the task, cron expression, deduplication key and options, checked
	 * when built
	 * @return the created or updated schedule
	 */
	Mono<Schedule> create(CreateScheduleRequest request);

	/**
	 * Every schedule of the environment, page by page. {@code GET /api/v1/schedules}. The
	 * first page is fetched on subscription, each later one only once the previous page
	 * has been consumed, so {@code take(n)} fetches only the pages it needs; a schedule
	 * repeated from the previous page (a list that changed between pages) is streamed
	 * once.
	 * @return every schedule of the environment
	 */
	Flux<Schedule> list();

	/**
	 * One page of the environment's schedules. {@code GET
	 * /api/v1/schedules?page=&perPage=}.
	 * @param page the page number, from 1
	 * @param perPage how many schedules a page holds, 1 to 100 (the server's default is
	 * 20)
	 * @return the page
	 */
	Mono<OffsetPage<Schedule>> listPage(int page, int perPage);

	/**
	 * A schedule. {@code GET /api/v1/schedules/{scheduleId}}.
	 * @param scheduleId the schedule id ({@code sched_...}) or its deduplication key
	 * @return the schedule
	 */
	Mono<Schedule> retrieve(String scheduleId);

	/**
	 * Updates an {@code IMPERATIVE} schedule: its task, cron expression, and the external
	 * id, timezone and window given. {@code PUT /api/v1/schedules/{scheduleId}}. The
	 * server answers 422 for a {@code DECLARATIVE} schedule.
	 * @param scheduleId the schedule id ({@code sched_...})
	 * @param request the new task, cron expression and options, checked when built
	 * @return the updated schedule
	 */
	Mono<Schedule> update(String scheduleId, UpdateScheduleRequest request);

	/**
	 * Deletes an {@code IMPERATIVE} schedule. {@code DELETE
	 * /api/v1/schedules/{scheduleId}}. Not retried after a failure where the server may
	 * have acted: a repeat answers 404.
	 * @param scheduleId the schedule id ({@code sched_...})
	 * @return the id of the deleted schedule
	 */
	Mono<String> delete(String scheduleId);

	/**
	 * Activates an {@code IMPERATIVE} schedule: it triggers runs again. {@code POST
	 * /api/v1/schedules/{scheduleId}/activate}.
	 * @param scheduleId the schedule id ({@code sched_...})
	 * @return the activated schedule
	 */
	Mono<Schedule> activate(String scheduleId);

	/**
	 * Deactivates an {@code IMPERATIVE} schedule: it stops triggering runs until
	 * activated. {@code POST /api/v1/schedules/{scheduleId}/deactivate}.
	 * @param scheduleId the schedule id ({@code sched_...})
	 * @return the deactivated schedule
	 */
	Mono<Schedule> deactivate(String scheduleId);

	/**
	 * The IANA timezones a schedule can use, such as {@code Europe/Paris}. An open route:
	 * no credential is sent. {@code GET /api/v1/timezones}.
	 * @param excludeUtc whether to leave {@code UTC} out
	 * @return the timezones' names
	 */
	Mono<List<String>> timezones(boolean excludeUtc);

}
