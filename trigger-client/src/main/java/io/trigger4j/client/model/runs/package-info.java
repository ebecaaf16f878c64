/**
 * Runs: the run record, its status, the list filters and a run's result.
 */
@NullMarked
package io.trigger4j.client.model.runs;

import org.jspecify.annotations.NullMarked;
