package io.trigger4j.emulator.engine;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of the token list.
 *
 * @param data the tokens, newest first
 * @param next the cursor of the next (older) page: an internal id, without the
 * {@code waitpoint_} prefix, or {@code null}
 * @param previous the cursor of the previous (newer) page, or {@code null}
 */
public record WaitpointPage(List<WaitpointSnapshot> data, @Nullable String next, @Nullable String previous) {

	/**
	 * Copies the list.
	 * @param data the tokens, newest first
	 * @param next the cursor of the next (older) page: an internal id, without the
	 * {@code waitpoint_} prefix, or {@code null}
	 * @param previous the cursor of the previous (newer) page, or {@code null}
	 */
	public WaitpointPage {
		data = List.copyOf(data);
	}

}
