/**
 * Spring AOT and GraalVM native-image support for the client: the runtime hints it
 * registers through {@code META-INF/spring/aot.factories}.
 */
@NullMarked
package io.trigger4j.client.aot;

import org.jspecify.annotations.NullMarked;
