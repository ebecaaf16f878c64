/**
 * Schedules: the schedule record, its type, and the create and update requests, whose
 * cron expression, timezone and window are checked before anything is sent.
 */
@NullMarked
package io.trigger4j.client.model.schedules;

import org.jspecify.annotations.NullMarked;
