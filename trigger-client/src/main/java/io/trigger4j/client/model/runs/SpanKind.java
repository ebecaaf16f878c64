package io.trigger4j.client.model.runs;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.trigger4j.client.model.ServerEnum;

/**
 * The OpenTelemetry kind of a run event ({@code INTERNAL}, {@code SERVER}, {@code LOG},
 * ...), as the server wrote it. A kind this version of trigger4j does not know is
 * {@link Known#UNKNOWN}, never a decoding failure.
 */
public final class SpanKind extends ServerEnum<SpanKind.Known> {

	/** The kinds trigger4j knows. */
	public enum Known {

		/** {@code UNSPECIFIED}. */
		UNSPECIFIED,
		/** {@code INTERNAL}: an operation inside the task. */
		INTERNAL,
		/** {@code SERVER}. */
		SERVER,
		/** {@code CLIENT}. */
		CLIENT,
		/** {@code PRODUCER}. */
		PRODUCER,
		/** {@code CONSUMER}. */
		CONSUMER,
		/** {@code UNRECOGNIZED}: the server's own name for a kind it could not read. */
		UNRECOGNIZED,
		/** {@code LOG}: a log line rather than a span. */
		LOG,
		/**
		 * A kind this version of trigger4j does not know; see {@link SpanKind#value()}.
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

	private SpanKind(String value, Known known) {
		super(value, known);
	}

	/**
	 * The kind for a raw name; never fails, unknown names give {@link Known#UNKNOWN}.
	 * @param value the raw name
	 * @return the kind
	 */
	@JsonCreator
	public static SpanKind of(String value) {
		Objects.requireNonNull(value, "value must not be null");
		return new SpanKind(value, BY_NAME.getOrDefault(value.toUpperCase(Locale.ROOT), Known.UNKNOWN));
	}

}
