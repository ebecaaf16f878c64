package io.trigger4j.client.model.auth;

/**
 * What a public access token's scope grants access to: the {@code resource} part of a
 * scope {@code action:resource[:id]}.
 */
public enum ScopeResource {

	/** Runs, by run id ({@code run_...}). */
	RUNS("runs"),

	/** Tasks, by task identifier. */
	TASKS("tasks"),

	/** Runs carrying a tag, by tag. */
	TAGS("tags"),

	/** Batches, by batch id ({@code batch_...}). */
	BATCH("batch"),

	/** Waitpoint tokens, by token id ({@code waitpoint_...}). */
	WAITPOINTS("waitpoints"),

	/** Input streams of runs. */
	INPUT_STREAMS("inputStreams"),

	/** Sessions. */
	SESSIONS("sessions");

	private final String value;

	ScopeResource(String value) {
		this.value = value;
	}

	/**
	 * {@return the name in a scope, such as {@code runs}}
	 */
	public String value() {
		return this.value;
	}

}
