package io.trigger4j.client.model.deployments;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.trigger4j.client.model.ServerEnum;

/**
 * The status of a deployment, as the server wrote it. A status this version of trigger4j
 * does not know is {@link Known#UNKNOWN}, never a decoding failure.
 */
public final class DeploymentStatus extends ServerEnum<DeploymentStatus.Known> {

	/** The statuses trigger4j knows. */
	public enum Known {

		/** Created, not yet building. */
		PENDING(false),
		/** Installing dependencies. */
		INSTALLING(false),
		/** Building the image. */
		BUILDING(false),
		/** Indexing and rolling out the built image. */
		DEPLOYING(false),
		/** Deployed: its version can run, and can be promoted. */
		DEPLOYED(true),
		/** Failed; see {@code errorData}. */
		FAILED(true),
		/** Canceled. */
		CANCELED(true),
		/** Took too long and was stopped. */
		TIMED_OUT(true),
		/**
		 * A status this version of trigger4j does not know; see
		 * {@link DeploymentStatus#value()}.
		 */
		UNKNOWN(false);

		private final boolean terminal;

		Known(boolean terminal) {
			this.terminal = terminal;
		}

	}

	private static final Map<String, Known> BY_NAME = new HashMap<>();

	static {
		for (Known known : Known.values()) {
			if (known != Known.UNKNOWN) {
				BY_NAME.put(known.name(), known);
			}
		}
	}

	/** Deployed. */
	public static final DeploymentStatus DEPLOYED = of("DEPLOYED");

	/** Failed. */
	public static final DeploymentStatus FAILED = of("FAILED");

	private DeploymentStatus(String value, Known known) {
		super(value, known);
	}

	/**
	 * The status for a raw name such as {@code DEPLOYED}; never fails, unknown names give
	 * {@link Known#UNKNOWN}.
	 * @param value the raw name
	 * @return the status
	 */
	@JsonCreator
	public static DeploymentStatus of(String value) {
		Objects.requireNonNull(value, "value must not be null");
		return new DeploymentStatus(value, BY_NAME.getOrDefault(value.toUpperCase(Locale.ROOT), Known.UNKNOWN));
	}

	/**
	 * Whether the deployment has finished building and deploying: DEPLOYED, FAILED,
	 * CANCELED or TIMED_OUT.
	 * @return whether the deployment has finished
	 */
	public boolean isTerminal() {
		return known().terminal;
	}

}
