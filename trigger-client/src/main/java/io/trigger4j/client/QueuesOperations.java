package io.trigger4j.client;

import io.trigger4j.client.error.BadRequestException;
import io.trigger4j.client.error.NotFoundException;
import io.trigger4j.client.model.OffsetPage;
import io.trigger4j.client.model.queues.Queue;
import io.trigger4j.client.model.queues.QueueRef;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Queues: listing them, pausing them and their concurrency limits. Obtain from
 * {@link TriggerOperations#queues()}.
 *
 * <p>
 * A queue is named by a {@link QueueRef}: {@code QueueRef.id("queue_...")},
 * {@code QueueRef.task("send-welcome-email")} for a task's own queue, or
 * {@code QueueRef.custom("emails")} for a queue declared in code. An unknown queue fails
 * with a {@link NotFoundException}; a project still on the v3 engine gets a
 * {@link BadRequestException} ({@code engine-version}).
 */
public interface QueuesOperations {

	/**
	 * Streams every queue of the environment, page after page as the subscriber consumes
	 * them ({@code GET /api/v1/queues}, 100 a page): the next page is requested only
	 * after the previous one has been consumed, so {@code take(n)} fetches only the pages
	 * it needs. Queues repeated across a page boundary are dropped.
	 * @return every queue of the environment
	 */
	Flux<Queue> list();

	/**
	 * Fetches one page of queues. {@code GET /api/v1/queues?page=&perPage=}.
	 * @param page the page number, from 1
	 * @param perPage how many queues a page holds, 1 to 100 (the server's default is 25)
	 * @return the page
	 */
	Mono<OffsetPage<Queue>> listPage(int page, int perPage);

	/**
	 * Retrieves a queue with its counts and concurrency. {@code GET
	 * /api/v1/queues/{queue}?type=}.
	 * @param queue the queue
	 * @return the queue
	 */
	Mono<Queue> retrieve(QueueRef queue);

	/**
	 * Pauses a queue: no new runs start from it until it is resumed; runs already
	 * executing finish. Pausing a paused queue changes nothing. {@code POST
	 * /api/v1/queues/{queue}/pause} with {@code action: pause}.
	 * @param queue the queue
	 * @return the queue, now paused
	 */
	Mono<Queue> pause(QueueRef queue);

	/**
	 * Resumes a paused queue. {@code POST /api/v1/queues/{queue}/pause} with
	 * {@code action: resume}.
	 * @param queue the queue
	 * @return the queue, no longer paused
	 */
	Mono<Queue> resume(QueueRef queue);

	/**
	 * Overrides a queue's concurrency limit with a number of runs, until
	 * {@link #resetConcurrencyLimit(QueueRef) reset}. {@code POST
	 * /api/v1/queues/{queue}/concurrency/override}. A limit above the environment's
	 * maximum fails with a {@link BadRequestException}; it is not capped.
	 * @param queue the queue
	 * @param limit how many runs may execute at once, 0 to 100000 (0 holds every run
	 * back)
	 * @return the queue with its new limit
	 */
	Mono<Queue> overrideConcurrencyLimit(QueueRef queue, int limit);

	/**
	 * Overrides a queue's concurrency limit with a share of the environment's maximum
	 * concurrency, until {@link #resetConcurrencyLimit(QueueRef) reset}. {@code POST
	 * /api/v1/queues/{queue}/concurrency/override} with {@code percent} (which the
	 * contract does not list; the server accepts it).
	 * @param queue the queue
	 * @param percent the share of the environment's maximum, above 0 and at most 100
	 * @return the queue with its new limit
	 */
	Mono<Queue> overrideConcurrencyPercent(QueueRef queue, double percent);

	/**
	 * Removes a queue's concurrency override: the limit defined in code applies again.
	 * {@code POST /api/v1/queues/{queue}/concurrency/reset}. A queue that is not
	 * overridden fails with a {@link BadRequestException} ("Queue is not overridden"), so
	 * this call is not retried.
	 * @param queue the queue
	 * @return the queue with its base limit
	 */
	Mono<Queue> resetConcurrencyLimit(QueueRef queue);

}
