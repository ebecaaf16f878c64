package io.trigger4j.client.error;

import java.io.Serializable;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The rate-limit figures of a response ({@code x-ratelimit-*} headers). Serializable, as
 * the exceptions that carry it.
 *
 * @param limit the bucket capacity
 * @param remaining the requests left in the bucket
 * @param resetAt when the bucket refills, or {@code null} if the server did not say
 * @serial exclude
 */
public record RateLimit(@Nullable Long limit, @Nullable Long remaining,
		@Nullable Instant resetAt) implements Serializable {

	private static final long serialVersionUID = 1L;

}
