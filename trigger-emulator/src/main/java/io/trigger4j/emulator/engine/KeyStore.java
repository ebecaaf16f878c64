package io.trigger4j.emulator.engine;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Keys that point to a resource id until they expire (idempotency keys, request keys,
 * batch keys). Only touched while holding the engine's lock.
 */
final class KeyStore {

	private final Map<String, Entry> entries = new HashMap<>();

	/** The id a live key points to, or {@code null}. */
	@Nullable String live(String key, Instant now) {
		Entry entry = this.entries.get(key);
		if (entry == null) {
			return null;
		}
		if (!now.isBefore(entry.expiresAt())) {
			this.entries.remove(key);
			return null;
		}
		return entry.id();
	}

	/** Points the key to an id until {@code expiresAt} ({@link Times#NEVER} for ever). */
	void put(String key, String id, Instant expiresAt) {
		this.entries.put(key, new Entry(id, expiresAt));
	}

	/**
	 * Forgets a key; the id it pointed to, or {@code null} when it was not held (live or
	 * expired: a run keeps an expired key until a new trigger takes it).
	 */
	@Nullable String remove(String key) {
		Entry removed = this.entries.remove(key);
		return (removed != null) ? removed.id() : null;
	}

	/** Forgets a key if it still points to {@code id}. */
	void removeIf(String key, String id) {
		Entry entry = this.entries.get(key);
		if (entry != null && entry.id().equals(id)) {
			this.entries.remove(key);
		}
	}

	/** Forgets every key. */
	void clear() {
		this.entries.clear();
	}

	int size() {
		return this.entries.size();
	}

	private record Entry(String id, Instant expiresAt) {
	}

}
