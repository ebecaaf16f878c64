package io.trigger4j.client;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Idempotency keys the client makes itself (the request idempotency key of every call,
 * the key generated for a trigger without one): UUID-shaped, unique rather than random.
 * Each process draws 122 random bits once from a {@link SecureRandom} and counts up from
 * them, so no two keys of one process are equal and two processes' keys meet only if
 * their 60 random high bits do (a chance of 2<sup>-60</sup> per pair), while a key costs
 * an atomic increment instead of {@link UUID#randomUUID()}'s draw from a shared,
 * synchronised {@code SecureRandom}. The keys are not secrets: they reach the server in
 * headers and bodies and protect nothing.
 */
final class RequestKeys {

	private static final long VERSION_MASK = 0xFFFF_FFFF_FFFF_0FFFL;

	private static final long VERSION_4 = 0x0000_0000_0000_4000L;

	private static final long VARIANT_MASK = 0x3FFF_FFFF_FFFF_FFFFL;

	private static final long VARIANT_IETF = 0x8000_0000_0000_0000L;

	private static final long HIGH;

	private static final AtomicLong low;

	static {
		SecureRandom random = new SecureRandom();
		HIGH = (random.nextLong() & VERSION_MASK) | VERSION_4;
		low = new AtomicLong(random.nextLong());
	}

	private RequestKeys() {
	}

	/** A key no other call of this process has had, as a version 4 UUID's text. */
	static String next() {
		long count = low.getAndIncrement();
		return new UUID(HIGH, (count & VARIANT_MASK) | VARIANT_IETF).toString();
	}

}
