/**
 * A JUnit Jupiter extension running tests of plain-Java users of the client against the
 * emulator.
 */
@NullMarked
package io.trigger4j.test.junit;

import org.jspecify.annotations.NullMarked;
