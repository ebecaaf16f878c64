package io.trigger4j.client.model.runs;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.trigger4j.client.model.ServerEnum;

/**
 * The level of a span or run event ({@code TRACE}, {@code DEBUG}, {@code LOG},
 * {@code INFO}, {@code WARN}, {@code ERROR}), as the server wrote it. A level this
 * version of trigger4j does not know is {@link Known#UNKNOWN}, never a decoding failure.
 */
public final class SpanLevel extends ServerEnum<SpanLevel.Known> {

	/** The levels trigger4j knows. */
	public enum Known {

		/** {@code TRACE}. */
		TRACE,
		/** {@code DEBUG}. */
		DEBUG,
		/** {@code LOG}. */
		LOG,
		/** {@code INFO}. */
		INFO,
		/** {@code WARN}. */
		WARN,
		/** {@code ERROR}. */
		ERROR,
		/**
		 * A level this version of trigger4j does not know; see {@link SpanLevel#value()}.
		 */
		UNKNOWN

	}

	private static final Map<String, Known> BY_NAME = new HashMap<>();

	static {
		for (Known known : Known.values()) {
			if (known != Known.UNKNOWN) {
				BY_NAME.put(known.name(), known);
			}
		}
	}

	private SpanLevel(String value, Known known) {
		super(value, known);
	}

	/**
	 * The level for a raw name; never fails, unknown names give {@link Known#UNKNOWN}.
	 * @param value the raw name
	 * @return the level
	 */
	@JsonCreator
	public static SpanLevel of(String value) {
		Objects.requireNonNull(value, "value must not be null");
		return new SpanLevel(value, BY_NAME.getOrDefault(value.toUpperCase(Locale.ROOT), Known.UNKNOWN));
	}

}
