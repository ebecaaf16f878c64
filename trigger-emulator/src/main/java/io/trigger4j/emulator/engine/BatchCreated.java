package io.trigger4j.emulator.engine;

import org.jspecify.annotations.Nullable;

/**
 * A two-phase batch as created (phase 1), or the one a live idempotency key points to.
 *
 * @param id the batch id
 * @param runCount the announced number of items
 * @param cached whether a live idempotency key answered an earlier batch
 * @param idempotencyKey the key a new batch was created with, or {@code null} (always for
 * a cached one, as the server answers)
 */
public record BatchCreated(String id, long runCount, boolean cached, @Nullable String idempotencyKey) {
}
