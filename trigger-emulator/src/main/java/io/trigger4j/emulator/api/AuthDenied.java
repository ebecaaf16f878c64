package io.trigger4j.emulator.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A public access token whose scopes do not grant what the request does: 403 with the
 * builder routes' body {@code {"error":"Unauthorized","code":"unauthorized",
 * "param":"access_token","type":"authorization"}}.
 */
final class AuthDenied extends RuntimeException {

	private static final long serialVersionUID = 1L;

	AuthDenied() {
		super("Unauthorized", null, false, false);
	}

	static Map<String, Object> body() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", "Unauthorized");
		body.put("code", "unauthorized");
		body.put("param", "access_token");
		body.put("type", "authorization");
		return body;
	}

}
