package io.trigger4j.client.model.deployments;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.trigger4j.client.model.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * A deployment of the environment's tasks, as returned by retrieve ({@code GET
 * /api/v1/deployments/{deploymentId}}) and latest
 * ({@code GET /api/v1/deployments/latest}). Latest leaves out the fields only retrieve
 * returns ({@code imagePlatform}, {@code externalBuildData}, {@code worker}): those are
 * {@code null} there.
 *
 * @param id the deployment id ({@code deployment_...})
 * @param status the deployment's status
 * @param contentHash the hash of the deployed content
 * @param shortCode the deployment's short code
 * @param version the deployment's version, such as {@code 20260820.3}
 * @param imageReference the image the deployment built
 * @param imagePlatform the image's platform, such as {@code linux/amd64}
 * @param externalBuildData the external build's data, if it was built elsewhere
 * @param errorData why the deployment failed
 * @param worker the worker the deployment built, with its tasks (retrieve only)
 */
public record Deployment(@JsonProperty(required = true) String id, DeploymentStatus status,
		@Nullable String contentHash, @Nullable String shortCode, @Nullable String version,
		@Nullable String imageReference, @Nullable String imagePlatform, @Nullable JsonValue externalBuildData,
		@Nullable DeploymentError errorData, @Nullable DeploymentWorker worker) {

	/**
	 * Checks that the id is present; a missing status gives {@code UNKNOWN}.
	 * @param id the deployment id ({@code deployment_...})
	 * @param status the deployment's status
	 * @param contentHash the hash of the deployed content
	 * @param shortCode the deployment's short code
	 * @param version the deployment's version, such as {@code 20260820.3}
	 * @param imageReference the image the deployment built
	 * @param imagePlatform the image's platform, such as {@code linux/amd64}
	 * @param externalBuildData the external build's data, if it was built elsewhere
	 * @param errorData why the deployment failed
	 * @param worker the worker the deployment built, with its tasks (retrieve only)
	 */
	public Deployment {
		Objects.requireNonNull(id, "id must not be null");
		status = (status != null) ? status : DeploymentStatus.of("UNKNOWN");
	}

}
