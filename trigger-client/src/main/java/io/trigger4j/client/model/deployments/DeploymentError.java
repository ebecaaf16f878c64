package io.trigger4j.client.model.deployments;

import org.jspecify.annotations.Nullable;

/**
 * Why a deployment failed ({@code errorData}).
 *
 * @param name the error's name
 * @param message the error message
 * @param stack the stack trace as text
 * @param stderr the build's or indexer's standard error
 */
public record DeploymentError(@Nullable String name, @Nullable String message, @Nullable String stack,
		@Nullable String stderr) {
}
