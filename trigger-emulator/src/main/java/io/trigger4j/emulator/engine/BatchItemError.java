package io.trigger4j.emulator.engine;

import org.jspecify.annotations.Nullable;

/**
 * An item of a two-phase batch that could not be triggered (the server's
 * {@code BatchTaskRunError}).
 *
 * @param index the item's index
 * @param taskIdentifier the item's task
 * @param error why it could not be triggered
 * @param errorCode a code such as {@code TRIGGER_ERROR} or {@code PAYLOAD_TOO_LARGE}, or
 * {@code null}
 */
public record BatchItemError(long index, String taskIdentifier, String error, @Nullable String errorCode) {
}
