package io.trigger4j.emulator.api;

import java.text.Collator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.trigger4j.emulator.engine.WaitpointSnapshot;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Renders waitpoint tokens as the server does (its list presenter and retrieve
 * presenter), from immutable snapshots. Completion data is stored as the server's
 * {@code stringifyIO} makes it: a string as {@code text/plain}, any other value as
 * superjson ({@code {"json": value}}, {@code application/super+json}); the timeout error
 * as {@code application/json}.
 */
final class WaitpointRenderer {

	/** The order of {@code localeCompare}, near enough: case and accents second. */
	private static final Collator TAG_ORDER = Collator.getInstance(Locale.ROOT);

	private WaitpointRenderer() {
	}

	/** The callback URL of a token on the emulator's base URL. */
	static String url(String baseUrl, WaitpointSnapshot token) {
		return baseUrl + "/api/v1/waitpoints/tokens/" + token.id() + "/callback/" + token.callbackHash();
	}

	/** {@code POST /api/v1/waitpoints/tokens}: {@code {id, isCached, url}}. */
	static Map<String, Object> created(WaitpointSnapshot token, boolean cached, String baseUrl) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", token.id());
		json.put("isCached", cached);
		json.put("url", url(baseUrl, token));
		return json;
	}

	/**
	 * A list item: the key only when the caller gave one (its original after it expired),
	 * tags sorted.
	 */
	static Map<String, Object> listed(WaitpointSnapshot token, String baseUrl) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", token.id());
		json.put("url", url(baseUrl, token));
		json.put("status", token.status().name());
		putIfPresent(json, "completedAt", time(token.completedAt()));
		putIfPresent(json, "timeoutAt", time(token.timeoutAt()));
		putIfPresent(json, "completedAfter", time(token.timeoutAt()));
		if (token.userProvidedIdempotencyKey()) {
			json.put("idempotencyKey",
					(token.inactiveIdempotencyKey() != null) ? token.inactiveIdempotencyKey() : token.idempotencyKey());
		}
		putIfPresent(json, "idempotencyKeyExpiresAt", time(token.idempotencyKeyExpiresAt()));
		List<String> tags = new ArrayList<>(token.tags());
		tags.sort(TAG_ORDER);
		json.put("tags", tags);
		json.put("createdAt", time(token.createdAt()));
		return json;
	}

	/** {@code GET /api/v1/waitpoints/tokens/{id}}: the token with its output. */
	static Map<String, Object> retrieved(WaitpointSnapshot token, String baseUrl) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", token.id());
		json.put("type", "MANUAL");
		json.put("url", url(baseUrl, token));
		json.put("status", token.status().name());
		json.put("idempotencyKey", token.idempotencyKey());
		json.put("userProvidedIdempotencyKey", token.userProvidedIdempotencyKey());
		putIfPresent(json, "idempotencyKeyExpiresAt", time(token.idempotencyKeyExpiresAt()));
		putIfPresent(json, "inactiveIdempotencyKey", token.inactiveIdempotencyKey());
		JsonNode output = token.output();
		String outputType = "application/json";
		if (output != null && !token.outputIsError()) {
			if (output.isString()) {
				json.put("output", output.asString());
				outputType = "text/plain";
			}
			else {
				json.put("output", "{\"json\":" + output + "}");
				outputType = "application/super+json";
			}
		}
		else if (output != null) {
			json.put("output", output.toString());
		}
		json.put("outputType", outputType);
		json.put("outputIsError", token.outputIsError());
		putIfPresent(json, "timeoutAt", time(token.timeoutAt()));
		putIfPresent(json, "completedAfter", time(token.timeoutAt()));
		putIfPresent(json, "completedAt", time(token.completedAt()));
		json.put("createdAt", time(token.createdAt()));
		json.put("tags", token.tags());
		return json;
	}

	private static void putIfPresent(Map<String, Object> json, String key, @Nullable Object value) {
		if (value != null) {
			json.put(key, value);
		}
	}

	private static @Nullable String time(@Nullable Instant instant) {
		return (instant != null) ? ApiJson.iso(instant) : null;
	}

}
