/**
 * Public access tokens: the scopes a token grants and what minting one takes.
 */
@NullMarked
package io.trigger4j.client.model.auth;

import org.jspecify.annotations.NullMarked;
