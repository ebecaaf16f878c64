/**
 * The Micrometer observation trigger4j records for every API call: its documentation,
 * context and conventions.
 */
@NullMarked
package io.trigger4j.client.observation;

import org.jspecify.annotations.NullMarked;
