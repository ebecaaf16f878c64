package io.trigger4j.client.model.waitpoints;

import org.jspecify.annotations.Nullable;

/**
 * The error a waitpoint token holds instead of data: on current servers, its timeout
 * ({@code code} {@code TRIGGER_WAITPOINT_TIMEOUT}, {@code message} such as
 * {@code Waitpoint timed out at 2026-08-21T10:00:00.000Z}).
 *
 * @param code the error code, if the server gave one
 * @param message the message, if the server gave one
 */
public record WaitpointError(@Nullable String code, @Nullable String message) {
}
