/**
 * Test support for applications that use trigger4j.
 */
@NullMarked
package io.trigger4j.test;

import org.jspecify.annotations.NullMarked;
