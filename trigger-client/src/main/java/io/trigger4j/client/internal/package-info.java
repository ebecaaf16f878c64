/**
 * Small helpers shared by the client's packages: argument checks, secret masking, media
 * types and the default JSON mapper. Internal to trigger4j: not API, and they may change
 * in any release.
 */
@NullMarked
package io.trigger4j.client.internal;

import org.jspecify.annotations.NullMarked;
