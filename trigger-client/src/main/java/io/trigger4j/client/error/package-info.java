/**
 * Exceptions trigger4j signals, all unchecked under
 * {@link io.trigger4j.client.error.TriggerException}. Their constructors are public, so
 * applications can build the exceptions the client would signal to test their own error
 * handling.
 */
@NullMarked
package io.trigger4j.client.error;

import org.jspecify.annotations.NullMarked;
