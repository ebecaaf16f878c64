package io.trigger4j.client.internal;

import org.jspecify.annotations.Nullable;

/**
 * How secrets (keys, public access tokens) appear in {@code toString()}: never, only
 * whether one is set. Internal to trigger4j: not API.
 */
public final class Secrets {

	private Secrets() {
	}

	public static String mask(@Nullable String secret) {
		return (secret != null) ? "******" : "null";
	}

}
