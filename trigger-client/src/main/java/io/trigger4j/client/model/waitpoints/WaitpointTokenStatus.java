package io.trigger4j.client.model.waitpoints;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.trigger4j.client.model.ServerEnum;

/**
 * The status of a waitpoint token, as the server wrote it: {@code WAITING} (not completed
 * yet), {@code COMPLETED} (completed with data) or {@code TIMED_OUT} (its timeout passed
 * first).
 *
 * <p>
 * The server owns this vocabulary, so a status this version of trigger4j does not know is
 * {@link Known#UNKNOWN}, never a decoding failure; {@link #value()} keeps the raw name.
 */
public final class WaitpointTokenStatus extends ServerEnum<WaitpointTokenStatus.Known> {

	/** The statuses trigger4j knows. */
	public enum Known {

		/** Not completed yet: a run waiting on it stays waiting. */
		WAITING,
		/** Completed, with the data it was completed with. */
		COMPLETED,
		/** Its timeout passed before it was completed. */
		TIMED_OUT,
		/**
		 * A status this version of trigger4j does not know; see
		 * {@link WaitpointTokenStatus#value()}.
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

	/** Not completed yet. */
	public static final WaitpointTokenStatus WAITING = of("WAITING");

	/** Completed with data. */
	public static final WaitpointTokenStatus COMPLETED = of("COMPLETED");

	/** Timed out before it was completed. */
	public static final WaitpointTokenStatus TIMED_OUT = of("TIMED_OUT");

	private WaitpointTokenStatus(String value, Known known) {
		super(value, known);
	}

	/**
	 * The status for a raw name such as {@code WAITING}; never fails, unknown names give
	 * {@link Known#UNKNOWN}.
	 * @param value the raw name
	 * @return the status
	 */
	@JsonCreator
	public static WaitpointTokenStatus of(String value) {
		Objects.requireNonNull(value, "value must not be null");
		return new WaitpointTokenStatus(value, BY_NAME.getOrDefault(value, Known.UNKNOWN));
	}

}
