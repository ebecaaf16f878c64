/**
 * Batch triggers: the items, the batch options and the answers.
 */
@NullMarked
package io.trigger4j.client.model.batches;

import org.jspecify.annotations.NullMarked;
