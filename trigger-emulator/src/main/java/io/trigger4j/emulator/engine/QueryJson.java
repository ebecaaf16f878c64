package io.trigger4j.emulator.engine;

import java.util.Objects;

/**
 * A JSON value of a query's result (the {@code output} and {@code error} columns), as
 * text; the api layer writes it as JSON.
 *
 * @param text the JSON text
 */
public record QueryJson(String text) {

	/**
	 * Checks that the text is present.
	 * @param text the JSON text
	 */
	public QueryJson {
		Objects.requireNonNull(text, "text must not be null");
	}

}
