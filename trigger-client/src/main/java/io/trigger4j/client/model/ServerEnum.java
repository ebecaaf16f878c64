package io.trigger4j.client.model;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A value whose vocabulary the server owns and grows: a run status, a machine preset. It
 * keeps the raw string as the server wrote it ({@link #value()}) and maps it to a
 * constant of {@code K} ({@link #known()}), so a value this version of trigger4j does not
 * know maps to the unknown constant instead of failing to decode, and is written back
 * unchanged. Two values are equal when their raw strings are.
 *
 * @param <K> the constants trigger4j knows, one of them standing for unknown values
 */
public abstract class ServerEnum<K extends Enum<K>> {

	private final String value;

	private final K known;

	/**
	 * Creates a value.
	 * @param value the raw string
	 * @param known the constant it maps to
	 */
	protected ServerEnum(String value, K known) {
		this.value = Objects.requireNonNull(value, "value must not be null");
		this.known = known;
	}

	/**
	 * {@return the value as the server wrote it}
	 */
	@JsonValue
	public String value() {
		return this.value;
	}

	/**
	 * {@return the known constant this maps to, or the one standing for unknown values}
	 */
	public K known() {
		return this.known;
	}

	@Override
	public boolean equals(Object other) {
		return this == other || (other != null && other.getClass() == getClass()
				&& this.value.equals(((ServerEnum<?>) other).value));
	}

	@Override
	public int hashCode() {
		return this.value.hashCode();
	}

	/** The raw string. */
	@Override
	public String toString() {
		return this.value;
	}

}
