package io.trigger4j.emulator.engine;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Waitpoint tokens of the emulated environment (api-semantics.md 4.11): created, listed,
 * completed (by the API or the callback URL) or timed out in engine time; runs waiting on
 * a token resume when it completes or times out.
 *
 * <p>
 * As on the server: an idempotent create with a live key returns the same token, cached,
 * even a completed one; once the key's TTL has passed, a create with it makes a new token
 * and the old one keeps the key as its inactive key. Completing a completed or timed-out
 * token changes nothing. A timed-out token is completed with the error
 * {@code {"code":"TRIGGER_WAITPOINT_TIMEOUT","message":"Waitpoint timed out at <ISO>"}}.
 * A token is found by its friendly id ({@code waitpoint_...}) or its internal id.
 *
 * <p>
 * Tokens are kept for the emulator's lifetime, completed ones too (they stay listed and
 * retrievable, as on the server): memory grows with every token created, as with runs and
 * batches.
 *
 * <p>
 * Refusals are {@link EngineException}s with the server's texts: 422 "Waitpoints can only
 * have 10 tags, you're trying to set N."; 404 "Waitpoint not found"; for the callback 401
 * "Invalid URL, hash doesn't match", and 500 "Failed to complete HTTP callback" for a
 * hash of the right length that is not hex (where the server's comparison throws).
 */
public final class Waitpoints {

	/** The most tags a token may have. */
	public static final int MAX_TAGS = 10;

	/** The key callback URLs are signed with unless the emulator configures its own. */
	public static final String DEFAULT_SIGNING_KEY = "tr_dev_emulator";

	static final String TIMEOUT_CODE = "TRIGGER_WAITPOINT_TIMEOUT";

	private static final String KEY_ALPHABET = "useandom-26T198340PX75pxJACKVERYMINDBUSHWOLF_GQZbfghjklqvwyzrict";

	private final Engine engine;

	/** The tokens by internal id: in id order, which is creation order. */
	private final NavigableMap<String, WaitpointRecord> byInternalId = new TreeMap<>();

	/** The tokens by their current key (the caller's or a random one). */
	private final Map<String, WaitpointRecord> byKey = new HashMap<>();

	private volatile String signingKey = DEFAULT_SIGNING_KEY;

	Waitpoints(Engine engine) {
		this.engine = engine;
	}

	/**
	 * The environment's API key, which signs the callback URLs (the server's
	 * {@code generateHttpCallbackUrl}).
	 * @param key the key, not empty
	 */
	public void signingKey(String key) {
		Objects.requireNonNull(key, "key must not be null");
		if (key.isEmpty()) {
			throw new IllegalArgumentException("key must not be empty");
		}
		this.signingKey = key;
	}

	/**
	 * Creates a token now (for a step function, at its step's start), or returns the one
	 * a live idempotency key points to (cached). 422 over 10 tags.
	 * @param spec the token's key, key TTL, timeout and tags
	 * @return the token, and whether it was an existing one
	 */
	public WaitpointCreated create(WaitpointSpec spec) {
		return create(spec, null);
	}

	/**
	 * Creates a token at an instant of engine time, or returns the one a live idempotency
	 * key points to then (cached). A step creates its tokens at its start, so that a run
	 * whose step started late in one long tick has the same tokens as in many short ones.
	 * 422 over 10 tags.
	 * @param spec the token's key, key TTL, timeout and tags
	 * @param at when the token is made (its {@code createdAt}); {@code null}, or an
	 * instant after the engine's time, for now
	 * @return the token, and whether it was an existing one
	 */
	public WaitpointCreated create(WaitpointSpec spec, @Nullable Instant at) {
		Objects.requireNonNull(spec, "spec must not be null");
		return this.engine.locked(() -> {
			if (spec.tags().size() > MAX_TAGS) {
				throw new EngineException(422, "Waitpoints can only have " + MAX_TAGS + " tags, you're trying to set "
						+ spec.tags().size() + ".");
			}
			Instant current = this.engine.actionTime();
			Instant now = (at != null && at.isBefore(current)) ? at : current;
			String key = spec.idempotencyKey();
			if (key != null) {
				WaitpointRecord existing = this.byKey.get(key);
				if (existing != null) {
					Instant expires = existing.idempotencyKeyExpiresAt;
					if (expires == null || !now.isAfter(expires)) {
						return new WaitpointCreated(snapshot(existing), true);
					}
					// The key has expired: the old token keeps it as inactive, a new one
					// takes it.
					this.byKey.remove(key);
					existing.inactiveIdempotencyKey = existing.idempotencyKey;
					existing.idempotencyKey = randomKey();
					this.byKey.put(existing.idempotencyKey, existing);
				}
			}
			Instant keyExpiresAt = (key != null && spec.idempotencyKeyTtl() != null)
					? Times.plus(now, spec.idempotencyKeyTtl()) : null;
			WaitpointRecord token = new WaitpointRecord(this.engine.newId(WaitpointSnapshot.PREFIX, now), now,
					(key != null) ? key : randomKey(), key != null, keyExpiresAt, spec.timeout(), spec.tags());
			this.byInternalId.put(token.internalId, token);
			this.byKey.put(token.idempotencyKey, token);
			Instant timeout = spec.timeout();
			if (timeout != null) {
				token.timer = this.engine.timer(timeout, (due) -> timeOut(token, due));
			}
			return new WaitpointCreated(snapshot(token), false);
		});
	}

	/**
	 * Looks a token up.
	 * @param tokenId the token's friendly ({@code waitpoint_...}) or internal id
	 * @return the token, or empty if there is none
	 */
	public Optional<WaitpointSnapshot> find(String tokenId) {
		return this.engine.locked(() -> {
			WaitpointRecord token = record(tokenId);
			return (token != null) ? Optional.of(snapshot(token)) : Optional.empty();
		});
	}

	/**
	 * One page of the tokens, newest first, with the server's cursors (its quirks
	 * included: a first page has no previous cursor, a last page no next one).
	 * @param query the filters, page size and cursor
	 * @return the page's tokens and cursors
	 */
	public WaitpointPage list(WaitpointQuery query) {
		Objects.requireNonNull(query, "query must not be null");
		return this.engine.locked(() -> page(query, this.engine.horizon()));
	}

	/**
	 * Completes a waiting token with data ({@code null} for none) now (for a step
	 * function, at its step's start) and resumes the runs waiting on it; a completed or
	 * timed-out token is left as it is. 404 "Waitpoint not found".
	 * @param tokenId the token's friendly or internal id
	 * @param data the completion data, or {@code null}
	 * @return the token as it is then
	 */
	public WaitpointSnapshot complete(String tokenId, @Nullable JsonNode data) {
		return this.engine.locked(() -> {
			WaitpointRecord token = require(tokenId);
			if (token.status == WaitpointStatus.WAITING) {
				finish(token, WaitpointStatus.COMPLETED, this.engine.actionTime(),
						(data != null) ? data.deepCopy() : null);
			}
			return snapshot(token);
		});
	}

	/**
	 * Completes a token through its callback URL: the hash must be the token's. 404
	 * "Waitpoint not found"; 401 "Invalid URL, hash doesn't match"; 500 "Failed to
	 * complete HTTP callback" for a 64-character hash that is not hex.
	 * @param tokenId the token's friendly or internal id, from the URL
	 * @param hash the hash from the URL
	 * @param data the completion data, or {@code null}
	 * @return the token as it is then
	 */
	public WaitpointSnapshot completeByCallback(String tokenId, String hash, @Nullable JsonNode data) {
		Objects.requireNonNull(hash, "hash must not be null");
		return this.engine.locked(() -> {
			WaitpointRecord token = require(tokenId);
			String expected = callbackHash(token.internalId);
			if (hash.length() != expected.length()) {
				throw new EngineException(401, "Invalid URL, hash doesn't match");
			}
			byte[] given = nodeHex(hash);
			if (given.length != expected.length() / 2) {
				// Node's timingSafeEqual throws on buffers of different lengths.
				throw new EngineException(500, "Failed to complete HTTP callback");
			}
			if (!MessageDigest.isEqual(given, HexFormat.of().parseHex(expected))) {
				throw new EngineException(401, "Invalid URL, hash doesn't match");
			}
			if (token.status == WaitpointStatus.WAITING) {
				finish(token, WaitpointStatus.COMPLETED, this.engine.actionTime(),
						(data != null) ? data.deepCopy() : null);
			}
			return snapshot(token);
		});
	}

	/**
	 * The hash in a token's callback URL: hex HMAC-SHA256 of its internal id, keyed with
	 * the environment's API key.
	 * @param internalId the token's internal id (without {@code waitpoint_})
	 * @return the hash, 64 lower-case hex digits
	 */
	public String callbackHash(String internalId) {
		Objects.requireNonNull(internalId, "internalId must not be null");
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.signingKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(internalId.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	// ---- package-private, for the engine

	/** Forgets every token, its timeout with it; under the lock. */
	void reset() {
		for (WaitpointRecord token : this.byInternalId.values()) {
			if (token.timer != null) {
				token.timer.cancel();
				token.timer = null;
			}
			token.waiters.clear();
		}
		this.byInternalId.clear();
		this.byKey.clear();
	}

	/** The token an id names, or {@code null}; call under the lock. */
	@Nullable WaitpointRecord record(@Nullable String tokenId) {
		if (tokenId == null) {
			return null;
		}
		String internal = tokenId.startsWith(WaitpointSnapshot.PREFIX)
				? tokenId.substring(WaitpointSnapshot.PREFIX.length()) : tokenId;
		return this.byInternalId.get(internal);
	}

	/** The token as it is now; call under the lock. */
	WaitpointSnapshot snapshot(WaitpointRecord token) {
		return token.snapshot(callbackHash(token.internalId));
	}

	// ---- rules

	private WaitpointRecord require(@Nullable String tokenId) {
		WaitpointRecord token = record(tokenId);
		if (token == null) {
			throw new EngineException(404, "Waitpoint not found");
		}
		return token;
	}

	/** The timeout is due: a token still waiting times out with the server's error. */
	private void timeOut(WaitpointRecord token, Instant at) {
		if (token.status != WaitpointStatus.WAITING || token.timeoutAt == null) {
			return;
		}
		ObjectNode error = JsonNodeFactory.instance.objectNode();
		error.put("code", TIMEOUT_CODE);
		error.put("message", "Waitpoint timed out at " + Times.iso(token.timeoutAt));
		// A timeout already past when the token was made fires at once.
		finish(token, WaitpointStatus.TIMED_OUT, Times.max(at, token.createdAt), error);
	}

	private void finish(WaitpointRecord token, WaitpointStatus status, Instant at, @Nullable JsonNode output) {
		token.status = status;
		token.completedAt = at;
		token.output = output;
		token.outputIsError = status == WaitpointStatus.TIMED_OUT;
		if (token.timer != null) {
			token.timer.cancel();
			token.timer = null;
		}
		for (RunRecord run : token.waiters) {
			this.engine.resumeFromToken(run, token.id, at);
		}
		token.waiters.clear();
	}

	private WaitpointPage page(WaitpointQuery query, Instant now) {
		boolean forward = query.before() == null;
		String cursor = forward ? query.after() : query.before();
		NavigableMap<String, WaitpointRecord> view;
		if (forward) {
			view = ((cursor != null) ? this.byInternalId.headMap(cursor, false) : this.byInternalId).descendingMap();
		}
		else {
			view = this.byInternalId.tailMap(Objects.requireNonNull(cursor), false);
		}
		Filter filter = Filter.of(query, now);
		int size = query.pageSize();
		List<WaitpointRecord> rows = new ArrayList<>();
		for (WaitpointRecord token : view.values()) {
			if (filter.matches(token)) {
				rows.add(token);
				if (rows.size() > size) {
					break;
				}
			}
		}
		boolean hasMore = rows.size() > size;
		String next = null;
		String previous = null;
		List<WaitpointRecord> shown;
		if (forward) {
			previous = (cursor != null && !rows.isEmpty()) ? rows.get(0).internalId : null;
			if (hasMore) {
				next = rows.get(size - 1).internalId;
			}
			shown = rows.subList(0, Math.min(size, rows.size()));
		}
		else {
			java.util.Collections.reverse(rows);
			if (hasMore) {
				previous = rows.get(1).internalId;
				next = rows.get(size).internalId;
				shown = rows.subList(1, size + 1);
			}
			else {
				next = (rows.size() >= size) ? rows.get(size - 1).internalId : null;
				shown = rows;
			}
		}
		return new WaitpointPage(shown.stream().map(this::snapshot).toList(), next, previous);
	}

	/** The list's filters as the server applies them. */
	private record Filter(@Nullable Set<Boolean> waiting, @Nullable Boolean outputIsError,
			@Nullable String idempotencyKey, @Nullable List<String> tags, @Nullable Instant from,
			@Nullable Instant to) {

		static Filter of(WaitpointQuery query, Instant now) {
			Set<WaitpointStatus> statuses = query.statuses();
			Set<Boolean> waiting = null;
			Boolean outputIsError = null;
			if (statuses != null && !statuses.isEmpty()) {
				// The server matches its stored statuses (PENDING, COMPLETED); a
				// timed-out token is a completed one with an error output.
				waiting = new java.util.HashSet<>();
				for (WaitpointStatus status : statuses) {
					waiting.add(status == WaitpointStatus.WAITING);
				}
				if (statuses.size() == 1 && !statuses.contains(WaitpointStatus.WAITING)) {
					outputIsError = statuses.contains(WaitpointStatus.TIMED_OUT);
				}
			}
			Instant from = null;
			if (query.period() != null) {
				from = now.minus(query.period());
			}
			if (query.from() != null && (from == null || query.from().isAfter(from))) {
				from = query.from();
			}
			String key = query.idempotencyKey();
			List<String> tags = query.tags();
			return new Filter(waiting, outputIsError, (key != null && !key.isEmpty()) ? key : null,
					(tags != null && !tags.isEmpty()) ? tags : null, from, query.to());
		}

		boolean matches(WaitpointRecord token) {
			if (this.waiting != null && !this.waiting.contains(token.status == WaitpointStatus.WAITING)) {
				return false;
			}
			if (this.outputIsError != null && this.outputIsError != token.outputIsError) {
				return false;
			}
			if (this.idempotencyKey != null && !this.idempotencyKey.equals(token.idempotencyKey)
					&& !this.idempotencyKey.equals(token.inactiveIdempotencyKey)) {
				return false;
			}
			if (this.tags != null && this.tags.stream().noneMatch(token.tags::contains)) {
				return false;
			}
			if (this.from != null && token.createdAt.isBefore(this.from)) {
				return false;
			}
			return this.to == null || !token.createdAt.isAfter(this.to);
		}

	}

	private static String randomKey() {
		return Nanoids.random(KEY_ALPHABET, 24);
	}

	/**
	 * Hex decoded as Node's {@code Buffer.from(text, "hex")} does: pairs up to the first
	 * one that is not hex.
	 */
	private static byte[] nodeHex(String text) {
		byte[] bytes = new byte[text.length() / 2];
		int count = 0;
		for (int i = 0; i + 1 < text.length(); i += 2) {
			int high = hexDigit(text.charAt(i));
			int low = hexDigit(text.charAt(i + 1));
			if (high < 0 || low < 0) {
				break;
			}
			bytes[count++] = (byte) ((high << 4) | low);
		}
		return java.util.Arrays.copyOf(bytes, count);
	}

	private static int hexDigit(char c) {
		if (c >= '0' && c <= '9') {
			return c - '0';
		}
		if (c >= 'a' && c <= 'f') {
			return c - 'a' + 10;
		}
		if (c >= 'A' && c <= 'F') {
			return c - 'A' + 10;
		}
		return -1;
	}

}
