package io.trigger4j.client;

import java.util.List;
import java.util.Objects;

import io.trigger4j.client.internal.Checks;
import io.trigger4j.client.model.OffsetPage;
import io.trigger4j.client.model.schedules.CreateScheduleRequest;
import io.trigger4j.client.model.schedules.Schedule;
import io.trigger4j.client.model.schedules.UpdateScheduleRequest;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The {@link SchedulesOperations} implementation. */
final class DefaultSchedulesOperations implements SchedulesOperations {

	/** The most schedules a page holds. */
	static final int MAX_PER_PAGE = 100;

	private final TriggerHttp http;

	DefaultSchedulesOperations(TriggerHttp http) {
		this.http = http;
	}

	@Override
	public Mono<Schedule> create(CreateScheduleRequest request) {
		Objects.requireNonNull(request, "request must not be null");
		return this.http.execute(ApiCall.to(Operation.SCHEDULES_CREATE)
			.body(new ScheduleBody(request.task(), request.cron(), request.deduplicationKey(), request.externalId(),
					request.timezone(), request.window()))
			.reading(Schedule.class));
	}

	/**
	 * Walks the pages as one demand-driven {@link Flux} with
	 * {@link CursorPager#numbered}: the next page only once the previous page's last item
	 * has been delivered.
	 */
	@Override
	public Flux<Schedule> list() {
		return CursorPager.numbered((page) -> page(page, null), Schedule::id);
	}

	@Override
	public Mono<OffsetPage<Schedule>> listPage(int page, int perPage) {
		if (page < 1) {
			throw new IllegalArgumentException("page must be at least 1 (pages are numbered from 1) but was " + page);
		}
		Checks.requireRange("perPage", perPage, 1, MAX_PER_PAGE);
		return page(page, perPage);
	}

	private Mono<OffsetPage<Schedule>> page(int page, @Nullable Integer perPage) {
		return this.http.execute(ApiCall.to(Operation.SCHEDULES_LIST)
			.query("page", page)
			.query("perPage", perPage)
			.reading(SchedulePage.class, (answer, headers) -> answer.toPage(page)));
	}

	@Override
	public Mono<Schedule> retrieve(String scheduleId) {
		return this.http.execute(ApiCall.to(Operation.SCHEDULES_RETRIEVE, scheduleId).reading(Schedule.class));
	}

	@Override
	public Mono<Schedule> update(String scheduleId, UpdateScheduleRequest request) {
		Operation.SCHEDULES_UPDATE.checkPath(scheduleId);
		Objects.requireNonNull(request, "request must not be null");
		return this.http.execute(ApiCall.to(Operation.SCHEDULES_UPDATE, scheduleId)
			.body(new ScheduleBody(request.task(), request.cron(), null, request.externalId(), request.timezone(),
					request.window()))
			.reading(Schedule.class));
	}

	@Override
	public Mono<String> delete(String scheduleId) {
		String name = Operation.SCHEDULES_DELETE.observationName();
		return this.http.execute(ApiCall.to(Operation.SCHEDULES_DELETE, scheduleId)
			.reading((json, body, headers) -> (body.length == 0) ? scheduleId
					: Objects.requireNonNullElse(json.read(name, body, DeletedAnswer.class).id(), scheduleId)));
	}

	@Override
	public Mono<Schedule> activate(String scheduleId) {
		return this.http.execute(ApiCall.to(Operation.SCHEDULES_ACTIVATE, scheduleId).reading(Schedule.class));
	}

	@Override
	public Mono<Schedule> deactivate(String scheduleId) {
		return this.http.execute(ApiCall.to(Operation.SCHEDULES_DEACTIVATE, scheduleId).reading(Schedule.class));
	}

	@Override
	public Mono<List<String>> timezones(boolean excludeUtc) {
		return this.http.execute(ApiCall.to(Operation.SCHEDULES_TIMEZONES)
			.query("excludeUtc", excludeUtc ? "true" : null)
			.reading(Timezones.class, (answer, headers) -> answer.timezones()));
	}

	/**
	 * The body of create and update, as the server names it; update sends no
	 * deduplication key.
	 */
	record ScheduleBody(String task, String cron, @Nullable String deduplicationKey, @Nullable String externalId,
			@Nullable String timezone, @Nullable String window) {
	}

	/** The wire shape of a list page. */
	record SchedulePage(@Nullable List<Schedule> data, @Nullable Pagination pagination) {

		/**
		 * The page; without pagination, the requested page taken as the last.
		 */
		OffsetPage<Schedule> toPage(int requested) {
			List<Schedule> items = (this.data != null) ? this.data : List.of();
			Pagination known = (this.pagination != null) ? this.pagination : new Pagination(null, null, null);
			int current = (known.currentPage() != null) ? known.currentPage() : requested;
			int total = (known.totalPages() != null) ? known.totalPages() : current;
			int count = (known.count() != null) ? known.count() : items.size();
			return new OffsetPage<>(items, current, total, count);
		}

	}

	/** The wire shape of a page's position. */
	record Pagination(@Nullable Integer currentPage, @Nullable Integer totalPages, @Nullable Integer count) {
	}

	/** The answer of delete: the deleted schedule's id. */
	record DeletedAnswer(@Nullable String id) {
	}

	/** The answer of timezones. */
	record Timezones(@Nullable List<String> timezones) {

		Timezones {
			timezones = (timezones != null) ? List.copyOf(timezones) : List.of();
		}

	}

}
