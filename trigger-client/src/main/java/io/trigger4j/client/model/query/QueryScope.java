package io.trigger4j.client.model.query;

/**
 * Which runs a query reads ({@code scope} of {@code POST /api/v1/query}). The server
 * refuses a scope wider than the credential allows (403).
 */
public enum QueryScope {

	/** The runs of the credential's environment (the default). */
	ENVIRONMENT("environment"),

	/** The runs of every environment of the credential's project. */
	PROJECT("project"),

	/** The runs of every project of the credential's organization. */
	ORGANIZATION("organization");

	private final String value;

	QueryScope(String value) {
		this.value = value;
	}

	/**
	 * {@return the name the API uses, such as {@code environment}}
	 */
	public String value() {
		return this.value;
	}

}
