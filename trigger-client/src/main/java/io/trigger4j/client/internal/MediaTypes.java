package io.trigger4j.client.internal;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The media types the server writes in its {@code *Type} fields (such as a waitpoint
 * token's {@code outputType}), compared by type and subtype only.
 *
 * <p>
 * Internal to trigger4j: not API, and it may change in any release.
 */
public final class MediaTypes {

	/** Plain JSON. */
	public static final String JSON = "application/json";

	/**
	 * The TypeScript SDK's superjson serialisation: the JSON is its {@code json} part.
	 */
	public static final String SUPER_JSON = "application/super+json";

	/** Data the server stored apart; the field holds its storage path. */
	public static final String STORE = "application/store";

	private MediaTypes() {
	}

	/**
	 * A media type's type and subtype, lower-case, without parameters: {@code
	 * Application/JSON; charset=utf-8} gives {@code application/json}.
	 * @param mediaType the media type
	 * @return the type and subtype
	 */
	public static String essence(String mediaType) {
		int parameters = mediaType.indexOf(';');
		String essence = (parameters >= 0) ? mediaType.substring(0, parameters) : mediaType;
		return essence.strip().toLowerCase(Locale.ROOT);
	}

	/**
	 * {@return whether a media type, if any, is {@link #STORE}}
	 * @param mediaType the media type, if any
	 */
	public static boolean isStore(@Nullable String mediaType) {
		return mediaType != null && STORE.equals(essence(mediaType));
	}

}
