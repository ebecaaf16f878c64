package io.trigger4j.client.model.deployments;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The deployment a promotion made current ({@code POST
 * /api/v1/deployments/{version}/promote}).
 *
 * @param id the deployment id ({@code deployment_...})
 * @param version the deployment's version, now current
 * @param shortCode the deployment's short code
 */
public record PromotedDeployment(@JsonProperty(required = true) String id, @Nullable String version,
		@Nullable String shortCode) {

	/**
	 * Checks that the id is present.
	 * @param id the deployment id ({@code deployment_...})
	 * @param version the deployment's version, now current
	 * @param shortCode the deployment's short code
	 */
	public PromotedDeployment {
		Objects.requireNonNull(id, "id must not be null");
	}

}
