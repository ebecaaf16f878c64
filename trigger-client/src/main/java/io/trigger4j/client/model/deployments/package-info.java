/**
 * Deployments: a deployment with its status and worker, and the answer of a promotion.
 */
@NullMarked
package io.trigger4j.client.model.deployments;

import org.jspecify.annotations.NullMarked;
