package io.trigger4j.client.model;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of a cursor-paginated list.
 *
 * @param <T> the item type
 * @param data the items of this page, newest first
 * @param next the cursor of the next (older) page, or {@code null} on the last page; pass
 * it back verbatim, it is opaque
 * @param previous the cursor of the previous (newer) page, or {@code null} on the first
 * page
 */
public record CursorPage<T>(List<T> data, @Nullable String next, @Nullable String previous) {

	/**
	 * Copies the items; {@code null} gives an empty list.
	 * @param data the items of this page, newest first
	 * @param next the cursor of the next (older) page, or {@code null} on the last page;
	 * pass it back verbatim, it is opaque
	 * @param previous the cursor of the previous (newer) page, or {@code null} on the
	 * first page
	 */
	public CursorPage {
		data = (data != null) ? List.copyOf(data) : List.of();
	}

	/**
	 * {@return whether a next page exists}
	 */
	public boolean hasNext() {
		return this.next != null;
	}

}
