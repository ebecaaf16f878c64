/**
 * Values shared by every resource: {@link io.trigger4j.client.model.JsonValue} for the
 * application's own JSON, {@link io.trigger4j.client.model.CursorPage} and
 * {@link io.trigger4j.client.model.MachinePreset}. The records of each resource live in a
 * sub-package.
 */
@NullMarked
package io.trigger4j.client.model;

import org.jspecify.annotations.NullMarked;
