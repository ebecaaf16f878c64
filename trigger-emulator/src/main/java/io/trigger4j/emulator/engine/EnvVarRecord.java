package io.trigger4j.emulator.engine;

/**
 * An environment variable as the API shows it.
 *
 * @param name the variable's name
 * @param value its value, {@value EnvVars#REDACTED} for a secret
 * @param secret whether it is a secret
 */
public record EnvVarRecord(String name, String value, boolean secret) {
}
