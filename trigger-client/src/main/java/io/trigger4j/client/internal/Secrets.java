package io.trigger4j.client.internal;

import org.jspecify.annotations.Nullable;

/**
 * How secrets (keys, public access tokens) appear in {@code toString()}: never, only
 * whether one is set. Internal to trigger4j: not API.
 */
public final class Secrets {

	private Secrets() {
	}

	/**
	 * A secret as logs and messages may show it: {@code ******}, or {@code null}.
	 * @param secret the secret, if any
	 * @return the masked text
	 */
	public static String mask(@Nullable String secret) {
		return (secret != null) ? "******" : "null";
	}

	/**
	 * A URL whose query may be a signature (a presigned URL): its query and fragment
	 * masked, the rest kept.
	 * @param url the URL, if any
	 * @return the masked URL
	 */
	public static String maskQuery(@Nullable String url) {
		if (url == null) {
			return "null";
		}
		int query = url.indexOf('?');
		int fragment = url.indexOf('#');
		int cut = (query >= 0) ? query : fragment;
		return (cut >= 0) ? url.substring(0, cut) + "?******" : url;
	}

}
