package io.trigger4j.client.model.schedules;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.trigger4j.client.model.ServerEnum;

/**
 * The type of a schedule, as the server wrote it: {@code DECLARATIVE} (declared in code
 * with the {@code cron} of a scheduled task; only the code changes it) or
 * {@code IMPERATIVE} (made in the dashboard or through the API, which can update, delete,
 * activate and deactivate it).
 *
 * <p>
 * The server owns this vocabulary, so a type this version of trigger4j does not know is
 * {@link Known#UNKNOWN}, never a decoding failure; {@link #value()} keeps the raw name.
 */
public final class ScheduleType extends ServerEnum<ScheduleType.Known> {

	/** The types trigger4j knows. */
	public enum Known {

		/** Declared in code; the API cannot change it. */
		DECLARATIVE,
		/** Made in the dashboard or through the API. */
		IMPERATIVE,
		/**
		 * A type this version of trigger4j does not know; see
		 * {@link ScheduleType#value()}.
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

	/** Declared in code. */
	public static final ScheduleType DECLARATIVE = of("DECLARATIVE");

	/** Made in the dashboard or through the API. */
	public static final ScheduleType IMPERATIVE = of("IMPERATIVE");

	private ScheduleType(String value, Known known) {
		super(value, known);
	}

	/**
	 * The type for a raw name such as {@code IMPERATIVE}; never fails, unknown names give
	 * {@link Known#UNKNOWN}.
	 * @param value the raw name
	 * @return the type
	 */
	@JsonCreator
	public static ScheduleType of(String value) {
		Objects.requireNonNull(value, "value must not be null");
		return new ScheduleType(value, BY_NAME.getOrDefault(value, Known.UNKNOWN));
	}

}
