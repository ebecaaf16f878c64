package io.trigger4j.emulator.engine;

import java.security.SecureRandom;

/**
 * The server's friendly ids of resources other than runs: a prefix and 21 characters of
 * the nanoid alphabet ({@code queue_...}, {@code deployment_...}, {@code worker_...},
 * {@code task_...}), and the deployments' 8-character short codes.
 */
final class Nanoids {

	private static final String FRIENDLY_ALPHABET = "123456789abcdefghijkmnopqrstuvwxyz";

	private static final String SHORT_CODE_ALPHABET = "1234567890abcdefghijklmnopqrstuvwxyz";

	private static final SecureRandom RANDOM = new SecureRandom();

	private Nanoids() {
	}

	/** {@code prefix} + 21 characters of {@code 123456789abcdefghijkmnopqrstuvwxyz}. */
	static String friendlyId(String prefix) {
		return prefix + random(FRIENDLY_ALPHABET, 21);
	}

	/** 8 characters of {@code 1234567890abcdefghijklmnopqrstuvwxyz}. */
	static String shortCode() {
		return random(SHORT_CODE_ALPHABET, 8);
	}

	/** {@code length} characters drawn from {@code alphabet}. */
	static String random(String alphabet, int length) {
		StringBuilder id = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			id.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
		}
		return id.toString();
	}

}
