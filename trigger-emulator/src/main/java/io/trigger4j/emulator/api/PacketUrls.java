package io.trigger4j.emulator.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

import io.trigger4j.emulator.engine.Engine;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.UriUtils;

/**
 * Presigned URLs of packets on the emulator's packet host (its second port), as an object
 * store signs them: the method, the object's path and an expiry
 * ({@value #LIFETIME_SECONDS} s of emulator time, as {@code v3/objectStore.server.ts})
 * signed with HMAC-SHA256 under a random key of this emulator, never the secret key.
 * Objects live at {@code /packets/<projectRef>/dev/<packet path>}; packet paths are
 * checked as the server checks them ({@code resolveSafePacketRelativePath}).
 */
final class PacketUrls {

	static final long LIFETIME_SECONDS = 300;

	static final String INVALID_PATH = "Invalid packet storage path";

	private static final String PREFIX = "/packets/";

	private final Engine engine;

	private final byte[] key = new byte[32];

	private volatile @Nullable String baseUrl;

	PacketUrls(Engine engine) {
		this.engine = engine;
		new SecureRandom().nextBytes(this.key);
	}

	/** Where the packet host listens, such as {@code http://127.0.0.1:50124}. */
	void baseUrl(String baseUrl) {
		this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl must not be null");
	}

	@Nullable String baseUrl() {
		return this.baseUrl;
	}

	/**
	 * A presigned URL for {@code GET} or {@code PUT} of the packet at a checked path.
	 * @throws IllegalStateException before the packet host was started
	 */
	String presign(String method, String path) {
		String base = this.baseUrl;
		if (base == null) {
			throw new IllegalStateException("The packet host is not started");
		}
		StringBuilder rawPath = new StringBuilder(objectPrefix());
		String[] segments = path.split("/", -1);
		for (int i = 0; i < segments.length; i++) {
			rawPath.append((i > 0) ? "/" : "").append(UriUtils.encodePathSegment(segments[i], StandardCharsets.UTF_8));
		}
		long expires = this.engine.now().getEpochSecond() + LIFETIME_SECONDS;
		return base + rawPath + "?X-Trigger-Expires=" + expires + "&X-Trigger-Signature="
				+ signature(method, rawPath.toString(), expires);
	}

	/** How a presigned request fares. */
	enum Verdict {

		VALID, EXPIRED, BAD_SIGNATURE

	}

	/**
	 * Whether a request to the packet host carries a valid signature for its method and
	 * raw path, not expired in emulator time; the signature is compared in constant time.
	 */
	Verdict verify(String method, String rawPath, @Nullable String expires, @Nullable String signature) {
		if (expires == null || signature == null || !expires.matches("\\d{1,12}")) {
			return Verdict.BAD_SIGNATURE;
		}
		long expiresAt = Long.parseLong(expires);
		byte[] expected = signature(method, rawPath, expiresAt).getBytes(StandardCharsets.US_ASCII);
		if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
			return Verdict.BAD_SIGNATURE;
		}
		return (this.engine.now().getEpochSecond() >= expiresAt) ? Verdict.EXPIRED : Verdict.VALID;
	}

	/**
	 * The packet path of a signed raw object path, or {@code null} when it is not under
	 * the emulator's prefix.
	 */
	@Nullable String packetPath(String rawPath) {
		String prefix = objectPrefix();
		if (!rawPath.startsWith(prefix)) {
			return null;
		}
		return UriUtils.decode(rawPath.substring(prefix.length()), StandardCharsets.UTF_8);
	}

	private String objectPrefix() {
		return PREFIX + this.engine.envVars().projectRef() + "/dev/";
	}

	private String signature(String method, String rawPath, long expires) {
		byte[] input = (method + "\n" + rawPath + "\n" + expires).getBytes(StandardCharsets.UTF_8);
		return HexFormat.of().formatHex(JwtTokens.hmac(this.key, input));
	}

	/**
	 * A packet path checked as the server checks it: not empty, no backslash, no leading
	 * {@code /}, no empty, {@code .} or {@code ..} segment, also once percent-decoded,
	 * nor one that decodes to a {@code /}; 400 "Invalid packet storage path" otherwise.
	 */
	static String safePath(@Nullable String path) {
		if (path == null || path.isEmpty() || path.contains("\\") || path.startsWith("/")) {
			throw ApiError.of(400, INVALID_PATH);
		}
		for (String segment : List.of(path.split("/", -1))) {
			if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
				throw ApiError.of(400, INVALID_PATH);
			}
			if (segment.contains("%")) {
				String decoded;
				try {
					decoded = UriUtils.decode(segment, StandardCharsets.UTF_8);
				}
				catch (IllegalArgumentException ex) {
					throw ApiError.of(400, INVALID_PATH);
				}
				if (decoded.equals(".") || decoded.equals("..") || decoded.contains("/")) {
					throw ApiError.of(400, INVALID_PATH);
				}
			}
		}
		return path;
	}

	/** How long a presigned URL lives. */
	static Duration lifetime() {
		return Duration.ofSeconds(LIFETIME_SECONDS);
	}

}
