/**
 * Queues: the queue record, its type and concurrency, and {@link QueueRef}, which names a
 * queue by id, by task or by custom name.
 */
@NullMarked
package io.trigger4j.client.model.queues;

import org.jspecify.annotations.NullMarked;
