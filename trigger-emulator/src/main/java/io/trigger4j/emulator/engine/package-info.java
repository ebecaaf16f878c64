/**
 * The emulator's engine: the runs, their lifecycle in engine time, and the server's rules
 * about them, independent of HTTP. {@link io.trigger4j.emulator.engine.Engine} is its
 * entry point.
 */
@NullMarked
package io.trigger4j.emulator.engine;

import org.jspecify.annotations.NullMarked;
