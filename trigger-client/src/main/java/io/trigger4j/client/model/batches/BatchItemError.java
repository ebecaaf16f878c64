package io.trigger4j.client.model.batches;

import io.trigger4j.client.model.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * Why an item of a batch did not become a run.
 *
 * @param index the item's position in the batch, from 0
 * @param taskIdentifier the task the item was for
 * @param error the error: the server sends a message string, the contract an object;
 * {@link #message()} reads either
 * @param errorCode an error code, if the server gave one
 */
public record BatchItemError(@Nullable Integer index, @Nullable String taskIdentifier, @Nullable JsonValue error,
		@Nullable String errorCode) {

	/**
	 * The error's message: the error itself when it is text, its {@code message} when it
	 * is an object that has one, else its JSON; {@code null} without an error.
	 * @return the error's message, or {@code null}
	 */
	public @Nullable String message() {
		if (this.error == null || this.error.isNull()) {
			return null;
		}
		if (this.error.isObject()) {
			Object message = this.error.asMap().get("message");
			return (message != null) ? message.toString() : this.error.toString();
		}
		return this.error.as(String.class);
	}

}
