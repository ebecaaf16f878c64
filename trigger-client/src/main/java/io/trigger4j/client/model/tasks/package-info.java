/**
 * Triggering a task: the options of a trigger and its answer.
 */
@NullMarked
package io.trigger4j.client.model.tasks;

import org.jspecify.annotations.NullMarked;
