package io.trigger4j.emulator.api;

/**
 * Checks a request target before routing: a malformed percent-escape in the path or query
 * would otherwise fail while the request is decoded, and the connection would close
 * without an answer.
 */
final class RequestTargets {

	private RequestTargets() {
	}

	/** Whether every {@code %} is followed by two hex digits. */
	static boolean isWellFormed(String uri) {
		for (int i = 0; i < uri.length(); i++) {
			if (uri.charAt(i) == '%') {
				if (i + 2 >= uri.length() || Character.digit(uri.charAt(i + 1), 16) < 0
						|| Character.digit(uri.charAt(i + 2), 16) < 0) {
					return false;
				}
				i += 2;
			}
		}
		return true;
	}

}
