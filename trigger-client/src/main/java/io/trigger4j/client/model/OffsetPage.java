package io.trigger4j.client.model;

import java.util.List;

/**
 * One page of a list paged by number (schedules, queues): {@code page} and
 * {@code perPage} in, {@code {data, pagination: {currentPage, totalPages, count}}} out.
 *
 * @param <T> the item type
 * @param data the items of this page
 * @param currentPage this page's number, from 1
 * @param totalPages how many pages there are
 * @param count how many items there are in all
 */
public record OffsetPage<T>(List<T> data, int currentPage, int totalPages, int count) {

	/**
	 * Copies the items; {@code null} gives an empty list.
	 * @param data the items of this page
	 * @param currentPage this page's number, from 1
	 * @param totalPages how many pages there are
	 * @param count how many items there are in all
	 */
	public OffsetPage {
		data = (data != null) ? List.copyOf(data) : List.of();
	}

	/**
	 * {@return whether a later page exists}
	 */
	public boolean hasNext() {
		return this.currentPage < this.totalPages;
	}

}
