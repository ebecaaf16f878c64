package io.trigger4j.emulator.engine;

/**
 * What a token create produced.
 *
 * @param token the token (new, or the one a live idempotency key points to)
 * @param cached whether a live idempotency key matched (even a completed token's)
 */
public record WaitpointCreated(WaitpointSnapshot token, boolean cached) {
}
