/**
 * An in-memory Trigger.dev v3 REST API on a loopback port:
 * {@link io.trigger4j.emulator.TriggerEmulator}. It behaves as the real server does
 * (status codes, error bodies, limits, pagination, status names by API version), so
 * applications and tests run with no Trigger.dev account.
 */
@NullMarked
package io.trigger4j.emulator;

import org.jspecify.annotations.NullMarked;
