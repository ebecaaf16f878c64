package io.trigger4j.emulator.engine;

import java.util.List;

/**
 * One page of the queue list.
 *
 * @param data the queues of the page, by name
 * @param count how many queues there are
 */
public record QueuePage(List<QueueSnapshot> data, int count) {

	/**
	 * Copies the list.
	 * @param data the queues of the page, by name
	 * @param count how many queues there are
	 */
	public QueuePage {
		data = List.copyOf(data);
	}

}
