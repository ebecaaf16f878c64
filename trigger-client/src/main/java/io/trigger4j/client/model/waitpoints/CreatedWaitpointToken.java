package io.trigger4j.client.model.waitpoints;

import java.util.Objects;

import io.trigger4j.client.internal.Secrets;
import org.jspecify.annotations.Nullable;

/**
 * The answer to creating a waitpoint token ({@code POST /api/v1/waitpoints/tokens}).
 *
 * @param id the token id ({@code waitpoint_...}), for a task to wait on and for
 * completing it
 * @param isCached {@code true} when the idempotency key matched an existing token and
 * that token was returned (it may already be completed)
 * @param url the token's callback URL: a POST to it completes the token without any
 * credential, since it carries its own HMAC. Give it to a third party (a webhook sender);
 * treat it as a secret. {@link #toString()} masks its hash
 * @param publicAccessToken a token allowed to complete only this waitpoint (24 hours; the
 * {@code x-trigger-jwt} response header), for handing to a browser; never printed by
 * {@link #toString()}
 */
public record CreatedWaitpointToken(String id, boolean isCached, String url, @Nullable String publicAccessToken) {

	/**
	 * Checks that the id and the URL are present.
	 * @param id the token id ({@code waitpoint_...}), for a task to wait on and for
	 * completing it
	 * @param isCached {@code true} when the idempotency key matched an existing token and
	 * that token was returned (it may already be completed)
	 * @param url the token's callback URL: a POST to it completes the token without any
	 * credential, since it carries its own HMAC. Give it to a third party (a webhook
	 * sender); treat it as a secret. {@link #toString()} masks its hash
	 * @param publicAccessToken a token allowed to complete only this waitpoint (24 hours;
	 * the {@code x-trigger-jwt} response header), for handing to a browser; never printed
	 * by {@link #toString()}
	 */
	public CreatedWaitpointToken {
		Objects.requireNonNull(id, "id must not be null");
		Objects.requireNonNull(url, "url must not be null");
	}

	@Override
	public String toString() {
		return "CreatedWaitpointToken[id=" + this.id + ", isCached=" + this.isCached + ", url="
				+ WaitpointToken.maskCallbackUrl(this.url) + ", publicAccessToken="
				+ Secrets.mask(this.publicAccessToken) + "]";
	}

}
