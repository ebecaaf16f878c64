/**
 * Batch triggers: the items, the batch options and the answers; batches as retrieved, and
 * their results.
 */
@NullMarked
package io.trigger4j.client.model.batches;

import org.jspecify.annotations.NullMarked;
