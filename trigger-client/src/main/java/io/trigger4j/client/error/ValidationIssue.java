package io.trigger4j.client.error;

import java.io.Serializable;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One validation problem the server reported (an entry of {@code details} or
 * {@code issues} in a 400 body).
 *
 * @param code the issue code, such as {@code too_big} or {@code custom}
 * @param message the server's message
 * @param path where in the request the problem is, such as {@code ["page[size]"]}
 * @serial exclude
 */
public record ValidationIssue(@Nullable String code, @Nullable String message,
		@Nullable List<String> path) implements Serializable {

	private static final long serialVersionUID = 1L;

	/**
	 * Copies the path; {@code null} gives an empty list.
	 * @param code the issue code, such as {@code too_big} or {@code custom}
	 * @param message the server's message
	 * @param path where in the request the problem is, such as {@code ["page[size]"]}
	 */
	public ValidationIssue {
		path = (path != null) ? List.copyOf(path) : List.of();
	}

}
