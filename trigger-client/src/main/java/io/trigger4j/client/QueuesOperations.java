package io.trigger4j.client;

/**
 * Queues: listing them, pausing them and their concurrency limits. Obtain from
 * {@link TriggerOperations#queues()}.
 */
public interface QueuesOperations {

}
