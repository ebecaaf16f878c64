package io.trigger4j.client;

import org.jspecify.annotations.Nullable;

/**
 * How secrets (keys, public access tokens) appear in {@code toString()}: never, only
 * whether one is set.
 */
final class Secrets {

	private Secrets() {
	}

	static String mask(@Nullable String secret) {
		return (secret != null) ? "******" : "null";
	}

}
