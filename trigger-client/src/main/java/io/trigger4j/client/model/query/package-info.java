/**
 * Queries: a TRQL query request with its scope and time window, and the rows it returns.
 */
@NullMarked
package io.trigger4j.client.model.query;

import org.jspecify.annotations.NullMarked;
