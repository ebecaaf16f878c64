package io.trigger4j.client.model.tasks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

import io.trigger4j.client.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * An idempotency key as trigger4j sends it, computed as the official TypeScript SDK
 * computes keys outside a task, so that a Java and a TypeScript service triggering with
 * the same business key deduplicate each other: the lowercase hex SHA-256 of the key's
 * parts joined with {@code -} is sent as {@code idempotencyKey}, and the joined text as
 * {@code idempotencyKeyOptions: {key, scope: "run"}} so that the dashboard and a
 * retrieved run show it.
 *
 * <p>
 * Make one with {@link #of(String...)} (what a trigger does with a key given as text) or
 * {@link #fromParts(String...)} (the SDK's {@code idempotencyKeys.create}); give it to
 * {@link TriggerOptions.Builder#idempotencyKey(IdempotencyKey)} or a batch's options.
 * Immutable.
 */
public final class IdempotencyKey {

	/** The length of a hashed key; the SDK passes any key of this length through. */
	public static final int HASH_LENGTH = 64;

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private final String hash;

	private final @Nullable String key;

	/** What keys derived from this one are made of (the SDK's key as given). */
	private final String given;

	private IdempotencyKey(String hash, @Nullable String key, String given) {
		this.hash = hash;
		this.key = key;
		this.given = given;
	}

	/**
	 * The key a trigger sends for a key given as text, as the SDK's trigger does: one
	 * part of exactly 64 characters is taken as already hashed and sent as it is (without
	 * options); anything else is hashed as {@link #fromParts(String...)} does.
	 * @param parts one or more parts, joined with {@code -}
	 * @return the key
	 * @throws IllegalArgumentException if there is no part, or a part is null
	 */
	public static IdempotencyKey of(String... parts) {
		String joined = join(parts);
		if (parts.length == 1 && joined.length() == HASH_LENGTH) {
			return new IdempotencyKey(joined, null, joined);
		}
		return new IdempotencyKey(sha256Hex(joined), joined, joined);
	}

	/**
	 * A new key from its parts, as the SDK's {@code idempotencyKeys.create(parts)} makes
	 * it outside a task: always {@code sha256_hex(parts.join("-"))}, even when the text
	 * is 64 characters long. Keys derived from it (a keyed batch's items) are derived
	 * from the hash, as the SDK derives them from a created key.
	 * @param parts one or more parts, joined with {@code -}
	 * @return the key
	 * @throws IllegalArgumentException if there is no part, or a part is null
	 */
	public static IdempotencyKey fromParts(String... parts) {
		String joined = join(parts);
		String hash = sha256Hex(joined);
		return new IdempotencyKey(hash, joined, hash);
	}

	/**
	 * The key of the item at an index of a batch keyed with this key, as the SDK derives
	 * it for an item without its own key ({@code flattenIdempotencyKey([batchKey,
	 * index])}): the hash of this key as given and the index, sent without options.
	 * @param index the item's index, from 0
	 * @return the item's key
	 */
	public IdempotencyKey item(long index) {
		if (index < 0) {
			throw new IllegalArgumentException("index must not be negative but was " + index);
		}
		return derive(Long.toString(index));
	}

	/**
	 * A key derived from this one and a suffix: the hash of this key as given and the
	 * suffix joined with {@code -}, sent without options.
	 */
	private IdempotencyKey derive(String suffix) {
		String hashed = sha256Hex(this.given + "-" + suffix);
		return new IdempotencyKey(hashed, null, hashed);
	}

	/**
	 * A key derived from this one for a part of a larger whole, such as the second
	 * request of a batch split into several: the hash of this key as given, the name and
	 * the index, sent without options.
	 * @param name what the part is, such as {@code chunk}
	 * @param index the part's index
	 * @return the part's key
	 */
	public IdempotencyKey part(String name, long index) {
		Checks.requireText("name", name);
		return derive(name + "-" + index);
	}

	/**
	 * {@return the value sent as {@code idempotencyKey}: 64 characters}
	 */
	public String hash() {
		return this.hash;
	}

	/**
	 * The user's key text sent as {@code idempotencyKeyOptions.key}, or {@code null} for
	 * a key given as already hashed or derived (sent without options).
	 * @return the key text, or {@code null}
	 */
	public @Nullable String key() {
		return this.key;
	}

	@Override
	public boolean equals(Object other) {
		return this == other || (other instanceof IdempotencyKey that && this.hash.equals(that.hash)
				&& Objects.equals(this.key, that.key) && this.given.equals(that.given));
	}

	@Override
	public int hashCode() {
		return this.hash.hashCode();
	}

	@Override
	public String toString() {
		return "IdempotencyKey[hash=" + this.hash + ((this.key != null) ? ", key=" + this.key : "") + "]";
	}

	private static String join(String[] parts) {
		Objects.requireNonNull(parts, "parts must not be null");
		if (parts.length == 0) {
			throw new IllegalArgumentException("parts must have at least 1 element but had 0");
		}
		for (int i = 0; i < parts.length; i++) {
			Objects.requireNonNull(parts[i], "parts[" + i + "] must not be null");
		}
		return String.join("-", parts);
	}

	/**
	 * Lowercase hex SHA-256 of the text's UTF-8 bytes (the SDK's {@code digestSHA256}).
	 */
	private static String sha256Hex(String text) {
		byte[] digest;
		try {
			digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
		char[] hex = new char[digest.length * 2];
		for (int i = 0; i < digest.length; i++) {
			hex[2 * i] = HEX[(digest[i] >> 4) & 0xf];
			hex[2 * i + 1] = HEX[digest[i] & 0xf];
		}
		return new String(hex);
	}

}
