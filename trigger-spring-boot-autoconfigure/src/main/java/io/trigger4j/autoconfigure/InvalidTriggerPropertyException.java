package io.trigger4j.autoconfigure;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * A {@code trigger.*} property, or a value of a {@link TriggerConnectionDetails} bean,
 * holds a value trigger4j cannot use: out of range, not a Trigger.dev key, an unresolved
 * placeholder, or a preview key without a branch. Thrown while the properties are bound
 * or the client is created, so that start-up fails with a failure analysis naming the
 * property, its value (only the prefix of a secret) and where it was set. The message
 * never holds a secret.
 */
public class InvalidTriggerPropertyException extends IllegalArgumentException {

	/** Version of the serialised form. */
	private static final long serialVersionUID = 1L;

	/** The property, such as {@code trigger.retry.jitter}. */
	private final String property;

	/** Why the value is refused. */
	private final String reason;

	/** What to do about it. */
	private final String action;

	/** Whether the value is a secret, never shown. */
	private final boolean secret;

	/** The bean that supplied the value, or {@code null} for a property. */
	private final @Nullable String suppliedBy;

	InvalidTriggerPropertyException(String property, String reason, String action, boolean secret,
			@Nullable String suppliedBy) {
		super("Invalid value for " + property + ((suppliedBy != null) ? " (supplied by " + suppliedBy + ")" : "") + ": "
				+ reason);
		this.property = property;
		this.reason = reason;
		this.action = action;
		this.secret = secret;
		this.suppliedBy = suppliedBy;
	}

	/**
	 * An invalid value of a property that is not secret, found by one of the client's
	 * checks, whose message starts with the name of the argument checked
	 * ({@code jitter must be between 0 and 1 but was 2.0}).
	 * @param prefix the prefix of the properties checked, such as {@code trigger.retry}
	 * @param failure what the check threw
	 * @return the exception naming the property
	 */
	static InvalidTriggerPropertyException of(String prefix, IllegalArgumentException failure) {
		String message = String.valueOf(failure.getMessage());
		int space = message.indexOf(' ');
		String argument = (space > 0) ? message.substring(0, space) : message;
		String property = prefix + "." + kebabCase(argument);
		return new InvalidTriggerPropertyException(property, message,
				"Update the value of '" + property + "' where it is set (see Origin above).", false, null);
	}

	static String kebabCase(String camelCase) {
		StringBuilder kebab = new StringBuilder(camelCase.length() + 4);
		for (char c : camelCase.toCharArray()) {
			if (Character.isUpperCase(c)) {
				kebab.append('-').append(Character.toLowerCase(c));
			}
			else {
				kebab.append(c);
			}
		}
		return kebab.toString().toLowerCase(Locale.ROOT);
	}

	/**
	 * The property, such as {@code trigger.retry.jitter} or {@code trigger.secret-key}.
	 * @return the name of the property
	 */
	public String getProperty() {
		return this.property;
	}

	/**
	 * Why the value cannot be used.
	 * @return the reason, without the value of a secret
	 */
	public String getReason() {
		return this.reason;
	}

	/**
	 * What to do about it.
	 * @return the action to take
	 */
	public String getAction() {
		return this.action;
	}

	/**
	 * Whether the value is a secret, of which only the prefix may be shown.
	 * @return {@code true} for a secret key or an access token
	 */
	public boolean isSecret() {
		return this.secret;
	}

	/**
	 * The bean that supplied the value, when it did not come from the property.
	 * @return a description of the bean, or {@code null} when the value is the property's
	 */
	public @Nullable String getSuppliedBy() {
		return this.suppliedBy;
	}

}
