package io.trigger4j.client.model.batches;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.trigger4j.client.model.ServerEnum;

/**
 * The status of a batch, as the server wrote it.
 *
 * <p>
 * The server owns this vocabulary, so a status this version of trigger4j does not know is
 * {@link Known#UNKNOWN}, never a decoding failure; {@link #value()} keeps the raw name.
 */
public final class BatchStatus extends ServerEnum<BatchStatus.Known> {

	/** The statuses trigger4j knows. */
	public enum Known {

		/** Created; its runs are not all finished. */
		PENDING,
		/** Its items are being turned into runs (batches created in two phases). */
		PROCESSING,
		/** Every item became a run, and the runs finished. */
		COMPLETED,
		/** Some items could not become runs; see {@link Batch#errors()}. */
		PARTIAL_FAILED,
		/** Processing was aborted. */
		ABORTED,
		/**
		 * A status this version of trigger4j does not know; see
		 * {@link BatchStatus#value()}.
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

	/** Created; its runs are not all finished. */
	public static final BatchStatus PENDING = of("PENDING");

	/** Its items are being turned into runs (batches created in two phases). */
	public static final BatchStatus PROCESSING = of("PROCESSING");

	/** Every item became a run, and the runs finished. */
	public static final BatchStatus COMPLETED = of("COMPLETED");

	/** Some items could not become runs; see {@link Batch#errors()}. */
	public static final BatchStatus PARTIAL_FAILED = of("PARTIAL_FAILED");

	/** Processing was aborted. */
	public static final BatchStatus ABORTED = of("ABORTED");

	private BatchStatus(String value, Known known) {
		super(value, known);
	}

	/**
	 * The status for a raw name such as {@code COMPLETED}; never fails, unknown names
	 * give {@link Known#UNKNOWN}.
	 * @param value the raw name
	 * @return the status
	 */
	@JsonCreator
	public static BatchStatus of(String value) {
		Objects.requireNonNull(value, "value must not be null");
		return new BatchStatus(value, BY_NAME.getOrDefault(value, Known.UNKNOWN));
	}

}
