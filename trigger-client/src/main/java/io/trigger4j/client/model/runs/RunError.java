package io.trigger4j.client.model.runs;

import org.jspecify.annotations.Nullable;

/**
 * The error a run or attempt failed with ({@code SerializedError}).
 *
 * @param message the error message
 * @param name the error's name, such as {@code Error}
 * @param stackTrace the stack trace as text
 */
public record RunError(@Nullable String message, @Nullable String name, @Nullable String stackTrace) {
}
