/**
 * Waitpoint tokens: what creating and listing them take, and the tokens the server
 * returns.
 */
@NullMarked
package io.trigger4j.client.model.waitpoints;

import org.jspecify.annotations.NullMarked;
