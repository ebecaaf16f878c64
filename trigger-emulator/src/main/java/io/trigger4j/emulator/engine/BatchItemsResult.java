package io.trigger4j.emulator.engine;

import org.jspecify.annotations.Nullable;

/**
 * What streaming items to a two-phase batch did (phase 2).
 *
 * @param id the batch id
 * @param itemsAccepted items taken: triggered, or recorded as failed
 * @param itemsDeduplicated items whose index was already taken
 * @param sealed whether every announced item has arrived (the batch is sealed)
 * @param enqueuedCount the items taken so far, when not sealed; else {@code null}
 * @param expectedCount the announced count, when not sealed; else {@code null}
 * @param runCount the announced count
 */
public record BatchItemsResult(String id, int itemsAccepted, int itemsDeduplicated, boolean sealed,
		@Nullable Integer enqueuedCount, @Nullable Long expectedCount, long runCount) {
}
