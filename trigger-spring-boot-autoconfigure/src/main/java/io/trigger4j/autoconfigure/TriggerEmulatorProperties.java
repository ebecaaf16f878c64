package io.trigger4j.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Dev mode, bound from {@code trigger.emulator.*}: the Trigger.dev emulator started
 * inside the application by {@link TriggerEmulatorAutoConfiguration}.
 *
 * @param enabled Whether to start an in-memory Trigger.dev emulator inside the
 * application and point the client at it, for local development with no account
 * (trigger-emulator must be on the class path). Runs are kept in memory only. Must be set
 * explicitly, and cannot be combined with trigger.secret-key or trigger.access-token.
 * @param port Port of the dev-mode emulator on the loopback interface; 0 picks a free
 * one.
 */
@ConfigurationProperties("trigger.emulator")
public record TriggerEmulatorProperties(@DefaultValue("false") boolean enabled, @DefaultValue("0") int port) {

	/**
	 * Checks the port as it is bound.
	 * @param enabled Whether to start an in-memory Trigger.dev emulator inside the
	 * application and point the client at it, for local development with no account
	 * (trigger-emulator must be on the class path). Runs are kept in memory only. Must be
	 * set explicitly, and cannot be combined with trigger.secret-key or
	 * trigger.access-token.
	 * @param port Port of the dev-mode emulator on the loopback interface; 0 picks a free
	 * one.
	 */
	public TriggerEmulatorProperties {
		if (port < 0 || port > 65535) {
			throw InvalidTriggerPropertyException.of("trigger.emulator",
					new IllegalArgumentException("port must be between 0 and 65535 but was " + port));
		}
	}

}
