package io.trigger4j.client;

import java.util.List;
import java.util.Objects;

import io.trigger4j.client.internal.Checks;
import io.trigger4j.client.model.OffsetPage;
import io.trigger4j.client.model.queues.Queue;
import io.trigger4j.client.model.queues.QueueRef;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The {@link QueuesOperations} implementation. */
final class DefaultQueuesOperations implements QueuesOperations {

	/** The page size of {@link #list()}: the largest the server allows. */
	static final int LIST_PAGE_SIZE = 100;

	static final int MAX_PER_PAGE = 100;

	static final int MAX_CONCURRENCY_LIMIT = 100_000;

	static final double MAX_PERCENT = 100;

	private final TriggerHttp http;

	DefaultQueuesOperations(TriggerHttp http) {
		this.http = http;
	}

	@Override
	public Flux<Queue> list() {
		return CursorPager.numbered((page) -> page(page, LIST_PAGE_SIZE), Queue::id);
	}

	@Override
	public Mono<OffsetPage<Queue>> listPage(int page, int perPage) {
		if (page < 1) {
			throw new IllegalArgumentException("page must be at least 1 but was " + page);
		}
		Checks.requireRange("perPage", perPage, 1, MAX_PER_PAGE);
		return page(page, perPage);
	}

	private Mono<OffsetPage<Queue>> page(int page, int perPage) {
		return this.http.execute(ApiCall.to(Operation.QUEUES_LIST)
			.query("page", page)
			.query("perPage", perPage)
			.reading(QueuePage.class, (answer, headers) -> answer.toPage(page)));
	}

	@Override
	public Mono<Queue> retrieve(QueueRef queue) {
		return this.http.execute(ApiCall.to(Operation.QUEUES_RETRIEVE, pathValue(queue))
			.query("type", queue.kind().value())
			.reading(Queue.class));
	}

	@Override
	public Mono<Queue> pause(QueueRef queue) {
		return pauseOrResume(queue, "pause");
	}

	@Override
	public Mono<Queue> resume(QueueRef queue) {
		return pauseOrResume(queue, "resume");
	}

	private Mono<Queue> pauseOrResume(QueueRef queue, String action) {
		return this.http.execute(ApiCall.to(Operation.QUEUES_PAUSE, pathValue(queue))
			.body(new PauseBody(queue.kind().value(), action))
			.reading(Queue.class));
	}

	@Override
	public Mono<Queue> overrideConcurrencyLimit(QueueRef queue, int limit) {
		String path = pathValue(queue);
		Checks.requireRange("limit", limit, 0, MAX_CONCURRENCY_LIMIT);
		return override(path, new OverrideBody(queue.kind().value(), limit, null));
	}

	@Override
	public Mono<Queue> overrideConcurrencyPercent(QueueRef queue, double percent) {
		String path = pathValue(queue);
		if (!(percent > 0 && percent <= MAX_PERCENT)) {
			throw new IllegalArgumentException(
					"percent must be above 0 and at most " + (int) MAX_PERCENT + " but was " + percent);
		}
		return override(path, new OverrideBody(queue.kind().value(), null, percent));
	}

	private Mono<Queue> override(String path, OverrideBody body) {
		return this.http
			.execute(ApiCall.to(Operation.QUEUES_OVERRIDE_CONCURRENCY, path).body(body).reading(Queue.class));
	}

	@Override
	public Mono<Queue> resetConcurrencyLimit(QueueRef queue) {
		return this.http.execute(ApiCall.to(Operation.QUEUES_RESET_CONCURRENCY, pathValue(queue))
			.body(new TypeBody(queue.kind().value()))
			.reading(Queue.class));
	}

	/**
	 * The path value of a queue. A task identifier or custom name has each {@code /}
	 * replaced by {@code %2F} before the path is encoded, so a {@code /} goes out as
	 * {@code %252F}, as the official SDK sends it; the server undoes both layers. An id
	 * goes out as it is.
	 */
	static String pathValue(QueueRef queue) {
		Objects.requireNonNull(queue, "queue must not be null");
		return (queue.kind() == QueueRef.Kind.ID) ? queue.value() : queue.value().replace("/", "%2F");
	}

	/** The wire shape of a list page. */
	record QueuePage(@Nullable List<Queue> data, @Nullable Pagination pagination) {

		/**
		 * The page; without pagination, the page asked for is taken as the last.
		 */
		OffsetPage<Queue> toPage(int page) {
			List<Queue> queues = (this.data != null) ? this.data : List.of();
			return (this.pagination != null) ? new OffsetPage<>(queues, this.pagination.currentPage(),
					this.pagination.totalPages(), this.pagination.count())
					: new OffsetPage<>(queues, page, page, queues.size());
		}

	}

	/** The wire shape of a page's numbers. */
	record Pagination(int currentPage, int totalPages, int count) {
	}

	record PauseBody(String type, String action) {
	}

	/** Exactly one of {@code concurrencyLimit} and {@code percent} is set. */
	record OverrideBody(String type, @Nullable Integer concurrencyLimit, @Nullable Double percent) {
	}

	record TypeBody(String type) {
	}

}
