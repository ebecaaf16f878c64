package io.trigger4j.emulator.engine;

/**
 * What a trigger produced.
 *
 * @param run the run (new, or the one an idempotency key pointed to)
 * @param cached whether an idempotency key matched a live run
 */
public record Triggered(RunSnapshot run, boolean cached) {
}
