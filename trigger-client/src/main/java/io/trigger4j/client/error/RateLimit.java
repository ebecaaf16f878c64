package io.trigger4j.client.error;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The rate-limit figures of a response ({@code x-ratelimit-*} headers).
 *
 * @param limit the bucket capacity
 * @param remaining the requests left in the bucket
 * @param resetAt when the bucket refills, or {@code null} if the server did not say
 */
public record RateLimit(@Nullable Long limit, @Nullable Long remaining, @Nullable Instant resetAt) {
}
